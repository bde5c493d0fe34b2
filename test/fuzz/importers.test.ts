import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Readable } from 'node:stream'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ImportFailedError,
  importLicenceRows,
} from '../../src/capabilities/licensing/interchange/import-licences.ts'
import { readLicenceCsv } from '../../src/capabilities/licensing/interchange/read-licence-file.ts'
import {
  ensureUkAuthority,
  readUkCaatLicences,
} from '../../src/capabilities/licensing/interchange/uk-caat-mapping.ts'
import {
  type ListFormat,
  ListFormatError,
  parseListFiles,
} from '../../src/capabilities/watchlists/formats/index.ts'
import { importList } from '../../src/capabilities/watchlists/import-list.ts'
import { systemClock } from '../../src/platform/clock.ts'
import { ConflictError } from '../../src/platform/http/errors.ts'
import { TEST_SOURCE_SHA256, testDecisionLog } from '../factories.ts'
import { csvRow, csvText } from '../licence-csv-fixtures.ts'
import { REQUIRE_SHARED_DATA, SHARED_DATA, useTestDatabase } from '../test-database.ts'
import { changedTables, fingerprint } from './fingerprint.ts'
import { type Mutation, mutate, mutationsArbitrary } from './mutate.ts'
import { fuzzSettings } from './verdict.ts'

/**
 * Issue 18, measured robustness: the importers with mutated real files (a slice of each list
 * in ../shared/data, read from there, never copied). Each case ends in success or in the
 * importer's own error naming the file and place; never another exception type, never a hang,
 * and a failed licence import leaves every table as it was.
 */
const { seed, runs } = fuzzSettings(25)
const SANCTIONS = `${SHARED_DATA}sanctions/`
const FORMATS_DIR = new URL('../../src/capabilities/watchlists/formats/fixtures/', import.meta.url)
  .pathname

/** The first `lines` lines of a file, whole lines only. */
function head(path: string, lines: number): Buffer {
  const text = readFileSync(path)
  let end = 0
  for (let i = 0; i < lines && end !== -1; i++) end = text.indexOf(10, end + 1)
  return end === -1 ? text : text.subarray(0, end + 1)
}

/** The UN list cut after its first few records of each kind, closed as the real file is. */
function unSlice(path: string): Buffer {
  const xml = readFileSync(path, 'utf8')
  const cut = (tag: string, n: number) => {
    let end = 0
    for (let i = 0; i < n; i++) end = xml.indexOf(`</${tag}>`, end) + tag.length + 3
    return end
  }
  const individuals = xml.slice(0, cut('INDIVIDUAL', 4))
  const entitiesStart = xml.indexOf('<ENTITIES>')
  const entities = xml.slice(
    entitiesStart,
    cut('ENTITY', xml.slice(0, entitiesStart).split('</ENTITY>').length + 2),
  )
  return Buffer.from(
    `${individuals}\n  </INDIVIDUALS>\n  ${entities}\n  </ENTITIES>\n</CONSOLIDATED_LIST>\n`,
  )
}

/**
 * An OFAC set cut to its first 40 primary records, with the address, alias and comment lines of
 * those records only (one-line records: a quoted line break would be cut in half).
 */
function ofacSlice(folder: string, names: string[]): { name: string; content: Buffer }[] {
  const [primary, ...others] = names
  const prim = head(`${folder}${primary}`, 40)
  const ids = new Set(
    prim
      .toString('latin1')
      .split('\n')
      .map((line) => line.split(',')[0]),
  )
  return [
    { name: primary ?? '', content: prim },
    ...others.map((name) => {
      const lines = readFileSync(`${folder}${name}`, 'latin1')
        .split('\n')
        .filter((line) => ids.has(line.split(',')[0]) && (line.split('"').length - 1) % 2 === 0)
      return { name, content: Buffer.from(lines.map((l) => `${l}\n`).join(''), 'latin1') }
    }),
  ].filter((file) => file.content.length > 0)
}

type ListCase = {
  format: ListFormat
  flavour: 'xml' | 'json' | 'csv'
  /** The files of one list; the first is the one mutated. */
  files: () => { name: string; content: Buffer }[]
}

