import { finding, reasonLegalBasis } from './helpers.ts'
import type { Rule } from './rule.ts'

/** A global export authorisation for an exporter without an internal compliance programme. */
export const dueDiligenceGlobalWithoutIcp: Rule = {
  id: 'due-diligence.global-without-icp',
  title: 'Global licence without an internal compliance programme',
  legalBasis:
    "Reg. (EU) 2021/821 Art 15(2) (for a global export authorisation the authority considers the exporter's ICP) [V]; ICP required for global authorisations, believed Art 12(4) (paragraph number unverified, domain-facts §1.4 [S]); Rec. (EU) 2019/1318 (ICP guidance)",
  evaluate(input, policy) {
    if (input.licenceType !== 'global' || input.hasInternalComplianceProgramme === true) return []
    const state =
      input.hasInternalComplianceProgramme === false
        ? 'states that it has no internal compliance programme'
        : 'has not recorded an internal compliance programme (not answered)'
    return [
      finding(dueDiligenceGlobalWithoutIcp, {
        severity: policy.dueDiligence.globalWithoutIcp,
        title: 'Global licence applied for without an internal compliance programme',
        evidence: `${input.exporter.name} applies for a global export authorisation and ${state}.`,
        legalBasis: `${dueDiligenceGlobalWithoutIcp.legalBasis}; reason code DUE_DILIGENCE: ${reasonLegalBasis('DUE_DILIGENCE')}`,
        reasonCodes: ['DUE_DILIGENCE'],
        public: true,
      }),
    ]
  },
}
