// What a new signed checkpoint means against the last one this monitor verified. The size alone
// settles shrinking and same-size rewrites; growth is settled by the tiles (see monitor-log.ts),
// and when they do not reach the signed root, by the server's own consistency proof.
import { bytesEqual, fromBase64, verifyConsistency } from '../tlog/index.ts'
import { type LogClient, LogFetchError } from './log-client.ts'

export interface SeenTree {
  size: number
  rootHash: Uint8Array
}

export type Comparison = 'first' | 'unchanged' | 'grew' | 'shrink' | 'rewrite'

export function compareCheckpoints(previous: SeenTree | undefined, next: SeenTree): Comparison {
  if (previous === undefined) return 'first'
  if (next.size < previous.size) return 'shrink'
  if (next.size === previous.size)
    return bytesEqual(next.rootHash, previous.rootHash) ? 'unchanged' : 'rewrite'
  return 'grew'
}

export type RootMismatch =
  /** The server's proof says the new tree does not extend the old one. */
  | { kind: 'fork'; reason: string }
  /** The history is consistent, but the published leaves do not add up to the signed root. */
  | { kind: 'tiles-mismatch' }
  /** No proof could be had, so the monitor cannot tell which. */
  | { kind: 'unproven'; reason: string }

/**
 * The leaves the server publishes do not extend `previous` to the root it signed for `next`.
 * Asks the server for its consistency proof and checks it against the root THIS monitor verified:
 * a proof that fails means the signed history forked from the one seen before.
 */
export async function explainRootMismatch(
  client: LogClient,
  previous: SeenTree,
  next: SeenTree,
): Promise<RootMismatch> {
  let body: unknown
  try {
    body = await client.getJson(
      `api/public/v1/log/proofs/consistency?from=${previous.size}&to=${next.size}`,
    )
  } catch (error) {
    if (error instanceof LogFetchError) return { kind: 'unproven', reason: error.message }
    throw error
  }
  const proof = (body as { proof?: unknown } | null)?.proof
  const hashes = Array.isArray(proof)
    ? proof.map((p) => (typeof p === 'string' ? fromBase64(p) : undefined))
    : undefined
  if (hashes === undefined || hashes.some((h) => h === undefined))
    return { kind: 'unproven', reason: 'the server answered with something that is not a proof' }
  const checked = await verifyConsistency(
    previous.size,
    next.size,
    hashes as Uint8Array[],
    previous.rootHash,
    next.rootHash,
  )
  return checked.ok ? { kind: 'tiles-mismatch' } : { kind: 'fork', reason: checked.reason }
}
