/** Postgres SQLSTATE codes we translate, read from errors of both pg and PGlite. */
export type DatabaseErrorKind =
  | 'unique_violation'
  | 'foreign_key_violation'
  | 'check_violation'
  | 'insufficient_privilege'
  | 'disk_full'

const KINDS: Record<string, DatabaseErrorKind> = {
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '23514': 'check_violation',
  // Row-level security and table grants refusing the tenant role.
  '42501': 'insufficient_privilege',
  // PostgreSQL (and PGlite) could not extend a file: No space left on device.
  '53100': 'disk_full',
}

export function databaseErrorKind(error: unknown): DatabaseErrorKind | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  const code = (error as { code: unknown }).code
  return typeof code === 'string' ? KINDS[code] : undefined
}

/** Socket errors of a database that is down, restarting or unreachable. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'])

/**
 * The database cannot be reached or is shutting down or starting up (not a fault of the request):
 * connection exceptions (SQLSTATE class 08), admin or crash shutdown and "starting up" (57P01–03),
 * too many connections (53300), a refused or broken socket, or pg's own messages for a connection
 * the server dropped or a pool that could not get one in time.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const code = 'code' in error ? (error as { code: unknown }).code : undefined
  if (typeof code === 'string') {
    if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true
    if (UNREACHABLE.has(code)) return true
  }
  const message = error instanceof Error ? error.message : ''
  return /^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error/.test(
    message,
  )
}

export function constraintName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('constraint' in error)) return undefined
  const name = (error as { constraint: unknown }).constraint
  return typeof name === 'string' ? name : undefined
}
