import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { PartyType } from '../licensing/fields.ts'
import { resolveControlEntry, type TechnologyCategory } from '../reference-data/control-entries.ts'
import { BUILT_IN_SOURCE } from '../watchlists/built-in/surveillance-vendors.ts'
import type { ScreenedParty } from '../watchlists/screen-application.ts'
import type { ScreeningHit } from '../watchlists/screening.service.ts'
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

/** One party's fresh screening: the hits the matcher found for it. */
export type PartyHits = { role: PartyRole; name: string; hits: ScreeningHit[] }

export type GatheredInput = { applicationId: number; input: AssessmentInput }

export type InputGatherer = {
  /** The inputs of these applications, in the order given; unknown ids are left out. */
  gather(applicationIds: readonly number[]): Promise<GatheredInput[]>
  /** The next `limit` applications by id after `afterId`, with their inputs (a page of the register). */
  page(afterId: number, limit: number): Promise<GatheredInput[]>
}

type ApplicationRow = {
  id: number
  reference: string
  issuing_state: string
  licence_type: string
  gea: string | null
  exporter_name: string
  exporter_country: string
  exporter_id: string | null
  exporter_key: string
  consignee_name: string
  consignee_country: string
  end_user_name: string
  end_user_country: string
  end_user_type: string
  end_user_description: string
  government_agency: string | null
  destination: string
  intended_use: string
  submitted_on: string | null
  end_use_flags: string[] | null
  due_diligence: unknown
  internal_compliance_programme: boolean | null
}

type ExporterDenial = AssessmentInput['exporterDenials'][number] & { applicationId: number }

/** At most this many earlier refusals and revocations of the exporter are read. */
const EXPORTER_DENIALS = 20

/**
 * Reads everything the rules need about one application, in the caller's transaction: the
 * application, its latest screening, the register's history and the destination evidence.
 */
export async function gatherInput(
  db: Db,
  applicationId: number,
  options: { evidence: CountryEvidenceLookup; today: string },
): Promise<AssessmentInput> {
  const [gathered] = await createInputGatherer(db, options).gather([applicationId])
  if (!gathered) throw new Error(`no application with id ${applicationId}`)
  return gathered.input
}

/**
 * The inputs of many applications (one, or a page of the register), read in a
 * handful of queries per page instead of five or more per application (the re-assessment of a
 * whole register and its benchmark need this). Items, parties, the latest screenings and the
 * identical-denial flags come in one query each per page; the exporters' earlier refusals are
 * read once per exporter and kept for the gatherer's lifetime, so a gatherer is for one pass
 * over a register that does not change meanwhile.
 *
 * `screen`, when given, replaces the stored screening: it is called with each application's
 * parties (exporter, consignee, end user, then the others in line order) and its hits become the
 * input's watchlist hits, as if they were read from a screening run just recorded.
 */
