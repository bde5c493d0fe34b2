// The register checked against the public log, both ways: every decision row has its leaf and
// says what the leaf says; every application stands where its logged decisions lead; every
// licence and Art. 16 notice agrees with the leaf that made it. `log verify` runs this after the
// tree itself has been verified, so the leaves can be trusted and the rows are what is checked.
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { committedActor } from '../decision-log/decision-leaf.ts'
import { openCommitment } from '../decision-log/tlog/index.ts'
import { isLoggedAction, leafOrigin } from './decision-logging.ts'
import { checkApplicationHistory, type LoggedEntry, sameValue } from './verify-history.ts'

export type RegisterProblemKind =
  | 'unlogged decision'
  | 'decision without its leaf'
  | 'decision differs from its leaf'
  | 'leaf without its decision'
  | 'state not what the log leads to'
  | 'licence differs from its grant'
  | 'denial notice differs from its decision'
  | 'published reason differs from its decision'

export type RegisterProblem = { kind: RegisterProblemKind; message: string }

export type RegisterCheck = {
  applications: number
  decisions: number
  licences: number
  notices: number
  /** The first problem of each kind, in the order found. */
  problems: RegisterProblem[]
}

const PAGE = 2000

type DecisionRow = {
  id: number
  application_id: number
  action: string
  from_state: string | null
  to_state: string
  decided_on: string
  reason_codes: string[]
  against_recommendation: boolean
  actor: string
  confirmed_by: string | null
  explanation: string | null
  justification: string | null
  origin: string
  log_index: number | null
  salt_actor: string | null
  salt_explanation: string | null
  salt_justification: string | null
  public_reason: string | null
  salt_public_reason: string | null
  leaf: string | null
}

type App = {
  id: number
  reference: string
  state: string
  authority_id: string
  issuing_state: string
  destination: string
  decision_public_reason: string | null
}

type Page = {
  apps: App[]
  decisions: DecisionRow[]
  items: { application_id: number; control_entry: string }[]
  licences: {
    application_id: number
    number: string
    valid_from: string
    valid_until: string | null
  }[]
  notices: (Parameters<typeof checkApplicationHistory>[0]['notices'][number] & {
    application_id: number
  })[]
}

/**
 * Checks the whole register in one read-only, repeatable-read transaction: one snapshot, so a
 * decision committed while it runs cannot show up half (its row without its leaf). Inside it, no
 * parallel plans: a parallel worker per page of 2,000 rows costs more to start than it saves,
 * and takes the second core from the tree check running beside this one.
 */
export async function verifyRegisterAgainstLog(db: Db): Promise<RegisterCheck> {
  const run = async (trx: Db) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
    return checkRegister(trx)
  }
  // A caller's transaction (the tamper tests') is used as it is.
  if (db.isTransaction) return run(db)
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(run)
}

