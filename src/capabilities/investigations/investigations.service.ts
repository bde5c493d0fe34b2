import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import { recordAudit } from '../accounts/audit.ts'
import { assertCan } from '../accounts/permissions.ts'
import type { Principal } from '../accounts/principal.ts'
import { withTenant } from '../accounts/tenant.ts'
import type { LicensingService } from '../licensing/licensing.service.ts'
import { reasonCodesFor } from '../reference-data/reason-codes.ts'
import type { CountryEvidenceLookup } from '../risk-assessment/gather-inputs.ts'
import { currentPolicy } from '../risk-assessment/policy/policy.repository.ts'
import type { ScreeningService } from '../watchlists/screening.service.ts'
import {
  countInScope,
  findInvestigation,
  type Investigation,
  insertInvestigation,
  listInvestigations,
} from './investigation.repository.ts'
import { type InvestigationScope, InvestigationScopeSchema } from './investigation.ts'
import {
  type DecisionRequest,
  type Proposal,
  readFindings,
  readInfringements,
  readProposals,
} from './proposals.repository.ts'
import { type RunOptions, runInvestigation } from './run-investigation.ts'

export type InvestigationsService = ReturnType<typeof createInvestigationsService>

/**
 * Investigations: who may start one and over which licences, running and resuming it, reading
 * its findings and proposals (officers: their authority's licences only, by row-level security),
 * deciding proposals through the licensing lifecycle, and the Commission's infringement flags.
 */
