import type { Db } from '../../../platform/db/database.ts'
import { AppError } from '../../../platform/http/errors.ts'
import { clip } from '../../../platform/text.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import { existingReferences } from '../application.repository.ts'
import { stateForDecision } from '../lifecycle.ts'
import { parseMoney } from '../money.ts'
import { type Origin, type RecordToWrite, writeRecords } from '../register-writer.ts'
import {
  APPLICATION_COLUMNS,
  formatIssue,
  type ImportIssue,
  type LicenceCsvRow,
  parseLicenceRow,
  type RawRow,
} from './licence-csv.ts'

export type ImportOptions = {
  skipInvalid?: boolean
  actor: string
  origin?: Origin
  /** Every imported decision is appended to this log, in the import's transaction. */
  log: DecisionLog
  /** SHA-256 of the file as read (hex): each imported decision's leaf names it. */
  sourceSha256: string
  /** Called every few thousand rows with the number of rows read so far. */
  onProgress?: (rows: number) => void
}

export type ImportResult = {
  applications: number
  items: number
  rows: number
  skipped: ImportIssue[]
  skippedApplications: number
  issueCount: number
}

const MAX_LISTED_ISSUES = 1000
const BATCH = 500

export class ImportFailedError extends AppError {
  readonly importIssues: ImportIssue[]
  readonly issueCount: number
  constructor(issues: ImportIssue[], issueCount: number) {
    const shown = issues.slice(0, 5).map(formatIssue).join('; ')
    super(
      400,
      'import_failed',
      `Nothing was imported: ${issueCount} problem(s). ${shown}${issueCount > 5 ? '; …' : ''}`,
      {
        issues: issues.map((i) => ({
          field: i.field,
          message: formatIssue(i),
          ...(i.line === undefined ? {} : { line: i.line }),
        })),
      },
    )
    this.importIssues = issues
    this.issueCount = issueCount
  }
}

type Group = { reference: string; first: RawRow; rows: LicenceCsvRow[]; invalid: boolean }

/**
 * Imports licence rows (from the CSV or JSON reader) in one transaction: all or nothing, unless
 * `skipInvalid`, when every application with a bad row is left out and each bad line reported.
 * Rows of one reference must be adjacent, so memory stays flat however large the file.
 */
export async function importLicenceRows(
  db: Db,
  source: AsyncIterable<RawRow>,
  options: ImportOptions,
): Promise<ImportResult> {
  const authorities = new Map(
    (await db.selectFrom('authorities').select(['id', 'member_state']).execute()).map((a) => [
      a.id,
      a.member_state,
    ]),
  )
  const issues: ImportIssue[] = []
  let issueCount = 0
  const report = (issue: ImportIssue) => {
    issueCount += 1
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue)
  }
  const result = { applications: 0, items: 0, rows: 0, skippedApplications: 0 }

  return db.transaction().execute(async (trx) => {
    const seen = new Set<string>()
    let batch: { record: RecordToWrite; first: RawRow }[] = []
    let group: Group | undefined

    // Writes one batch while the next is being read and validated: the database works while
    // JavaScript parses. Batches still reach the database one after another, in file order.
    let inFlight: Promise<void> | undefined
    const writeBatch = async (current: typeof batch) => {
      const taken = await existingReferences(
        trx,
        current.map((b) => b.record.reference),
      )
      const fresh = current.filter((b) => {
        if (!taken.has(b.record.reference)) return true
        report({
          location: b.first.location,
          ...lineOf(b.first),
          field: 'reference',
          message: `"${b.record.reference}" is already in the register`,
        })
        result.skippedApplications += 1
        return false
      })
      // Once anything is wrong an all-or-nothing import only keeps validating, to list every problem.
      if (options.skipInvalid || issueCount === 0) {
        await writeRecords(
          trx,
          fresh.map((b) => b.record),
          {
            actor: options.actor,
            origin: options.origin ?? 'import',
            log: options.log,
            sourceSha256: options.sourceSha256,
          },
        )
        result.applications += fresh.length
        result.items += fresh.reduce((n, b) => n + b.record.items.length, 0)
      }
    }
    const flush = async () => {
      if (batch.length === 0) return
      const current = batch
      batch = []
      await inFlight
      inFlight = writeBatch(current)
      inFlight.catch(() => {}) // observed by the next flush or at the end; not unhandled meanwhile
    }

    const close = async (done: Group | undefined) => {
      if (!done) return
      seen.add(done.reference)
      if (done.invalid) {
        result.skippedApplications += 1
        return
      }
      batch.push({ record: toRecord(done), first: done.first })
      if (batch.length >= BATCH) await flush()
    }

    for await (const raw of source) {
      result.rows += 1
      if (result.rows % 5000 === 0) options.onProgress?.(result.rows)
      const reference = String(raw.values.reference ?? '').trim()
      if (!group || group.reference !== reference) {
        await close(group)
        group = { reference, first: raw, rows: [], invalid: false }
        if (seen.has(reference) && reference !== '') {
          report({
            location: raw.location,
            ...lineOf(raw),
            field: 'reference',
            message: `rows of "${reference}" must be adjacent; it appeared earlier in the file`,
          })
          group.invalid = true
        }
      }
      const parsed = parseLicenceRow(raw)
      const rowIssues = parsed.ok
        ? checkAgainstGroup(parsed.row, raw, group, authorities)
        : parsed.issues
      if (rowIssues.length > 0 || !parsed.ok) {
        for (const issue of rowIssues) report(issue)
        group.invalid = true
        continue
      }
      group.rows.push(parsed.row)
    }
    await close(group)
    await flush()
    await inFlight
    options.onProgress?.(result.rows)
    if (issueCount > 0 && !options.skipInvalid) throw new ImportFailedError(issues, issueCount)
    return { ...result, skipped: issues, issueCount }
  })
}

