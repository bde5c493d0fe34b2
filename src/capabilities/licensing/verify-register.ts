// The register checked against the public log, both ways: every decision row has its leaf and
// says what the leaf says; every application stands where its logged decisions lead; every
// licence and Art. 16 notice agrees with the leaf that made it. `log verify` runs this after the
// tree itself has been verified, so the leaves can be trusted and the rows are what is checked.
import { availableParallelism } from 'node:os'
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { committedActor } from '../decision-log/decision-leaf.ts'
import { logSize } from '../decision-log/log-store.ts'
import { openCommitment } from '../decision-log/tlog/index.ts'
import { leafHashHex } from '../decision-log/verify-log.ts'
import { isLoggedAction, leafOrigin } from './decision-logging.ts'
import { checkApplicationHistory, type LoggedEntry, sameValue } from './verify-history.ts'
import { checkRangesOnWorkers } from './verify-register-workers.ts'

export type RegisterProblemKind =
  | 'unlogged decision'
  | 'decision without its leaf'
  | 'decision differs from its leaf'
  | 'leaf without its decision'
  | 'state not what the log leads to'
  | 'licence differs from its grant'
  | 'denial notice differs from its decision'
  | 'published reason differs from its decision'
  /** A decision leaf's bytes do not hash to the stored hash the tree is built from. */
  | 'leaf bytes differ from their hash'

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
  leaf_hash: string | null
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

/** An application with its items' control entries and its licence, if any. */
type AppRow = App & {
  control_entries: string[] | null
  licence_number: string | null
  valid_from: string | null
  valid_until: string | null
  /** Set from control_entries before the row is checked (on the row: no copy per application). */
  controlEntries: string[]
}

type Page = {
  apps: AppRow[]
  decisions: DecisionRow[]
  notices: (Parameters<typeof checkApplicationHistory>[0]['notices'][number] & {
    application_id: number
  })[]
}

/** Applications with an id in (after, upTo]: a part of the register one thread checks. */
export type IdRange = { after: number; upTo: number }

/** What one range of the register held, and the first problem of each kind found in it. */
export type RangeCheck = Omit<RegisterCheck, 'problems'> & { problems: RegisterProblem[] }

/**
 * Checks the whole register in one read-only, repeatable-read transaction: one snapshot, so a
 * decision committed while it runs cannot show up half (its row without its leaf). Inside it, no
 * parallel plans: a parallel worker per page of 2,000 rows costs more to start than it saves,
 * and takes the second core from the tree check running beside this one.
 *
 * On PostgreSQL (given its URL), a large register is split into id ranges checked on worker
 * threads, each in a transaction on the same exported snapshot: comparing a million rows with
 * their leaves is JavaScript work, and one thread cannot do it in the time `log verify` has.
 */
export async function verifyRegisterAgainstLog(
  db: Db,
  options: {
    postgresUrl?: string | undefined
    workers?: number
    /**
     * Told the log's size in this check's snapshot: every decision leaf below it that a decision
     * row points to has its bytes hashed here (appends serialise on log_state, so a snapshot
     * sees the log up to its size and nothing beyond).
     */
    onLogSize?: (size: number) => void
  } = {},
): Promise<RegisterCheck> {
  const run = async (trx: Db): Promise<RegisterCheck> => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
    options.onLogSize?.(await logSize(trx))
    const ranges =
      options.postgresUrl === undefined ? [] : await rangesToSplit(trx, options.workers)
    if (ranges.length > 1 && options.postgresUrl !== undefined) {
      // The workers start first (they take a second or two to load); the leaves are checked
      // for their rows on this connection meanwhile.
      const [parts, leaves] = await Promise.all([
        checkRangesOnWorkers(trx, options.postgresUrl, ranges),
        checkLeavesHaveRows(trx),
      ])
      return mergeChecks(leaves, parts)
    }
    const leaves = await checkLeavesHaveRows(trx)
    const all = await checkRegisterRange(trx, { after: 0, upTo: Number.MAX_SAFE_INTEGER })
    return mergeChecks(leaves, [all])
  }
  // A caller's transaction (the tamper tests') is used as it is.
  if (db.isTransaction) return run(db)
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(run)
}

/** Below this many applications, starting worker threads costs more than it saves. */
const WORKERS_FROM = 20_000

