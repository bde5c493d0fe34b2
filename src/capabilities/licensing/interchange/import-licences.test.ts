import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { TEST_SOURCE_SHA256, testDecisionLog } from '../../../../test/factories.ts'
import { csvRow, csvText, stream } from '../../../../test/licence-csv-fixtures.ts'
import { useTestDatabase } from '../../../../test/test-database.ts'
import { exportLicences } from './export-licences.ts'
import { ImportFailedError, importLicenceRows } from './import-licences.ts'
import { formatIssue, LICENCE_CSV_COLUMNS } from './licence-csv.ts'
import { readLicenceCsv, readLicenceJson } from './read-licence-file.ts'

const database = useTestDatabase()
const ref = () => `IMP-${randomBytes(4).toString('hex')}`

async function importCsv(text: string | Buffer, skipInvalid = false) {
  return importLicenceRows(database.db, readLicenceCsv(stream(text)), {
    log: testDecisionLog(),
    sourceSha256: TEST_SOURCE_SHA256,
    actor: 'test',
    skipInvalid,
  })
}

async function failure(text: string | Buffer): Promise<string[]> {
  const before = await count()
  try {
    await importCsv(text)
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFailedError)
    expect(await count()).toBe(before) // nothing written
    return (error as ImportFailedError).importIssues.map(formatIssue)
  }
  throw new Error('the import should have failed')
}

