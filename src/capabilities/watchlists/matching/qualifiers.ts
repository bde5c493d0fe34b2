import type { EntitySchema, WatchlistEntity } from '../watchlist-entity.ts'
import type { MatchQuery, Qualifier } from './types.ts'

/** Effects of the qualifiers on the 0..1 score (logic-v2 uses −0.2 country, −0.15 / −0.25 birth date). */
export const QUALIFIER_EFFECTS = {
  schemaMismatch: -0.2,
  countryMismatch: -0.15,
  dobYearDisjoint: -0.15,
  dobDayDisjoint: -0.1,
  /** An identical identifier lifts the score to at least this. */
  identifierFloor: 0.95,
  /** A weak ("low quality") alias keeps this share of its name score. */
  weakAliasFactor: 0.9,
}

type SchemaGroup = 'person' | 'org' | 'vessel' | 'aircraft' | 'other'

function groupOf(schema: EntitySchema): SchemaGroup {
  switch (schema) {
    case 'Person':
      return 'person'
    case 'Organization':
    case 'Company':
      return 'org'
    case 'Vessel':
      return 'vessel'
    case 'Aircraft':
      return 'aircraft'
    default:
      return 'other'
  }
}

/** Identifier value in compare form: upper-case letters and digits only. */
export function normaliseIdentifier(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
}

const MIN_IDENTIFIER_CHARS = 4

/**
 * The qualifiers that adjust a name score for this query and entity: schema, country, birth date,
 * identifiers. Effects are additive; identifier_match carries the raise it needs to reach the floor.
 */
export function qualify(
  query: MatchQuery,
  entity: WatchlistEntity,
  nameScore: number,
): Qualifier[] {
  const out: Qualifier[] = []
  const schema = query.schema
  if (schema !== undefined && schema !== 'Any') {
    const a = groupOf(schema)
    const b = groupOf(entity.schema)
    if (a !== b && a !== 'other' && b !== 'other') {
      out.push({
        code: 'schema_mismatch',
        effect: QUALIFIER_EFFECTS.schemaMismatch,
        detail: `the query is a ${schema}, the listed party a ${entity.schema}`,
      })
    }
  }
  const countries = (query.countries ?? []).map((c) => c.toUpperCase())
  if (countries.length > 0 && entity.countries.length > 0) {
    const common = countries.filter((c) => entity.countries.includes(c))
    if (common.length > 0) {
      out.push({
        code: 'country_match',
        effect: 0,
        detail: `country matches (${common.join(', ')})`,
      })
    } else {
      out.push({
        code: 'country_mismatch',
        effect: QUALIFIER_EFFECTS.countryMismatch,
        detail: `country differs (${countries.join(', ')} vs listed ${entity.countries.join(', ')})`,
      })
    }
  }
  const dob = query.birthDate?.trim()
  if (dob && /^\d{4}/.test(dob) && entity.birthDates.length > 0) {
    const year = dob.slice(0, 4)
    const sameYear = entity.birthDates.filter((d) => d.slice(0, 4) === year)
    if (sameYear.length === 0) {
      out.push({
        code: 'dob_year_disjoint',
        effect: QUALIFIER_EFFECTS.dobYearDisjoint,
        detail: `born ${dob}, listed ${entity.birthDates.join(', ')}`,
      })
    } else if (dob.length === 10 && sameYear.every((d) => d.length === 10 && d !== dob)) {
      out.push({
        code: 'dob_day_disjoint',
        effect: QUALIFIER_EFFECTS.dobDayDisjoint,
        detail: `born ${dob}, listed ${sameYear.join(', ')} (same year, another day)`,
      })
    } else {
      out.push({ code: 'dob_match', effect: 0, detail: `birth date fits (${sameYear[0]})` })
    }
  }
  const ids = (query.identifiers ?? [])
    .map((i) => ({ type: i.type, value: normaliseIdentifier(String(i.value ?? '')) }))
    .filter((i) => i.value.length >= MIN_IDENTIFIER_CHARS)
  if (ids.length > 0) {
    for (const listed of entity.identifiers) {
      const v = normaliseIdentifier(listed.value)
      const hit = ids.find((i) => i.value === v)
      if (hit === undefined) continue
      const soFar = nameScore + out.reduce((s, q) => s + q.effect, 0)
      out.push({
        code: 'identifier_match',
        effect: Math.max(0, QUALIFIER_EFFECTS.identifierFloor - soFar),
        detail: `${listed.type} ${listed.value} is identical`,
      })
      break
    }
  }
  return out
}