async function checkRegister(db: Db): Promise<RegisterCheck> {
  const found = new Map<RegisterProblemKind, string>()
  const report = (kind: RegisterProblemKind, message: string) => {
    if (!found.has(kind)) found.set(kind, message)
  }
  const counts = { applications: 0, decisions: 0, licences: 0, notices: 0 }

  await checkLeavesHaveRows(db, report)

  // The next page is read while this one is checked.
  const pageAfter = (after: number) => {
    const page = readPage(db, after)
    page.catch(() => undefined) // awaited below; not an unhandled rejection meanwhile
    return page
  }
  let next = pageAfter(0)
  for (;;) {
    const page = await next
    if (page === undefined) break
    next = pageAfter((page.apps.at(-1) as App).id)

    const decisionsOf = byApp(page.decisions)
    const itemsOf = byApp(page.items)
    const licenceOf = new Map(page.licences.map((l) => [Number(l.application_id), l]))
    const noticesOf = byApp(page.notices)

    for (const app of page.apps) {
      counts.applications += 1
      const entries: LoggedEntry[] = []
      const withEntries = { ...app, controlEntries: distinctSorted(itemsOf.get(app.id)) }
      let lastLogged: DecisionRow | undefined
      for (const d of decisionsOf.get(app.id) ?? []) {
        if (!isLoggedAction(d.action)) continue
        counts.decisions += 1
        lastLogged = d
        const where = () => `decision ${d.id} (${app.reference} ${d.action})`
        if (d.log_index === null) {
          report('unlogged decision', `${where()} has no leaf in the log`)
          continue
        }
        const leaf = parseLeaf(d.leaf)
        if (!leaf) {
          report(
            'decision without its leaf',
            `${where()} points to log leaf ${d.log_index}, which is not a decision leaf`,
          )
          continue
        }
        const differs = decisionDiffers(d, leaf, withEntries)
        if (differs) report('decision differs from its leaf', `${where()}: ${differs}`)
        entries.push({ decisionId: Number(d.id), leafIndex: Number(d.log_index), leaf })
      }
      // The public reason the register shows is the latest decision's, which its leaf commits to.
      const logged = lastLogged?.public_reason ?? null
      if (app.decision_public_reason !== logged)
        report(
          'published reason differs from its decision',
          `${app.reference}: the register publishes the reason ${JSON.stringify(app.decision_public_reason)}, its latest decision ${JSON.stringify(logged)}`,
        )
      const licence = licenceOf.get(app.id) ?? null
      const notices = noticesOf.get(app.id) ?? []
      const history = checkApplicationHistory({
        reference: app.reference,
        state: app.state,
        entries,
        licence,
        notices,
      })
      for (const problem of history) report(problem.kind, problem.message)
      if (licence) counts.licences += 1
      counts.notices += notices.length
    }
  }
  const problems = [...found].map(([kind, message]) => ({ kind, message }))
  return { ...counts, problems }
}

function distinctSorted(items: { control_entry: string }[] | undefined): string[] {
  if (items === undefined) return []
  if (items.length === 1) return [(items[0] as { control_entry: string }).control_entry]
  return [...new Set(items.map((i) => i.control_entry))].sort()
}

function byApp<T extends { application_id: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const row of rows) {
    const id = Number(row.application_id)
    const list = map.get(id)
    if (list) list.push(row)
    else map.set(id, [row])
  }
  return map
}

/** One page of applications, with their decisions (each with its leaf), items, licences and
 * Art. 16 notices. */
async function readPage(db: Db, after: number): Promise<Page | undefined> {
  const apps = await db
    .selectFrom('applications')
    .select([
      'id',
      'reference',
      'state',
      'authority_id',
      'issuing_state',
      'destination',
      'decision_public_reason',
    ])
    .where('id', '>', after)
    .orderBy('id')
    .limit(PAGE)
    .execute()
  if (apps.length === 0) return undefined
  const lo = (apps[0] as App).id
  const hi = (apps.at(-1) as App).id
  const [decisions, items, licences, notices] = await Promise.all([
    // The salts as text, not as the jsonb object: parsing a million small objects shows.
    sql<DecisionRow>`
      select d.id, d.application_id, d.action, d.from_state, d.to_state, d.decided_on,
             d.reason_codes, d.against_recommendation, d.actor, d.confirmed_by, d.explanation,
             d.justification, d.origin, d.log_index,
             d.log_salts ->> 'actor' as salt_actor,
             d.log_salts ->> 'explanation' as salt_explanation,
             d.log_salts ->> 'justification' as salt_justification,
             d.public_reason, d.log_salts ->> 'publicReason' as salt_public_reason,
             l.leaf
      from decisions d
      left join log_leaves l on l.index = d.log_index and l.kind = 'decision'
      where d.application_id between ${lo} and ${hi}
      order by d.application_id, d.id`.execute(db),
    db
      .selectFrom('application_items')
      .select(['application_id', 'control_entry'])
      .where('application_id', '>=', lo)
      .where('application_id', '<=', hi)
      .execute(),
    db
      .selectFrom('licences')
      .select(['application_id', 'number', 'valid_from', 'valid_until'])
      .where('application_id', '>=', lo)
      .where('application_id', '<=', hi)
      .execute(),
    db
      .selectFrom('denial_notices')
      .selectAll()
      .where('application_id', '>=', lo)
      .where('application_id', '<=', hi)
      .execute(),
  ])
  return {
    apps,
    decisions: decisions.rows,
    items,
    licences,
    notices: notices as Page['notices'],
  }
}

