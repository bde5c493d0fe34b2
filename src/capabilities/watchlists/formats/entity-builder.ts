import { createHash } from 'node:crypto'
import { isCountryCode } from '../../reference-data/countries.ts'
import type {
  EntitySchema,
  ListedIdentifier,
  ListedName,
  NameQuality,
  WatchlistEntity,
} from '../watchlist-entity.ts'

const ALREADY_CLEAN = /^[^\s]+(?: [^\s]+)*$/

/** Trims and collapses inner whitespace (line breaks inside XML text included); '' becomes null. */
export function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null
  // Most values are already clean; testing is far cheaper than rebuilding the string.
  if (ALREADY_CLEAN.test(value)) return value
  const cleaned = value.replace(/\s+/g, ' ').trim()
  return cleaned.length > 0 ? cleaned : null
}

/** A short stable id for rows that have none: the same inputs always give the same id. */
export function stableId(prefix: string, parts: readonly (string | null | undefined)[]): string {
  const digest = createHash('sha256')
    .update(parts.map((part) => cleanText(part) ?? '').join('\u001f'))
    .digest('hex')
  return `${prefix}-${digest.slice(0, 16)}`
}

/**
 * Collects one entity's facts from whatever order a format gives them, dropping blanks and
 * duplicates; `build()` returns null when the entity ended up without a name.
 */
export class EntityBuilder {
  readonly entityId: string
  schema: EntitySchema
  readonly #names = new Map<string, ListedName>()
  readonly #countries = new Set<string>()
  readonly #birthDates = new Set<string>()
  readonly #identifiers = new Map<string, ListedIdentifier>()
  readonly #programmes = new Set<string>()
  readonly #addresses = new Set<string>()
  readonly #remarks = new Set<string>()
  listedOn: string | null = null

  constructor(entityId: string, schema: EntitySchema) {
    this.entityId = entityId
    this.schema = schema
  }

  get hasPrimaryName(): boolean {
    for (const name of this.#names.values()) if (name.quality === 'primary') return true
    return false
  }

  /** The first spelling wins: a later alias identical to the primary name adds nothing. */
  name(value: string | null | undefined, quality: NameQuality, kind: string | null = null): this {
    const cleaned = cleanText(value)
    if (cleaned && !this.#names.has(cleaned))
      this.#names.set(cleaned, { value: cleaned, quality, kind })
    return this
  }

  /** Only valid ISO 3166-1 alpha-2 codes (and XK) are kept; anything else is dropped. */
  country(code: string | null | undefined): this {
    const upper = cleanText(code)?.toUpperCase()
    if (upper && isCountryCode(upper)) this.#countries.add(upper)
    return this
  }

  birthDate(date: string | null | undefined): this {
    if (date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date)) this.#birthDates.add(date)
    return this
  }

  identifier(type: string, value: string | null | undefined, country?: string | null): this {
    const cleaned = cleanText(value)
    if (!cleaned) return this
    const upper = cleanText(country)?.toUpperCase() ?? null
    const code = upper && isCountryCode(upper) ? upper : null
    const key = `${type}\u001f${cleaned}\u001f${code ?? ''}`
    if (!this.#identifiers.has(key))
      this.#identifiers.set(key, { type, value: cleaned, country: code })
    return this
  }

  programme(value: string | null | undefined): this {
    const cleaned = cleanText(value)
    if (cleaned) this.#programmes.add(cleaned)
    return this
  }

  address(value: string | null | undefined): this {
    const cleaned = cleanText(value)
    if (cleaned) this.#addresses.add(cleaned)
    return this
  }

  remark(value: string | null | undefined): this {
    const cleaned = cleanText(value)
    if (cleaned) this.#remarks.add(cleaned)
    return this
  }

  build(): WatchlistEntity | null {
    if (this.#names.size === 0) return null
    const names = [...this.#names.values()]
    // Formats without a marked primary name (a UN row with only aliases) promote the first one.
    if (!names.some((name) => name.quality === 'primary') && names[0]) {
      names[0] = { ...names[0], quality: 'primary' }
    }
    return {
      entityId: this.entityId,
      schema: this.schema,
      names,
      countries: [...this.#countries],
      birthDates: [...this.#birthDates],
      identifiers: [...this.#identifiers.values()],
      programmes: [...this.#programmes],
      listedOn: this.listedOn,
      addresses: [...this.#addresses],
      remarks: this.#remarks.size > 0 ? [...this.#remarks].join('\n') : null,
    }
  }
}

/** Joins the non-blank parts of an address with ', '. */
export function joinAddress(parts: readonly (string | null | undefined)[]): string | null {
  const kept = parts.map(cleanText).filter((part): part is string => part !== null)
  return kept.length > 0 ? kept.join(', ') : null
}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
}

/** '12', 'Jan', '1960' → '1960-01-12'; checks the day exists. Month/day optional. */
export function partialDate(
  year: string,
  month?: string | null,
  day?: string | null,
): string | null {
  if (!/^\d{4}$/.test(year)) return null
  if (!month) return year
  const mm = /^\d{1,2}$/.test(month)
    ? month.padStart(2, '0')
    : MONTHS[month.slice(0, 3).toLowerCase()]
  if (!mm || Number(mm) < 1 || Number(mm) > 12) return null
  if (!day) return `${year}-${mm}`
  const dd = day.padStart(2, '0')
  const date = new Date(`${year}-${mm}-${dd}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(dd)) return null
  return `${year}-${mm}-${dd}`
}

/** Years of a range, each listed when the span is short (≤ 10 years); else the two ends. */
export function yearRange(from: string, to: string): string[] {
  const start = Number(from)
  const end = Number(to)
  if (!/^\d{4}$/.test(from) || !/^\d{4}$/.test(to) || end < start)
    return [from, to].filter((y) => /^\d{4}$/.test(y))
  if (end - start > 10) return [from, to]
  return Array.from({ length: end - start + 1 }, (_, i) => String(start + i))
}
