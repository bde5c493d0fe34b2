/** Postgres SQLSTATE codes we translate, read from errors of both pg and PGlite. */
export type DatabaseErrorKind =
  | 'unique_violation'
  | 'foreign_key_violation'
  | 'check_violation'
  | 'insufficient_privilege'

const KINDS: Record<string, DatabaseErrorKind> = {
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '23514': 'check_violation',
  // Row-level security and table grants refusing the tenant role.
  '42501': 'insufficient_privilege',
}

export function databaseErrorKind(error: unknown): DatabaseErrorKind | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  const code = (error as { code: unknown }).code
  return typeof code === 'string' ? KINDS[code] : undefined
}

export function constraintName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('constraint' in error)) return undefined
  const name = (error as { constraint: unknown }).constraint
  return typeof name === 'string' ? name : undefined
}
