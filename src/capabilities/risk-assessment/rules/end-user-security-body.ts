import { cite, countryLabel, finding, LEGAL } from './helpers.ts'
import type { Rule } from './rule.ts'

const TYPE_WORDS: Record<string, string> = {
  government_intelligence: 'an intelligence service',
  government_police: 'a police or law-enforcement body',
  government_military: 'a military body',
  government_other: 'another government body',
  telecom_operator: 'a telecommunications operator',
}

/**
 * The end user's type as weighed in the policy's end-user table (by default the intelligence,
 * police, military and other government bodies, and telecom operators). Types the table does not
 * list are not this rule's business.
 */
export const endUserSecurityBody: Rule = {
  id: 'end-user.security-body',
  title: 'End user is a security body (intelligence, police, military) or other listed type',
  legalBasis: cite(
    LEGAL.criterion2,
    LEGAL.recital2,
    `${LEGAL.guidelines2024}, red flag "the end user is a security, intelligence or police body in a state with documented abuses" (unverified: not read in the OJ text, domain-facts §2)`,
  ),
  evaluate(input, policy) {
    const type = input.endUser.type
    const severity = policy.endUser.type[type]
    if (severity === undefined) return []
    const words = TYPE_WORDS[type] ?? type.replaceAll('_', ' ')
    const government = type.startsWith('government_')
    const agency =
      input.governmentAgency === null
        ? government
          ? ' No government agency is named on the application.'
          : ''
        : ` Government agency named: ${input.governmentAgency}.`
    return [
      finding(endUserSecurityBody, {
        severity,
        title: `End user is ${words}`,
        evidence: `End user "${input.endUser.name}" in ${countryLabel(input.endUser.country)} is ${words} (${type}).${agency}`,
        reasonCodes: ['CP2'],
        public: true,
      }),
    ]
  },
}