/** Even id ranges, one per worker: ids are dense, so each holds about as many applications. */
async function rangesToSplit(db: Db, workers: number | undefined): Promise<IdRange[]> {
  const span = await db
    .selectFrom('applications')
    .select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')])
    .executeTakeFirst()
  if (!span || span.lo === null || span.hi === null) return []
  const lo = Number(span.lo) - 1
  const hi = Number(span.hi)
  const count = workers ?? (hi - lo >= WORKERS_FROM ? Math.min(4, availableParallelism()) : 1)
  if (count <= 1) return []
  const step = Math.ceil((hi - lo) / count)
  const ranges: IdRange[] = []
  for (let after = lo; after < hi; after += step)
    ranges.push({ after, upTo: Math.min(hi, after + step) })
  // The last range takes any application added above `hi` since (none, in one snapshot).
  const last = ranges.at(-1) as IdRange
  last.upTo = Number.MAX_SAFE_INTEGER
  return ranges
}

/** Ranges in order, so the first problem of each kind is the one a single pass would find. */
function mergeChecks(leaves: RegisterProblem[], parts: RangeCheck[]): RegisterCheck {
  const found = new Map<RegisterProblemKind, string>()
  const counts = { applications: 0, decisions: 0, licences: 0, notices: 0 }
  for (const p of leaves) if (!found.has(p.kind)) found.set(p.kind, p.message)
  for (const part of parts) {
    counts.applications += part.applications
    counts.decisions += part.decisions
    counts.licences += part.licences
    counts.notices += part.notices
    for (const p of part.problems) if (!found.has(p.kind)) found.set(p.kind, p.message)
  }
  const problems = [...found].map(([kind, message]) => ({ kind, message }))
  return { ...counts, problems }
}

