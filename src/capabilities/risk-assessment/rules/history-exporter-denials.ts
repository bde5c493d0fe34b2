import { isReasonCode, type ReasonCode, reasonCodesFor } from '../../reference-data/reason-codes.ts'
import { finding, unique } from './helpers.ts'
import type { Rule } from './rule.ts'

const REFUSAL_CODES = new Set(reasonCodesFor('refusal'))

/** The refusal grounds among an earlier decision's reasons; OTHER when none is a refusal code. */
function refusalCodes(reasons: readonly string[]): ReasonCode[] {
  const codes = reasons.filter(isReasonCode).filter((code) => REFUSAL_CODES.has(code))
  return codes.length === 0 ? ['OTHER'] : unique(codes)
}

/** The same exporter's earlier refusals and revocations (one finding per decision). */
export const historyExporterDenials: Rule = {
  id: 'history.exporter-denials',
  title: "The exporter's earlier refusals and revocations",
  legalBasis:
    'Reg. (EU) 2021/821 Art 15(1) ("all relevant considerations") and Art 16(1) (refusal, annulment, suspension, modification, revocation)',
  evaluate(input, policy) {
    return input.exporterDenials.map((denial) => {
      const reasons =
        denial.reasons.length === 0 ? 'no reasons recorded' : `reasons ${denial.reasons.join(', ')}`
      return finding(historyExporterDenials, {
        severity: policy.history.exporterDenial,
        title: `Exporter's earlier ${denial.kind} (${denial.reference})`,
        evidence: `${input.exporter.name} had ${denial.reference} decided as a ${denial.kind} on ${denial.decidedOn} (${reasons}).`,
        reasonCodes: refusalCodes(denial.reasons),
        public: true,
      })
    })
  },
}
