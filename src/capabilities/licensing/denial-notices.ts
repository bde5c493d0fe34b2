import type { Db } from '../../platform/db/database.ts'
import { isAncestorOrSame } from '../reference-data/control-entries.ts'
import { compareNames, DEFAULT_THRESHOLD } from '../watchlists/matching/index.ts'
import type { ApplicationRow } from './application.repository.ts'

export type IdenticalMatch = {
  denialNoticeId: number
  matchedOn: 'end_user' | 'consignee'
  controlEntry: string
  nameScore: number
}

/**
 * Names at least this close count as "the same" end user or consignee. Stricter than the
 * watchlist threshold: a flag here tells an officer another state refused this very transaction.
 */
export const IDENTICAL_NAME_THRESHOLD = Math.max(DEFAULT_THRESHOLD, 0.85)

/**
 * Art. 16: a transaction is essentially identical to a standing denial of any authority when it
 * has the same end user or consignee (in the same country, the names matched by the screening
 * matcher, so "Ministry of the Interior" meets "Ministry of Interior") and the same control entry
 * (one entry equal to, or under, the other).
 */
export async function findIdenticalDenials(
  db: Db,
  application: ApplicationRow,
  entries: string[],
): Promise<IdenticalMatch[]> {
  const notices = await db
    .selectFrom('denial_notices as n')
    .innerJoin('applications as a', 'a.id', 'n.application_id')
    .select([
      'n.id',
      'n.end_user_key',
      'n.consignee_key',
      'n.control_entries',
      'a.end_user_name',
      'a.consignee_name',
    ])
    .where('n.status', '=', 'active')
    .where('n.application_id', '!=', application.id)
    .where((eb) =>
      eb.or([
        eb('n.end_user_key', 'like', countryPrefix(application.end_user_key)),
        eb('n.consignee_key', 'like', countryPrefix(application.consignee_key)),
      ]),
    )
    .orderBy('n.id')
    .execute()
  const matches: IdenticalMatch[] = []
  for (const notice of notices) {
    const entry = entries.find((mine) =>
      notice.control_entries.some((theirs) => isAncestorOrSame(mine, theirs)),
    )
    if (!entry) continue
    const endUser = nameScore(
      application.end_user_key,
      application.end_user_name,
      notice.end_user_key,
      notice.end_user_name,
    )
    if (endUser >= IDENTICAL_NAME_THRESHOLD)
      matches.push({
        denialNoticeId: notice.id,
        matchedOn: 'end_user',
        controlEntry: entry,
        nameScore: endUser,
      })
    const consignee = nameScore(
      application.consignee_key,
      application.consignee_name,
      notice.consignee_key,
      notice.consignee_name,
    )
    if (consignee >= IDENTICAL_NAME_THRESHOLD)
      matches.push({
        denialNoticeId: notice.id,
        matchedOn: 'consignee',
        controlEntry: entry,
        nameScore: consignee,
      })
  }
  return matches
}

/** `CC:%` for a party key `CC:normalised name`: the same country, any name. */
function countryPrefix(key: string): string {
  return `${key.slice(0, key.indexOf(':') + 1)}%`
}

function nameScore(myKey: string, myName: string, theirKey: string, theirName: string): number {
  if (myKey === theirKey) return 1
  if (myKey.slice(0, 3) !== theirKey.slice(0, 3)) return 0
  return Math.round(compareNames(myName, theirName, 'Any').score * 1000) / 1000
}

/**
 * Art. 23 denial notices with their application's parties, newest first, a page at a time:
 * those before `afterId`, of one `authority`, or of every authority but `excludeAuthority`.
 */
export async function listDenialNotices(
  db: Db,
  page: {
    afterId?: number | undefined
    limit: number
    authority?: string | undefined
    excludeAuthority?: string | undefined
  },
) {
  let query = db
    .selectFrom('denial_notices as n')
    .innerJoin('applications as a', 'a.id', 'n.application_id')
    .select([
      'n.id',
      'a.reference',
      'n.authority_id',
      'n.issuing_state',
      'n.kind',
      'n.destination',
      'a.end_user_name',
      'a.end_user_country',
      'a.consignee_name',
      'a.consignee_country',
      'n.control_entries',
      'n.reason_codes',
      'n.notified_on',
      'n.review_due',
      'n.status',
    ])
    .orderBy('n.id', 'desc')
    .limit(page.limit + 1)
  if (page.afterId) query = query.where('n.id', '<', page.afterId)
  if (page.authority) query = query.where('n.authority_id', '=', page.authority)
  if (page.excludeAuthority) query = query.where('n.authority_id', '<>', page.excludeAuthority)
  const rows = await query.execute()
  const more = rows.length > page.limit
  return { rows: more ? rows.slice(0, page.limit) : rows, more }
}
