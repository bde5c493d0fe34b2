import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { assess } from '../risk-assessment/assess.ts'
import type { AssessedParty } from '../risk-assessment/assessment-input.ts'
import {
  type CountryEvidenceLookup,
  createInputGatherer,
  type PartyHits,
} from '../risk-assessment/gather-inputs.ts'
import { policyVersion } from '../risk-assessment/policy/policy.repository.ts'
import type { MatchQuery } from '../watchlists/matching/index.ts'
import type { ScreeningHit, ScreeningService } from '../watchlists/screening.service.ts'
import { compareWithGrant } from './compare-with-grant.ts'
import {
  completeInvestigation,
  findInvestigation,
  grantTimeAssessments,
  type Investigation,
  type PageResult,
  savePage,
  scopePage,
} from './investigation.repository.ts'

export type RunDeps = {
  db: Db
  clock: Clock
  screening: ScreeningService
  loadEvidence: (db: Db) => Promise<CountryEvidenceLookup>
}

export type RunOptions = {
  pageSize?: number
  /** Called after each committed page with the investigation's saved progress. */
  onPage?: (progress: Investigation['progress']) => void
  /** Aborting stops the run after the page being committed: it stays `running`, resumable. */
  signal?: AbortSignal
}

/**
 * Re-screens every licence in an investigation's scope, from its saved cursor: pages of licences
 * by id (the next read while this one is assessed), each distinct party screened once per pass
 * against today's lists, the rules run under the investigation's policy version, today's result
 * compared with the assessment at grant time. Each page's findings, proposals, cursor and
 * counters commit together, so a run killed at any point resumes without duplicates or gaps.
 */
export async function runInvestigation(
  deps: RunDeps,
  id: number,
  { pageSize = 1000, onPage, signal }: RunOptions = {},
): Promise<Investigation> {
  const { db, clock } = deps
  const investigation = await findInvestigation(db, id)
  if (!investigation) throw new Error(`no investigation ${id}`)
  if (investigation.status === 'completed') return investigation
  const policy = await policyVersion(db, investigation.policyVersion)
  if (!policy) throw new Error(`policy version ${investigation.policyVersion} is missing`)
  const evidence = await deps.loadEvidence(db)
  const lists = await deps.screening.ready()

  // The same party (name, schema, country) screens the same against the same lists.
  const screened = new Map<string, ScreeningHit[]>()
  const hitsFor = (query: MatchQuery): ScreeningHit[] => {
    const key = `${query.schema}\u0000${query.countries?.join(',')}\u0000${query.name}`
    let hits = screened.get(key)
    if (!hits) {
      hits = deps.screening.screenWith(lists, [query]).results[0]?.hits ?? []
      screened.set(key, hits)
    }
    return hits
  }
  const screen = (parties: AssessedParty[]): PartyHits[] =>
    parties.map((p) => ({
      role: p.role,
      name: p.name,
      // As screen-application.ts: only a declared individual narrows the schema.
      hits: hitsFor({
        name: p.name,
        schema: p.type === 'individual' ? 'Person' : 'Any',
        countries: [p.country],
      }),
    }))
  const gatherer = createInputGatherer(db, { evidence, today: clock.today(), screen })

  const readPage = async (afterId: number) => {
    const ids = await scopePage(db, investigation, afterId, pageSize)
    const [inputs, then] = await Promise.all([gatherer.gather(ids), grantTimeAssessments(db, ids)])
    return { ids, inputs, then }
  }

  let progress = investigation.progress
  let next = readPage(progress.cursor)
  // One page's commit runs while the next is assessed; commits stay in page order.
  let writing: Promise<void> = Promise.resolve()
  for (;;) {
    const page = await next
    const lastId = page.ids.at(-1)
    if (lastId === undefined) break
    next = readPage(lastId)
    // A rejection of the read-ahead is seen when it is awaited; don't let it go unhandled meanwhile.
    next.catch(() => undefined)
    const results: PageResult[] = page.inputs.map(({ applicationId, input }) => ({
      applicationId,
      findings: compareWithGrant(assess(input, policy), page.then.get(applicationId) ?? null),
    }))
    await writing
    if (signal?.aborted) break
    const licences = page.ids.length
    writing = savePage(db, id, { lastId, licences, results }).then(() => {
      progress = {
        ...progress,
        cursor: lastId,
        pagesDone: progress.pagesDone + 1,
        licencesDone: progress.licencesDone + licences,
      }
      onPage?.(progress)
    })
  }
  await writing
  if (signal?.aborted) {
    await next.catch(() => undefined)
    return (await findInvestigation(db, id)) as Investigation
  }
  await completeInvestigation(db, id, clock.now())
  return (await findInvestigation(db, id)) as Investigation
}
