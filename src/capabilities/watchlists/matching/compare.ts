import type { EntitySchema } from '../watchlist-entity.ts'
import { scoreAnalysed } from './compare-names.ts'
import { summarise } from './explain.ts'
import { analyseName, nameClassOf } from './normalize.ts'
import type { MatchExplanation } from './types.ts'

/**
 * Compares two names of the given schema, 0..1, with the part-by-part explanation. Used by the
 * benchmark and for pairwise checks such as duplicate-denial detection. Never throws.
 */
export function compareNames(
  query: string,
  candidate: string,
  schema: EntitySchema | 'Any' = 'Any',
): { score: number; explanation: MatchExplanation } {
  const nameClass = nameClassOf(schema)
  const q = analyseName(String(query ?? ''), nameClass)
  const c = analyseName(String(candidate ?? ''), nameClass)
  const { score, parts } = scoreAnalysed(q, c, nameClass, true)
  const list = parts ?? []
  return {
    score,
    explanation: {
      summary: summarise(candidate, list, []),
      matchedName: candidate,
      parts: list,
      qualifiers: [],
    },
  }
}
