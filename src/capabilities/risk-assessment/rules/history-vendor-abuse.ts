import { cite, finding, LEGAL } from './helpers.ts'
import type { Rule } from './rule.ts'

/** Documented abuse linked to the exporter, e.g. a vendor on the surveillance-vendor list. */
export const historyVendorAbuse: Rule = {
  id: 'history.vendor-abuse',
  title: 'Documented abuse linked to the vendor',
  legalBasis: cite(
    LEGAL.criterion2WithA,
    `${LEGAL.guidelines2024}, red flag "indications of prior misuse of similar items for internal repression" (domain-facts §2 [S])`,
  ),
  evaluate(input, policy) {
    return input.vendorAbuse.map((abuse) =>
      finding(historyVendorAbuse, {
        severity: policy.history.vendorAbuse,
        title: `Abuse documented for the exporter's products (${abuse.source})`,
        evidence: `${input.exporter.name}: ${abuse.detail} — ${abuse.source}.`,
        reasonCodes: ['CP2', 'CP2A'],
        public: true,
      }),
    )
  },
}
