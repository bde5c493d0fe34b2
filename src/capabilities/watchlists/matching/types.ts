import type { EntitySchema, WatchlistEntity } from '../watchlist-entity.ts'

export type MatchQuery = {
  name: string
  schema?: EntitySchema | 'Any'
  /** ISO 3166-1 alpha-2. */
  countries?: string[]
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string
  identifiers?: { type?: string; value: string }[]
}

/**
 * How a query part met a candidate part. `extra` is a candidate part the query does not have
 * (then `query` is ''); `unmatched` a query part the candidate does not have (then `candidate` is null);
 * `conflict` two parts of the same sort that contradict each other (numbers, legal forms).
 */
export type PartMatchHow =
  | 'exact'
  | 'transliterated'
  | 'initial'
  | 'phonetic'
  | 'typo'
  /** A common short form of a given name ("Ted" for "Theodore"). */
  | 'short-form'
  | 'compound'
  | 'legal-form'
  | 'stop-word'
  | 'unmatched'
  /** The other half of a hyphenated listed name whose first half matched. */
  | 'other-half'
  | 'extra'
  | 'conflict'

export type NamePartMatch = {
  query: string
  candidate: string | null
  how: PartMatchHow
  /** 0..1 similarity of the two parts. */
  score: number
  /** What this part counts for in the name score. */
  weight: number
}

export type QualifierCode =
  | 'schema_mismatch'
  | 'country_match'
  | 'country_mismatch'
  | 'dob_match'
  | 'dob_year_disjoint'
  | 'dob_day_disjoint'
  | 'identifier_match'
  | 'weak_alias'

export type Qualifier = {
  code: QualifierCode
  /** Added to the score (negative lowers it). */
  effect: number
  detail: string
}

export type MatchExplanation = {
  /** Plain English, e.g. "3 of 3 name parts match 'VISHNYAKOV, Aleksandr' (1 typo); country matches (RU)". */
  summary: string
  matchedName: string
  parts: NamePartMatch[]
  qualifiers: Qualifier[]
}

export type MatchHit = {
  /** The caller-supplied entity key. */
  key: string
  entity: WatchlistEntity
  score: number
  explanation: MatchExplanation
}

export type MatcherEntry = { key: string; entity: WatchlistEntity }

export type ScreenOptions = { threshold?: number; limit?: number }

export interface Matcher {
  readonly size: number
  screen(query: MatchQuery, options?: ScreenOptions): MatchHit[]
}
