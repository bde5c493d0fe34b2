import { cite, finding, LEGAL } from './helpers.ts'
import type { Rule } from './rule.ts'

/** A non-listed cyber-surveillance item applied for under the Art 5 catch-all. */
export const itemArt5CatchAll: Rule = {
  id: 'item.art5-catch-all',
  title: 'Non-listed cyber-surveillance item under the Art 5 catch-all',
  legalBasis: cite(
    `${LEGAL.art5}: authorisation required where the items "are or may be intended, in their entirety or in part, for use in connection with internal repression and/or the commission of serious violations of human rights and international humanitarian law"`,
    LEGAL.art2_20,
  ),
  evaluate(input, policy) {
    return input.items
      .filter((item) => item.kind === 'art5')
      .map((item) =>
        finding(itemArt5CatchAll, {
          severity: policy.items.art5,
          title: `Art 5 catch-all item (${item.controlEntry}): not listed, cyber-surveillance by its end use`,
          evidence: `Item "${item.description}" is not in Annex I but is treated as a cyber-surveillance item under Art 5 (Art 2(20): specially designed to enable the covert surveillance of natural persons).`,
          reasonCodes: ['ART5'],
          public: true,
        }),
      )
  },
}
