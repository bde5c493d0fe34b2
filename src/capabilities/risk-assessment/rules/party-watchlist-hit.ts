import { finding, LEGAL, unknownFinding } from './helpers.ts'
import type { Rule } from './rule.ts'

const ROLE_WORDS = {
  exporter: 'exporter',
  consignee: 'consignee',
  end_user: 'end user',
  intermediary: 'intermediary',
  agent: 'agent',
} as const

/**
 * Any party with a watchlist hit: at or above the policy's prohibitive score it is prohibitive,
 * below it high. The evidence names the party and the listing, so it is not public.
 */
export const partyWatchlistHit: Rule = {
  id: 'party.watchlist-hit',
  title: 'A party matches a sanctions list or watchlist',
  legalBasis: LEGAL.sanctions,
  evaluate(input, policy) {
    if (input.watchlistHits === null) {
      return [
        unknownFinding(
          partyWatchlistHit,
          'Parties not screened against the watchlists',
          'Screening did not run for this application: no party has been checked against the sanctions lists and watchlists.',
        ),
      ]
    }
    return [...input.watchlistHits]
      .sort((a, b) => b.score - a.score)
      .map((hit) => {
        const prohibitive = hit.score >= policy.screening.prohibitiveFrom
        const programmes =
          hit.programmes.length === 0 ? '' : `; programmes: ${hit.programmes.join(', ')}`
        const summary = hit.summary === '' ? '' : `; ${hit.summary}`
        return finding(partyWatchlistHit, {
          severity: prohibitive ? 'prohibitive' : 'high',
          title: `${ROLE_WORDS[hit.role]} matches ${hit.source} (score ${hit.score.toFixed(2)})`,
          evidence: `${ROLE_WORDS[hit.role]} "${hit.partyName}" matches the listed name "${hit.caption}" on ${hit.source} (entry ${hit.entityId}), match score ${hit.score.toFixed(2)}${prohibitive ? '' : ` (below the policy's ${policy.screening.prohibitiveFrom} for a prohibitive match: confirm or dismiss the match)`}${programmes}${summary}.`,
          reasonCodes: ['SANCTIONS'],
          public: false,
        })
      })
  },
}
