import type { CountryEvidence, SpywareEvidenceStrength } from '../evidence/country-evidence.ts'
import type { Severity } from '../finding.ts'
import type { Policy } from '../policy/policy.schema.ts'
import { cite, countryLabel, finding, LEGAL, verifiedMark, worstSeverity } from './helpers.ts'
import type { Rule } from './rule.ts'

/** Evidence that establishes use by the state itself; the rest points to it less firmly. */
export const STRONG_SPYWARE_EVIDENCE: readonly SpywareEvidenceStrength[] = [
  'official admission',
  'court/inquiry finding',
  'confirmed infections',
  'leaked records',
]

type Use = CountryEvidence['spyware'][number]

function isStrong(use: Use): boolean {
  return STRONG_SPYWARE_EVIDENCE.includes(use.evidence)
}

/**
 * Strong evidence → policy `strong`, weaker → `weak`; strong evidence that civil society was
 * targeted → `civilSocietyTargeted`. Weak evidence is never raised by the civil-society mark:
 * a suspicion from network scanning is not proof of whom the state targeted.
 */
function severityOf(use: Use, policy: Policy): Severity {
  const weights = policy.destination.spyware
  if (!isStrong(use)) return weights.weak
  if (use.civilSocietyTargeted === true) {
    return worstSeverity([weights.strong, weights.civilSocietyTargeted]) ?? weights.strong
  }
  return weights.strong
}

function describe(use: Use): string {
  const year = use.firstReported === null ? '' : `, first reported ${use.firstReported}`
  const civil =
    use.civilSocietyTargeted === true
      ? ', civil society targeted'
      : use.civilSocietyTargeted === false
        ? ''
        : ', targets unknown'
  return `${use.spyware} (${use.vendor})${year}: ${use.evidence}${civil} — ${use.source}${verifiedMark(use.verified)}`
}

/** Documented use of mercenary spyware by the destination state, weighed by the evidence. */
export const destinationSpywareAbuse: Rule = {
  id: 'destination.spyware-abuse',
  title: 'Documented use of mercenary spyware by the destination state',
  legalBasis: cite(LEGAL.criterion2WithA, LEGAL.recital2),
  evaluate(input, policy) {
    const { spyware, victimCases } = input.destinationEvidence
    if (spyware.length === 0) return []
    const weights = policy.destination.spyware
    const strong = spyware.some(isStrong)
    // Documented civil-society victim cases raise the weight only where the state's use is
    // itself firmly established.
    const victimsInCivilSociety = victimCases !== null && victimCases.civilSociety > 0
    const severities = spyware.map((use) => severityOf(use, policy))
    if (strong && victimsInCivilSociety) severities.push(weights.civilSocietyTargeted)
    const severity = worstSeverity(severities) ?? weights.weak
    const civilSociety =
      strong &&
      (victimsInCivilSociety ||
        spyware.some((use) => isStrong(use) && use.civilSocietyTargeted === true))
    const country = countryLabel(input.destination)
    const cases =
      victimCases === null
        ? ''
        : ` Documented victim cases attributed to this state as operator: ${victimCases.total}, of them ${victimCases.civilSociety} in civil society${victimCases.firstYear === null ? '' : ` (${victimCases.firstYear}–${victimCases.lastYear ?? '?'})`} — ${victimCases.source}.`
    const title = civilSociety
      ? `${country} has used mercenary spyware against civil society`
      : strong
        ? `${country} has documented use of mercenary spyware`
        : `${country} is suspected of using mercenary spyware`
    return [
      finding(destinationSpywareAbuse, {
        severity,
        title,
        evidence: `${spyware.map(describe).join('; ')}.${cases}`,
        reasonCodes: civilSociety ? ['CP2', 'CP2A'] : ['CP2'],
        public: true,
      }),
    ]
  },
}