/** Checks the applications of one id range (inside the caller's snapshot). */
export async function checkRegisterRange(db: Db, range: IdRange): Promise<RangeCheck> {
  const found = new Map<RegisterProblemKind, string>()
  const report = (kind: RegisterProblemKind, message: string) => {
    if (!found.has(kind)) found.set(kind, message)
  }
  const counts = { applications: 0, decisions: 0, licences: 0, notices: 0 }

  // The next page is read while this one is checked.
  const pageAfter = (after: number) => {
    const page = readPage(db, after, range.upTo)
    page.catch(() => undefined) // awaited below; not an unhandled rejection meanwhile
    return page
  }
  let next = pageAfter(range.after)
  for (;;) {
    const page = await next
    if (page === undefined) break
    next = pageAfter((page.apps.at(-1) as App).id)

    const decisionsOf = byApp(page.decisions)
    const noticesOf = byApp(page.notices)

    for (const app of page.apps) {
      counts.applications += 1
      const entries: LoggedEntry[] = []
      app.controlEntries = distinctSorted(app.control_entries)
      let lastLogged: DecisionRow | undefined
      for (const d of decisionsOf.get(app.id) ?? []) {
        if (!isLoggedAction(d.action)) continue
        counts.decisions += 1
        lastLogged = d
        if (d.log_index === null) {
          report('unlogged decision', `${decisionName(d, app)} has no leaf in the log`)
          continue
        }
        // The tree check takes these leaves' stored hashes on trust: their bytes are hashed here.
        if (d.leaf !== null && leafHashHex(d.leaf) !== d.leaf_hash) {
          report(
            'leaf bytes differ from their hash',
            `leaf ${d.log_index}: stored hash does not match its bytes`,
          )
          continue
        }
        const leaf = parseLeaf(d.leaf)
        if (!leaf) {
          report(
            'decision without its leaf',
            `${decisionName(d, app)} points to log leaf ${d.log_index}, which is not a decision leaf`,
          )
          continue
        }
        const differs = decisionDiffers(d, leaf, app)
        if (differs) report('decision differs from its leaf', `${decisionName(d, app)}: ${differs}`)
        entries.push({ decisionId: Number(d.id), leafIndex: Number(d.log_index), leaf })
      }
      // The public reason the register shows is the latest decision's, which its leaf commits to.
      const logged = lastLogged?.public_reason ?? null
      if (app.decision_public_reason !== logged)
        report(
          'published reason differs from its decision',
          `${app.reference}: the register publishes the reason ${JSON.stringify(app.decision_public_reason)}, its latest decision ${JSON.stringify(logged)}`,
        )
      const licence =
        app.licence_number === null
          ? null
          : {
              number: app.licence_number,
              valid_from: app.valid_from as string,
              valid_until: app.valid_until,
            }
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

function decisionName(d: DecisionRow, app: App): string {
  return `decision ${d.id} (${app.reference} ${d.action})`
}

function distinctSorted(entries: string[] | null): string[] {
  if (entries === null) return []
  if (entries.length === 1) return entries
  return [...new Set(entries)].sort()
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
async function readPage(db: Db, after: number, upTo: number): Promise<Page | undefined> {
  // Items and licence come with their application: a query and a row less per application.
  const rows = await sql<AppRow>`
    select a.id, a.reference, a.state, a.authority_id, a.issuing_state, a.destination,
           a.decision_public_reason,
           (select array_agg(i.control_entry) from application_items i
            where i.application_id = a.id) as control_entries,
           l.number as licence_number, l.valid_from, l.valid_until
    from applications a
    -- The range on licences too, so the merge join starts at the page, not at the first licence.
    left join licences l
      on l.application_id = a.id and l.application_id > ${after} and l.application_id <= ${upTo}
    where a.id > ${after} and a.id <= ${upTo}
    order by a.id limit ${PAGE}`.execute(db)
  const apps = rows.rows
  if (apps.length === 0) return undefined
  const lo = (apps[0] as App).id
  const hi = (apps.at(-1) as App).id
  const [decisions, notices] = await Promise.all([
    // The salts as text, not as the jsonb object: parsing a million small objects shows.
    sql<DecisionRow>`
      select d.id, d.application_id, d.action, d.from_state, d.to_state, d.decided_on,
             d.reason_codes, d.against_recommendation, d.actor, d.confirmed_by, d.explanation,
             d.justification, d.origin, d.log_index,
             d.log_salts ->> 'actor' as salt_actor,
             d.log_salts ->> 'explanation' as salt_explanation,
             d.log_salts ->> 'justification' as salt_justification,
             d.public_reason, d.log_salts ->> 'publicReason' as salt_public_reason,
             l.leaf, encode(l.leaf_hash, 'hex') as leaf_hash
      from decisions d
      left join log_leaves l on l.index = d.log_index and l.kind = 'decision'
      where d.application_id between ${lo} and ${hi}
      order by d.application_id, d.id`.execute(db),
    db
      .selectFrom('denial_notices')
      .select([
        'id',
        'application_id',
        'decision_id',
        'kind',
        'authority_id',
        'issuing_state',
        'destination',
        'control_entries',
        'reason_codes',
        'notified_on',
        'status',
      ])
      .where('application_id', '>=', lo)
      .where('application_id', '<=', hi)
      .execute(),
  ])
  return { apps, decisions: decisions.rows, notices: notices as Page['notices'] }
}

/** Decision leaves whose row was deleted or unlinked, and leaves claimed by two rows. */
async function checkLeavesHaveRows(db: Db): Promise<RegisterProblem[]> {
  const problems: RegisterProblem[] = []
  const report = (kind: RegisterProblemKind, message: string) => problems.push({ kind, message })
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
  return problems
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
  const differs = publicFieldsAgree(d, leaf, app) ? null : publicFieldDiffering(d, leaf, app)
  return differs ?? commitmentDiffering(d, leaf)
}

/** PUBLIC_FIELDS compared without a closure call per field: the path every clean row takes. */
function publicFieldsAgree(d: DecisionRow, leaf: Record<string, unknown>, app: AppWithEntries) {
  return (
    leaf.reference === app.reference &&
    leaf.action === d.action &&
    leaf.fromState === d.from_state &&
    leaf.toState === d.to_state &&
    leaf.decidedOn === d.decided_on &&
    sameValue(leaf.reasonCodes, d.reason_codes) &&
    leaf.againstRecommendation === d.against_recommendation &&
    leaf.issuingState === app.issuing_state &&
    leaf.authorityId === app.authority_id &&
    leaf.destination === app.destination &&
    sameValue(leaf.controlEntries, app.controlEntries) &&
    leaf.origin === leafOrigin(d.action, d.origin)
  )
}

function publicFieldDiffering(
  d: DecisionRow,
  leaf: Record<string, unknown>,
  app: AppWithEntries,
): string | null {
  for (const [field, inRegister] of PUBLIC_FIELDS) {
    const value = inRegister(d, app)
    if (!sameValue(leaf[field], value))
      return `the register says ${field} ${JSON.stringify(value) ?? 'nothing'}, the log ${JSON.stringify(leaf[field]) ?? 'nothing'} (leaf ${d.log_index})`
  }
  return null
}

function commitmentDiffering(d: DecisionRow, leaf: Record<string, unknown>): string | null {
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
