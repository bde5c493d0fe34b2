import { z } from 'zod'
import { CONTROL_ENTRY_ROWS, row } from './control-entry-table.ts'
import type { Verification } from './verification.ts'

export const TechnologyCategorySchema = z.enum([
  'intrusion',
  'mobile_interception',
  'ip_network_surveillance',
  'li_analysis',
  'forensic_extraction',
  'cryptography',
  'other',
])
export type TechnologyCategory = z.infer<typeof TechnologyCategorySchema>

export type ControlEntry = {
  code: string
  title: string
  cyberSurveillance: boolean
  technology: TechnologyCategory
  source: string
  verification: Verification
}

export type ResolvedControlEntry = {
  code: string
  kind: 'annex_i' | 'art5' | 'national'
  /** Nearest ancestor (or the entry itself) in CONTROL_ENTRIES; synthetic for national codes. */
  entry: ControlEntry
  cyberSurveillance: boolean
  technology: TechnologyCategory
}

// Headings of categories 4 and 5 are in the research ([V], dokumen.tips commentary on reading
// Annex I codes); the other eight are from memory.
const CATEGORY_HEADINGS = 'Reg. (EU) 2021/821 Annex I category headings (domain-facts §1.11)'
const CATEGORY_TITLES = [
  'Nuclear materials, facilities and equipment',
  'Special materials and related equipment',
  'Materials processing',
  'Electronics',
  'Computers',
  'Telecommunications and "information security"',
  'Sensors and lasers',
  'Navigation and avionics',
  'Marine',
  'Aerospace and propulsion',
]

/** The ten Annex I category roots: any well-formed entry resolves at least to its category. */
const CATEGORY_ROOTS = CATEGORY_TITLES.map((title, index) => {
  const known = index === 4 || index === 5
  const source = known ? CATEGORY_HEADINGS : `${CATEGORY_HEADINGS}; from memory — check`
  const verification = known ? 'verified' : 'unverified'
  return row(String(index), `Category ${index} — ${title}`, false, 'other', verification, source)
})

const ART5_ENTRY: ControlEntry = row(
  'ART5',
  'Non-listed cyber-surveillance item (Art 5 catch-all)',
  true,
  'other',
  'verified',
  'Reg. (EU) 2021/821 Art 5(1)–(4) (gesetze.legal, sintact.ro) and Art 2(20); domain-facts §1.3',
)

/**
 * The ten category roots '0'…'9', the Annex I entries relevant to cyber-surveillance with their
 * parents (control-entry-table.ts, which also gives the reason for each cyberSurveillance flag),
 * and 'ART5' for non-listed cyber-surveillance items.
 */
export const CONTROL_ENTRIES: readonly ControlEntry[] = Object.freeze([
  ...CATEGORY_ROOTS,
  ...CONTROL_ENTRY_ROWS,
  ART5_ENTRY,
])

const ANNEX_I_PATTERN = /^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$/
const NATIONAL_PREFIX = 'NATIONAL:'
const NATIONAL_CODE_PATTERN = /^[A-Z0-9.\-/]{1,40}$/
const ART5_PATTERN = /^art\.?\s*5$/i

const byCode = new Map(CONTROL_ENTRIES.map((entry) => [entry.code, entry]))

/**
 * Canonical spelling of a control-list entry: trimmed; the Annex I head upper-case and the
 * sub-items lower-case ('5a001.J' → '5A001.j', a trailing '.' as in '5A001.f.4.' is dropped);
 * 'art5' / 'Art. 5' → 'ART5'; national codes upper-case ('national:abc' → 'NATIONAL:ABC').
 * The result is not validated: use resolveControlEntry for that.
 */
export function normaliseControlEntry(input: string): string {
  const trimmed = input.trim()
  if (ART5_PATTERN.test(trimmed)) return 'ART5'
  if (trimmed.toUpperCase().startsWith(NATIONAL_PREFIX)) {
    return `${NATIONAL_PREFIX}${trimmed.slice(NATIONAL_PREFIX.length).trim().toUpperCase()}`
  }
  const withoutTrailingDot = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed
  const [head = '', ...rest] = withoutTrailingDot.split('.')
  return [head.toUpperCase(), ...rest.map((part) => part.toLowerCase())].join('.')
}

/** Codes from the entry itself up to (not including) its category root, nearest first. */
function annexLineage(code: string): string[] {
  const parts = code.split('.')
  const lineage: string[] = []
  for (let length = parts.length; length > 0; length -= 1) {
    lineage.push(parts.slice(0, length).join('.'))
  }
  return lineage
}

function nationalEntry(code: string): ControlEntry {
  return {
    code,
    title: `National control-list entry ${code.slice(NATIONAL_PREFIX.length)} (Art 9)`,
    cyberSurveillance: false,
    technology: 'other',
    source:
      'National control list of a member state under Reg. (EU) 2021/821 Art 9 (published ' +
      'under Art 9(4)); code not checked against the published list',
    verification: 'unverified',
  }
}

/**
 * Validates and classifies a control-list entry. Annex I codes must be well formed and resolve
 * to the nearest ancestor in CONTROL_ENTRIES (at worst the category root, which is non-cyber);
 * 'ART5' is the Art 5 catch-all; 'NATIONAL:<code>' (1–40 of [A-Z0-9.-/]) is an Art 9 national
 * entry. Returns undefined for anything else ('5Z999', 'XYZ', '', 'NATIONAL:').
 */
export function resolveControlEntry(input: string): ResolvedControlEntry | undefined {
  const code = normaliseControlEntry(input)
  if (code === 'ART5') {
    return { code, kind: 'art5', entry: ART5_ENTRY, cyberSurveillance: true, technology: 'other' }
  }
  if (code.startsWith(NATIONAL_PREFIX)) {
    if (!NATIONAL_CODE_PATTERN.test(code.slice(NATIONAL_PREFIX.length))) return undefined
    const entry = nationalEntry(code)
    return { code, kind: 'national', entry, cyberSurveillance: false, technology: 'other' }
  }
  if (!ANNEX_I_PATTERN.test(code)) return undefined
  const candidates = [...annexLineage(code), code.charAt(0)]
  for (const candidate of candidates) {
    const entry = byCode.get(candidate)
    if (entry !== undefined) {
      const { cyberSurveillance, technology } = entry
      return { code, kind: 'annex_i', entry, cyberSurveillance, technology }
    }
  }
  return undefined
}

/**
 * True when one code is the same entry as, or an ancestor of, the other — the "same control
 * entry" test for essentially identical transactions: '5A001.j' / '5A001.j.1' → true,
 * '5A001.j' / '5A001.f' → false. Category roots never count ('5' / '5A002' → false); ART5 and
 * national codes match only themselves. Invalid codes never match.
 */
export function isAncestorOrSame(a: string, b: string): boolean {
  const left = resolveControlEntry(a)
  const right = resolveControlEntry(b)
  if (left === undefined || right === undefined) return false
  if (left.kind !== 'annex_i' || right.kind !== 'annex_i') return left.code === right.code
  const [shorter, longer] =
    left.code.length <= right.code.length ? [left.code, right.code] : [right.code, left.code]
  return longer === shorter || longer.startsWith(`${shorter}.`)
}
