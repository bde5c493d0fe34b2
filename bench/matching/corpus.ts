import { parseSharedLists } from '../../src/capabilities/watchlists/demo/shared-lists.ts'
import type { MatcherEntry } from '../../src/capabilities/watchlists/matching/index.ts'
import type {
  ListedName,
  WatchlistEntity,
} from '../../src/capabilities/watchlists/watchlist-entity.ts'
import { seededRandom } from '../../src/platform/random.ts'

const SANCTIONS = new URL('../../../shared/data/sanctions/', import.meta.url).pathname

/** The real lists the speed benchmark indexes, parsed with the production parsers. */
export async function loadRealEntries(): Promise<MatcherEntry[]> {
  const out: MatcherEntry[] = []
  for (const parsed of await parseSharedLists(SANCTIONS))
    for (const e of parsed.entities) out.push({ key: `${parsed.source}:${e.entityId}`, entity: e })
  return out
}

export const prng = seededRandom

const LEGAL = [
  'LTD',
  'LIMITED',
  'LLC',
  'GMBH',
  'AG',
  'S.A.',
  'CO.',
  'CORP',
  'INC',
  'OOO',
  'JSC',
  'PJSC',
  'FZE',
  'B.V.',
  'PTE LTD',
  'S.R.L.',
]
const LEGAL_SET = new Set(LEGAL.map((l) => l.replace(/\W/g, '')))
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz']

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T
}

/** One random edit: substitute, delete, insert or swap a character. */
export function typo(rand: () => number, word: string): string {
  if (word.length < 4) return word
  const i = 1 + Math.floor(rand() * (word.length - 2))
  const c = pick(rand, LETTERS)
  switch (Math.floor(rand() * 4)) {
    case 0:
      return word.slice(0, i) + c + word.slice(i + 1)
    case 1:
      return word.slice(0, i) + word.slice(i + 1)
    case 2:
      return word.slice(0, i) + c + word.slice(i)
    default:
      return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1)
  }
}

/**
 * Expands the real entities to `size` entities: the real ones, then generated ones whose names
 * recombine parts of real names of the same schema (another listed party's surname or core word),
 * swap or add legal forms and add typos, so the index sees realistic but new names.
 */
export function expandCorpus(real: MatcherEntry[], size: number, seed = 42): MatcherEntry[] {
  const rand = prng(seed)
  const out = real.slice(0, size)
  const wordsBySchema = new Map<string, string[]>()
  for (const { entity } of real) {
    let words = wordsBySchema.get(entity.schema)
    if (words === undefined) {
      words = []
      wordsBySchema.set(entity.schema, words)
    }
    for (const n of entity.names) {
      for (const w of n.value.split(/[\s,]+/)) {
        if (w.length >= 3 && !LEGAL_SET.has(w.replace(/\W/g, '').toUpperCase())) words.push(w)
      }
    }
  }
  const noIds: WatchlistEntity['identifiers'] = []
  for (let i = out.length; i < size; i++) {
    const base = (real[i % real.length] as MatcherEntry).entity
    const words = wordsBySchema.get(base.schema) ?? []
    const names: ListedName[] = []
    const count = Math.min(base.names.length, 1 + Math.floor(rand() * 2))
    for (let k = 0; k < count; k++) {
      const src = base.names[k] as ListedName
      names.push({
        value: variantName(rand, src.value, base.schema === 'Person', words),
        quality: src.quality,
        kind: src.kind,
      })
    }
    out.push({
      key: `gen:${i}`,
      entity: {
        entityId: `gen-${i}`,
        schema: base.schema,
        names,
        countries: base.countries,
        birthDates: base.birthDates,
        identifiers: noIds,
        programmes: base.programmes,
        listedOn: null,
        addresses: [],
        remarks: null,
      },
    })
  }
  return out
}

function variantName(rand: () => number, name: string, person: boolean, words: string[]): string {
  const parts = name.split(/\s+/).filter((p) => p !== '')
  if (parts.length === 0) return name
  // Recombine: replace one part (for persons the surname-ish first/last part) with another listed word.
  const at = person ? (rand() < 0.5 ? 0 : parts.length - 1) : Math.floor(rand() * parts.length)
  if (words.length > 0) parts[at] = pick(rand, words)
  if (rand() < 0.3 && parts.length > 1) {
    const j = Math.floor(rand() * parts.length)
    parts[j] = typo(rand, parts[j] as string)
  }
  if (!person) {
    const last = (parts[parts.length - 1] as string).replace(/\W/g, '').toUpperCase()
    if (LEGAL_SET.has(last)) parts[parts.length - 1] = pick(rand, LEGAL)
    else if (rand() < 0.5) parts.push(pick(rand, LEGAL))
  }
  if (rand() < 0.2) parts.push(pick(rand, words.length > 0 ? words : ['X']))
  return parts.join(' ')
}

const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'Michael',
  'Linda',
  'Lukas',
  'Sofia',
  'Mateo',
  'Chloe',
  'Hiroshi',
  'Yuki',
  'Priya',
  'Arjun',
  'Olga',
  'Dmitri',
  'Fatima',
  'Omar',
  'Ingrid',
  'Pedro',
  'Amelie',
  'Thabo',
  'Nia',
  'Sven',
  'Mei',
  'Kwame',
]
const LAST = [
  'Johnson',
  'Williams',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Schneider',
  'Fischer',
  'Weber',
  'Rossi',
  'Dubois',
  'Nakamura',
  'Sato',
  'Sharma',
  'Okafor',
  'Lindqvist',
  'Kowalski',
  'Novak',
  'Haddad',
  'Moreau',
  'Jensen',
  'Tanaka',
]
const ORG = [
  'Nordwind',
  'Bluecrest',
  'Sunpeak',
  'Riverstone',
  'Alpenglow',
  'Brightwater',
  'Oakfield',
  'Silverline',
  'Greenport',
  'Harbourview',
  'Maplewood',
  'Clearsky',
]
const ORG2 = [
  'Logistics',
  'Foods',
  'Software',
  'Textiles',
  'Dental',
  'Bakery',
  'Furniture',
  'Robotics',
  'Consulting',
  'Optics',
]

/**
 * The query mix: half listed names with a variant applied (typo, "LAST, First" reorder, a part
 * dropped, case changed, legal form swapped), half clean names that are not listed.
 */
export function queryMix(real: MatcherEntry[], count: number, seed = 7): string[] {
  const rand = prng(seed)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const entity = (pick(rand, real) as MatcherEntry).entity
      const name = (pick(rand, entity.names) as ListedName).value
      const parts = name.split(/\s+/).filter((p) => p !== '')
      const r = rand()
      if (r < 0.3 && parts.length > 0) {
        const j = Math.floor(rand() * parts.length)
        parts[j] = typo(rand, parts[j] as string)
      } else if (r < 0.45 && parts.length > 1) {
        parts.unshift(`${parts.pop()},`)
      } else if (r < 0.6 && parts.length > 2) {
        parts.splice(1, 1)
      } else if (r < 0.75) {
        out.push(name.toLowerCase())
        continue
      } else if (r < 0.85 && entity.schema !== 'Person') {
        parts.push(pick(rand, LEGAL))
      }
      out.push(parts.join(' '))
    } else if (rand() < 0.6) {
      out.push(`${pick(rand, FIRST)} ${pick(rand, LAST)}`)
    } else {
      out.push(`${pick(rand, ORG)} ${pick(rand, ORG2)} ${pick(rand, LEGAL)}`)
    }
  }
  return out
}
