import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { Level } from '../risk-assessment/level.ts'
import type { EvidenceFinding, LicenceFinding } from './compare-with-grant.ts'
import {
  type FindingKind,
  type ProposalDecision,
  type ProposalOutcome,
  proposalOutcome,
} from './investigation.ts'

export type DecisionRequest = {
  decision: ProposalDecision
  reasons: string[]
  explanation?: string | undefined
}

/** A revocation proposal as officials see it, with the evidence and what became of it. */
export type Proposal = {
  id: number
  investigationId: number
  reference: string
  authorityId: string
  issuingState: string
  licenceType: string
  gea: string | null
  destination: string
  state: string
  levelThen: Level | null
  levelNow: Level
  kinds: FindingKind[]
  evidence: LicenceFinding[]
  outcome: ProposalOutcome
  decision: ProposalDecision | null
  decidedBy: string | null
  decidedAt: string | null
  reasons: string[]
  explanation: string | null
}

/** Proposals of an investigation (one licence's when `reference` is given), in licence order. */
export async function readProposals(
  db: Db,
  investigationId: number,
  reference?: string,
): Promise<Proposal[]> {
  let query = db
    .selectFrom('revocation_proposals as p')
    .innerJoin('applications as a', 'a.id', 'p.application_id')
    .select((eb) => [
      'p.id',
      'p.investigation_id',
      'p.level_then',
      'p.level_now',
      'p.kinds',
      // The evidence: the licence's significant findings in this investigation.
      sql<LicenceFinding[]>`(select coalesce(jsonb_agg(jsonb_build_object('kind', f.kind,
          'significant', f.significant, 'infringement', f.infringement,
          'levelThen', f.level_then, 'levelNow', f.level_now, 'title', f.title,
          'evidence', f.evidence, 'public', f.public) order by f.kind), '[]'::jsonb)
        from investigation_findings f where f.investigation_id = p.investigation_id
          and f.application_id = p.application_id and f.significant)`.as('evidence'),
      'p.decision',
      'p.decided_by',
      'p.decided_at',
      'p.reasons',
      'p.explanation',
      'a.reference',
      'a.authority_id',
      'a.issuing_state',
      'a.licence_type',
      'a.gea',
      'a.destination',
      'a.state',
      eb
        .exists(
          eb
            .selectFrom('decision_confirmations as c')
            .select(sql.lit(1).as('one'))
            .whereRef('c.application_id', '=', 'a.id')
            .where('c.status', '=', 'pending')
            .whereRef('c.action', '=', 'p.decision'),
        )
        .as('confirmation_pending'),
    ])
    .where('p.investigation_id', '=', investigationId)
  if (reference !== undefined) query = query.where('a.reference', '=', reference)
  const rows = await query.orderBy('p.application_id').execute()
  return rows.map((r) => ({
    id: Number(r.id),
    investigationId: Number(r.investigation_id),
    reference: r.reference,
    authorityId: r.authority_id,
    issuingState: r.issuing_state,
    licenceType: r.licence_type,
    gea: r.gea,
    destination: r.destination,
    state: r.state,
    levelThen: r.level_then as Level | null,
    levelNow: r.level_now as Level,
    kinds: r.kinds as FindingKind[],
    evidence: r.evidence,
    outcome: proposalOutcome(r.decision, r.state, Boolean(r.confirmation_pending)),
    decision: r.decision,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    reasons: r.reasons,
    explanation: r.explanation,
  }))
}

export type StoredFinding = {
  reference: string
  authorityId: string
  issuingState: string
  kind: FindingKind
  significant: boolean
  infringement: boolean
  levelThen: Level | null
  levelNow: Level
  title: string
  evidence: EvidenceFinding[]
  public: boolean
}

export async function readFindings(db: Db, investigationId: number): Promise<StoredFinding[]> {
  const rows = await db
    .selectFrom('investigation_findings as f')
    .innerJoin('applications as a', 'a.id', 'f.application_id')
    .select([
      'a.reference',
      'a.authority_id',
      'a.issuing_state',
      'f.kind',
      'f.significant',
      'f.infringement',
      'f.level_then',
      'f.level_now',
      'f.title',
      'f.evidence',
      'f.public',
    ])
    .where('f.investigation_id', '=', investigationId)
    .orderBy('f.application_id')
    .orderBy('f.kind')
    .execute()
  return rows.map((r) => ({
    reference: r.reference,
    authorityId: r.authority_id,
    issuingState: r.issuing_state,
    kind: r.kind as FindingKind,
    significant: r.significant,
    infringement: r.infringement,
    levelThen: r.level_then as Level | null,
    levelNow: r.level_now as Level,
    title: r.title,
    evidence: r.evidence as EvidenceFinding[],
    public: r.public,
  }))
}

export type InfringementGroup = {
  authorityId: string
  authorityName: string
  memberState: string
  licences: { reference: string; decidedOn: string | null; kinds: FindingKind[] }[]
}

/**
 * Licences granted contrary to the Regulation or the policy (granted despite a prohibitive
 * assessment or an active moratorium, or a general authorisation outside its scope), grouped by
 * the issuing authority: what the Commission needs to consider infringement proceedings.
 */
export async function readInfringements(
  db: Db,
  investigationId: number,
): Promise<InfringementGroup[]> {
  const rows = await db
    .selectFrom('investigation_findings as f')
    .innerJoin('applications as a', 'a.id', 'f.application_id')
    .innerJoin('authorities as au', 'au.id', 'a.authority_id')
    .select([
      'a.authority_id',
      'au.name',
      'au.member_state',
      'a.reference',
      'a.decided_on',
      (eb) => eb.fn.agg<string[]>('array_agg', ['f.kind']).as('kinds'),
    ])
    .where('f.investigation_id', '=', investigationId)
    .where('f.infringement', '=', true)
    .groupBy([
      'a.authority_id',
      'au.name',
      'au.member_state',
      'a.reference',
      'a.decided_on',
      'a.id',
    ])
    .orderBy('a.authority_id')
    .orderBy('a.id')
    .execute()
  const groups = new Map<string, InfringementGroup>()
  for (const r of rows) {
    let group = groups.get(r.authority_id)
    if (!group) {
      group = {
        authorityId: r.authority_id,
        authorityName: r.name,
        memberState: r.member_state,
        licences: [],
      }
      groups.set(r.authority_id, group)
    }
    group.licences.push({
      reference: r.reference,
      decidedOn: r.decided_on,
      kinds: [...r.kinds].sort() as FindingKind[],
    })
  }
  return [...groups.values()]
}