const LIST_CASES: ListCase[] = [
  {
    format: 'un-xml',
    flavour: 'xml',
    files: () => [
      { name: 'un.xml', content: unSlice(`${SANCTIONS}un/un_sc_consolidated_2026-02-27.xml`) },
    ],
  },
  {
    format: 'ofac-sdn',
    flavour: 'csv',
    files: () =>
      ofacSlice(`${SANCTIONS}ofac-sdn-2021-07/`, [
        'sdn.csv',
        'add.csv',
        'alt.csv',
        'sdn_comments.partial.csv',
      ]),
  },
  {
    format: 'ofac-cons',
    flavour: 'csv',
    files: () =>
      ofacSlice(`${SANCTIONS}ofac-consolidated-2025-12/`, [
        'cons_prim.csv',
        'cons_add.csv',
        'cons_alt.csv',
        'cons_comments.csv',
      ]),
  },
  {
    format: 'bis-dpl',
    flavour: 'csv',
    files: () => [
      {
        name: 'dpl.txt',
        content: head(`${SANCTIONS}us-bis/bis_denied_persons_list_2022-09.txt`, 40),
      },
    ],
  },
  {
    format: 'csl',
    flavour: 'csv',
    files: () => [
      {
        name: 'csl.csv',
        content: head(`${SANCTIONS}us-bis/us_consolidated_screening_list_sample_2019.csv`, 30),
      },
    ],
  },
  {
    format: 'ftm',
    flavour: 'json',
    files: () => [
      {
        name: 'entities.ftm.json',
        content: head(`${SANCTIONS}opensanctions/eu_fsf_sample.entities.ftm.json`, 8),
      },
    ],
  },
  {
    format: 'ftm',
    flavour: 'json',
    files: () => [
      {
        name: 'delta.json',
        content: head(
          `${SANCTIONS}opensanctions/sanctions_20240527194702-wnk.entities.delta.json`,
          8,
        ),
      },
    ],
  },
  {
    format: 'eu-fsf',
    flavour: 'xml',
    // The EU list is not in ../shared/data; its committed fixture stands in.
    files: () => [{ name: 'eu-fsf.xml', content: readFileSync(`${FORMATS_DIR}eu-fsf-sample.xml`) }],
  },
]

const haveData = existsSync(SANCTIONS)
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glasshouse-fuzz-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Fails a case that takes longer than any real slice could: a hang, or quadratic work. */
async function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Writes a list case's files to a new folder, the first one mutated; returns their paths. */
function listWriter(listCase: ListCase) {
  const files = listCase.files()
  return async (mutations: Mutation[]) => {
    const sub = await mkdtemp(join(dir, 'list-'))
    return Promise.all(
      files.map(async (file, i) => {
        const path = join(sub, file.name)
        await writeFile(
          path,
          i === 0 ? mutate(file.content, mutations, listCase.flavour) : file.content,
        )
        return path
      }),
    )
  }
}

describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)(
  'fuzzing the watchlist importers with mutated real files',
  () => {
    it('has the real list files', () => {
      expect(haveData, `REQUIRE_SHARED_DATA=1 but ${SANCTIONS} is missing`).toBe(true)
    })

    it.each(
      LIST_CASES.map((c, index) => [`${c.format} (${c.files()[0]?.name})`, c, index] as const),
    )('%s: parses or says where it cannot', async (_name, listCase, index) => {
      const write = listWriter(listCase)
      // The slice as cut parses: the mutations, not the slicing, are what is being tried.
      const clean = await parseListFiles(listCase.format, await write([]))
      expect(clean.entities.length).toBeGreaterThan(0)
      await fc.assert(
        fc.asyncProperty(mutationsArbitrary, async (mutations) => {
          const paths = await write(mutations)
          try {
            const parsed = await withinSeconds(10, parseListFiles(listCase.format, paths))
            // Stored as text in PostgreSQL, which refuses NUL: a NUL that gets through is a crash later.
            if (JSON.stringify(parsed.entities).includes('\\u0000'))
              throw new Error('a NUL character got into the parsed list')
          } catch (error) {
            if (!(error instanceof ListFormatError)) throw error
            const named = paths
              .map((p) => basename(p))
              .some((name) => error.message.startsWith(name))
            if (!named) throw new Error(`the error does not name the file: ${error.message}`)
          }
        }),
        { seed: seed + 2000 + index, numRuns: runs, endOnFailure: true },
      )
    })

    // Whole imports too: parsed, then stored as the version in force. A file refused at any step
    // (its format, or an entity id twice) changes nothing in the database.
    const database = useTestDatabase()
    it.each(
      LIST_CASES.map((c, index) => [`${c.format} (${c.files()[0]?.name})`, c, index] as const),
    )('%s: imports whole or changes nothing', async (_name, listCase, index) => {
      const write = listWriter(listCase)
      const importFiles = (paths: string[]) =>
        importList(database.db, systemClock, {
          format: listCase.format,
          paths,
          actor: 'fuzz',
          allowOlder: true,
        })
      await importFiles(await write([]))
      await fc.assert(
        fc.asyncProperty(mutationsArbitrary, async (mutations) => {
          const paths = await write(mutations)
          const before = await fingerprint(database.db)
          try {
            await withinSeconds(20, importFiles(paths))
          } catch (error) {
            if (!(error instanceof ListFormatError || error instanceof ConflictError)) throw error
            const changed = changedTables(before, await fingerprint(database.db))
            if (changed.length > 0)
              throw new Error(`a refused list import wrote to ${changed.join(', ')}`)
          }
        }),
        { seed: seed + 4000 + index, numRuns: Math.ceil(runs / 2), endOnFailure: true },
      )
    })
  },
)