function checkAgainstGroup(
  row: LicenceCsvRow,
  raw: RawRow,
  group: Group,
  authorities: Map<string, string>,
): ImportIssue[] {
  const where = { location: raw.location, ...lineOf(raw) }
  const issues: ImportIssue[] = []
  const memberState = authorities.get(row.authority)
  if (!memberState)
    issues.push({ ...where, field: 'authority', message: `unknown authority "${row.authority}"` })
  else if (memberState !== row.issuing_state) {
    issues.push({
      ...where,
      field: 'issuing_state',
      message: `"${row.issuing_state}" is not the state of authority ${row.authority} (${memberState})`,
    })
  }
  if (group.first !== raw) {
    for (const column of APPLICATION_COLUMNS) {
      const mine = String(raw.values[column] ?? '').trim()
      const theirs = String(group.first.values[column] ?? '').trim()
      if (mine !== theirs) {
        issues.push({
          ...where,
          field: column,
          message: `"${clip(mine)}" disagrees with "${clip(theirs)}" in ${group.first.location} of the same reference`,
        })
      }
    }
  }
  return issues
}

function toRecord(group: Group): RecordToWrite {
  const first = group.rows[0] as LicenceCsvRow
  const state = stateForDecision(first.decision)
  return {
    reference: first.reference,
    authorityId: first.authority,
    issuingState: first.issuing_state,
    licenceType: first.licence_type,
    gea: first.gea,
    exporter: { name: first.exporter_name, country: first.exporter_country, id: first.exporter_id },
    consignee: { name: first.consignee_name, country: first.consignee_country },
    endUser: {
      name: first.end_user_name,
      country: first.end_user_country,
      type: first.end_user_type,
      description: first.end_user_description,
    },
    parties: [],
    governmentAgency: first.government_agency,
    destination: first.destination,
    intendedUse: first.intended_use,
    intendedUsePublic: first.intended_use_public,
    items: group.rows.map((row) => {
      const money = parseMoney(row.value, row.currency)
      return {
        controlEntry: row.control_entry,
        description: row.item_description,
        quantity: row.quantity,
        valueMinor: money.ok ? money.minor : 0,
        currency: row.currency,
      }
    }),
    state,
    submittedOn: first.submitted_on,
    decidedOn: first.decided_on,
    decisionReasons: first.decision_reasons,
    decisionExplanation: first.decision_explanation,
    decisionPublicReason: first.decision_public_reason,
  }
}

function lineOf(raw: RawRow): { line?: number } {
  return raw.line === undefined ? {} : { line: raw.line }
}
