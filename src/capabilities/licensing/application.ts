import {
  normaliseControlEntry,
  resolveControlEntry,
  type TechnologyCategory,
} from '../reference-data/control-entries.ts'
import type { EndUseFlag } from '../reference-data/end-use-flags.ts'
import { classifyItemLine } from '../reference-data/item-purpose.ts'
import type { LicenceType, PartyType } from './fields.ts'
import type { ApplicationState } from './lifecycle.ts'
import { normaliseName, partyKey } from './party-key.ts'

/** What an application says, independent of how it arrived (API, CSV, JSON, demo). */
export type ApplicationContent = {
  authorityId: string
  issuingState: string
  licenceType: LicenceType
  gea: string | null
  exporter: { name: string; country: string; id: string | null }
  consignee: { name: string; country: string }
  endUser: { name: string; country: string; type: PartyType; description: string }
  parties: {
    role: 'intermediary' | 'agent'
    name: string
    country: string
    type: PartyType
    description: string | null
  }[]
  governmentAgency: string | null
  destination: string
  /** Confidential detail for the authority: never published. */
  intendedUse: string
  /** The exporter's summary written for publication (published as "not stated" when absent). */
  intendedUsePublic?: string | null
  items: {
    controlEntry: string
    /** A software or technology line: the Annex I entry it is for (item-purpose.ts). */
    forEntry?: string | null
    description: string
    quantity: string
    valueMinor: number
    currency: string
  }[]
  /** What the exporter declared through the API; imports and demo data carry none. */
  declarations?: Declarations
}

export type Declarations = {
  endUseFlags: EndUseFlag[] | null
  dueDiligence: { summary: string; completedOn: string | null } | null
  internalComplianceProgramme: boolean | null
}

/** An application as the register holds it: content plus where it stands. */
export type RegisterRecord = ApplicationContent & {
  reference: string
  state: ApplicationState
  submittedOn: string | null
  decidedOn: string | null
  decisionReasons: string[]
  /** The officer's internal explanation: never published. */
  decisionExplanation: string | null
  /** The decision's reason written for publication. */
  decisionPublicReason?: string | null
}

export type ClassifiedItem = ApplicationContent['items'][number] & {
  controlEntry: string
  technology: TechnologyCategory
  cyberSurveillance: boolean
}

/**
 * Normalises each entry and attaches its technology category and cyber-surveillance flag, which
 * for 5D001.a and its kind follow what the line is for.
 */
export function classifyItems(items: ApplicationContent['items']): ClassifiedItem[] {
  return items.map((item) => {
    const resolved = resolveControlEntry(item.controlEntry)
    if (!resolved) throw new Error(`unvalidated control entry ${item.controlEntry}`)
    const forEntry = item.forEntry ? normaliseControlEntry(item.forEntry) : null
    return {
      ...item,
      controlEntry: resolved.code,
      forEntry,
      ...classifyItemLine(resolved, forEntry),
    }
  })
}

export function applicationRow(record: RegisterRecord) {
  return {
    reference: record.reference,
    authority_id: record.authorityId,
    issuing_state: record.issuingState,
    state: record.state,
    licence_type: record.licenceType,
    gea: record.gea,
    exporter_name: record.exporter.name,
    exporter_country: record.exporter.country,
    exporter_id: record.exporter.id,
    exporter_key: normaliseName(record.exporter.name),
    consignee_name: record.consignee.name,
    consignee_country: record.consignee.country,
    consignee_key: partyKey(record.consignee.name, record.consignee.country),
    end_user_name: record.endUser.name,
    end_user_country: record.endUser.country,
    end_user_type: record.endUser.type,
    end_user_description: record.endUser.description,
    end_user_key: partyKey(record.endUser.name, record.endUser.country),
    government_agency: record.governmentAgency,
    destination: record.destination,
    intended_use: record.intendedUse,
    intended_use_public: record.intendedUsePublic ?? null,
    submitted_on: record.submittedOn,
    decided_on: record.decidedOn,
    decision_reasons: record.decisionReasons,
    decision_explanation: record.decisionExplanation,
    decision_public_reason: record.decisionPublicReason ?? null,
    ...(record.declarations ? declarationColumns(record.declarations) : {}),
  }
}

export function declarationColumns(d: Declarations) {
  return {
    end_use_flags: d.endUseFlags,
    due_diligence: d.dueDiligence ? JSON.stringify(d.dueDiligence) : null,
    internal_compliance_programme: d.internalComplianceProgramme,
  }
}

/** Default validity of an individual or global authorisation: two years (Art. 12(3)). */
export function defaultValidUntil(validFrom: string): string {
  const date = new Date(`${validFrom}T00:00:00Z`)
  date.setUTCFullYear(date.getUTCFullYear() + 2)
  date.setUTCDate(date.getUTCDate() - 1)
  return date.toISOString().slice(0, 10)
}

/** Art. 16(2): denials are reviewed within three years of notification. */
export function denialReviewDue(notifiedOn: string): string {
  const date = new Date(`${notifiedOn}T00:00:00Z`)
  date.setUTCFullYear(date.getUTCFullYear() + 3)
  return date.toISOString().slice(0, 10)
}

/** The rows of `application_items` for one application. */
export function itemRows(applicationId: number, items: ClassifiedItem[]) {
  return items.map((item, index) => ({
    application_id: applicationId,
    line_no: index + 1,
    control_entry: item.controlEntry,
    technology: item.technology,
    cyber_surveillance: item.cyberSurveillance,
    for_entry: item.forEntry ?? null,
    description: item.description,
    quantity: item.quantity,
    value_minor: item.valueMinor,
    currency: item.currency,
  }))
}

/** The rows of `application_parties` (intermediaries, agents) for one application. */
export function partyRows(applicationId: number, parties: ApplicationContent['parties']) {
  return parties.map((party, index) => ({
    application_id: applicationId,
    line_no: index + 1,
    role: party.role,
    name: party.name,
    country: party.country,
    party_type: party.type,
    description: party.description,
  }))
}
