import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'
import type { Clock } from '../../../platform/clock.ts'
import type { Db } from '../../../platform/db/database.ts'
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

/** The policy in force: the newest version, after seeding version 1 from the default. */
export async function currentPolicy(db: Db, clock: Clock): Promise<PolicyVersion> {
  const row = await db
    .selectFrom('policy_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (row) return toVersion(row)
  await insertVersion(
    db,
    clock,
    1,
    DEFAULT_POLICY,
    'system',
    'Initial policy: Glasshouse default',
  ).catch(() => undefined) // another process seeded it first
  return currentPolicy(db, clock)
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
    const current = await currentPolicy(trx, clock)
    const version = current.version + 1
    const document = canonicalize(parsed.data) as string
    const logIndex = log
      ? (
          await log.append(trx, [
            policyLeaf({
              version,
              sha256: sha256(document),
              moratoriumActive: parsed.data.moratorium.active,
              changedAt: clock.now().toISOString(),
              reason: reason.trim(),
            }),
          ])
        ).firstIndex
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
  const current = await currentPolicy(db, clock)
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
