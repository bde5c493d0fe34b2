import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import {
  createMatcher,
  DEFAULT_THRESHOLD,
  type Matcher,
  type MatcherEntry,
  type MatchHit,
  type MatchQuery,
} from './matching/index.ts'
import { currentVersionIds, listStatus, loadWatchlistEntities } from './watchlist.repository.ts'

export type ListVersionUsed = { source: string; versionId: number; listDate: string | null }

export type ScreeningHit = {
  source: string
  entityId: string
  caption: string
  schema: string
  score: number
  matchedName: string
  programmes: string[]
  countries: string[]
  listedOn: string | null
  explanation: MatchHit['explanation']
}

export type PartyScreening = { query: MatchQuery; hits: ScreeningHit[] }

export type ScreeningResult = {
  threshold: number
  lists: ListVersionUsed[]
  results: PartyScreening[]
}

type LoadedLists = { fingerprint: string; matcher: Matcher; lists: ListVersionUsed[] }

export type ScreeningService = ReturnType<typeof createScreeningService>

/**
 * Screens names against every list in force. The matcher lives in memory and is rebuilt when a
 * list version changes: checked at most every `refreshMs`, or at once after `invalidate()`.
 */
export function createScreeningService({
  db,
  clock,
  threshold = DEFAULT_THRESHOLD,
  refreshMs = 2000,
}: {
  db: Db
  clock: Clock
  threshold?: number
  refreshMs?: number
}) {
  let loaded: LoadedLists | null = null
  let checkedAt = Number.NEGATIVE_INFINITY
  let building: Promise<LoadedLists> | null = null

  /** The lists in force, loaded into the matcher. Call it outside any open transaction. */
  async function ready(): Promise<LoadedLists> {
    const now = clock.now().getTime()
    if (loaded && now - checkedAt < refreshMs) return loaded
    const versions = await currentVersionIds(db)
    const fingerprint = versions.map((v) => `${v.source}@${v.versionId}`).join(',')
    checkedAt = now
    if (loaded?.fingerprint === fingerprint) return loaded
    building ??= build(fingerprint).finally(() => {
      building = null
    })
    loaded = await building
    return loaded
  }

  async function build(fingerprint: string): Promise<LoadedLists> {
    const entries: MatcherEntry[] = []
    for await (const { source, entity } of loadWatchlistEntities(db))
      entries.push({ key: `${source}/${entity.entityId}`, entity })
    const status = await listStatus(db)
    return {
      fingerprint,
      matcher: createMatcher(entries),
      lists: status.map((s) => ({
        source: s.source,
        versionId: s.versionId,
        listDate: s.listDate,
      })),
    }
  }

  function screenWith(
    lists: LoadedLists,
    queries: MatchQuery[],
    options: { threshold?: number; limit?: number } = {},
  ): ScreeningResult {
    const used = options.threshold ?? threshold
    return {
      threshold: used,
      lists: lists.lists,
      results: queries.map((query) => ({
        query,
        hits: lists.matcher
          .screen(query, { threshold: used, limit: options.limit ?? 10 })
          .map(toScreeningHit),
      })),
    }
  }

  return {
    threshold,
    ready,
    /** What is in memory now, without loading anything (for readiness and metrics). */
    state(): { loaded: boolean; entities: number; lists: number } {
      return loaded
        ? { loaded: true, entities: loaded.matcher.size, lists: loaded.lists.length }
        : { loaded: false, entities: 0, lists: 0 }
    },
    invalidate(): void {
      checkedAt = Number.NEGATIVE_INFINITY
    },
    async screen(
      queries: MatchQuery[],
      options?: { threshold?: number; limit?: number },
    ): Promise<ScreeningResult> {
      return screenWith(await ready(), queries, options)
    },
    screenWith,
  }
}

function toScreeningHit(hit: MatchHit): ScreeningHit {
  const slash = hit.key.indexOf('/')
  return {
    source: hit.key.slice(0, slash),
    entityId: hit.entity.entityId,
    caption: hit.entity.names[0]?.value ?? hit.entity.entityId,
    schema: hit.entity.schema,
    score: Math.round(hit.score * 1000) / 1000,
    matchedName: hit.explanation.matchedName,
    programmes: hit.entity.programmes,
    countries: hit.entity.countries,
    listedOn: hit.entity.listedOn,
    explanation: hit.explanation,
  }
}
