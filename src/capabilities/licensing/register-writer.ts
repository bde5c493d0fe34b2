import type { Transaction } from 'kysely'
import { type BulkColumn, bulkInsert } from '../../platform/db/bulk-insert.ts'
import type { Database } from '../../platform/db/schema.ts'
import type { DecisionLog } from '../decision-log/decision-log.ts'
import { EU_MEMBER_STATES } from '../reference-data/countries.ts'
import {
  applicationRow,
  classifyItems,
  defaultValidUntil,
  denialReviewDue,
  itemRows,
  partyRows,
  type RegisterRecord,
} from './application.ts'
import { appendDecisions, type DecisionToLog, isLoggedAction } from './decision-logging.ts'
import type { ApplicationState, LifecycleAction } from './lifecycle.ts'
import { LICENSED_STATES } from './lifecycle.ts'

export type Origin = 'api' | 'import' | 'demo' | 'cli'

export type WriteOptions = {
  actor: string
  origin: Origin
  /** Every decision written is appended to this log, in the caller's transaction. */
  log: DecisionLog
  /** SHA-256 of the file the records were imported from; goes into each leaf. */
  sourceSha256?: string
}

export type HistoryEntry = {
  action: LifecycleAction | 'import'
  from: ApplicationState | null
  to: ApplicationState
  decidedOn: string
  reasons: string[]
  explanation: string | null
  /** Written for publication; committed in the leaf. */
  publicReason?: string | null
}

export type RecordToWrite = RegisterRecord & {
  /** Defaults to one 'import' decision that puts the record in its state. */
  history?: HistoryEntry[]
  licence?: { number: string; validFrom: string; validUntil: string | null }
}

const DENIAL_STATES: Partial<Record<ApplicationState, 'refusal' | 'revocation' | 'annulment'>> = {
  refused: 'refusal',
  revoked: 'revocation',
  annulled: 'annulment',
}

const APPLICATION_COLUMNS: BulkColumn[] = [
  ...[
    'reference',
    'authority_id',
    'issuing_state',
    'state',
    'licence_type',
    'gea',
    'exporter_name',
    'exporter_country',
    'exporter_id',
    'exporter_key',
    'consignee_name',
    'consignee_country',
    'consignee_key',
    'end_user_name',
    'end_user_country',
    'end_user_type',
    'end_user_description',
    'end_user_key',
    'government_agency',
    'destination',
    'intended_use',
    'intended_use_public',
    'decision_explanation',
    'decision_public_reason',
  ].map((name) => ({ name, type: 'text' as const })),
  { name: 'submitted_on', type: 'date' },
  { name: 'decided_on', type: 'date' },
  { name: 'decision_reasons', type: 'text[]' },
]

const ITEM_COLUMNS: BulkColumn[] = [
  { name: 'application_id', type: 'bigint' },
  { name: 'line_no', type: 'integer' },
  { name: 'control_entry', type: 'text' },
  { name: 'technology', type: 'text' },
  { name: 'cyber_surveillance', type: 'boolean' },
  { name: 'description', type: 'text' },
  { name: 'quantity', type: 'numeric' },
  { name: 'value_minor', type: 'bigint' },
  { name: 'currency', type: 'text' },
]

const DECISION_COLUMNS: BulkColumn[] = [
  { name: 'application_id', type: 'bigint' },
  { name: 'action', type: 'text' },
  { name: 'from_state', type: 'text' },
  { name: 'to_state', type: 'text' },
  { name: 'actor', type: 'text' },
  { name: 'decided_on', type: 'date' },
  { name: 'reason_codes', type: 'text[]' },
  { name: 'explanation', type: 'text' },
  { name: 'public_reason', type: 'text' },
  { name: 'origin', type: 'text' },
  { name: 'log_index', type: 'bigint' },
  { name: 'log_salts', type: 'jsonb' },
]

const LICENCE_COLUMNS: BulkColumn[] = [
  { name: 'application_id', type: 'bigint' },
  { name: 'number', type: 'text' },
  { name: 'valid_from', type: 'date' },
  { name: 'valid_until', type: 'date' },
]

/**
 * Writes whole applications in bulk inside the caller's transaction: rows, items, parties, the
 * decision history with every decision appended to the public log (in the records' order, one
 * checkpoint per call), the licence when one was issued, and Art. 16 denial notices for standing
 * refusals, revocations and annulments of EU authorities. Used by the importers and the demo.
 */
