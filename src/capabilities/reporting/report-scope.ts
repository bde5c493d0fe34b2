import { type Expression, type SqlBool, sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { ValidationError } from '../../platform/http/errors.ts'
import { findAuthority } from '../licensing/authority.repository.ts'
import { countryName, EU_MEMBER_STATES } from '../reference-data/countries.ts'
import type { ReportScope } from './annual-report.ts'

const ACCEPTED =
  "'EU', an EU member state's two-letter code (DE) or an authority id (de-bafa) from the register"

/**
 * Reads a report scope as typed on the command line or in a URL: 'EU' (any case) is the whole
 * Union, a two-letter EU member-state code is that state, anything else must be an authority id
 * known to the register.
 */
export async function parseScope(db: Db, text: string): Promise<ReportScope> {
  const trimmed = text.trim()
  if (trimmed.toUpperCase() === 'EU') return { kind: 'eu' }
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase()
    if (EU_MEMBER_STATES.includes(code)) return { kind: 'member_state', memberState: code }
  } else if (/^[a-z0-9][a-z0-9-]{1,39}$/.test(trimmed)) {
    const authority = await findAuthority(db, trimmed)
    if (authority) return { kind: 'authority', authorityId: authority.id }
  }
  const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed
  throw new ValidationError(`scope: "${shown}" is not a report scope`, [
    { field: 'scope', message: `must be ${ACCEPTED}` },
  ])
}

/** 'EU', 'DE' or 'de-bafa': the scope as it appears in file names and URLs. */
export function scopeKey(scope: ReportScope): string {
  if (scope.kind === 'eu') return 'EU'
  if (scope.kind === 'member_state') return scope.memberState
  return scope.authorityId
}

/** "European Union, 2025", "Germany, 2025" or "Germany — <authority name>, 2025". */
export async function scopeTitle(db: Db, scope: ReportScope, year: number): Promise<string> {
  if (scope.kind === 'eu') return `European Union, ${year}`
  if (scope.kind === 'member_state') {
    return `${countryName(scope.memberState) ?? scope.memberState}, ${year}`
  }
  const authority = await findAuthority(db, scope.authorityId)
  if (!authority) return `${scope.authorityId}, ${year}`
  const state = countryName(authority.memberState) ?? authority.memberState
  return `${state} — ${authority.name}, ${year}`
}

/**
 * The SQL condition that puts an application (alias `a`) in the scope: its authority for an
 * authority, its issuing state for a member state, an EU authority for the EU.
 */
export function scopeCondition(scope: ReportScope): Expression<SqlBool> {
  if (scope.kind === 'authority') return sql<SqlBool>`a.authority_id = ${scope.authorityId}`
  if (scope.kind === 'member_state') return sql<SqlBool>`a.issuing_state = ${scope.memberState}`
  return sql<SqlBool>`a.authority_id in (select id from authorities where member_state in (${sql.join(
    EU_MEMBER_STATES.map((code) => sql`${code}`),
  )}))`
}
