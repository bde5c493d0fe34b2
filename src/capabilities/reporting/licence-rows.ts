import { type SqlBool, sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { NATURAL_PERSON } from '../licensing/register-views.ts'
import type { LicenceRow, Outcome, ReportScope } from './annual-report.ts'
import { decisionsOfYear, OUTCOME_SQL, yearRange } from './report-decisions.query.ts'

export type LicenceRowsInput = { year: number; scope: ReportScope }

/** Rows read per query: memory stays flat however many decisions the year has. */
export const LICENCE_ROW_BATCH = 5000

type Cursor = { reference: string; decisionId: number }

type RawDecisionRow = {
  decision_id: number
  decided_on: string
  outcome: Outcome
  reason_codes: string[]
  explanation: string | null
  application_id: number
  reference: string
  licence_number: string | null
  authority_id: string
  issuing_state: string
  licence_type: string
  gea: string | null
  exporter_name: string
  end_user_type: string
  end_user_description: string
  end_user_country: string
  destination: string
  intended_use: string | null
  government_agency: string | null
}

/**
 * Every decision of the year in the scope as a row of the per-licence table, ordered by
 * (decidedOn, reference in byte order — the same on every server whatever its collation —,
 * decision id), read in keyset-paginated batches. Each query reads a window of days (sized to
 * about one batch: it doubles when sparse and halves when full) through the index on
 * decisions.decided_on; the items of a batch are read in one query. Memory stays flat.
 */
export async function* streamLicenceRows(
  db: Db,
  input: LicenceRowsInput,
  options: { outcomes?: readonly Outcome[]; batch?: number } = {},
): AsyncIterable<LicenceRow> {
  const limit = options.batch ?? LICENCE_ROW_BATCH
  if (options.outcomes?.length === 0) return
  const { start, end } = yearRange(input.year)
  let from = start
  let span = 8
  let after: Cursor | undefined
  while (from < end) {
    const to = minDate(addDays(from, span), end)
    const rows = await queryWindow(db, input, {
      from,
      to,
      after,
      limit,
      outcomes: options.outcomes,
    })
    for (const row of await withItems(db, rows)) yield row
    const last = rows.at(-1)
    if (last && rows.length === limit) {
      // The window may hold more: go on after the last row, in a narrower window.
      from = last.decided_on
      after = { reference: last.reference, decisionId: last.decision_id }
      span = Math.max(1, Math.floor(span / 2))
    } else {
      from = to
      after = undefined
      if (rows.length < limit / 2) span = Math.min(span * 2, 512)
    }
  }
}

/** The first `limit` rows of the per-licence table (the HTML shows a sample; the files have all). */
export async function firstLicenceRows(
  db: Db,
  input: LicenceRowsInput,
  limit: number,
  outcomes?: readonly Outcome[],
): Promise<LicenceRow[]> {
  const rows: LicenceRow[] = []
  if (limit <= 0) return rows
  const options = { batch: Math.min(limit, 1000), ...(outcomes ? { outcomes } : {}) }
  for await (const row of streamLicenceRows(db, input, options)) {
    rows.push(row)
    if (rows.length >= limit) break
  }
  return rows
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

const minDate = (a: string, b: string) => (a < b ? a : b)

/** Decisions decided in [from, to), after the cursor (on `from`) when there is one. */
async function queryWindow(
  db: Db,
  input: LicenceRowsInput,
  page: {
    from: string
    to: string
    after: Cursor | undefined
    limit: number
    outcomes: readonly Outcome[] | undefined
  },
): Promise<RawDecisionRow[]> {
  const wanted = page.outcomes
    ? sql<SqlBool>`(${OUTCOME_SQL}) in (${sql.join(page.outcomes.map((o) => sql`${o}`))})`
    : sql<SqlBool>`true`
  const after = page.after
  const cursor = after
    ? sql<SqlBool>`(d.decided_on > ${page.from}::date
        or (a.reference collate "C", d.id) > (${after.reference}, ${after.decisionId}::bigint))`
    : sql<SqlBool>`true`
  const result = await sql<RawDecisionRow>`
    select d.id as decision_id, d.decided_on, ${OUTCOME_SQL} as outcome, d.reason_codes,
      d.public_reason as explanation, a.id as application_id, a.reference, l.number as licence_number,
      a.authority_id, a.issuing_state, a.licence_type, a.gea, a.exporter_name, a.end_user_type,
      a.end_user_description, a.end_user_country, a.destination,
      a.intended_use_public as intended_use, a.government_agency
    from decisions d
    join applications a on a.id = d.application_id
    left join licences l on l.application_id = a.id
    where d.decided_on >= ${page.from}::date and d.decided_on < ${page.to}::date
      and ${decisionsOfYear(input.year, input.scope)} and ${wanted} and ${cursor}
    order by d.decided_on, a.reference collate "C", d.id
    limit ${page.limit}`.execute(db)
  return result.rows
}

type ItemRow = {
  application_id: number
  control_entry: string
  technology: string
  cyber_surveillance: boolean
  description: string
  value_minor: number
  currency: string
}

/** Joins each decision to its application's items, read for the whole batch at once. */
async function withItems(db: Db, rows: RawDecisionRow[]): Promise<LicenceRow[]> {
  if (rows.length === 0) return []
  const ids = [...new Set(rows.map((row) => Number(row.application_id)))]
  const items = await sql<ItemRow>`
    select application_id, control_entry, technology, cyber_surveillance, description,
      value_minor, currency::text as currency
    from application_items where application_id = any(${ids}::bigint[])
    order by application_id, line_no`.execute(db)
  const byApplication = new Map<number, ItemRow[]>()
  for (const item of items.rows) {
    const id = Number(item.application_id)
    const list = byApplication.get(id)
    if (list) list.push(item)
    else byApplication.set(id, [item])
  }
  return rows.map((row) => toLicenceRow(row, byApplication.get(Number(row.application_id)) ?? []))
}

function toLicenceRow(row: RawDecisionRow, items: ItemRow[]): LicenceRow {
  // The register's publication rule (register-views.ts publicView): an individual end user is
  // never named nor described, only "natural person" and a country. The exporter is a company
  // in the register's model (no party type), published by name; consignees are never published.
  const individual = row.end_user_type === 'individual'
  const value = new Map<string, number>()
  for (const item of items) {
    const currency = item.currency.trim()
    value.set(currency, (value.get(currency) ?? 0) + Number(item.value_minor))
  }
  const sorted = (values: string[]) => [...new Set(values)].sort()
  return {
    reference: row.reference,
    licenceNumber: row.licence_number,
    authorityId: row.authority_id,
    issuingState: row.issuing_state.trim(),
    licenceType: row.licence_type,
    gea: row.gea,
    outcome: row.outcome,
    decidedOn: row.decided_on,
    controlEntries: sorted(items.map((i) => i.control_entry)),
    technologies: sorted(items.map((i) => i.technology)),
    itemDescriptions: items.map((i) => i.description),
    cyberSurveillance: items.some((i) => i.cyber_surveillance),
    exporter: row.exporter_name,
    endUser: individual ? NATURAL_PERSON : row.end_user_description,
    endUserType: row.end_user_type,
    endUserCountry: row.end_user_country.trim(),
    destination: row.destination.trim(),
    intendedUse: row.intended_use,
    governmentAgency: row.government_agency,
    value: [...value]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, minor]) => ({ currency, minor })),
    reasons: row.reason_codes,
    explanation: row.explanation,
  }
}
