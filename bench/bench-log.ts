// The decision log every benchmark writes its decisions to: a real, signed log with a key made
// for the run (nothing is kept), as `glasshouse` would use one with the key of its configuration.
import {
  createDecisionLog,
  type DecisionLog,
} from '../src/capabilities/decision-log/decision-log.ts'
import { signerFromKey } from '../src/capabilities/decision-log/signer.ts'
import { generateKeyPair } from '../src/capabilities/decision-log/tlog/index.ts'
import { systemClock } from '../src/platform/clock.ts'

export const BENCH_LOG_ORIGIN = 'bench.glasshouse/decision-log'

/** A fresh signer key (skey) for the bench log; pass it on to share one log between processes. */
export function benchLogKey(): string {
  return generateKeyPair(BENCH_LOG_ORIGIN).skey
}

/** A decision log signed with `skey` (by default a freshly generated one). */
export function benchDecisionLog(skey: string = benchLogKey()): DecisionLog {
  return createDecisionLog({
    key: signerFromKey(skey),
    origin: BENCH_LOG_ORIGIN,
    clock: systemClock,
  })
}
