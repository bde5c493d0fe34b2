import type { AssessmentInput } from '../assessment-input.ts'
import type { Finding } from '../finding.ts'
import type { Policy } from '../policy/policy.schema.ts'
import { authorisationGeneralScope } from './authorisation-general-scope.ts'
import { destinationEmbargo } from './destination-embargo.ts'
import { destinationIndicators } from './destination-indicators.ts'
import { destinationPegasusProject } from './destination-pegasus-project.ts'
import { destinationSpywareAbuse } from './destination-spyware-abuse.ts'
import { dueDiligenceGlobalWithoutIcp } from './due-diligence-global-without-icp.ts'
import { dueDiligenceMissing } from './due-diligence-missing.ts'
import { endUseRedFlags } from './end-use-red-flags.ts'
import { endUseTextCues } from './end-use-text-cues.ts'
import { endUserNaturalPerson } from './end-user-natural-person.ts'
import { endUserSecurityBody } from './end-user-security-body.ts'
import { historyExporterDenials } from './history-exporter-denials.ts'
import { historyIdenticalDenial } from './history-identical-denial.ts'
import { historyVendorAbuse } from './history-vendor-abuse.ts'
import { itemArt5CatchAll } from './item-art5-catch-all.ts'
import { itemCyberSurveillanceEntry } from './item-cyber-surveillance-entry.ts'
import { partyThirdCountryIntermediary } from './party-third-country-intermediary.ts'
import { partyWatchlistHit } from './party-watchlist-hit.ts'
import type { Rule } from './rule.ts'

export type { Rule } from './rule.ts'

/** Every rule, in the order their findings are listed: item, destination, parties, end use, history, due diligence, authorisation. */
export const RULES: readonly Rule[] = Object.freeze([
  itemCyberSurveillanceEntry,
  itemArt5CatchAll,
  destinationIndicators,
  destinationPegasusProject,
  destinationSpywareAbuse,
  destinationEmbargo,
  endUserSecurityBody,
  endUserNaturalPerson,
  partyWatchlistHit,
  partyThirdCountryIntermediary,
  endUseRedFlags,
  endUseTextCues,
  historyIdenticalDenial,
  historyExporterDenials,
  historyVendorAbuse,
  dueDiligenceMissing,
  dueDiligenceGlobalWithoutIcp,
  authorisationGeneralScope,
])

/** The finding that stands in for a rule that threw: the officer sees which rule is missing. */
function failedRule(rule: Rule, error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error)
  return {
    rule: rule.id,
    severity: 'unknown',
    title: `Rule "${rule.title}" could not be evaluated`,
    evidence: `The rule ${rule.id} failed on this application (${message}); assess this point by hand.`,
    legalBasis: rule.legalBasis,
    reasonCodes: [],
    // The error text may quote input data.
    public: false,
  }
}

/**
 * Runs every rule on the input under the policy, in RULES order. A rule that throws (rules should
 * not) gives an 'unknown' finding naming it instead of stopping the assessment.
 */
export function evaluateAll(
  input: AssessmentInput,
  policy: Policy,
  rules: readonly Rule[] = RULES,
): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    try {
      findings.push(...rule.evaluate(input, policy))
    } catch (error) {
      findings.push(failedRule(rule, error))
    }
  }
  return findings
}