export function createInvestigationsService(deps: {
  db: Db
  clock: Clock
  screening: ScreeningService
  licensing: LicensingService
  loadEvidence: (db: Db) => Promise<CountryEvidenceLookup>
}) {
  const { db, clock } = deps
  // Runs started over HTTP, by id: one at a time per investigation in this process.
  const running = new Map<number, Promise<Investigation>>()

  async function requireInvestigation(id: number): Promise<Investigation> {
    const found = await findInvestigation(db, id)
    if (!found) throw new NotFoundError('investigation_not_found', `No investigation ${id}`)
    return found
  }

  /**
   * Records a new investigation over the scope, under the policy in force. An investigator's
   * reaches every authority; a senior officer's only their own authority's licences.
   */
  async function start(
    given: { scope: unknown; reason: string },
    principal: Principal,
  ): Promise<Investigation> {
    assertCan(principal, 'investigation.run')
    const parsed = InvestigationScopeSchema.safeParse(given.scope ?? {})
    if (!parsed.success)
      throw new ValidationError(
        'The scope is not valid',
        parsed.error.issues.map((i) => ({
          field: ['scope', ...i.path].join('.'),
          message: i.message,
        })),
      )
    const reason = given.reason.trim()
    if (reason.length < 3)
      throw new ValidationError('reason: say why (at least 3 characters)', [
        { field: 'reason', message: 'say why (at least 3 characters)' },
      ])
    const scope: InvestigationScope = parsed.data
    const authorityScope = principal.role === 'senior_officer' ? principal.authorityId : null
    const policy = await currentPolicy(db, clock)
    const asOf = clock.today()
    const inScope = await countInScope(db, { scope, authorityScope, asOf })
    const investigation = await insertInvestigation(db, {
      reason,
      scope,
      authorityScope,
      policyVersion: policy.version,
      asOf,
      startedBy: principal.userId,
      inScope,
      at: clock.now(),
    })
    await recordAudit(db, {
      principal,
      action: 'investigation.start',
      subject: `investigation/${investigation.id}`,
      outcome: 'ok',
    })
    return investigation
  }

  /** Runs (or resumes) to the end, or until aborted; concurrent calls share one run. */
  function run(id: number, options: RunOptions = {}): Promise<Investigation> {
    const current = running.get(id)
    if (current) return current
    const started = runInvestigation(deps, id, options).finally(() => running.delete(id))
    running.set(id, started)
    return started
  }

  async function resume(id: number, principal: Principal, options: RunOptions = {}) {
    assertCan(principal, 'investigation.run')
    const investigation = await visible(id, principal)
    if (investigation.status === 'completed')
      throw new ConflictError('investigation_completed', `Investigation ${id} is already completed`)
    return run(id, options)
  }

  /** An investigation the principal may see: a senior officer's only sees their authority's. */
  async function visible(id: number, principal: Principal): Promise<Investigation> {
    assertCan(principal, 'investigation.read')
    const investigation = await requireInvestigation(id)
    const own = principal.authorityId
    if (
      investigation.authorityScope &&
      (principal.role === 'officer' || principal.role === 'senior_officer') &&
      investigation.authorityScope !== own
    )
      throw new NotFoundError('investigation_not_found', `No investigation ${id}`)
    return investigation
  }

  async function list(principal: Principal): Promise<Investigation[]> {
    assertCan(principal, 'investigation.read')
    const all = await listInvestigations(db)
    if (principal.role !== 'officer' && principal.role !== 'senior_officer') return all
    return all.filter((i) => !i.authorityScope || i.authorityScope === principal.authorityId)
  }

  async function proposals(id: number, principal: Principal): Promise<Proposal[]> {
    await visible(id, principal)
    return withTenant(db, principal, (trx) => readProposals(trx, id))
  }

  async function findings(id: number, principal: Principal) {
    await visible(id, principal)
    return withTenant(db, principal, (trx) => readFindings(trx, id))
  }

  /**
   * An officer's answer to a proposal on a licence of their authority: revoke and suspend go
   * through the lifecycle (a revocation waits for a second officer), maintain is recorded with its
   * reasons. Another authority's licence is "not found", as everywhere.
   */
  async function decide(
    id: number,
    reference: string,
    request: DecisionRequest,
    principal: Principal,
  ): Promise<Proposal> {
    assertCan(principal, 'application.decide')
    await visible(id, principal)
    const find = async () =>
      (await withTenant(db, principal, (trx) => readProposals(trx, id, reference)))[0]
    const proposal = await find()
    if (!proposal)
      throw new NotFoundError(
        'proposal_not_found',
        `Investigation ${id} has no proposal about "${reference}"`,
      )
    if (proposal.outcome !== 'open')
      throw new ConflictError(
        'proposal_decided',
        `The proposal about "${reference}" is already decided (${proposal.outcome})`,
      )
    if (request.decision === 'maintain') {
      const reasons = checkMaintainReasons(request)
      await withTenant(db, principal, (trx) =>
        trx
          .updateTable('revocation_proposals')
          .set({
            decision: 'maintain',
            decided_by: principal.userId,
            decided_at: clock.now(),
            reasons,
            explanation: request.explanation ?? null,
          })
          .where('id', '=', proposal.id)
          .execute(),
      )
    } else {
      // The lifecycle checks the reasons (revocation codes, e.g. NEW_EVIDENCE) and the explanation.
      await deps.licensing.act(
        reference,
        request.decision,
        {
          reasons: request.reasons,
          ...(request.explanation ? { explanation: request.explanation } : {}),
        },
        principal,
      )
      await db
        .updateTable('revocation_proposals')
        .set({
          decision: request.decision,
          decided_by: principal.userId,
          decided_at: clock.now(),
          reasons: request.reasons.map((r) => r.trim().toUpperCase()),
          explanation: request.explanation ?? null,
        })
        .where('id', '=', proposal.id)
        .execute()
    }
    await recordAudit(db, {
      principal,
      action: `investigation.proposal_${request.decision}`,
      subject: reference,
      outcome: 'ok',
      detail: { investigation: id },
    })
    return (await find()) as Proposal
  }

  async function infringements(id: number, principal: Principal) {
    assertCan(principal, 'investigation.infringements')
    await requireInvestigation(id)
    return readInfringements(db, id)
  }

  return {
    start,
    run,
    resume,
    get: visible,
    list,
    proposals,
    findings,
    decide,
    infringements,
    /** The investigation without a principal (the public report, the CLI). */
    find: requireInvestigation,
    /** Waits for a run started in this process (tests, graceful shutdown). */
    settled: (id: number) => running.get(id) ?? Promise.resolve(null),
  }
}

/** Maintaining a licence needs grant reasons (e.g. NO_SIGNIFICANT_RISK, CONDITIONS) and why. */
function checkMaintainReasons(request: DecisionRequest): string[] {
  const reasons = [...new Set(request.reasons.map((r) => r.trim().toUpperCase()))]
  const allowed = reasonCodesFor('grant')
  const wrong = reasons.find((r) => !allowed.includes(r))
  if (wrong)
    throw new ValidationError(`reasons: "${wrong}" is not a reason to maintain a licence`, [
      {
        field: 'reasons',
        message: `"${wrong}" is not a grant reason (allowed: ${allowed.join(', ')})`,
      },
    ])
  if (reasons.length === 0)
    throw new ValidationError('reasons: maintaining a licence needs at least one reason code', [
      { field: 'reasons', message: 'at least one reason code' },
    ])
  if (!request.explanation || request.explanation.trim().length < 10)
    throw new ValidationError('explanation: say why the licence is maintained', [
      {
        field: 'explanation',
        message: 'say why the licence is maintained (10 characters or more)',
      },
    ])
  return reasons
}
