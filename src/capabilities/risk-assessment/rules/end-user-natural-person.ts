import { cite, countryLabel, finding, LEGAL } from './helpers.ts'
import type { Rule } from './rule.ts'

/** A natural person as end user: who is surveilled, and under what oversight, is unknowable. */
export const endUserNaturalPerson: Rule = {
  id: 'end-user.natural-person',
  title: 'End user is a natural person',
  legalBasis: cite(LEGAL.diversion, LEGAL.criterion2),
  evaluate(input, policy) {
    if (input.endUser.type !== 'individual') return []
    // The person is not named: the finding may be published, a private individual's name may not.
    return [
      finding(endUserNaturalPerson, {
        severity: policy.endUser.naturalPerson,
        title: 'End user is a natural person, not an organisation',
        evidence: `The end user in ${countryLabel(input.endUser.country)} is a private individual; there is no institution, legal framework or oversight body answerable for the use of the items.`,
        reasonCodes: ['DIVERSION'],
        public: true,
      }),
    ]
  },
}
