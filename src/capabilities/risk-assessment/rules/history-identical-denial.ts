import { cite, countryLabel, finding, LEGAL } from './helpers.ts'
import type { Rule } from './rule.ts'

/**
 * Standing denials of essentially identical transactions, by any authority. The authority must
 * consult the denying member state before deciding. The denial notices are exchanged between
 * authorities in confidence, so the finding is not public.
 */
export const historyIdenticalDenial: Rule = {
  id: 'history.identical-denial',
  title: 'Standing denial of an essentially identical transaction',
  legalBasis: cite(
    LEGAL.priorDenial,
    '"essentially identical": same end user or consignee and essentially identical item parameters (definition believed in Art 2, unverified: domain-facts §1.2, §1.6); confidentiality of notifications believed Art 16(7)/Art 23 (unverified)',
  ),
  evaluate(input, policy) {
    return input.identicalDenials.map((denial) =>
      finding(historyIdenticalDenial, {
        severity: policy.history.identicalDenial,
        title: `Essentially identical transaction denied by ${countryLabel(denial.issuingState)}`,
        evidence: `Authority ${denial.authorityId} of ${countryLabel(denial.issuingState)} notified a denial (${denial.kind}) on ${denial.notifiedOn} for an essentially identical transaction; it is in force. Consult that authority before deciding; if granting anyway, notify the member states and the Commission with reasons.`,
        reasonCodes: ['PRIOR_DENIAL'],
        public: false,
      }),
    )
  },
}
