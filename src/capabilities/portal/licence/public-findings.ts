import type { Finding, Severity } from '../../risk-assessment/finding.ts'

export type PublicFinding = {
  rule: string
  severity: Severity
  title: string
  /** null when withheld: the text mentions a party the register does not publish. */
  evidence: string | null
  legalBasis: string
  reasonCodes: string[]
}

const mentionsAny = (text: string, names: readonly string[]) => {
  const lower = text.toLowerCase()
  return names.some((name) => lower.includes(name.toLowerCase()))
}

/**
 * The findings a member of the public may read. Rules mark each finding `public`; a finding with
 * `public: false` (a watchlist hit naming a party, a prior denial by another authority, a rule
 * that failed and quotes its input) is left out entirely. A public finding's text can still
 * quote a party the register does not publish (e.g. the end user's name, which the register
 * never shows): such a finding keeps its title only when that is clean, and loses its evidence.
 * Severity order is kept as the assessment stored it.
 */
export function publicFindings(
  findings: readonly Finding[],
  unpublishedNames: readonly string[],
): PublicFinding[] {
  return findings
    .filter((f) => f.public === true)
    .filter((f) => !mentionsAny(f.title, unpublishedNames))
    .map((f) => ({
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      evidence: mentionsAny(f.publicEvidence ?? f.evidence, unpublishedNames)
        ? null
        : (f.publicEvidence ?? f.evidence),
      legalBasis: f.legalBasis,
      reasonCodes: [...f.reasonCodes],
    }))
}
