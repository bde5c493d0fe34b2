import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import type { MatchQuery } from './matching/index.ts'
import type { ScreeningHit, ScreeningService } from './screening.service.ts'

export type PartyRole = 'exporter' | 'consignee' | 'end_user' | 'intermediary' | 'agent'

export type ScreenedParty = {
  role: PartyRole
  lineNo: number | null
  name: string
  country: string
  hits: ScreeningHit[]
}

export type ApplicationScreening = {
  id: number
  screenedAt: string
  actor: string
  threshold: number
  lists: unknown
  partyCount: number
  hitCount: number
  maxScore: number | null
  parties: ScreenedParty[]
}

type PartyToScreen = Omit<ScreenedParty, 'hits'> & { individual: boolean }

/** Every party of an application: exporter, consignee, end user, intermediaries and agents. */
async function partiesOf(trx: Db, applicationId: number): Promise<PartyToScreen[]> {
  const application = await trx
    .selectFrom('applications')
    .select([
      'exporter_name',
      'exporter_country',
      'consignee_name',
      'consignee_country',
      'end_user_name',
      'end_user_country',
      'end_user_type',
    ])
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const others = await trx
    .selectFrom('application_parties')
    .select(['line_no', 'role', 'name', 'country', 'party_type'])
    .where('application_id', '=', applicationId)
    .orderBy('line_no')
    .execute()
  return [
    {
      role: 'exporter',
      lineNo: null,
      name: application.exporter_name,
      country: application.exporter_country,
      individual: false,
    },
    {
      role: 'consignee',
      lineNo: null,
      name: application.consignee_name,
      country: application.consignee_country,
      individual: false,
    },
    {
      role: 'end_user',
      lineNo: null,
      name: application.end_user_name,
      country: application.end_user_country,
      individual: application.end_user_type === 'individual',
    },
    ...others.map((p) => ({
      role: p.role as PartyRole,
      lineNo: p.line_no,
      name: p.name,
      country: p.country,
      individual: p.party_type === 'individual',
    })),
  ]
}

function queryFor(party: PartyToScreen): MatchQuery {
  // A party declared as a company may still be a listed person's front, so only a declared
  // individual narrows the schema; the country is a qualifier, never a filter.
  return {
    name: party.name,
    schema: party.individual ? 'Person' : 'Any',
    countries: [party.country],
  }
}

/**
 * Screens every party of an application against the lists in force and stores the result with
 * the list versions used. Runs inside the caller's transaction; `screening.ready()` must have
 * been awaited before it opened (the matcher is loaded outside any transaction).
 */
export async function recordApplicationScreening(
  trx: Db,
  screening: ScreeningService,
  lists: Awaited<ReturnType<ScreeningService['ready']>>,
  { applicationId, actor, clock }: { applicationId: number; actor: string; clock: Clock },
): Promise<void> {
  const parties = await partiesOf(trx, applicationId)
  const result = screening.screenWith(lists, parties.map(queryFor))
  const screened: ScreenedParty[] = parties.map((party, index) => ({
    role: party.role,
    lineNo: party.lineNo,
    name: party.name,
    country: party.country,
    hits: result.results[index]?.hits ?? [],
  }))
  const scores = screened.flatMap((p) => p.hits.map((h) => h.score))
  await trx
    .insertInto('screening_runs')
    .values({
      application_id: applicationId,
      screened_at: clock.now(),
      actor,
      threshold: result.threshold,
      list_versions: JSON.stringify(result.lists),
      party_count: screened.length,
      hit_count: scores.length,
      max_score: scores.length > 0 ? Math.max(...scores) : null,
      results: JSON.stringify(screened),
    })
    .execute()
}

export async function listApplicationScreenings(
  db: Db,
  applicationId: number,
): Promise<ApplicationScreening[]> {
  const rows = await db
    .selectFrom('screening_runs')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    screenedAt: new Date(r.screened_at).toISOString(),
    actor: r.actor,
    threshold: r.threshold,
    lists: r.list_versions,
    partyCount: r.party_count,
    hitCount: r.hit_count,
    maxScore: r.max_score,
    parties: r.results as ScreenedParty[],
  }))
}