export function createInputGatherer(
  db: Db,
  {
    evidence,
    today,
    screen,
  }: {
    evidence: CountryEvidenceLookup
    today: string
    screen?: (parties: AssessedParty[]) => PartyHits[]
  },
): InputGatherer {
  const denialsByExporter = new Map<string, ExporterDenial[]>()

  async function exporterDenials(keys: string[]): Promise<void> {
    const missing = [...new Set(keys)].filter((k) => !denialsByExporter.has(k))
    if (missing.length === 0) return
    for (const key of missing) denialsByExporter.set(key, [])
    // One more than kept: the application itself may be among an exporter's newest denials.
    const rows = await sql<{
      id: number | string
      exporter_key: string
      reference: string
      state: string
      decided_on: string | null
      decision_reasons: string[]
    }>`
      select id, exporter_key, reference, state, decided_on, decision_reasons
      from (
        select id, exporter_key, reference, state, decided_on, decision_reasons,
          row_number() over (partition by exporter_key order by decided_on desc, id desc) as rank
        from applications
        where exporter_key in (${sql.join(missing)})
          and state in ('refused', 'revoked', 'annulled')
      ) ranked
      where rank <= ${EXPORTER_DENIALS + 1}
      order by exporter_key, rank`.execute(db)
    for (const d of rows.rows) {
      denialsByExporter.get(d.exporter_key)?.push({
        applicationId: Number(d.id),
        reference: d.reference,
        kind:
          d.state === 'refused' ? 'refusal' : d.state === 'revoked' ? 'revocation' : 'annulment',
        decidedOn: d.decided_on ?? '',
        reasons: d.decision_reasons,
      })
    }
  }

  async function build(applications: ApplicationRow[]): Promise<GatheredInput[]> {
    if (applications.length === 0) return []
    const ids = applications.map((a) => a.id)
    const [items, others, screenings, identical] = await Promise.all([
      db
        .selectFrom('application_items')
        .select([
          'application_id',
          'line_no',
          'control_entry',
          'for_entry',
          'technology',
          'cyber_surveillance',
          'description',
        ])
        .where('application_id', 'in', ids)
        .orderBy('application_id')
        .orderBy('line_no')
        .execute(),
      db
        .selectFrom('application_parties')
        .select(['application_id', 'role', 'name', 'country', 'party_type'])
        .where('application_id', 'in', ids)
        .orderBy('application_id')
        .orderBy('line_no')
        .execute(),
      screen
        ? Promise.resolve([])
        : db
            .selectFrom('screening_runs')
            .distinctOn('application_id')
            .select(['application_id', 'results'])
            .where('application_id', 'in', ids)
            .orderBy('application_id')
            .orderBy('id', 'desc')
            .execute(),
      db
        .selectFrom('identical_transaction_flags as f')
        .innerJoin('denial_notices as n', 'n.id', 'f.denial_notice_id')
        .select([
          'f.application_id',
          'n.authority_id',
          'n.issuing_state',
          'n.kind',
          'n.notified_on',
        ])
        .where('f.application_id', 'in', ids)
        .orderBy('n.id')
        .execute(),
      exporterDenials(applications.map((a) => a.exporter_key)),
    ])
    const itemsOf = groupBy(items, (i) => i.application_id)
    const othersOf = groupBy(others, (p) => p.application_id)
    const identicalOf = groupBy(identical, (f) => f.application_id)
    const screeningOf = new Map(screenings.map((s) => [Number(s.application_id), s.results]))

    return applications.map((a) => {
      const parties: AssessedParty[] = [
        { role: 'exporter', name: a.exporter_name, country: a.exporter_country, type: null },
        { role: 'consignee', name: a.consignee_name, country: a.consignee_country, type: null },
        {
          role: 'end_user',
          name: a.end_user_name,
          country: a.end_user_country,
          type: a.end_user_type as PartyType,
        },
        ...(othersOf.get(a.id) ?? []).map((p) => ({
          role: p.role as PartyRole,
          name: p.name,
          country: p.country,
          type: p.party_type as PartyType,
        })),
      ]
      const stored = screeningOf.get(a.id)
      const hits = screen
        ? watchlistHits(screen(parties))
        : stored
          ? watchlistHits(stored as ScreenedParty[])
          : null
      const input: AssessmentInput = {
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
        items: (itemsOf.get(a.id) ?? []).map((i) => ({
          controlEntry: i.control_entry,
          forEntry: i.for_entry,
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
        identicalDenials: (identicalOf.get(a.id) ?? []).map((d) => ({
          authorityId: d.authority_id,
          issuingState: d.issuing_state,
          kind: d.kind,
          notifiedOn: d.notified_on,
        })),
        exporterDenials: (denialsByExporter.get(a.exporter_key) ?? [])
          .filter((d) => d.applicationId !== a.id)
          .slice(0, EXPORTER_DENIALS)
          .map(({ applicationId: _, ...d }) => d),
        destinationEvidence: evidence.forCountry(a.destination),
        vendorAbuse: (hits ?? [])
          .filter((h) => h.role === 'exporter' && h.source === BUILT_IN_SOURCE)
          .map((h) => ({ source: h.source, detail: `${h.caption}: ${h.programmes.join(', ')}` })),
      }
      return { applicationId: a.id, input }
    })
  }

  const COLUMNS = [
    'id',
    'reference',
    'issuing_state',
    'licence_type',
    'gea',
    'exporter_name',
    'exporter_country',
    'exporter_id',
    'exporter_key',
    'consignee_name',
    'consignee_country',
    'end_user_name',
    'end_user_country',
    'end_user_type',
    'end_user_description',
    'government_agency',
    'destination',
    'intended_use',
    'submitted_on',
    'end_use_flags',
    'due_diligence',
    'internal_compliance_programme',
  ] as const

  const normalise = (rows: ApplicationRow[]) => rows.map((r) => ({ ...r, id: Number(r.id) }))

  return {
    async gather(applicationIds) {
      if (applicationIds.length === 0) return []
      const rows = await db
        .selectFrom('applications')
        .select(COLUMNS)
        .where('id', 'in', [...applicationIds])
        .execute()
      const byId = new Map(normalise(rows).map((r) => [r.id, r]))
      return build(
        applicationIds.flatMap((id) => {
          const row = byId.get(id)
          return row ? [row] : []
        }),
      )
    },
    async page(afterId, limit) {
      const rows = await db
        .selectFrom('applications')
        .select(COLUMNS)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute()
      return build(normalise(rows))
    },
  }
}

function groupBy<T>(rows: T[], key: (row: T) => number | string): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const k = Number(key(row))
    const group = groups.get(k)
    if (group) group.push(row)
    else groups.set(k, [row])
  }
  return groups
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