/** Decision leaves whose row was deleted or unlinked, and leaves claimed by two rows. */
async function checkLeavesHaveRows(
  db: Db,
  report: (kind: RegisterProblemKind, message: string) => void,
): Promise<void> {
  const orphan = await sql<{ index: number; subject: string }>`
    select l.index, l.subject from log_leaves l
    where l.kind = 'decision'
      and not exists (select 1 from decisions d where d.log_index = l.index)
    order by l.index limit 1`.execute(db)
  const first = orphan.rows[0]
  if (first)
    report(
      'leaf without its decision',
      `log leaf ${first.index} records a decision on ${first.subject}, but no decision row points to it: the decision was deleted or unlinked`,
    )
  const twice = await sql<{ log_index: number }>`
    select log_index from decisions where log_index is not null
    group by log_index having count(*) > 1 order by log_index limit 1`.execute(db)
  const dup = twice.rows[0]
  if (dup)
    report(
      'decision differs from its leaf',
      `log leaf ${dup.log_index} is claimed by more than one decision row`,
    )
}

function parseLeaf(text: string | null): Record<string, unknown> | null {
  if (text === null) return null
  try {
    const leaf = JSON.parse(text) as Record<string, unknown>
    return leaf.type === 'decision' ? leaf : null
  } catch {
    return null
  }
}

type AppWithEntries = App & { controlEntries: string[] }

/** Each public field of a decision leaf, and where the register keeps it (no object per row:
 * verification compares these for a million rows). */
const PUBLIC_FIELDS: readonly (readonly [
  string,
  (d: DecisionRow, app: AppWithEntries) => unknown,
])[] = [
  ['reference', (_, app) => app.reference],
  ['action', (d) => d.action],
  ['fromState', (d) => d.from_state],
  ['toState', (d) => d.to_state],
  ['decidedOn', (d) => d.decided_on],
  ['reasonCodes', (d) => d.reason_codes],
  ['againstRecommendation', (d) => d.against_recommendation],
  ['issuingState', (_, app) => app.issuing_state],
  ['authorityId', (_, app) => app.authority_id],
  ['destination', (_, app) => app.destination],
  ['controlEntries', (_, app) => app.controlEntries],
  ['origin', (d) => leafOrigin(d.action, d.origin)],
]

/** The first field in which the row (and its application) says something else than its leaf. */
function decisionDiffers(
  d: DecisionRow,
  leaf: Record<string, unknown>,
  app: AppWithEntries,
): string | null {
  for (const [field, inRegister] of PUBLIC_FIELDS) {
    const value = inRegister(d, app)
    if (!sameValue(leaf[field], value))
      return `the register says ${field} ${JSON.stringify(value) ?? 'nothing'}, the log ${JSON.stringify(leaf[field]) ?? 'nothing'} (leaf ${d.log_index})`
  }
  const commitments = (leaf.commitments ?? {}) as Record<string, string>
  if (
    !openCommitment(
      committedActor(d.actor, d.confirmed_by),
      d.salt_actor ?? '',
      commitments.actor ?? '',
    )
  )
    return `actor no longer matches the commitment in log leaf ${d.log_index}`
  if (!openCommitment(d.explanation, d.salt_explanation ?? '', commitments.explanation ?? ''))
    return `explanation no longer matches the commitment in log leaf ${d.log_index}`
  if (!openCommitment(d.justification, d.salt_justification ?? '', commitments.justification ?? ''))
    return `justification no longer matches the commitment in log leaf ${d.log_index}`
  // Leaves written before decisions had a public reason commit to none: the row has none either.
  if (commitments.publicReason === undefined) {
    if (d.public_reason !== null)
      return `publicReason is set, but log leaf ${d.log_index} commits to no public reason`
  } else if (!openCommitment(d.public_reason, d.salt_public_reason ?? '', commitments.publicReason))
    return `publicReason no longer matches the commitment in log leaf ${d.log_index}`
  return null
}
