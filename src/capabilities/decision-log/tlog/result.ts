// Parsers and verifiers here never throw on bad input: they say plainly what failed, because a
// member of the public checking a proof needs the reason, not a stack trace.
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T>(reason: string): Result<T> => ({ ok: false, reason })

/** Runs an async check and turns anything it throws into a result via `onError`. */
export async function guard<T>(
  what: string,
  run: () => Promise<T>,
  onError: (reason: string) => T,
): Promise<T> {
  try {
    return await run()
  } catch (e) {
    return onError(`${what} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`)
  }
}
