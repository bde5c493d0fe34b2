import { countryName } from '../../reference-data/countries.ts'
import { REASON_CODES, type ReasonCode } from '../../reference-data/reason-codes.ts'
import { type Finding, SEVERITIES, type Severity } from '../finding.ts'
import type { Rule } from './rule.ts'

/** Position of a severity from the lightest ('info') to the heaviest ('prohibitive'). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

/** The heaviest of the given severities; undefined for none. */
export function worstSeverity(severities: readonly Severity[]): Severity | undefined {
  let worst: Severity | undefined
  for (const severity of severities) {
    if (worst === undefined || severityRank(severity) > severityRank(worst)) worst = severity
  }
  return worst
}

type FindingParts = {
  severity: Severity
  title: string
  evidence: string
  reasonCodes: readonly ReasonCode[]
  public: boolean
  /** In place of the evidence on the public register, when the evidence quotes confidential text. */
  publicEvidence?: string
  /** Defaults to the rule's legal basis. */
  legalBasis?: string
}

/** A finding of this rule: the rule id and (unless given) its legal basis are copied on. */
export function finding(rule: Pick<Rule, 'id' | 'legalBasis'>, parts: FindingParts): Finding {
  return {
    rule: rule.id,
    severity: parts.severity,
    title: parts.title,
    evidence: parts.evidence,
    legalBasis: parts.legalBasis ?? rule.legalBasis,
    reasonCodes: unique(parts.reasonCodes),
    public: parts.public,
    ...(parts.publicEvidence === undefined ? {} : { publicEvidence: parts.publicEvidence }),
  }
}

/** The finding a rule gives when the data it needs is missing: say what is missing. */
export function unknownFinding(
  rule: Pick<Rule, 'id' | 'legalBasis'>,
  title: string,
  evidence: string,
): Finding {
  return finding(rule, { severity: 'unknown', title, evidence, reasonCodes: [], public: true })
}

/** The legal-basis text of a reason code, as the reference data gives it. */
export function reasonLegalBasis(code: ReasonCode): string {
  return REASON_CODES.find((reason) => reason.code === code)?.legalBasis ?? code
}

/** Legal-basis parts joined into one line. */
export function cite(...parts: string[]): string {
  return parts.join('; ')
}

/** 'Norway (NO)'; the bare code when it is not a known country. */
export function countryLabel(code: string): string {
  const name = countryName(code.trim().toUpperCase())
  return name === undefined ? code : `${name} (${code})`
}

/** 'a', 'a and b', 'a, b and c'. */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/** Duplicates removed, first occurrence kept. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

/** Marks a fact taken from a source Glasshouse has not verified. */
export function verifiedMark(verified: boolean): string {
  return verified ? '' : ' (source not verified)'
}

/** Shared legal-basis texts. */
export const LEGAL = {
  criterion2: reasonLegalBasis('CP2'),
  criterion2a: reasonLegalBasis('CP2A'),
  criterion2WithA: `${reasonLegalBasis('CP2')}, in particular (a) (deny where there is a clear risk of internal repression)`,
  art5: reasonLegalBasis('ART5'),
  sanctions: reasonLegalBasis('SANCTIONS'),
  diversion: reasonLegalBasis('DIVERSION'),
  priorDenial: reasonLegalBasis('PRIOR_DENIAL'),
  dueDiligence: reasonLegalBasis('DUE_DILIGENCE'),
  recital2:
    'Reg. (EU) 2021/821 recital 2 (cyber-surveillance items: risk of use in connection with internal repression or serious violations of human rights and IHL)',
  art2_20: 'Reg. (EU) 2021/821 Art 2(20) (definition of cyber-surveillance items)',
  art3_1: 'Reg. (EU) 2021/821 Art 3(1) (Annex I items need an export authorisation)',
  guidelines2024: 'Commission Recommendation (EU) 2024/2659 (guidelines on Art 5)',
} as const
