import type { Selectable } from 'kysely'
import type { ApplicationItemsTable, ApplicationsTable } from '../../platform/db/schema.ts'
import { type ApplicationState, publicDecision } from './lifecycle.ts'
import { formatMoney } from './money.ts'

type Row = Selectable<ApplicationsTable>
type ItemRow = Selectable<ApplicationItemsTable>

export function totals(items: ItemRow[]) {
  const byCurrency = new Map<string, number>()
  for (const item of items)
    byCurrency.set(item.currency, (byCurrency.get(item.currency) ?? 0) + item.value_minor)
  return [...byCurrency].map(([currency, minor]) => ({
    currency,
    value: formatMoney(minor, currency),
    valueMinor: minor,
  }))
}

/** One line of the officers' register list. */
export function summaryView(row: Row, items: ItemRow[]) {
  return {
    reference: row.reference,
    authorityId: row.authority_id,
    issuingState: row.issuing_state,
    state: row.state as ApplicationState,
    licenceType: row.licence_type,
    gea: row.gea,
    exporterName: row.exporter_name,
    endUserName: row.end_user_name,
    endUserCountry: row.end_user_country,
    destination: row.destination,
    controlEntries: [...new Set(items.map((i) => i.control_entry))],
    technologies: [...new Set(items.map((i) => i.technology))],
    totalValue: totals(items),
    submittedOn: row.submitted_on,
    decidedOn: row.decided_on,
  }
}

export const NATURAL_PERSON = 'natural person'

/** What the register says where no text was written for publication. */
export const NOT_STATED = 'not stated'

/**
 * The register's public fields (ARCHITECTURE §4). A natural person is never named: an individual
 * end user is published as "natural person" and a country, whatever the description said.
 */
export function publicView(
  row: Row,
  items: ItemRow[],
  authorityName: string,
  licence?: { number: string; valid_until: string | null },
) {
  const individual = row.end_user_type === 'individual'
  return {
    reference: row.reference,
    issuingState: row.issuing_state,
    authority: { id: row.authority_id, name: authorityName },
    licenceType: row.licence_type,
    gea: row.gea,
    exporterName: row.exporter_name,
    endUser: {
      description: individual ? NATURAL_PERSON : row.end_user_description,
      type: row.end_user_type,
      country: row.end_user_country,
    },
    destination: row.destination,
    // Only text written to be public: the exporter's summary, never the confidential detail.
    intendedUse: row.intended_use_public,
    governmentAgency: row.government_agency,
    items: items.map((i) => ({
      controlEntry: i.control_entry,
      technology: i.technology,
      cyberSurveillance: i.cyber_surveillance,
      description: i.description,
      quantity: i.quantity,
      value: formatMoney(i.value_minor, i.currency),
      currency: i.currency,
    })),
    totalValue: totals(items),
    decision: publicDecision(row.state as ApplicationState) ?? 'pending',
    decisionReasons: row.decision_reasons,
    // The public reason, never the officer's internal explanation.
    publicReason: row.decision_public_reason,
    submittedOn: row.submitted_on,
    decidedOn: row.decided_on,
    licenceNumber: licence?.number ?? null,
    validUntil: licence?.valid_until ?? null,
  }
}