async function count() {
  const row = await database.db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe(importLicenceRows.name, () => {
  it('imports an application with several item lines and its decision', async () => {
    const reference = ref()
    const result = await importCsv(
      csvText([
        csvRow({ reference }),
        csvRow({ reference, control_entry: '5D001.e', value: '10.50' }),
      ]),
    )
    expect(result).toMatchObject({ applications: 1, items: 2, rows: 2 })
    const row = await database.db
      .selectFrom('applications')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      state: 'granted',
      decided_on: '2024-03-01',
      decision_reasons: ['NO_SIGNIFICANT_RISK'],
    })
  })

  it.each([
    ['unknown country', { destination: 'XX' }, 'line 2, destination: unknown country "XX"'],
    [
      'impossible date',
      { submitted_on: '2024-02-30' },
      'line 2, submitted_on: not a date (YYYY-MM-DD): "2024-02-30"',
    ],
    [
      'unknown entry',
      { control_entry: '5Z999' },
      'line 2, control_entry: unknown control-list entry "5Z999"',
    ],
    ['negative value', { value: '-100' }, 'line 2, value: must not be negative: "-100"'],
    [
      'non-numeric value',
      { value: 'a lot' },
      'line 2, value: not a non-negative decimal number: "a lot"',
    ],
    ['unknown currency', { currency: 'ZZZ' }, 'line 2, currency: unknown currency "ZZZ"'],
    [
      'decision before submission',
      { decided_on: '2023-01-01' },
      'line 2, decided_on: before submitted_on (2024-01-15)',
    ],
    [
      'wrong reason kind',
      { decision_reasons: 'CP2' },
      'line 2, decision_reasons: "CP2" is not a reason for granted',
    ],
    [
      'unknown authority',
      { authority: 'xx-none' },
      'line 2, authority: unknown authority "xx-none"',
    ],
    [
      'state not the authority’s',
      { issuing_state: 'FR' },
      'line 2, issuing_state: "FR" is not the state of authority de-bafa (DE)',
    ],
    [
      'missing gea',
      { licence_type: 'eu_general' },
      'line 2, gea: required when licence_type is eu_general',
    ],
    ['empty exporter', { exporter_name: ' ' }, 'line 2, exporter_name: must not be empty'],
    [
      'an export to a member state',
      { destination: 'HU', consignee_country: 'HU', end_user_country: 'HU' },
      "line 2, destination: HU is a member state of the Union: an export leaves the Union's customs territory (Art. 2(2))",
    ],
  ])(
    'rejects a row with %s, naming line and field, and writes nothing',
    async (_, override, message) => {
      const issues = await failure(
        csvText([csvRow({ reference: ref() }), csvRow({ reference: ref(), ...override })]).replace(
          /^/,
          '',
        ),
      )
      expect(issues.join('\n')).toContain(message.replace('line 2', 'line 3'))
    },
  )

  it('rejects rows of one reference that disagree on an application-level column', async () => {
    const reference = ref()
    const issues = await failure(
      csvText([
        csvRow({ reference }),
        csvRow({ reference, destination: 'SA', consignee_country: 'SA' }),
      ]),
    )
    expect(issues).toContain(
      'line 3, destination: "SA" disagrees with "AE" in line 2 of the same reference',
    )
  })

  it('rejects a missing or extra column in the header and a short row', async () => {
    const columns = LICENCE_CSV_COLUMNS.filter((c) => c !== 'currency')
    expect(await failure(csvText([csvRow({ reference: ref() })], columns))).toEqual([
      'line 1, header: missing column(s): currency',
    ])
    expect(
      await failure(csvText([csvRow({ reference: ref() })], [...LICENCE_CSV_COLUMNS, 'colour'])),
    ).toEqual(['line 1, header: unknown column(s): colour'])
    const short = `${csvText([csvRow({ reference: ref() })])}${ref()},DE,de-bafa\n`
    expect(await failure(short)).toEqual([
      `line 3, row: has 3 fields; the header has ${LICENCE_CSV_COLUMNS.length}`,
    ])
  })

  it('reads a file without the optional public-text columns, and their text when present', async () => {
    const [withoutPublic, withPublic] = [ref(), ref()]
    const columns = LICENCE_CSV_COLUMNS.filter(
      (c) => c !== 'intended_use_public' && c !== 'decision_public_reason',
    )
    await importCsv(csvText([csvRow({ reference: withoutPublic })], columns))
    await importCsv(
      csvText([
        csvRow({
          reference: withPublic,
          intended_use_public: 'Lawful interception',
          decision_public_reason: 'No clear risk found',
        }),
      ]),
    )
    const rows = await database.db
      .selectFrom('applications')
      .select(['reference', 'intended_use_public', 'decision_public_reason'])
      .where('reference', 'in', [withoutPublic, withPublic])
      .orderBy('reference')
      .execute()
    expect(rows.map((r) => [r.intended_use_public, r.decision_public_reason])).toEqual(
      [withoutPublic, withPublic]
        .sort()
        .map((r) =>
          r === withPublic ? ['Lawful interception', 'No clear risk found'] : [null, null],
        ),
    )
  })

  it('rejects invalid UTF-8 and a 100 MB field with the line, without reading it all into a row', async () => {
    const good = csvText([csvRow({ reference: ref() })])
    const bad = Buffer.concat([
      Buffer.from(good),
      Buffer.from(`${ref()},DE,`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n'),
    ])
    expect(await failure(bad)).toEqual(['line 3, file: not valid UTF-8'])
    const huge = `${good}${ref()},DE,de-bafa,individual,,"${'x'.repeat(100 * 1024 * 1024)}"\n`
    const issues = await failure(huge)
    expect(issues[0]).toMatch(/^line 3, file: a record is larger than 1048576 bytes/)
  })

  it('rejects a reference already in the register and rows of one reference that are not adjacent', async () => {
    const [a, b] = [ref(), ref()]
    await importCsv(csvText([csvRow({ reference: a })]))
    expect(await failure(csvText([csvRow({ reference: a })]))).toEqual([
      `line 2, reference: "${a}" is already in the register`,
    ])
    expect(
      await failure(
        csvText([csvRow({ reference: b }), csvRow({ reference: ref() }), csvRow({ reference: b })]),
      ),
    ).toEqual([
      `line 4, reference: rows of "${b}" must be adjacent; it appeared earlier in the file`,
    ])
  })

  it('with skipInvalid imports the valid applications and lists every skipped line', async () => {
    const [good, bad] = [ref(), ref()]
    const result = await importCsv(
      csvText([
        csvRow({ reference: good }),
        csvRow({ reference: bad, destination: 'XX' }),
        csvRow({ reference: bad, value: '-1' }),
      ]),
      true,
    )
    expect(result).toMatchObject({ applications: 1, skippedApplications: 1 })
    expect(result.skipped.map(formatIssue)).toEqual([
      'line 3, destination: unknown country "XX"',
      'line 4, value: must not be negative: "-1"',
    ])
  })

  it('reads the JSON form and names the record and field of a problem', async () => {
    const reference = ref()
    const { control_entry, item_description, quantity, value, currency, ...application } = csvRow({
      reference,
    })
    const json = JSON.stringify([
      { ...application, items: [{ control_entry, item_description, quantity, value, currency }] },
    ])
    const result = await importLicenceRows(database.db, readLicenceJson(stream(json)), {
      log: testDecisionLog(),
      sourceSha256: TEST_SOURCE_SHA256,
      actor: 'test',
    })
    expect(result).toMatchObject({ applications: 1, items: 1 })
    const bad = JSON.stringify([
      {
        ...application,
        reference: ref(),
        items: [{ control_entry, item_description, quantity, value: -3, currency }],
      },
    ])
    await expect(
      importLicenceRows(database.db, readLicenceJson(stream(bad)), {
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
        actor: 'test',
      }),
    ).rejects.toThrow(/application 1 items\[0\], value: must not be negative/)
    await expect(
      importLicenceRows(database.db, readLicenceJson(stream('{"a": 1}')), {
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
        actor: 'test',
      }),
    ).rejects.toThrow(ImportFailedError)
    await expect(
      importLicenceRows(database.db, readLicenceJson(stream('[{"reference": ')), {
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
        actor: 'test',
      }),
    ).rejects.toThrow(ImportFailedError)
  })
})

