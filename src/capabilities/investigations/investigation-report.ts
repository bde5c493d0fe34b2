import { sql } from 'kysely'
import { writeCsv } from '../../platform/csv/csv-writer.ts'
import type { Db } from '../../platform/db/database.ts'
import type { Level } from '../risk-assessment/level.ts'
import type { Investigation } from './investigation.repository.ts'
import {
  FINDING_KINDS,
  type FindingKind,
  type InvestigationScope,
  PROPOSAL_OUTCOMES,
  type ProposalDecision,
  type ProposalOutcome,
  proposalOutcome,
} from './investigation.ts'

/** One licence in the public report: register fields only, no people, no confidential evidence. */
export type ReportLicence = {
  reference: string
  issuingState: string
  authorityId: string
  licenceType: string
  gea: string | null
  destination: string
  decidedOn: string | null
  levelThen: Level | null
  levelNow: Level
  /** Kinds of the public findings. */
  kinds: FindingKind[]
  /** Findings whose evidence is confidential (e.g. a sanctions hit): counted, not shown. */
  confidentialFindings: number
  infringement: boolean
  proposal: ProposalOutcome | null
}

export type InvestigationReport = {
  investigation: {
    id: number
    reason: string
    scope: InvestigationScope
    authorityScope: string | null
    policyVersion: number
    asOf: string
    status: Investigation['status']
    startedAt: string
    completedAt: string | null
    licencesInScope: number
    licencesReviewed: number
  }
  totals: {
    licencesWithFindings: number
    proposals: number
    infringements: number
    byKind: Record<FindingKind, number>
    byOutcome: Record<ProposalOutcome, number>
  }
  byIssuingState: {
    issuingState: string
    licencesWithFindings: number
    proposals: number
    revoked: number
    suspended: number
    maintained: number
    infringements: number
  }[]
  licences: ReportLicence[]
}

/**
 * The investigation's public report: what was looked at, under which policy, what was found per
 * licence and what the authorities did about it. Built from the register's public fields; the
 * officers who started or decided anything and the evidence behind confidential findings stay out.
 */
export async function buildInvestigationReport(
  db: Db,
  investigation: Investigation,
): Promise<InvestigationReport> {
  const rows = await sql<{
    reference: string
    issuing_state: string
    authority_id: string
    licence_type: string
    gea: string | null
    destination: string
    decided_on: string | null
    state: string
    level_then: string | null
    level_now: string
    kinds: string[] | null
    confidential: number
    infringement: boolean
    proposed: boolean
    decision: ProposalDecision | null
    confirmation_pending: boolean
  }>`
    select a.reference, a.issuing_state, a.authority_id, a.licence_type, a.gea, a.destination,
      a.decided_on, a.state, f.level_then, f.level_now, f.kinds, f.confidential, f.infringement,
      p.id is not null as proposed, p.decision,
      exists (select 1 from decision_confirmations c where c.application_id = a.id
        and c.status = 'pending' and c.action = p.decision) as confirmation_pending
    from (
      select application_id, min(level_then) as level_then, min(level_now) as level_now,
        array_agg(kind order by kind) filter (where public) as kinds,
        count(*) filter (where not public)::int as confidential,
        bool_or(infringement) as infringement
      from investigation_findings where investigation_id = ${investigation.id}
      group by application_id
    ) f
    join applications a on a.id = f.application_id
    left join revocation_proposals p
      on p.investigation_id = ${investigation.id} and p.application_id = f.application_id
    order by a.id`.execute(db)

  const byKind = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>
  const byOutcome = Object.fromEntries(PROPOSAL_OUTCOMES.map((o) => [o, 0])) as Record<
    ProposalOutcome,
    number
  >
  const states = new Map<string, InvestigationReport['byIssuingState'][number]>()
  const licences = rows.rows.map((r): ReportLicence => {
    const proposal = r.proposed
      ? proposalOutcome(r.decision, r.state, r.confirmation_pending)
      : null
    const kinds = (r.kinds ?? []) as FindingKind[]
    for (const kind of kinds) byKind[kind] += 1
    if (proposal) byOutcome[proposal] += 1
    let state = states.get(r.issuing_state)
    if (!state) {
      state = {
        issuingState: r.issuing_state,
        licencesWithFindings: 0,
        proposals: 0,
        revoked: 0,
        suspended: 0,
        maintained: 0,
        infringements: 0,
      }
      states.set(r.issuing_state, state)
    }
    state.licencesWithFindings += 1
    if (proposal) state.proposals += 1
    if (proposal === 'revoked') state.revoked += 1
    if (proposal === 'suspended') state.suspended += 1
    if (proposal === 'maintained') state.maintained += 1
    if (r.infringement) state.infringements += 1
    return {
      reference: r.reference,
      issuingState: r.issuing_state,
      authorityId: r.authority_id,
      licenceType: r.licence_type,
      gea: r.gea,
      destination: r.destination,
      decidedOn: r.decided_on,
      levelThen: r.level_then as Level | null,
      levelNow: r.level_now as Level,
      kinds,
      confidentialFindings: Number(r.confidential),
      infringement: r.infringement,
      proposal,
    }
  })
  return {
    investigation: {
      id: investigation.id,
      reason: investigation.reason,
      scope: investigation.scope,
      authorityScope: investigation.authorityScope,
      policyVersion: investigation.policyVersion,
      asOf: investigation.asOf,
      status: investigation.status,
      startedAt: investigation.startedAt,
      completedAt: investigation.completedAt,
      licencesInScope: investigation.progress.inScope,
      licencesReviewed: investigation.progress.licencesDone,
    },
    totals: {
      licencesWithFindings: licences.length,
      proposals: licences.filter((l) => l.proposal !== null).length,
      infringements: licences.filter((l) => l.infringement).length,
      byKind,
      byOutcome,
    },
    byIssuingState: [...states.values()].sort((a, b) =>
      a.issuingState.localeCompare(b.issuingState),
    ),
    licences,
  }
}

const CSV_COLUMNS = [
  'reference',
  'issuing_state',
  'authority',
  'licence_type',
  'gea',
  'destination',
  'decided_on',
  'level_then',
  'level_now',
  'findings',
  'confidential_findings',
  'infringement',
  'proposal',
] as const

/**
 * The report's licence table as CSV (RFC 4180, CRLF, header row, findings `;`-separated), through
 * the shared writer, which neutralises formula-like text.
 */
export function investigationReportCsv(report: Pick<InvestigationReport, 'licences'>): string {
  const rows = report.licences.map((l) => [
    l.reference,
    l.issuingState,
    l.authorityId,
    l.licenceType,
    l.gea ?? '',
    l.destination,
    l.decidedOn ?? '',
    l.levelThen ?? '',
    l.levelNow,
    l.kinds.join(';'),
    l.confidentialFindings,
    l.infringement ? 'yes' : 'no',
    l.proposal ?? '',
  ])
  return writeCsv(rows, { header: CSV_COLUMNS, lineEnding: '\r\n' })
}
