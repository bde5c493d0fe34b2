/**
 * One listed party as every importer produces it, whatever the published format. The matcher and
 * the watchlist store read only this shape.
 */
export const ENTITY_SCHEMAS = [
  'Person',
  'Organization',
  'Company',
  'Vessel',
  'Aircraft',
  'Other',
] as const
export type EntitySchema = (typeof ENTITY_SCHEMAS)[number]

/** primary: the listed name; good: a strong alias; low: a weak alias (OFAC/UN "low quality" a.k.a.). */
export type NameQuality = 'primary' | 'good' | 'low'

export type ListedName = {
  value: string
  quality: NameQuality
  /** aka, fka, nka, original-script … as the source says it; null when it does not. */
  kind: string | null
}

export type ListedIdentifier = {
  /** passport, national-id, imo, registration, tax-id, lei, … (lower-case, source wording kept) */
  type: string
  value: string
  country: string | null
}

export type WatchlistEntity = {
  /** Stable id within the source (OFAC ent_num, UN DATAID, FtM id …). */
  entityId: string
  schema: EntitySchema
  names: ListedName[]
  /** ISO 3166-1 alpha-2, upper case, deduplicated. */
  countries: string[]
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDates: string[]
  identifiers: ListedIdentifier[]
  programmes: string[]
  /** YYYY-MM-DD when the source gives it. */
  listedOn: string | null
  addresses: string[]
  remarks: string | null
}

export type ParsedList = {
  /** Source id, e.g. un-sc, ofac-sdn, ofac-cons, bis-dpl, us-csl, eu-fsf, opensanctions:<dataset>. */
  source: string
  /** The publisher's date of this version (YYYY-MM-DD) when the file says it; null otherwise. */
  listDate: string | null
  entities: WatchlistEntity[]
}
