/**
 * `npx tsx bench/matching/probe.ts "John Smith|Person" "Intel Corporation" …`: screens each name
 * (optionally `|Schema`) against the real lists in shared/data/sanctions and prints the top three
 * hits at score ≥ 0.5 with their explanations. A manual check of quietness and recall.
 */
import { builtInSurveillanceList } from '../../src/capabilities/watchlists/built-in/surveillance-vendors.ts'
import { parseSharedLists } from '../../src/capabilities/watchlists/demo/shared-lists.ts'
import { createMatcher } from '../../src/capabilities/watchlists/matching/index.ts'
import type { EntitySchema } from '../../src/capabilities/watchlists/watchlist-entity.ts'

const S = new URL('../../../shared/data/sanctions/', import.meta.url).pathname
const lists = [...(await parseSharedLists(S)), builtInSurveillanceList()]
const matcher = createMatcher(
  lists.flatMap((l) =>
    l.entities.map((entity) => ({ key: `${l.source}/${entity.entityId}`, entity })),
  ),
)
for (const q of process.argv.slice(2)) {
  const [name = '', schema = 'Any'] = q.split('|')
  const hits = matcher.screen(
    { name, schema: schema as EntitySchema | 'Any' },
    { threshold: 0.5, limit: 3 },
  )
  const lines = hits.map(
    (h) => `${h.score.toFixed(3)} ${h.key} ${h.explanation.matchedName} — ${h.explanation.summary}`,
  )
  process.stdout.write(`${name}: ${lines.join('\n    ') || 'none'}\n`)
}
