import { z } from 'zod'
import { resolveControlEntry } from './control-entries.ts'
import { findCountry } from './countries.ts'
import { GENERAL_AUTHORISATION_VERSIONS } from './general-authorisation-versions.ts'
import type { Verification } from './verification.ts'

export const GeaCodeSchema = z.enum([
  'EU001',
  'EU002',
  'EU003',
  'EU004',
  'EU005',
  'EU006',
  'EU007',
  'EU008',
])
export type GeaCode = z.infer<typeof GeaCodeSchema>

export type GeneralAuthorisation = {
  code: GeaCode
  /** Which text this version reflects, e.g. '2021/821 as amended by 2022/699'. */
  version: string
  /** YYYY-MM-DD; a version applies until the next version of the same code. */
  validFrom: string
  title: string
  /**
   * Annex I scope with prefix semantics: '5' = category 5, '5D' = product group 5D, any other
   * code = that entry and its sub-items. Exclusions win over inclusions.
   */
  items: {
    include: string[]
    exclude: string[]
    note?: string
    /**
     * Lines covered only as software, technology or test equipment for certain equipment
     * (EU005: 5B001, 5D001 and 5E001.a only for 5A001.b.2/.c/.d): such a line must name what it
     * is for, and that must lie in `equipment`.
     */
    onlyFor?: { lines: string[]; equipment: string[] }
  }
  /** Alpha-2 codes; 'not_applicable' where the GEA has no destination list of its own. */
  destinations: string[] | 'not_applicable'
  conditions: string[]
  sources: string[]
  /** 'verified' and 'secondary' scopes are used to decide; 'unverified' ones never are. */
  verification: { items: Verification; destinations: Verification }
  /** What in this version is unverified, in words. */
  unverified: string[]
}

export type GeaUseRefusal =
  | 'item_not_covered'
  | 'item_excluded'
  | 'item_purpose_missing'
  | 'destination_not_covered'
  | 'unknown_gea'
  | 'unverified_scope'

export type GeaUseCheck =
  | { allowed: true }
  | { allowed: false; reason: GeaUseRefusal; detail: string }

function freezeVersion(gea: GeneralAuthorisation): GeneralAuthorisation {
  Object.freeze(gea.items.include)
  Object.freeze(gea.items.exclude)
  if (gea.items.onlyFor) Object.freeze(gea.items.onlyFor)
  Object.freeze(gea.items)
  if (gea.destinations !== 'not_applicable') Object.freeze(gea.destinations)
  Object.freeze(gea.conditions)
  Object.freeze(gea.sources)
  Object.freeze(gea.verification)
  Object.freeze(gea.unverified)
  return Object.freeze(gea)
}

/** Every version of EU001–EU008, oldest first within a code. */
export const GENERAL_AUTHORISATIONS: readonly GeneralAuthorisation[] = Object.freeze(
  GENERAL_AUTHORISATION_VERSIONS.map(freezeVersion),
)

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

/** The latest version of a GEA whose validFrom is on or before onDate (default: today, UTC). */
export function findGeneralAuthorisation(
  code: string,
  onDate: string = today(),
): GeneralAuthorisation | undefined {
  let found: GeneralAuthorisation | undefined
  for (const gea of GENERAL_AUTHORISATIONS) {
    if (gea.code !== code || gea.validFrom > onDate) continue
    if (found === undefined || gea.validFrom > found.validFrom) found = gea
  }
  return found
}

/** Whether a scope code ('5', '5D', '5A001.c') covers a normalised Annex I entry code. */
function scopeCovers(scope: string, code: string): boolean {
  if (/^[0-9]([A-E])?$/.test(scope)) return code.startsWith(scope)
  return code === scope || code.startsWith(`${scope}.`)
}

type Finding = 'covered' | 'unknown' | { reason: GeaUseRefusal; detail: string }

