// One run of a log monitor, as a Certificate Transparency monitor does it: fetch the signed
// checkpoint, check it with the key the user pinned (never the server's own word), compare it
// with the last checkpoint this monitor verified, and recompute the tree from the published
// tiles — only the leaves not seen before — to check that they add up to the signed root.
// Everything that can go wrong is an outcome, not an exception; the caller saves the new state
// only when the outcome is ok.
import {
  bytesEqual,
  type VerifiedCheckpoint,
  type VerifierKey,
  verifyCheckpoint,
} from '../tlog/index.ts'
import { EMPTY_RANGE, rangeRoot } from './compact-range.ts'
import {
  type Comparison,
  compareCheckpoints,
  explainRootMismatch,
  type SeenTree,
} from './compare-checkpoints.ts'
import { extendFromTiles } from './extend-from-tiles.ts'
import { type LogClient, LogFetchError } from './log-client.ts'
import { report } from './monitor-report.ts'
import type { MonitorState } from './monitor-state.ts'

export const CHECKPOINT_PATH = 'api/public/v1/log/checkpoint'

export type MonitorProblem =
  | 'unreachable'
  | 'refused'
  | 'shrink'
  | 'fork'
  | 'tiles-mismatch'
  | 'unproven'

export type MonitorOutcome =
  | {
      ok: true
      kind: Extract<Comparison, 'first' | 'grew' | 'unchanged'>
      message: string
      previous: SeenTree | undefined
      checkpoint: VerifiedCheckpoint
      /** What to save: the state after this run. */
      state: MonitorState
    }
  | {
      ok: false
      kind: MonitorProblem
      message: string
      previous: SeenTree | undefined
      /** The checkpoint the server signed, when it got that far. */
      checkpoint?: VerifiedCheckpoint
    }

export interface MonitorInput {
  client: LogClient
  /** The pinned log key (type 0x01); its name is the origin. */
  logKey: VerifierKey
  previous: MonitorState | undefined
  now: Date
  concurrency?: number
  onProgress?: (done: number, total: number) => void
}

export async function monitorLog(input: MonitorInput): Promise<MonitorOutcome> {
  try {
    return await run(input)
  } catch (error) {
    if (!(error instanceof LogFetchError)) throw error
    const previous = input.previous && seen(input.previous)
    return { ok: false, kind: 'unreachable', message: report.unreachable(error.message), previous }
  }
}

async function run({
  client,
  logKey,
  previous: state,
  now,
  concurrency,
  onProgress,
}: MonitorInput): Promise<MonitorOutcome> {
  const origin = logKey.name
  const previous = state && seen(state)
  const note = await client.getText(CHECKPOINT_PATH)
  const verified = await verifyCheckpoint(note, { logKeys: [logKey], origin })
  if (!verified.ok) {
    const url = new URL(CHECKPOINT_PATH, client.baseUrl).toString()
    return problem('refused', report.refused(url, logKey.name, verified.reason), previous)
  }
  const next: SeenTree = verified.checkpoint
  const comparison = compareCheckpoints(previous, next)
  if (comparison === 'shrink' || comparison === 'rewrite') {
    const before = previous as SeenTree
    const kind = comparison === 'shrink' ? 'shrink' : 'fork'
    return problem(kind, report[comparison](origin, before, next), previous, verified)
  }

  const extended = await extendFromTiles(client, state?.range ?? EMPTY_RANGE, next.size, {
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(onProgress === undefined ? {} : { onProgress }),
  })
  if (!extended.ok)
    return problem('tiles-mismatch', report.tilesContradict(extended.reason), previous, verified)
  if (!bytesEqual(rangeRoot(extended.value), next.rootHash)) {
    if (previous === undefined)
      return problem(
        'tiles-mismatch',
        report.tilesMismatch(origin, undefined, next),
        previous,
        verified,
      )
    const why = await explainRootMismatch(client, previous, next)
    const message =
      why.kind === 'fork'
        ? report.fork(origin, previous, next, why.reason)
        : why.kind === 'unproven'
          ? report.unproven(origin, previous, next, why.reason)
          : report.tilesMismatch(origin, previous, next)
    return problem(why.kind, message, previous, verified)
  }

  const kind = comparison
  const message =
    kind === 'grew'
      ? report.grew(origin, previous as SeenTree, next)
      : kind === 'first'
        ? report.first(origin, next)
        : report.unchanged(origin, next)
  return {
    ok: true,
    kind,
    message,
    previous,
    checkpoint: verified,
    state: {
      origin,
      vkey: logKey.vkey,
      url: client.baseUrl,
      size: next.size,
      rootHash: next.rootHash,
      checkpoint: note,
      range: extended.value,
      verifiedAt: now,
    },
  }
}

const seen = (state: MonitorState): SeenTree => ({ size: state.size, rootHash: state.rootHash })

function problem(
  kind: MonitorProblem,
  message: string,
  previous: SeenTree | undefined,
  checkpoint?: VerifiedCheckpoint,
): MonitorOutcome {
  return { ok: false, kind, message, previous, ...(checkpoint ? { checkpoint } : {}) }
}
