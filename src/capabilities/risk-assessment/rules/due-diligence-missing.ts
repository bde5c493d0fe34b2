import { cite, finding, LEGAL, listWords, unknownFinding } from './helpers.ts'
import type { Rule } from './rule.ts'

/**
 * A cyber-surveillance item and no due-diligence record for this transaction. The record's
 * content is the exporter's and is never quoted here; a record without a completion date gives
 * an 'unknown' finding.
 */
export const dueDiligenceMissing: Rule = {
  id: 'due-diligence.missing',
  title: 'Cyber-surveillance item without a human-rights due-diligence record',
  legalBasis: cite(
    LEGAL.dueDiligence,
    'Art 5(2) speaks of the exporter\'s "due diligence findings" for non-listed items; asking for a record for listed items too is Glasshouse\'s reading (Art 15(1)(c)–(d))',
  ),
  evaluate(input, policy) {
    const cyber = input.items.filter((item) => item.cyberSurveillance)
    if (cyber.length === 0) return []
    const entries = listWords(cyber.map((item) => item.controlEntry))
    if (input.dueDiligence === null) {
      return [
        finding(dueDiligenceMissing, {
          severity: policy.dueDiligence.missingForCyberSurveillance,
          title: 'No due-diligence record for a cyber-surveillance item',
          evidence: `The application includes cyber-surveillance items (${entries}) but the exporter has filed no human-rights due-diligence record for this transaction (item screening, stakeholder screening, transaction risk assessment, mitigation).`,
          reasonCodes: ['DUE_DILIGENCE'],
          public: true,
        }),
      ]
    }
    if (input.dueDiligence.completedOn === null) {
      return [
        unknownFinding(
          dueDiligenceMissing,
          'Due-diligence record not completed',
          `A due-diligence record exists for the cyber-surveillance items (${entries}) but has no completion date; check whether it was finished.`,
        ),
      ]
    }
    return []
  },
}
