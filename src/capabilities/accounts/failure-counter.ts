import type { Clock } from '../../platform/clock.ts'

/**
 * Sign-in throttling state, in memory and on the injected clock (so tests move time instead of
 * sleeping). Like the per-address limit it is lost on restart and not shared between instances:
 * a restart gives an attacker one fresh allowance, never an open door.
 */

/** At most this many keys per store: a flood of made-up addresses cannot grow memory without bound. */
const DEFAULT_MAX_KEYS = 100_000

/** Keeps `map` under `maxKeys` before a new key goes in: expired entries first, then the oldest. */
function makeRoom<V>(map: Map<string, V>, maxKeys: number, expired: (value: V) => boolean) {
  if (map.size < maxKeys) return
  for (const [key, value] of map) if (expired(value)) map.delete(key)
  // Maps iterate in insertion order, so the first key is the one written longest ago.
  for (const key of map.keys()) {
    if (map.size < maxKeys) break
    map.delete(key)
  }
}

export type FailureCounterOptions = {
  /** Failures within one window that lock the key… */
  limit: number
  windowSeconds: number
  /** …for this long, after which it starts again from none. */
  lockSeconds: number
  maxKeys?: number
}

type Failures = { count: number; windowEnds: number; lockedUntil: number }

/** Failures per key in a fixed window, and a lock once there are `limit` of them. */
export function createFailureCounter(clock: Clock, options: FailureCounterOptions) {
  const entries = new Map<string, Failures>()
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS
  const over = (entry: Failures, now: number) => entry.windowEnds <= now && entry.lockedUntil <= now

  function current(key: string, now: number): Failures | undefined {
    const entry = entries.get(key)
    if (entry && over(entry, now)) entries.delete(key)
    return entry && !over(entry, now) ? entry : undefined
  }

  return {
    /** Seconds until the key may try again; 0 when it is not locked. */
    lockedFor(key: string): number {
      const now = clock.now().getTime()
      const entry = current(key, now)
      return entry && entry.lockedUntil > now ? Math.ceil((entry.lockedUntil - now) / 1000) : 0
    },

    /** Counts one failure; returns the seconds the key is locked for from now on (0: not locked). */
    fail(key: string): number {
      const now = clock.now().getTime()
      let entry = current(key, now)
      if (!entry) {
        makeRoom(entries, maxKeys, (e) => over(e, now))
        entry = { count: 0, windowEnds: now + options.windowSeconds * 1000, lockedUntil: 0 }
        entries.set(key, entry)
      }
      entry.count += 1
      if (entry.count < options.limit) return 0
      // Counting starts again from none once the lock is over (the entry lives until then).
      entry.count = 0
      entry.lockedUntil = now + options.lockSeconds * 1000
      entry.windowEnds = Math.max(entry.windowEnds, entry.lockedUntil)
      return options.lockSeconds
    },

    forget(key: string): void {
      entries.delete(key)
    },
  }
}

/** Keys remembered for a while after they were last noted (where an account signed in). */
export function createRecentKeys(clock: Clock, options: { days: number; maxKeys?: number }) {
  const until = new Map<string, number>()
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS
  return {
    has(key: string): boolean {
      const at = until.get(key)
      if (at === undefined) return false
      if (at > clock.now().getTime()) return true
      until.delete(key)
      return false
    },
    note(key: string): void {
      const now = clock.now().getTime()
      // Deleted first, so a key noted again moves to the end of the eviction order.
      until.delete(key)
      makeRoom(until, maxKeys, (at) => at <= now)
      until.set(key, now + options.days * 86_400_000)
    },
  }
}
