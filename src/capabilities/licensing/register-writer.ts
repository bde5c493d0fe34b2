import type { Db } from '../../platform/db/database.ts'
import { EU_MEMBER_STATES } from '../reference-data/countries.ts'
import {
  applicationRow,
  classifyItems,
  defaultValidUntil,
  denialReviewDue,
  type RegisterRecord,
} from './application.ts'
import type { ApplicationState, LifecycleAction } from './lifecycle.ts'
import { LICENSED_STATES } from './lifecycle.ts'

export type Origin = 'api' | 'import' | 'demo' | 'cli'

export type HistoryEntry = {
  action: LifecycleAction | 'import'
  from: ApplicationState | null
  to: ApplicationState
  decidedOn: string
  reasons: string[]
  explanation: string | null
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

/**
 * Writes whole applications in bulk inside the caller's transaction: rows, items, parties, the
 * decision history, the licence when one was issued, and Art. 16 denial notices for standing
 * refusals, revocations and annulments. Used by the importers and the demo generator.
 */
export async function writeRecords(
  trx: Db,
  records: RecordToWrite[],
  actor: string,
  origin: Origin,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  if (records.length === 0) return ids
  const inserted = await trx
    .insertInto('applications')
    .values(records.map(applicationRow))
    .returning(['id', 'reference'])
    .execute()
  for (const row of inserted) ids.set(row.reference, row.id)
  const idOf = (record: RegisterRecord) => ids.get(record.reference) as number

  const items = records.flatMap((record) =>
    classifyItems(record.items).map((item, index) => ({
      application_id: idOf(record),
      line_no: index + 1,
      control_entry: item.controlEntry,
      technology: item.technology,
      cyber_surveillance: item.cyberSurveillance,
      description: item.description,
      quantity: item.quantity,
      value_minor: item.valueMinor,
      currency: item.currency,
    })),
  )
  for (const chunk of chunks(items, 5000))
    await trx.insertInto('application_items').values(chunk).execute()

  const parties = records.flatMap((record) =>
    record.parties.map((party, index) => ({
      application_id: idOf(record),
      line_no: index + 1,
      role: party.role,
      name: party.name,
      country: party.country,
      party_type: party.type,
      description: party.description,
    })),
  )
  for (const chunk of chunks(parties, 5000))
    await trx.insertInto('application_parties').values(chunk).execute()

  const decisions = records.flatMap((record) =>
    historyOf(record).map((entry) => ({
      application_id: idOf(record),
      action: entry.action,
      from_state: entry.from,
      to_state: entry.to,
      actor,
      decided_on: entry.decidedOn,
      reason_codes: entry.reasons,
      explanation: entry.explanation,
      origin,
    })),
  )
  const decisionIds = new Map<number, number>()
  for (const chunk of chunks(decisions, 5000)) {
    const rows = await trx
      .insertInto('decisions')
      .values(chunk)
      .returning(['id', 'application_id'])
      .execute()
    for (const row of rows) decisionIds.set(row.application_id, row.id) // keeps the latest per application
  }

  const licences = records
    .filter((record) => LICENSED_STATES.includes(record.state))
    .map((record) => {
      // Files carry no validity, so an imported licence gets the default two years (Art. 12(3)).
      const licence = record.licence ?? {
        number: record.reference,
        validFrom: grantDate(record),
        validUntil: defaultValidUntil(grantDate(record)),
      }
      return {
        application_id: idOf(record),
        number: licence.number,
        valid_from: licence.validFrom,
        valid_until: licence.validUntil,
      }
    })
  for (const chunk of chunks(licences, 5000))
    await trx.insertInto('licences').values(chunk).execute()

  const notices = records.flatMap((record) => {
    const kind = DENIAL_STATES[record.state]
    // Art. 16 notices are exchanged between member states; a non-EU authority's refusals are not.
    if (!kind || !EU_MEMBER_STATES.includes(record.issuingState)) return []
    const row = applicationRow(record)
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
        control_entries: [...new Set(classifyItems(record.items).map((item) => item.controlEntry))],
        reason_codes: record.decisionReasons,
        notified_on: notifiedOn,
        review_due: denialReviewDue(notifiedOn),
      },
    ]
  })
  for (const chunk of chunks(notices, 5000))
    await trx.insertInto('denial_notices').values(chunk).execute()
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
