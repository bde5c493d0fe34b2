import type { Transaction } from 'kysely'
import type { Clock } from '../../platform/clock.ts'
import type { Database } from '../../platform/db/schema.ts'
import { type AppendResult, appendLeaves, type NewLogLeaf } from './log-store.ts'
import type { LogKey } from './signer.ts'

export type DecisionLog = ReturnType<typeof createDecisionLog>

/**
 * The public, append-only log of decisions and policy changes: what the services call, inside
 * their own transaction, so a decision and its leaf commit together or not at all.
 */
export function createDecisionLog({
  key,
  origin,
  clock,
  witnesses = [],
}: {
  key: LogKey
  origin: string
  clock: Clock
  /** Witness vkeys whose cosignatures the log accepts. */
  witnesses?: readonly string[]
}) {
  return {
    origin,
    witnesses,
    /** The verifier key to publish; anyone checks checkpoints with it. */
    vkey: key.vkey,
    append(trx: Transaction<Database>, leaves: readonly NewLogLeaf[]): Promise<AppendResult> {
      return appendLeaves(trx, key.signer, origin, leaves, clock.now())
    },
  }
}
