import type { Db } from '../../platform/db/database.ts'
import { isAncestorOrSame } from '../reference-data/control-entries.ts'
import type { ApplicationRow } from './application.repository.ts'

export type IdenticalMatch = {
  denialNoticeId: number
  matchedOn: 'end_user' | 'consignee'
  controlEntry: string
}

/**
 * Art. 16: a transaction is essentially identical to a standing denial of any authority when it
 * has the same end user or consignee (normalised name and country) and the same control entry
 * (one entry equal to, or under, the other).
 */
export async function findIdenticalDenials(
  db: Db,
  application: ApplicationRow,
  entries: string[],
): Promise<IdenticalMatch[]> {
  const notices = await db
    .selectFrom('denial_notices')
    .select(['id', 'end_user_key', 'consignee_key', 'control_entries'])
    .where('status', '=', 'active')
    .where('application_id', '!=', application.id)
    .where((eb) =>
      eb.or([
        eb('end_user_key', '=', application.end_user_key),
        eb('consignee_key', '=', application.consignee_key),
      ]),
    )
    .orderBy('id')
    .execute()
  const matches: IdenticalMatch[] = []
  for (const notice of notices) {
    const entry = entries.find((mine) =>
      notice.control_entries.some((theirs) => isAncestorOrSame(mine, theirs)),
    )
    if (!entry) continue
    if (notice.end_user_key === application.end_user_key) {
      matches.push({ denialNoticeId: notice.id, matchedOn: 'end_user', controlEntry: entry })
    }
    if (notice.consignee_key === application.consignee_key) {
      matches.push({ denialNoticeId: notice.id, matchedOn: 'consignee', controlEntry: entry })
    }
  }
  return matches
}

export async function listDenialNotices(
  db: Db,
  page: { afterId?: number; limit: number; authority?: string },
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
  const rows = await query.execute()
  const more = rows.length > page.limit
  return { rows: more ? rows.slice(0, page.limit) : rows, more }
}
