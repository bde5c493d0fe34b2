import type { Db } from '../../platform/db/database.ts'
import type { PartyType } from '../licensing/fields.ts'
import { resolveControlEntry, type TechnologyCategory } from '../reference-data/control-entries.ts'
import { BUILT_IN_SOURCE } from '../watchlists/built-in/surveillance-vendors.ts'
import type { ScreenedParty } from '../watchlists/screen-application.ts'
import {
  type AssessedParty,
  type AssessmentInput,
  END_USE_FLAGS,
  type EndUseFlag,
  type PartyRole,
  type WatchlistHitSummary,
} from './assessment-input.ts'
import type { CountryEvidence } from './evidence/country-evidence.ts'

export type CountryEvidenceLookup = { forCountry(iso2: string): CountryEvidence }

/**
 * Reads everything the rules need about one application, in the caller's transaction: the
 * application, its latest screening, the register's history and the destination evidence.
 */
export async function gatherInput(
  db: Db,
  applicationId: number,
  { evidence, today }: { evidence: CountryEvidenceLookup; today: string },
): Promise<AssessmentInput> {
  const a = await db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const [items, others, screening, identical, exporterDenials] = await Promise.all([
    db
      .selectFrom('application_items')
      .select(['control_entry', 'technology', 'cyber_surveillance', 'description'])
      .where('application_id', '=', applicationId)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('application_parties')
      .select(['role', 'name', 'country', 'party_type'])
      .where('application_id', '=', applicationId)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('screening_runs')
      .select('results')
      .where('application_id', '=', applicationId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('identical_transaction_flags as f')
      .innerJoin('denial_notices as n', 'n.id', 'f.denial_notice_id')
      .select(['n.authority_id', 'n.issuing_state', 'n.kind', 'n.notified_on'])
      .where('f.application_id', '=', applicationId)
      .orderBy('n.id')
      .execute(),
    db
      .selectFrom('applications')
      .select(['reference', 'state', 'decided_on', 'decision_reasons'])
      .where('exporter_key', '=', a.exporter_key)
      .where('id', '!=', applicationId)
      .where('state', 'in', ['refused', 'revoked', 'annulled'])
      .orderBy('decided_on', 'desc')
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
  ])
  const hits = screening ? watchlistHits(screening.results as ScreenedParty[]) : null
  const parties: AssessedParty[] = [
    { role: 'exporter', name: a.exporter_name, country: a.exporter_country, type: null },
    { role: 'consignee', name: a.consignee_name, country: a.consignee_country, type: null },
    {
      role: 'end_user',
      name: a.end_user_name,
      country: a.end_user_country,
      type: a.end_user_type as PartyType,
    },
    ...others.map((p) => ({
      role: p.role as PartyRole,
      name: p.name,
      country: p.country,
      type: p.party_type as PartyType,
    })),
  ]
  return {
    reference: a.reference,
    issuingState: a.issuing_state,
    licenceType: a.licence_type,
    gea: a.gea,
    onDate: a.submitted_on ?? today,
    assessedOn: today,
    destination: a.destination,
    exporter: { name: a.exporter_name, country: a.exporter_country, id: a.exporter_id },
    parties,
    endUser: {
      name: a.end_user_name,
      country: a.end_user_country,
      type: a.end_user_type as PartyType,
      description: a.end_user_description,
    },
    governmentAgency: a.government_agency,
    intendedUse: a.intended_use,
    items: items.map((i) => ({
      controlEntry: i.control_entry,
      technology: i.technology as TechnologyCategory,
      cyberSurveillance: i.cyber_surveillance,
      kind: resolveControlEntry(i.control_entry)?.kind ?? 'annex_i',
      description: i.description,
    })),
    endUseFlags: a.end_use_flags
      ? a.end_use_flags.filter((f): f is EndUseFlag =>
          (END_USE_FLAGS as readonly string[]).includes(f),
        )
      : null,
    dueDiligence: dueDiligenceOf(a.due_diligence),
    hasInternalComplianceProgramme: a.internal_compliance_programme,
    watchlistHits: hits,
    identicalDenials: identical.map((d) => ({
      authorityId: d.authority_id,
      issuingState: d.issuing_state,
      kind: d.kind,
      notifiedOn: d.notified_on,
    })),
    exporterDenials: exporterDenials.map((d) => ({
      reference: d.reference,
      kind: d.state === 'refused' ? 'refusal' : d.state === 'revoked' ? 'revocation' : 'annulment',
      decidedOn: d.decided_on ?? '',
      reasons: d.decision_reasons,
    })),
    destinationEvidence: evidence.forCountry(a.destination),
    vendorAbuse: (hits ?? [])
      .filter((h) => h.role === 'exporter' && h.source === BUILT_IN_SOURCE)
      .map((h) => ({ source: h.source, detail: `${h.caption}: ${h.programmes.join(', ')}` })),
  }
}

/** Every hit on every party of a screening run, flattened for the rules. */
export function watchlistHits(
  parties: readonly Pick<ScreenedParty, 'role' | 'name' | 'hits'>[],
): WatchlistHitSummary[] {
  return parties.flatMap((p) =>
    p.hits.map((h) => ({
      role: p.role,
      partyName: p.name,
      source: h.source,
      entityId: h.entityId,
      caption: h.caption,
      score: h.score,
      programmes: h.programmes,
      summary: h.explanation.summary,
    })),
  )
}

/** The stored due-diligence record, or null when absent or malformed. */
export function dueDiligenceOf(value: unknown): AssessmentInput['dueDiligence'] {
  if (!value || typeof value !== 'object') return null
  const record = value as { summary?: unknown; completedOn?: unknown }
  if (typeof record.summary !== 'string') return null
  return {
    summary: record.summary,
    completedOn: typeof record.completedOn === 'string' ? record.completedOn : null,
  }
}
