import { EU_MEMBER_STATES } from '../../reference-data/countries.ts'
import { cite, countryLabel, finding, LEGAL } from './helpers.ts'
import type { Rule } from './rule.ts'

const EU = new Set(EU_MEMBER_STATES)

/** An intermediary or agent in a country that is neither an EU member state nor the destination. */
export const partyThirdCountryIntermediary: Rule = {
  id: 'party.third-country-intermediary',
  title: 'Intermediary or agent in a third country',
  legalBasis: cite(
    LEGAL.diversion,
    `${LEGAL.guidelines2024}, red flags "unusual routing" and "intermediaries that are not known" (unverified: not read in the OJ text, domain-facts §2)`,
  ),
  evaluate(input, policy) {
    const destination = input.destination.trim().toUpperCase()
    return input.parties
      .filter((party) => party.role === 'intermediary' || party.role === 'agent')
      .filter((party) => {
        const country = party.country.trim().toUpperCase()
        return !EU.has(country) && country !== destination
      })
      .map((party) => {
        // A natural person acting as agent is not named: the finding may be published.
        const who = party.type === 'individual' ? 'a natural person' : `"${party.name}"`
        return finding(partyThirdCountryIntermediary, {
          severity: policy.endUser.intermediaryInThirdCountry,
          title: `${party.role === 'agent' ? 'Agent' : 'Intermediary'} in a third country: ${countryLabel(party.country)}`,
          evidence: `The ${party.role}, ${who}, is in ${countryLabel(party.country)}, which is neither an EU member state nor the destination ${countryLabel(input.destination)}: a route for diversion or re-export.`,
          reasonCodes: ['DIVERSION'],
          public: true,
        })
      })
  },
}
