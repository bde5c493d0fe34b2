import { type RawBuilder, type SqlBool, sql } from 'kysely'
import { EU_MEMBER_STATES } from '../reference-data/countries.ts'
import { OUTCOMES, type ReportScope } from './annual-report.ts'
import { scopeCondition } from './report-scope.ts'

/**
 * What a decision (alias `d`) counts as in a report: the outcome of its action, or for an
 * imported record (one 'import' decision putting it in its final state) that state when it is an
 * outcome. Submissions, reviews, reinstatements and expiries are not decisions here: null.
 */
export const OUTCOME_SQL: RawBuilder<string | null> = sql<string | null>`case d.action
  when 'grant' then 'granted'
  when 'refuse' then 'refused'
  when 'withdraw' then 'withdrawn'
  when 'revoke' then 'revoked'
  when 'suspend' then 'suspended'
  when 'annul' then 'annulled'
  when 'import' then case when d.to_state in (${sql.join(OUTCOMES.map((o) => sql`${o}`))}) then d.to_state end
end`

/** The decisions that count (same rule as OUTCOME_SQL, written so it can use an index on action). */
const COUNTED_SQL = sql<SqlBool>`(d.action in ('grant','refuse','withdraw','revoke','suspend','annul')
  or (d.action = 'import' and d.to_state in (${sql.join(OUTCOMES.map((o) => sql`${o}`))})))`

/** The first day of the year and of the next one: a half-open range an index on a date can use. */
export function yearRange(year: number): { start: string; end: string } {
  const pad = (y: number) => String(y).padStart(4, '0')
  return { start: `${pad(year)}-01-01`, end: `${pad(year + 1)}-01-01` }
}

/**
 * The condition on `decisions d join applications a` for "a decision of the year in the scope":
 * decided in the calendar year of decisions.decided_on, of an application in the scope.
 */
export function decisionsOfYear(year: number, scope: ReportScope): RawBuilder<SqlBool> {
  const { start, end } = yearRange(year)
  return sql<SqlBool>`d.decided_on >= ${start}::date and d.decided_on < ${end}::date
    and ${COUNTED_SQL} and ${scopeCondition(scope)}`
}

/**
 * The condition on the report's facts (report_events or report_values, alias `a`, kept by the
 * triggers of the report-facts migration) for "an event of the year in the scope": its day
 * (decided_on, or submitted_on for a receipt) in the calendar year, of an application in the
 * scope. The facts carry the authority's member state, so the EU scope needs no join.
 */
export function factsOfYear(year: number, scope: ReportScope): RawBuilder<SqlBool> {
  const { start, end } = yearRange(year)
  const inScope =
    scope.kind === 'authority'
      ? sql`a.authority_id = ${scope.authorityId}`
      : scope.kind === 'member_state'
        ? sql`a.issuing_state = ${scope.memberState}`
        : sql`a.authority_state in (${sql.join(EU_MEMBER_STATES.map((code) => sql`${code}`))})`
  return sql<SqlBool>`a.day >= ${start}::date and a.day < ${end}::date and ${inScope}`
}