const CAAT = `${SHARED_DATA}export-licences/caat-uk-2008-2014/`

/**
 * The first lines of CAAT's UK values.csv with its licence groups renumbered from `offset`, so
 * that every case imports references of its own; the criteria and ratings files beside it whole.
 */
async function caatSlice(offset: number): Promise<string> {
  const sub = await mkdtemp(join(dir, 'caat-'))
  for (const name of ['refusal-criteria.csv', 'ratings.csv'])
    await writeFile(join(sub, name), readFileSync(`${CAAT}${name}`))
  const lines = head(`${CAAT}values.csv`, 60).toString('utf8').split('\n')
  const renumbered = lines.map((line, i) => {
    if (i === 0 || line === '') return line
    const comma = line.indexOf(',')
    return `${Number(line.slice(0, comma)) + offset}${line.slice(comma)}`
  })
  await writeFile(join(sub, 'values.csv'), renumbered.join('\n'))
  return join(sub, 'values.csv')
}

describe.skipIf(!existsSync(CAAT) && !REQUIRE_SHARED_DATA)(
  'fuzzing the UK CAAT importer with mutated slices of the real values.csv',
  () => {
    const database = useTestDatabase()

    it('imports or refuses whole, naming the line', async () => {
      expect(existsSync(CAAT), `${CAAT} is missing`).toBe(true)
      await ensureUkAuthority(database.db)
      let offset = 10_000_000
      const importValues = (path: string) =>
        importLicenceRows(database.db, readUkCaatLicences(path), {
          log: testDecisionLog(),
          sourceSha256: TEST_SOURCE_SHA256,
          actor: 'fuzz',
        })
      const clean = await importValues(await caatSlice(offset))
      expect(clean.applications).toBeGreaterThan(10)
      await fc.assert(
        fc.asyncProperty(mutationsArbitrary, async (mutations) => {
          offset += 1_000
          const path = await caatSlice(offset)
          // The lines under the header are mutated: a broken header is refused before any
          // line is read, which the other importers' cases already try.
          const text = readFileSync(path)
          const body = text.indexOf(10) + 1
          await writeFile(
            path,
            Buffer.concat([text.subarray(0, body), mutate(text.subarray(body), mutations, 'csv')]),
          )
          const before = await fingerprint(database.db)
          try {
            await withinSeconds(10, importValues(path))
          } catch (error) {
            if (!(error instanceof ImportFailedError)) throw error
            // Each issue names its line, and quotes a value only in part.
            const long = error.importIssues.find((issue) => issue.message.length > 500)
            if (long) throw new Error(`an issue quotes too much: ${long.message.slice(0, 200)}…`)
            if (!error.importIssues.every((issue) => /^values\.csv line \d+/.test(issue.location)))
              throw new Error(
                `an issue does not name its line: ${JSON.stringify(error.importIssues[0])}`,
              )
            const changed = changedTables(before, await fingerprint(database.db))
            if (changed.length > 0)
              throw new Error(`a failed import wrote to ${changed.join(', ')}`)
          }
        }),
        { seed: seed + 5000, numRuns: runs, endOnFailure: true },
      )
    })
  },
)

describe('fuzzing the licence CSV importer with mutated files', () => {
  const database = useTestDatabase()

  it('imports or refuses whole, naming the line', async () => {
    const file = () => {
      const reference = `FZ-${randomBytes(4).toString('hex')}`
      const other = `FZ-${randomBytes(4).toString('hex')}`
      return Buffer.from(
        csvText([
          csvRow({ reference }),
          csvRow({ reference, control_entry: '5D001.e', value: '10.50' }),
          ...[1, 2].map((n) =>
            csvRow({
              reference: other,
              decision: 'refused',
              decision_reasons: 'CP2',
              intended_use: 'Lawful interception, "quoted", and more',
              item_description: `Item ${n}\twith a tab`,
            }),
          ),
        ]),
      )
    }
    const importCsv = (content: Buffer) =>
      importLicenceRows(database.db, readLicenceCsv(Readable.from([content])), {
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
        actor: 'fuzz',
      })
    await importCsv(file()) // the unmutated file imports
    await fc.assert(
      fc.asyncProperty(mutationsArbitrary, async (mutations) => {
        const before = await fingerprint(database.db)
        try {
          await withinSeconds(10, importCsv(mutate(file(), mutations, 'csv')))
        } catch (error) {
          if (!(error instanceof ImportFailedError)) throw error
          const changed = changedTables(before, await fingerprint(database.db))
          if (changed.length > 0) throw new Error(`a failed import wrote to ${changed.join(', ')}`)
        }
      }),
      { seed: seed + 3000, numRuns: runs * 2, endOnFailure: true },
    )
  })
})