function itemFinding(
  gea: GeneralAuthorisation,
  controlEntry: string,
  forEntry: string | null,
): Finding {
  const resolved = resolveControlEntry(controlEntry)
  if (resolved === undefined) {
    return { reason: 'item_not_covered', detail: `'${controlEntry}' is not a valid control entry` }
  }
  if (resolved.kind !== 'annex_i') {
    return {
      reason: 'item_not_covered',
      detail: `${resolved.code} is not an Annex I entry; Union GEAs cover only Annex I items`,
    }
  }
  if (gea.verification.items === 'unverified') return 'unknown'
  const excluded = gea.items.exclude.find((scope) => scopeCovers(scope, resolved.code))
  const included = gea.items.include.some((scope) => scopeCovers(scope, resolved.code))
  if (excluded !== undefined) {
    return {
      reason: 'item_excluded',
      detail: `${gea.code} excludes ${excluded} (${resolved.code})`,
    }
  }
  if (!included) {
    return { reason: 'item_not_covered', detail: `${gea.code} does not cover ${resolved.code}` }
  }
  return purposeFinding(gea, resolved.code, forEntry)
}

/** EU005's software, technology and test equipment: covered only for the equipment it names. */
function purposeFinding(gea: GeneralAuthorisation, code: string, forEntry: string | null): Finding {
  const onlyFor = gea.items.onlyFor
  if (!onlyFor?.lines.some((scope) => scopeCovers(scope, code))) return 'covered'
  const equipment = onlyFor.equipment.join(', ')
  const target = forEntry ? resolveControlEntry(forEntry) : undefined
  if (!target) {
    return {
      reason: 'item_purpose_missing',
      detail: `${gea.code} covers ${code} only for ${equipment}, and the line does not say what it is for`,
    }
  }
  if (onlyFor.equipment.some((scope) => scopeCovers(scope, target.code))) return 'covered'
  return {
    reason: 'item_not_covered',
    detail: `${gea.code} covers ${code} only for ${equipment}; this line is for ${target.code}`,
  }
}

function destinationFinding(gea: GeneralAuthorisation, destination: string): Finding {
  const country = findCountry(destination.trim().toUpperCase())
  if (country === undefined) {
    return { reason: 'destination_not_covered', detail: `'${destination}' is not a country code` }
  }
  if (country.euMember) {
    return {
      reason: 'destination_not_covered',
      detail: `${country.alpha2} is an EU member state, not an export destination`,
    }
  }
  if (gea.verification.destinations === 'unverified') return 'unknown'
  if (gea.destinations === 'not_applicable' || gea.destinations.includes(country.alpha2)) {
    return 'covered'
  }
  return {
    reason: 'destination_not_covered',
    detail: `${gea.code} (${gea.version}) does not cover ${country.alpha2}`,
  }
}

/**
 * May an exporter use a Union GEA for this Annex I entry and destination on onDate? A definite
 * "no" from usable data wins; otherwise, if the item or destination scope of that version is
 * unverified, the answer is 'unverified_scope' (decide by hand against the consolidated Annex II).
 * A software or technology line names the entry it is for (`forEntry`), which EU005 needs. It
 * does not check the Part 3 conditions or the exporter's registration.
 */
export function checkGeneralAuthorisationUse(
  code: string,
  controlEntry: string,
  destination: string,
  onDate: string = today(),
  forEntry: string | null = null,
): GeaUseCheck {
  const gea = GeaCodeSchema.safeParse(code).success
    ? findGeneralAuthorisation(code, onDate)
    : undefined
  if (gea === undefined) {
    return {
      allowed: false,
      reason: 'unknown_gea',
      detail: `no Union general export authorisation '${code}' in force on ${onDate}`,
    }
  }
  const findings = [itemFinding(gea, controlEntry, forEntry), destinationFinding(gea, destination)]
  for (const finding of findings) {
    if (typeof finding === 'object') return { allowed: false, ...finding }
  }
  if (findings.includes('unknown')) {
    return {
      allowed: false,
      reason: 'unverified_scope',
      detail: `the scope of ${gea.code} (${gea.version}) is unverified: ${gea.unverified.join('; ')}`,
    }
  }
  return { allowed: true }
}