export async function writeRecords(
  trx: Transaction<Database>,
  records: RecordToWrite[],
  options: WriteOptions,
): Promise<Map<string, number>> {
  const { actor, origin } = options
  const ids = new Map<string, number>()
  if (records.length === 0) return ids
  const rows = records.map(applicationRow)
  const inserted = await bulkInsert<{ id: number; reference: string }>(
    trx,
    'applications',
    APPLICATION_COLUMNS,
    rows,
    ['id', 'reference'],
  )
  for (const row of inserted) ids.set(row.reference, Number(row.id))
  const idOf = (record: RegisterRecord) => ids.get(record.reference) as number
  const classified = records.map((record) => classifyItems(record.items))

  const items = records.flatMap((record, n) => itemRows(idOf(record), classified[n] ?? []))
  await bulkInsert(trx, 'application_items', ITEM_COLUMNS, items)

  const parties = records.flatMap((record) => partyRows(idOf(record), record.parties))
  for (const chunk of chunks(parties, 5000)) {
    await trx.insertInto('application_parties').values(chunk).execute()
  }

  const licences = records
    .filter((record) => LICENSED_STATES.includes(record.state))
    .map((record) => {
      // Files carry no validity, so an imported licence gets the default two years (Art. 12(3)).
      const validFrom = grantDate(record)
      const licence = record.licence ?? {
        number: record.reference,
        validFrom,
        validUntil: defaultValidUntil(validFrom),
      }
      return {
        application_id: idOf(record),
        number: licence.number,
        valid_from: licence.validFrom,
        valid_until: licence.validUntil,
      }
    })
  const licenceOf = new Map(licences.map((l) => [l.application_id, l]))

  const history = records.flatMap((record, n) =>
    historyOf(record).map((entry) => ({ record, entry, n })),
  )
  const toLog: DecisionToLog[] = []
  const logged = history.map(({ record, entry, n }) => {
    if (!isLoggedAction(entry.action)) return null
    const licence = licenceOf.get(idOf(record))
    const licensed = LICENSED_STATES.includes(entry.to)
    toLog.push({
      reference: record.reference,
      authorityId: record.authorityId,
      issuingState: record.issuingState,
      destination: record.destination,
      controlEntries: (classified[n] ?? []).map((item) => item.controlEntry),
      action: entry.action,
      fromState: entry.from,
      toState: entry.to,
      decidedOn: entry.decidedOn,
      reasons: entry.reasons,
      againstRecommendation: false,
      licence:
        licence && licensed
          ? {
              number: licence.number,
              validFrom: licence.valid_from,
              validUntil: licence.valid_until,
            }
          : null,
      // The leaf that brings the licence into being carries its validity.
      issuesLicence: licensed && (entry.action === 'grant' || entry.action === 'import'),
      origin,
      ...(options.sourceSha256 ? { sourceSha256: options.sourceSha256 } : {}),
      actor,
      confirmedBy: null,
      explanation: entry.explanation,
      publicReason: entry.publicReason ?? null,
      justification: null,
    })
    return toLog.length - 1
  })
  const appended = await appendDecisions(trx, options.log, toLog)
  const decisions = history.map(({ record, entry }, k) => {
    const position = logged[k]
    const leaf = position === null || position === undefined ? undefined : appended[position]
    return {
      application_id: idOf(record),
      action: entry.action,
      from_state: entry.from,
      to_state: entry.to,
      actor,
      decided_on: entry.decidedOn,
      reason_codes: entry.reasons,
      explanation: entry.explanation,
      public_reason: entry.publicReason ?? null,
      origin,
      log_index: leaf?.index ?? null,
      log_salts: leaf ? JSON.stringify(leaf.salts) : null,
    }
  })
  const decisionIds = new Map<number, number>()
  const written = await bulkInsert<{ id: number; application_id: number }>(
    trx,
    'decisions',
    DECISION_COLUMNS,
    decisions,
    ['id', 'application_id'],
  )
  for (const row of written) {
    // The latest decision of each application is the one a denial notice points to.
    const [id, application] = [Number(row.id), Number(row.application_id)]
    if (id > (decisionIds.get(application) ?? 0)) decisionIds.set(application, id)
  }

  await bulkInsert(trx, 'licences', LICENCE_COLUMNS, licences)

  const notices = records.flatMap((record, n) => {
    const kind = DENIAL_STATES[record.state]
    // Art. 16 notices are exchanged between member states; a non-EU authority's refusals are not.
    if (!kind || !EU_MEMBER_STATES.includes(record.issuingState)) return []
    const row = rows[n] as (typeof rows)[number]
    const notifiedOn = record.decidedOn ?? record.submittedOn ?? '1970-01-01'
    return [
      {
        application_id: idOf(record),
        decision_id: decisionIds.get(idOf(record)) as number,
        authority_id: record.authorityId,
        issuing_state: record.issuingState,
        kind,
        destination: record.destination,
        end_user_key: row.end_user_key,
        consignee_key: row.consignee_key,
        control_entries: [...new Set((classified[n] ?? []).map((item) => item.controlEntry))],
        reason_codes: record.decisionReasons,
        notified_on: notifiedOn,
        review_due: denialReviewDue(notifiedOn),
      },
    ]
  })
  for (const chunk of chunks(notices, 2000)) {
    await trx.insertInto('denial_notices').values(chunk).execute()
  }
  return ids
}

function historyOf(record: RecordToWrite): HistoryEntry[] {
  if (record.history && record.history.length > 0) return record.history
  return [
    {
      action: 'import',
      from: null,
      to: record.state,
      decidedOn: record.decidedOn ?? record.submittedOn ?? '1970-01-01',
      reasons: record.decisionReasons,
      explanation: record.decisionExplanation,
      publicReason: record.decisionPublicReason ?? null,
    },
  ]
}

function grantDate(record: RecordToWrite): string {
  const grant = record.history?.find((entry) => entry.to === 'granted')
  return grant?.decidedOn ?? record.decidedOn ?? record.submittedOn ?? '1970-01-01'
}

export function* chunks<T>(values: T[], size: number): Generator<T[]> {
  for (let start = 0; start < values.length; start += size) yield values.slice(start, start + size)
}
