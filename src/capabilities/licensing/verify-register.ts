// The register checked against the public log, both ways: every decision row has its leaf and
// says what the leaf says; every application stands where its logged decisions lead; every
// licence and Art. 16 notice agrees with the leaf that made it. `log verify` runs this after the
// tree itself has been verified, so the leaves can be trusted and the rows are what is checked.
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { committedActor } from '../decision-log/decision-leaf.ts'
import { openCommitment } from '../decision-log/tlog/index.ts'
import { isLoggedAction, leafOrigin } from './decision-logging.ts'
import { checkApplicationHistory, type LoggedEntry } from './verify-history.ts'

export type RegisterProblemKind =
  | 'unlogged decision'
  | 'decision without its leaf'
  | 'decision differs from its leaf'
  | 'leaf without its decision'
  | 'state not what the log leads to'
  | 'licence differs from its grant'
  | 'denial notice differs from its decision'

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
  log_salts: unknown
  leaf: string | null
}

export async function verifyRegisterAgainstLog(db: Db): Promise<RegisterCheck> {
  const found = new Map<RegisterProblemKind, string>()
  const report = (kind: RegisterProblemKind, message: string) => {
    if (!found.has(kind)) found.set(kind, message)
  }
  const counts = { applications: 0, decisions: 0, licences: 0, notices: 0 }

  await checkLeavesHaveRows(db, report)

  let after = 0
  for (;;) {
    const apps = await db
      .selectFrom('applications')
      .select(['id', 'reference', 'state', 'authority_id', 'issuing_state', 'destination'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()
    if (apps.length === 0) break
    const lo = (apps[0] as (typeof apps)[number]).id
    const hi = (apps[apps.length - 1] as (typeof apps)[number]).id
    after = hi
    const [decisions, items, licences, notices] = await Promise.all([
      sql<DecisionRow>`
        select d.id, d.application_id, d.action, d.from_state, d.to_state, d.decided_on,
               d.reason_codes, d.against_recommendation, d.actor, d.confirmed_by, d.explanation,
               d.justification, d.origin, d.log_index, d.log_salts, l.leaf
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
    const byApp = <T extends { application_id: number }>(rows: T[]) => {
      const map = new Map<number, T[]>()
      for (const row of rows) {
        const list = map.get(Number(row.application_id))
        if (list) list.push(row)
        else map.set(Number(row.application_id), [row])
      }
      return map
    }
    const decisionsOf = byApp(decisions.rows)
    const itemsOf = byApp(items)
    const licenceOf = new Map(licences.map((l) => [Number(l.application_id), l]))
    const noticesOf = byApp(notices)

    for (const app of apps) {
      counts.applications += 1
      const entries: LoggedEntry[] = []
      const controlEntries = [
        ...new Set((itemsOf.get(app.id) ?? []).map((i) => i.control_entry)),
      ].sort()
      for (const d of decisionsOf.get(app.id) ?? []) {
        const where = `decision ${d.id} (${app.reference} ${d.action})`
        if (!isLoggedAction(d.action)) continue
        counts.decisions += 1
        if (d.log_index === null) {
          report('unlogged decision', `${where} has no leaf in the log`)
          continue
        }
        const leaf = parseLeaf(d.leaf)
        if (!leaf) {
          report(
            'decision without its leaf',
            `${where} points to log leaf ${d.log_index}, which is not a decision leaf`,
          )
          continue
        }
        const differs = decisionDiffers(d, leaf, { ...app, controlEntries })
        if (differs) report('decision differs from its leaf', `${where}: ${differs}`)
        entries.push({ decisionId: Number(d.id), leafIndex: Number(d.log_index), leaf })
      }
      const history = checkApplicationHistory({
        reference: app.reference,
        state: app.state,
        entries,
        licence: licenceOf.get(app.id) ?? null,
        notices: noticesOf.get(app.id) ?? [],
      })
      for (const problem of history) report(problem.kind, problem.message)
      if (licenceOf.has(app.id)) counts.licences += 1
      counts.notices += noticesOf.get(app.id)?.length ?? 0
    }
  }
  const problems = [...found].map(([kind, message]) => ({ kind, message }))
  return { ...counts, problems }
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

/** The first field in which the row (and its application) says something else than its leaf. */
function decisionDiffers(
  d: DecisionRow,
  leaf: Record<string, unknown>,
  app: {
    reference: string
    authority_id: string
    issuing_state: string
    destination: string
    controlEntries: string[]
  },
): string | null {
  const expected: Record<string, unknown> = {
    reference: app.reference,
    action: d.action,
    fromState: d.from_state,
    toState: d.to_state,
    decidedOn: d.decided_on,
    reasonCodes: d.reason_codes,
    againstRecommendation: d.against_recommendation,
    issuingState: app.issuing_state,
    authorityId: app.authority_id,
    destination: app.destination,
    controlEntries: app.controlEntries,
    origin: leafOrigin(d.action, d.origin),
  }
  for (const field in expected) {
    const value = expected[field]
    if (!sameValue(leaf[field], value))
      return `the register says ${field} ${JSON.stringify(value) ?? 'nothing'}, the log ${JSON.stringify(leaf[field]) ?? 'nothing'} (leaf ${d.log_index})`
  }
  const salts = (typeof d.log_salts === 'string' ? JSON.parse(d.log_salts) : (d.log_salts ?? {})) as
    | Record<string, string>
    | undefined
  const commitments = (leaf.commitments ?? {}) as Record<string, string>
  const secrets = {
    actor: committedActor(d.actor, d.confirmed_by),
    explanation: d.explanation,
    justification: d.justification,
  }
  for (const [field, value] of Object.entries(secrets)) {
    const salt = Buffer.from(salts?.[field] ?? '', 'hex')
    if (!openCommitment(value, salt, commitments[field] ?? ''))
      return `${field} no longer matches the commitment in log leaf ${d.log_index}`
  }
  return null
}

/** Equal as JSON values of the shapes a leaf holds (scalars, arrays of strings), without
 * stringifying: verification compares a dozen fields of a million rows. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
