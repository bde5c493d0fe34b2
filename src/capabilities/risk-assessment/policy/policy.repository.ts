import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'
import type { Transaction } from 'kysely'
import type { Clock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'
import type { Database } from '../../../platform/db/schema.ts'
import { ValidationError } from '../../../platform/http/errors.ts'
import { policyLeaf } from '../../decision-log/decision-leaf.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import { DEFAULT_POLICY } from './default-policy.ts'
import { type Moratorium, type Policy, PolicySchema } from './policy.schema.ts'

export type PolicyVersion = {
  version: number
  policy: Policy
  sha256: string
  changedAt: string
  actor: string
  reason: string
}

/**
 * The policy in force: the newest version. An empty table is seeded with version 1, the
 * repository's default, appended to the decision log when one is given (start-up passes it,
 * so version 1 is the log's first policy leaf; `glasshouse log backfill` logs one seeded without).
 */
export async function currentPolicy(
  db: Db,
  clock: Clock,
  log?: DecisionLog | undefined,
): Promise<PolicyVersion> {
  const row = await db
    .selectFrom('policy_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (row) return toVersion(row)
  const reason = 'Initial policy: Glasshouse default'
  const seed = async (trx: Transaction<Database>) => {
    const logIndex = log ? await logVersion(trx, clock, log, 1, DEFAULT_POLICY, reason) : null
    await insertVersion(trx, clock, 1, DEFAULT_POLICY, 'system', reason, logIndex)
  }
  if (db.isTransaction) await seed(db as Transaction<Database>)
  else
    await db
      .transaction()
      .execute(seed)
      .catch(() => undefined) // another process seeded it first
  return currentPolicy(db, clock)
}

/**
 * `glasshouse log backfill`: policy versions put in force before the log covered them (version 1
 * seeded without a log by an earlier release) are appended, marked as backfilled, and linked.
 */
export async function backfillPolicyVersions(db: Db, log: DecisionLog): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const unlogged = await trx
      .selectFrom('policy_versions')
      .selectAll()
      .where('log_index', 'is', null)
      .orderBy('version')
      .forUpdate()
      .execute()
    for (const row of unlogged) {
      const appended = await log.append(trx, [
        policyLeaf({
          version: row.version,
          sha256: row.document_sha256,
          moratoriumActive: row.moratorium_active,
          changedAt: new Date(row.changed_at).toISOString(),
          reason: row.reason,
          backfilled: true,
        }),
      ])
      await trx
        .updateTable('policy_versions')
        .set({ log_index: appended.firstIndex })
        .where('version', '=', row.version)
        .execute()
    }
    return unlogged.length
  })
}

/** A policy version as a leaf of the public log; returns its index. */
async function logVersion(
  trx: Transaction<Database>,
  clock: Clock,
  log: DecisionLog,
  version: number,
  policy: Policy,
  reason: string,
): Promise<number> {
  const document = canonicalize(policy) as string
  const appended = await log.append(trx, [
    policyLeaf({
      version,
      sha256: sha256(document),
      moratoriumActive: policy.moratorium.active,
      changedAt: clock.now().toISOString(),
      reason,
    }),
  ])
  return appended.firstIndex
}

export async function policyVersion(db: Db, version: number): Promise<PolicyVersion | null> {
  const row = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst()
  return row ? toVersion(row) : null
}

export async function listPolicyVersions(db: Db): Promise<Omit<PolicyVersion, 'policy'>[]> {
  const rows = await db
    .selectFrom('policy_versions')
    .select(['version', 'document_sha256', 'changed_at', 'actor', 'reason', 'moratorium_active'])
    .orderBy('version', 'desc')
    .execute()
  return rows.map((r) => ({
    version: r.version,
    sha256: r.document_sha256,
    changedAt: new Date(r.changed_at).toISOString(),
    actor: r.actor,
    reason: r.reason,
  }))
}

/**
 * Validates a policy document and puts it in force as a new version. An invalid document is
 * refused with the path of every failing field; the policy in force stays.
 */
export async function setPolicy(
  db: Db,
  clock: Clock,
  document: unknown,
  {
    actor,
    reason,
    log,
  }: {
    actor: string
    reason: string
    /** When given, the change is appended to the public decision log in the same transaction. */
    log?: DecisionLog | undefined
  },
): Promise<PolicyVersion> {
  if (reason.trim().length < 3)
    throw new ValidationError('reason: say why the policy changes', [
      { field: 'reason', message: 'say why the policy changes' },
    ])
  const parsed = PolicySchema.safeParse(document)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      field: i.path.join('.') || '(document)',
      message: i.message,
    }))
    throw new ValidationError(
      `The policy document is invalid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      issues,
    )
  }
  return db.transaction().execute(async (trx) => {
    const current = await currentPolicy(trx, clock, log)
    const version = current.version + 1
    const logIndex = log
      ? await logVersion(trx, clock, log, version, parsed.data, reason.trim())
      : null
    return insertVersion(trx, clock, version, parsed.data, actor, reason.trim(), logIndex)
  })
}

/** Switches the moratorium on or off as a new policy version; `since` is the day it takes effect. */
export async function setMoratorium(
  db: Db,
  clock: Clock,
  active: boolean,
  {
    actor,
    reason,
    changes = {},
    log,
  }: {
    actor: string
    reason: string
    changes?: Partial<Moratorium>
    log?: DecisionLog | undefined
  },
): Promise<PolicyVersion> {
  const current = await currentPolicy(db, clock, log)
  const moratorium: Moratorium = {
    ...current.policy.moratorium,
    ...changes,
    active,
    since: active
      ? current.policy.moratorium.active
        ? current.policy.moratorium.since
        : clock.today()
      : null,
  }
  return setPolicy(db, clock, { ...current.policy, moratorium }, { actor, reason, log })
}

async function insertVersion(
  db: Db,
  clock: Clock,
  version: number,
  policy: Policy,
  actor: string,
  reason: string,
  logIndex: number | null = null,
): Promise<PolicyVersion> {
  const document = canonicalize(policy) as string
  const row = await db
    .insertInto('policy_versions')
    .values({
      version,
      document,
      document_sha256: sha256(document),
      log_index: logIndex,
      moratorium_active: policy.moratorium.active,
      changed_at: clock.now(),
      actor,
      reason,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toVersion(row)
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function toVersion(row: {
  version: number
  document: unknown
  document_sha256: string
  changed_at: Date | string
  actor: string
  reason: string
}): PolicyVersion {
  return {
    version: row.version,
    policy: PolicySchema.parse(row.document),
    sha256: row.document_sha256,
    changedAt: new Date(row.changed_at).toISOString(),
    actor: row.actor,
    reason: row.reason,
  }
}
