import { checkGeneralAuthorisationUse } from '../../reference-data/general-authorisations.ts'
import type { Finding } from '../finding.ts'
import { cite, countryLabel, finding, unknownFinding } from './helpers.ts'
import type { Rule } from './rule.ts'

/**
 * A Union general export authorisation used for items or a destination it does not cover, on
 * the assessment date (e.g. EU005 with 5A001.j). A scope Glasshouse has not verified gives an
 * 'unknown' finding: decide by hand against the consolidated Annex II.
 */
export const authorisationGeneralScope: Rule = {
  id: 'authorisation.general-scope',
  title: 'Union general export authorisation used outside its scope',
  legalBasis: cite(
    'Reg. (EU) 2021/821 Art 12(1)(d) and Annex II (Union general export authorisations: certain items to certain destinations) [V]',
    'Art 3(1): items outside the GEA need an individual or global authorisation',
    'EU005 does not cover 5A001.f or 5A001.j (domain-facts §1.10; EU005 destination list derived [S])',
  ),
  evaluate(input, policy) {
    if (input.licenceType !== 'eu_general') return []
    if (input.gea === null) {
      return [
        unknownFinding(
          authorisationGeneralScope,
          'Union general authorisation not named',
          'The registration is for a Union general export authorisation but does not say which (EU001–EU008); its scope cannot be checked.',
        ),
      ]
    }
    const gea = input.gea
    const seen = new Set<string>()
    const findings: Finding[] = []
    for (const item of input.items) {
      const check = checkGeneralAuthorisationUse(
        gea,
        item.controlEntry,
        input.destination,
        input.onDate,
        item.forEntry ?? null,
      )
      if (check.allowed || seen.has(check.detail)) continue
      seen.add(check.detail)
      if (check.reason === 'unverified_scope') {
        findings.push(
          unknownFinding(
            authorisationGeneralScope,
            `Scope of ${gea} not verified for ${item.controlEntry} to ${countryLabel(input.destination)}`,
            `Glasshouse cannot confirm that ${gea} covers ${item.controlEntry} to ${countryLabel(input.destination)} on ${input.onDate}: ${check.detail}.`,
          ),
        )
        continue
      }
      const title =
        check.reason === 'unknown_gea'
          ? `${gea} is not a Union general export authorisation in force`
          : check.reason === 'destination_not_covered'
            ? `${gea} does not cover the destination ${countryLabel(input.destination)}`
            : `${gea} does not cover the item ${item.controlEntry}`
      findings.push(
        finding(authorisationGeneralScope, {
          severity: policy.authorisation.generalOutsideScope,
          title,
          evidence: `Registration under ${gea} on ${input.onDate}: ${check.detail}. The export needs an individual or global authorisation instead.`,
          reasonCodes: ['OTHER'],
          public: true,
        }),
      )
    }
    return findings
  },
}