describe(exportLicences.name, () => {
  it('round-trips: export, import into an empty register, export again gives the same CSV', async () => {
    const prefix = `RT${randomBytes(3).toString('hex')}`
    const rows = [
      csvRow({ reference: `${prefix}-1` }),
      csvRow({
        reference: `${prefix}-1`,
        control_entry: '4D004',
        item_description: 'Delivery software, "v2", with, commas',
        quantity: '2.5',
        value: '7',
      }),
      csvRow({
        reference: `${prefix}-2`,
        decision: 'pending',
        decided_on: '',
        decision_reasons: '',
        decision_explanation: '',
        currency: 'JPY',
        value: '1000',
      }),
      csvRow({
        reference: `${prefix}-3`,
        decision: 'refused',
        decision_reasons: 'CP2;ART5',
        end_user_type: 'individual',
        end_user_name: 'Jane Example',
      }),
      csvRow({
        reference: `${prefix}-4`,
        licence_type: 'eu_general',
        gea: 'EU005',
        control_entry: '5A001.c',
        destination: 'CN',
        consignee_country: 'CN',
        end_user_country: 'CN',
        decision: 'revoked',
        decision_reasons: 'NEW_EVIDENCE',
        exporter_id: '',
        government_agency: '',
      }),
    ]
    await importCsv(csvText(rows))
    const filter = { exporter: 'Nordlicht' }
    const first = await exportText({ format: 'csv', public: false, filter })
    const ours = first
      .split('\n')
      .filter((line) => line.startsWith(prefix) || line.startsWith('reference,'))
    expect(ours).toHaveLength(6)
    expect(ours[2]).toContain('"Delivery software, ""v2"", with, commas",2.5,7.00,EUR')

    const { createTestDatabase } = await import('../../../../test/test-database.ts')
    const fresh = await createTestDatabase()
    try {
      await importLicenceRows(fresh.db, readLicenceCsv(stream(`${ours.join('\n')}\n`)), {
        actor: 'test',
        log: testDecisionLog(),
        sourceSha256: TEST_SOURCE_SHA256,
      })
      const again = await exportText({ format: 'csv', public: false }, fresh.db)
      expect(again).toBe(`${ours.join('\n')}\n`)
      const json = await exportText({ format: 'json', public: false }, fresh.db)
      const viaJson = await createTestDatabase()
      try {
        await importLicenceRows(viaJson.db, readLicenceJson(stream(json)), {
          log: testDecisionLog(),
          sourceSha256: TEST_SOURCE_SHA256,
          actor: 'test',
        })
        expect(await exportText({ format: 'csv', public: false }, viaJson.db)).toBe(again)
      } finally {
        await viaJson.close()
      }
    } finally {
      await fresh.close()
    }
  })

  it('publishes only decided applications and never names a natural person', async () => {
    const prefix = `PUB${randomBytes(3).toString('hex')}`
    await importCsv(
      csvText([
        csvRow({
          reference: `${prefix}-1`,
          end_user_type: 'individual',
          end_user_name: 'Jane Example',
          end_user_description: 'Jane Example, a collector',
          consignee_name: 'Jane Example',
        }),
        csvRow({
          reference: `${prefix}-2`,
          decision: 'pending',
          decided_on: '',
          decision_reasons: '',
          decision_explanation: '',
        }),
      ]),
    )
    const text = await exportText({ format: 'csv', public: true })
    expect(text).not.toContain('Jane Example')
    expect(text).toContain(`${prefix}-1`)
    expect(text).not.toContain(`${prefix}-2`)
    expect(text.split('\n')[0]).not.toContain('consignee_name')
    expect(text).toContain('natural person')
  })
})

async function exportText(
  options: Parameters<typeof exportLicences>[2],
  db = database.db,
): Promise<string> {
  const chunks: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk))
      callback()
    },
  })
  await exportLicences(db, sink, options)
  return chunks.join('')
}
