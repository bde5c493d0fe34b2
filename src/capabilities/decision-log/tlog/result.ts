// Parsers and verifiers here never throw on bad input: they say plainly what failed, because a
// member of the public checking a proof needs the reason, not a stack trace.
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T>(reason: string): Result<T> => ({ ok: false, reason })
