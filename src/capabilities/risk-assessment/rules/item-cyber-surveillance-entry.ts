import type { TechnologyCategory } from '../../reference-data/control-entries.ts'
import { cite, finding, LEGAL } from './helpers.ts'
import type { Rule } from './rule.ts'

const TECHNOLOGY_WORDS: Record<TechnologyCategory, string> = {
  intrusion: 'intrusion software tooling',
  mobile_interception: 'mobile telecommunications interception',
  ip_network_surveillance: 'IP network communications surveillance',
  li_analysis: 'lawful-interception analysis (monitoring centre)',
  forensic_extraction: 'digital forensics / data extraction',
  cryptography: 'information security (cryptography)',
  other: 'other',
}

/**
 * A listed (Annex I or national-list) cyber-surveillance item weighs by its technology category,
 * as the policy's technology table says. Listed encryption items that are not cyber-surveillance
 * items are reported at the table's cryptography weight (the default policy: 'info'); other
 * listed items are not this rule's business.
 */
export const itemCyberSurveillanceEntry: Rule = {
  id: 'item.cyber-surveillance-entry',
  title: 'Listed cyber-surveillance item, weighed by technology category',
  legalBasis: cite(LEGAL.art3_1, LEGAL.art2_20, LEGAL.recital2),
  evaluate(input, policy) {
    return input.items
      .filter((item) => item.kind !== 'art5')
      .filter((item) => item.cyberSurveillance || item.technology === 'cryptography')
      .map((item) => {
        const technology = TECHNOLOGY_WORDS[item.technology]
        const list = item.kind === 'national' ? 'a national control list (Art 9)' : 'Annex I'
        const title = item.cyberSurveillance
          ? `Listed cyber-surveillance item: ${technology} (${item.controlEntry})`
          : `Listed encryption item, not a cyber-surveillance item (${item.controlEntry})`
        return finding(itemCyberSurveillanceEntry, {
          severity: policy.items.technology[item.technology],
          title,
          evidence: `${item.controlEntry} on ${list}, technology category "${technology}": ${item.description}`,
          reasonCodes: item.cyberSurveillance ? ['CP2'] : [],
          public: true,
        })
      })
  },
}
