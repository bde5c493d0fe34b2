import { sql, type Transaction } from 'kysely'
import type { Clock } from '../../platform/clock.ts'
import type { Db } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/http/errors.ts'
import { recordAudit } from '../accounts/audit.ts'
import { assertCan, type Permission } from '../accounts/permissions.ts'
import type { Principal } from '../accounts/principal.ts'
import { asSystem, withTenant } from '../accounts/tenant.ts'
import type { DecisionLog } from '../decision-log/decision-log.ts'
import { EU_MEMBER_STATES } from '../reference-data/countries.ts'
import { reasonCodesFor } from '../reference-data/reason-codes.ts'
import { latestAssessment } from '../risk-assessment/assessment.repository.ts'
import type {
  PreparedAssessment,
  RiskAssessmentService,
} from '../risk-assessment/risk-assessment.service.ts'
import { recordApplicationScreening } from '../watchlists/screen-application.ts'
import type { ScreeningService } from '../watchlists/screening.service.ts'
import {
  type ApplicationRow,
  findApplicationRow,
  loadApplication,
} from './application.repository.ts'
import type { Application, ApplicationInput, DecisionInput } from './application.schema.ts'
import {
  applicationRow,
  classifyItems,
  defaultValidUntil,
  denialReviewDue,
  itemRows,
  partyRows,
} from './application.ts'
import { findAuthority } from './authority.repository.ts'
import { chosenReferenceProblem } from './chosen-reference.ts'
import { appendDecisions, type LoggedDecision } from './decision-logging.ts'
import { findIdenticalDenials } from './denial-notices.ts'
import { intraUnionDestinationProblem } from './fields.ts'
import { assertMayAnswerProposals, fourEyesReason } from './four-eyes.ts'
import { fromApplicationInput } from './from-input.ts'
import {
  type ApplicationState,
  DENIAL_KIND,
  type LifecycleAction,
  reasonKindFor,
  transition,
} from './lifecycle.ts'
import { answerProposal, proposalToAnswer, propose, refuseWhileProposalWaits } from './proposals.ts'
import { checkPublicTexts, PublicTextWarning } from './public-text-check.ts'

export type LicensingService = ReturnType<typeof createLicensingService>

export function createLicensingService({
  db,
  clock,
  screening,
  assessment,
  decisionLog,
}: {
  db: Db
  clock: Clock
  /** When given, every party is screened on submission and the result stored. */
  screening?: ScreeningService
  /** When given, every submission is assessed, and decisions against the recommendation need a justification. */
  assessment?: RiskAssessmentService
  /** Every decision is appended to this public log, in the decision's own transaction. */
  decisionLog: DecisionLog
}) {
  /** An application as the principal may see it; another tenant's is "not found". Audited. */
  async function get(reference: string, principal: Principal): Promise<Application> {
    assertCan(principal, 'application.read')
    const application = await view(reference, principal)
    await recordAudit(db, {
      principal,
      action: 'application.view',
      subject: reference,
      outcome: 'ok',
    })
    return application
  }

  async function view(reference: string, principal: Principal): Promise<Application> {
    const application = await withTenant(db, principal, (trx) => loadApplication(trx, reference))
    if (!application) throw notFound(reference)
    return application
  }

  /**
   * Which authority a draft goes to, and for exporters the organisation the application is
   * made for: an exporter applies for its own organisation, an officer enters an application
   * for its own authority (a paper application, say). Anything else is refused.
   */
  async function draftOwner(input: ApplicationInput, principal: Principal) {
    assertCan(principal, 'application.draft')
    if (principal.role === 'exporter') {
      const organisation = await db
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', principal.organisationId ?? '')
        .executeTakeFirst()
      if (!organisation) throw new ForbiddenError('Your account belongs to no organisation')
      if (input.authorityId !== organisation.authority_id)
        throw fieldError(
          'authorityId',
          `your organisation applies to "${organisation.authority_id}", not "${input.authorityId}"`,
        )
      // Box 1 of the form is the organisation itself, as registered.
      const exporter = {
        name: organisation.name,
        country: organisation.country,
        id: organisation.exporter_id ?? input.exporter.id ?? null,
      }
      return { input: { ...input, exporter }, organisationId: organisation.id }
    }
    if (input.authorityId !== principal.authorityId)
      throw new ForbiddenError(
        `You act for authority "${principal.authorityId}", not "${input.authorityId}"`,
      )
    return { input, organisationId: null }
  }

  /** The authority the draft is addressed to, which also decides where it may export to. */
  async function authorityFor(input: ApplicationInput) {
    const authority = await findAuthority(db, input.authorityId)
    if (!authority) {
      throw new ValidationError(`authorityId: unknown authority "${input.authorityId}"`, [
        { field: 'authorityId', message: `unknown authority "${input.authorityId}"` },
      ])
    }
    const intraUnion = intraUnionDestinationProblem(authority.memberState, input.destination)
    if (intraUnion) throw fieldError('destination', intraUnion)
    return authority
  }

  async function createDraft(given: ApplicationInput, principal: Principal): Promise<Application> {
    const authority = await authorityFor(given)
    const { input, organisationId } = await draftOwner(given, principal)
    const problem = input.reference && chosenReferenceProblem(input.reference, principal)
    if (problem) throw fieldError('reference', problem)
    const reference = await withTenant(db, principal, async (trx) => {
      const ref =
        input.reference ?? (await freshReference(trx, authority.memberState, clock.today()))
      // A chosen reference lies in the caller's own authority's prefix (chosen-reference.ts), so
      // "taken" names one of its own applications; the check also sees an import's.
      if (input.reference && (await asSystem(trx, () => findApplicationRow(trx, ref))))
        throw new ConflictError('reference_taken', `Reference "${ref}" is already in the register`)
      const content = fromApplicationInput(input, authority.memberState)
      const row = applicationRow({
        ...content,
        reference: ref,
        state: 'draft',
        submittedOn: null,
        decidedOn: null,
        decisionReasons: [],
        decisionExplanation: null,
      })
      const { id } = await trx
        .insertInto('applications')
        .values({ ...row, organisation_id: organisationId })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeContentRows(trx, id, content)
      return ref
    })
    await recordAudit(db, {
      principal,
      action: 'application.create',
      subject: reference,
      outcome: 'ok',
    })
    return view(reference, principal)
  }

  async function updateDraft(
    reference: string,
    given: ApplicationInput,
    principal: Principal,
  ): Promise<Application> {
    if (given.reference && given.reference !== reference) {
      throw new ValidationError('reference: cannot be changed', [
        { field: 'reference', message: 'cannot be changed' },
      ])
    }
    const authority = await authorityFor(given)
    const { input } = await draftOwner(given, principal)
    await withTenant(db, principal, async (trx) => {
      const row = await findApplicationRow(trx, reference, true)
      if (!row) throw notFound(reference)
      if (row.state !== 'draft')
        throw new ConflictError(
          'not_a_draft',
          `Only drafts can be edited; "${reference}" is ${row.state}`,
        )
      const content = fromApplicationInput(input, authority.memberState)
      const {
        reference: _,
        submitted_on,
        decided_on,
        decision_reasons,
        decision_explanation,
        state,
        ...changes
      } = applicationRow({
        ...content,
        reference,
        state: 'draft',
        submittedOn: null,
        decidedOn: null,
        decisionReasons: [],
        decisionExplanation: null,
      })
      await trx
        .updateTable('applications')
        .set({ ...changes, updated_at: clock.now() })
        .where('id', '=', row.id)
        .execute()
      await trx.deleteFrom('application_items').where('application_id', '=', row.id).execute()
      await trx.deleteFrom('application_parties').where('application_id', '=', row.id).execute()
      await writeContentRows(trx, row.id, content)
    })
    await recordAudit(db, {
      principal,
      action: 'application.edit',
      subject: reference,
      outcome: 'ok',
    })
    return view(reference, principal)
  }

  /**
   * Runs one lifecycle action for a principal: checks the role, the tenant (the row must be
   * visible to it), the transition and the reasons, and records the decision, all or nothing.
   * A grant assessed high, every revocation, and the annulments, suspensions and reinstatements
   * the policy names wait instead for a second officer (four-eyes, `four-eyes.ts`); while one
   * waits, no other decision goes ahead (409 confirmation_pending) except a withdrawal or an
   * expiry, which void it.
   */
  async function act(
    reference: string,
    action: LifecycleAction,
    input: DecisionInput,
    principal: Principal,
  ): Promise<Application> {
    assertCan(principal, permissionFor(action))
    const reasons = checkReasons(action, input)
    // The matcher loads outside the transaction: PGlite has one connection.
    const lists = action === 'submit' && screening ? await screening.ready() : null
    const prepared = action === 'submit' && assessment ? await assessment.prepare() : null
    const outcome = { proposed: false, publishedDespiteWarning: false }
    await withTenant(db, principal, async (trx) => {
      // The row lock orders concurrent decisions on one application: the first to commit wins,
      // the others see its result (a proposal waiting, a new state) and get 409.
      const row = await findApplicationRow(trx, reference, true)
      if (!row) throw notFound(reference)
      await refuseWhileProposalWaits(trx, row, action)
      if (publishes(action)) {
        const warnings = await checkPublicTexts(trx, row.id, {
          publicReason: input.publicReason ?? null,
          intendedUsePublic: row.intended_use_public,
        })
        if (warnings.length > 0 && !input.acknowledgePublicText)
          throw new PublicTextWarning(warnings)
        outcome.publishedDespiteWarning = warnings.length > 0
      }
      const why = await fourEyesReason(trx, row.id, action)
      if (why) {
        await check(trx, row, action, input)
        await propose(trx, {
          applicationId: row.id,
          action,
          input,
          why,
          proposedBy: principal.userId,
        })
        outcome.proposed = true
        return
      }
      await perform(trx, row, action, input, reasons, {
        actor: principal.userId,
        confirmedBy: null,
        lists,
        prepared,
      })
    })
    await recordAudit(db, {
      principal,
      action: outcome.proposed ? `application.propose_${action}` : `application.${action}`,
      subject: reference,
      outcome: 'ok',
      ...(outcome.publishedDespiteWarning
        ? { detail: { publicTextWarningAcknowledged: true } }
        : {}),
    })
    return view(reference, principal)
  }

  /**
   * The second officer's answer to a four-eyes proposal: confirming carries the decision out as
   * proposed (the proposer stays its actor, the confirmer is recorded); rejecting drops it. Only
   * an account its owner activated, with no administrator-chosen password, may answer (403).
   * A proposal a state change voided, or another officer answered first, is a 409.
   */
  async function confirm(
    reference: string,
    answer: { confirm: boolean; note?: string | undefined; proposalId?: number | undefined },
    principal: Principal,
  ): Promise<Application> {
    assertCan(principal, 'decision.confirm')
    await assertMayAnswerProposals(db, principal)
    await withTenant(db, principal, async (trx) => {
      const row = await findApplicationRow(trx, reference, true)
      if (!row) throw notFound(reference)
      const pending = await proposalToAnswer(trx, row, answer.proposalId)
      if (pending.proposed_by === principal.userId)
        throw new ForbiddenError(
          'Four-eyes: a second officer, not the one who proposed it, must confirm this decision',
        )
      // Marked before the decision is written: the decision voids what still waits on the row.
      await answerProposal(trx, pending.id, {
        confirm: answer.confirm,
        by: principal.userId,
        at: clock.now(),
        note: answer.note ?? null,
      })
      if (answer.confirm) {
        const input = pending.input as DecisionInput
        await perform(trx, row, pending.action, input, checkReasons(pending.action, input), {
          actor: pending.proposed_by,
          confirmedBy: principal.userId,
          lists: null,
          prepared: null,
        })
      }
    })
    await recordAudit(db, {
      principal,
      action: answer.confirm ? 'application.confirm' : 'application.reject_proposal',
      subject: reference,
      outcome: 'ok',
    })
    return view(reference, principal)
  }

  /** The checks every action passes before anything changes; returns the state it leads to. */
  async function check(
    trx: Db,
    row: ApplicationRow,
    action: LifecycleAction,
    input: DecisionInput,
  ) {
    const decidedOn = input.decidedOn ?? clock.today()
    const result = transition(row.state as ApplicationState, action)
    if (!result.ok) {
      const allowed = result.allowedActions.length > 0 ? result.allowedActions.join(', ') : 'none'
      throw new ConflictError(
        'invalid_transition',
        `Cannot ${action} an application that is ${row.state} (possible: ${allowed})`,
      )
    }
    if (decidedOn > clock.today()) throw fieldError('decidedOn', 'must not be in the future')
    if (row.submitted_on && decidedOn < row.submitted_on)
      throw fieldError('decidedOn', `must not be before the submission on ${row.submitted_on}`)
    if (input.largeProject !== undefined && action !== 'grant')
      throw fieldError('largeProject', 'only a grant issues a large-project authorisation')
    if (input.largeProject && !LARGE_PROJECT_TYPES.includes(row.licence_type))
      throw fieldError(
        'largeProject',
        `a large-project authorisation is an individual or global licence, not ${row.licence_type} (Art. 12(3))`,
      )
    const validity =
      action === 'grant'
        ? licenceValidity(decidedOn, input.validUntil, {
            largeProject: input.largeProject ?? false,
            justification: input.justification,
          })
        : undefined
    const against = await againstRecommendation(trx, row.id, action)
    if (against && !input.justification)
      throw fieldError(
        'justification',
        `the risk assessment recommends "${against}"; a decision to ${action} against it needs a written justification`,
      )
    // The justification is recorded (committed in the leaf) when the decision needs one.
    const justified = against !== null || validity?.beyondTheRule === true
    return { to: result.to, decidedOn, against, justified }
  }

  /** Carries out an action inside the tenant's transaction; the system's own steps run as owner. */
  async function perform(
    trx: Transaction<Database>,
    row: ApplicationRow,
    action: LifecycleAction,
    input: DecisionInput,
    reasons: string[],
    by: {
      actor: string
      confirmedBy: string | null
      lists: Awaited<ReturnType<ScreeningService['ready']>> | null
      prepared: PreparedAssessment | null
      /** 'clock' for an expiry at the end of the validity; an officer's action otherwise. */
      origin?: 'api' | 'clock'
    },
  ) {
    const { to, decidedOn, against, justified } = await check(trx, row, action, input)
    const isDecision = action !== 'submit' && action !== 'start_review'
    await trx
      .updateTable('applications')
      .set({
        state: to,
        updated_at: clock.now(),
        ...(action === 'submit' ? { submitted_on: decidedOn } : {}),
        ...(isDecision
          ? {
              decided_on: decidedOn,
              decision_reasons: reasons,
              decision_explanation: input.explanation ?? null,
              decision_public_reason: input.publicReason ?? null,
            }
          : {}),
      })
      .where('id', '=', row.id)
      .execute()
    if (action === 'grant')
      await issueLicence(trx, row.id, row.issuing_state, decidedOn, {
        validUntil: input.validUntil,
        largeProject: input.largeProject ?? false,
        justification: input.justification,
      })
    if (action === 'expire') await checkExpired(trx, row.id, decidedOn)
    const justification = justified ? (input.justification ?? null) : null
    // Every decision (not the submission or the start of review) goes into the public log,
    // in this transaction: both commit, or neither.
    const logged = isDecision
      ? await asSystem(trx, () =>
          logDecision(trx, row, {
            action,
            toState: to,
            decidedOn,
            reasons,
            against: against !== null,
            origin: by.origin ?? 'api',
            actor: by.actor,
            confirmedBy: by.confirmedBy,
            explanation: input.explanation ?? null,
            publicReason: input.publicReason ?? null,
            justification,
          }),
        )
      : null
    const decision = await trx
      .insertInto('decisions')
      .values({
        application_id: row.id,
        action,
        from_state: row.state,
        to_state: to,
        actor: by.actor,
        confirmed_by: by.confirmedBy,
        decided_at: clock.now(),
        decided_on: decidedOn,
        reason_codes: reasons,
        explanation: input.explanation ?? null,
        public_reason: input.publicReason ?? null,
        origin: by.origin ?? 'api',
        against_recommendation: against !== null,
        justification,
        log_index: logged?.index ?? null,
        log_salts: logged ? JSON.stringify(logged.salts) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (action === 'submit') {
      // Screening, assessment and matching other authorities' denials are the system's work,
      // done for the exporter with rights the exporter does not have.
      await asSystem(trx, async () => {
        await flagIdenticalDenials(trx, row)
        if (screening && by.lists)
          await recordApplicationScreening(trx, screening, by.lists, {
            applicationId: row.id,
            actor: by.actor,
            clock,
          })
        if (assessment && by.prepared)
          await assessment.assessIn(trx, row.id, by.prepared, {
            actor: by.actor,
            trigger: 'submission',
          })
      })
    }
    const denialKind = DENIAL_KIND[action]
    if (denialKind && EU_MEMBER_STATES.includes(row.issuing_state)) {
      const items = await trx
        .selectFrom('application_items')
        .select('control_entry')
        .where('application_id', '=', row.id)
        .execute()
      await trx
        .insertInto('denial_notices')
        .values({
          application_id: row.id,
          decision_id: decision.id,
          authority_id: row.authority_id,
          issuing_state: row.issuing_state,
          kind: denialKind,
          destination: row.destination,
          end_user_key: row.end_user_key,
          consignee_key: row.consignee_key,
          control_entries: [...new Set(items.map((i) => i.control_entry))],
          reason_codes: reasons,
          notified_on: decidedOn,
          review_due: denialReviewDue(decidedOn),
        })
        .execute()
    }
  }

  /** Appends one decision to the public log: public fields in clear, the rest as commitments. */
  async function logDecision(
    trx: Transaction<Database>,
    row: ApplicationRow,
    d: {
      action: LifecycleAction
      toState: string
      decidedOn: string
      reasons: string[]
      against: boolean
      origin: 'api' | 'clock'
      actor: string
      confirmedBy: string | null
      explanation: string | null
      publicReason: string | null
      justification: string | null
    },
  ): Promise<LoggedDecision> {
    const [items, licence] = await Promise.all([
      trx
        .selectFrom('application_items')
        .select('control_entry')
        .where('application_id', '=', row.id)
        .execute(),
      trx
        .selectFrom('licences')
        .select(['number', 'valid_from', 'valid_until'])
        .where('application_id', '=', row.id)
        .executeTakeFirst(),
    ])
    const [logged] = await appendDecisions(trx, decisionLog, [
      {
        reference: row.reference,
        authorityId: row.authority_id,
        issuingState: row.issuing_state,
        destination: row.destination,
        controlEntries: items.map((i) => i.control_entry),
        action: d.action,
        fromState: row.state,
        toState: d.toState,
        decidedOn: d.decidedOn,
        reasons: d.reasons,
        againstRecommendation: d.against,
        licence: licence
          ? {
              number: licence.number,
              validFrom: licence.valid_from,
              validUntil: licence.valid_until,
            }
          : null,
        issuesLicence: d.action === 'grant',
        origin: d.origin,
        actor: d.actor,
        confirmedBy: d.confirmedBy,
        explanation: d.explanation,
        publicReason: d.publicReason,
        justification: d.justification,
      },
    ])
    return logged as LoggedDecision
  }

  /** The recommendation this grant or refusal goes against, or null when it follows it. */
  async function againstRecommendation(
    trx: Db,
    applicationId: number,
    action: LifecycleAction,
  ): Promise<string | null> {
    if (action !== 'grant' && action !== 'refuse') return null
    const latest = await latestAssessment(trx, applicationId)
    if (!latest) return null
    const recommendsApproval =
      latest.recommendation === 'approve' || latest.recommendation === 'approve_with_conditions'
    if (action === 'grant' && !recommendsApproval) return latest.recommendation
    if (action === 'refuse' && recommendsApproval) return latest.recommendation
    return null
  }

  async function flagIdenticalDenials(
    trx: Db,
    row: NonNullable<Awaited<ReturnType<typeof findApplicationRow>>>,
  ) {
    const items = await trx
      .selectFrom('application_items')
      .select('control_entry')
      .where('application_id', '=', row.id)
      .execute()
    const matches = await findIdenticalDenials(
      trx,
      row,
      items.map((i) => i.control_entry),
    )
    if (matches.length === 0) return
    await trx
      .insertInto('identical_transaction_flags')
      .values(
        matches.map((m) => ({
          application_id: row.id,
          denial_notice_id: m.denialNoticeId,
          matched_on: m.matchedOn,
          control_entry: m.controlEntry,
          name_score: m.nameScore,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute()
  }

  async function issueLicence(
    trx: Db,
    applicationId: number,
    issuingState: string,
    validFrom: string,
    terms: {
      validUntil: string | undefined
      largeProject: boolean
      justification?: string | undefined
    },
  ) {
    const until = licenceValidity(validFrom, terms.validUntil, terms).until
    const { seq } = await sql<{ seq: number }>`select nextval('licence_number_seq') as seq`
      .execute(trx)
      .then((r) => r.rows[0] as { seq: number })
    const number = `${issuingState}-L-${validFrom.slice(0, 4)}-${String(seq).padStart(6, '0')}`
    await trx
      .insertInto('licences')
      .values({
        application_id: applicationId,
        number,
        valid_from: validFrom,
        valid_until: until,
        large_project: terms.largeProject,
      })
      .onConflict((oc) =>
        oc
          .column('application_id')
          .doUpdateSet({ valid_until: until, large_project: terms.largeProject }),
      )
      .execute()
  }

  async function checkExpired(trx: Db, applicationId: number, on: string) {
    const licence = await trx
      .selectFrom('licences')
      .select('valid_until')
      .where('application_id', '=', applicationId)
      .executeTakeFirst()
    if (licence?.valid_until && licence.valid_until >= on) {
      throw new ConflictError(
        'licence_still_valid',
        `The licence is valid until ${licence.valid_until}`,
      )
    }
  }

  /**
   * The clock's decisions: every granted licence whose last valid day has passed expires, dated
   * the day after it, and is logged like an officer's decision (origin 'clock'). One transaction
   * per licence, so a licence decided meanwhile by an officer is simply skipped.
   */
  async function expireLapsed(): Promise<string[]> {
    const today = clock.today()
    const due = await db
      .selectFrom('licences as l')
      .innerJoin('applications as a', 'a.id', 'l.application_id')
      .select(['a.reference', 'a.authority_id', 'l.valid_until'])
      .where('a.state', '=', 'granted')
      .where('l.valid_until', '<', today)
      .orderBy('a.id')
      .execute()
    const expired: string[] = []
    for (const { reference, authority_id, valid_until } of due) {
      const lastDay = valid_until as string
      // The clock acts within the licence's authority, under the same row-level rules.
      const theClock: Principal = {
        userId: 'system',
        displayName: 'The clock',
        role: 'officer',
        authorityId: authority_id,
        organisationId: null,
        scopes: null,
      }
      const done = await withTenant(db, theClock, async (trx) => {
        const row = await findApplicationRow(trx, reference, true)
        if (row?.state !== 'granted') return false
        const input = {
          reasons: [],
          decidedOn: dayAfter(lastDay),
          explanation: `The licence was valid until ${lastDay}`,
          publicReason: `The licence expired at the end of its validity (${lastDay})`,
        }
        await perform(trx, row, 'expire', input, [], {
          actor: 'system',
          confirmedBy: null,
          lists: null,
          prepared: null,
          origin: 'clock',
        })
        return true
      })
      if (done) expired.push(reference)
    }
    return expired
  }

  return { get, view, createDraft, updateDraft, act, confirm, expireLapsed }
}

function notFound(reference: string) {
  return new NotFoundError('application_not_found', `No application with reference "${reference}"`)
}

/** Exporters may submit and withdraw their own; starting a review and deciding are officers' work. */
function permissionFor(action: LifecycleAction): Permission {
  if (action === 'submit' || action === 'withdraw') return 'application.draft'
  if (action === 'start_review') return 'application.review'
  return 'application.decide'
}

function checkReasons(action: LifecycleAction, input: DecisionInput): string[] {
  const kind = reasonKindFor(action)
  const reasons = [...new Set(input.reasons.map((r) => r.trim().toUpperCase()))]
  if (!kind) {
    if (reasons.length > 0) throw fieldError('reasons', `${action} takes no reason codes`)
    return reasons
  }
  const allowed = reasonCodesFor(kind)
  const wrong = reasons.find((r) => !allowed.includes(r))
  if (wrong)
    throw fieldError(
      'reasons',
      `"${wrong}" is not a ${kind} reason (allowed: ${allowed.join(', ')})`,
    )
  if (reasons.length === 0)
    throw fieldError('reasons', `a ${action} needs at least one reason code`)
  if (kind !== 'grant' && !input.explanation)
    throw fieldError('explanation', `a ${action} needs an explanation`)
  return reasons
}

/** The licence's last valid day, checked: not before the grant, at most four years after it. */
/** Licence types that may be granted as a large-project authorisation (Art. 12(3)). */
const LARGE_PROJECT_TYPES: readonly string[] = ['individual', 'global']

function yearsAfter(date: string, years: number): string {
  const later = new Date(`${date}T00:00:00Z`)
  later.setUTCFullYear(later.getUTCFullYear() + years)
  return later.toISOString().slice(0, 10)
}

/**
 * A licence's validity under Art. 12(3): individual and global authorisations up to two years
 * unless the authority decides otherwise, large-project authorisations up to four, longer only in
 * duly justified circumstances. Glasshouse encodes "decides otherwise" and "duly justified" as a
 * written justification, recorded with the decision (committed in its log leaf). Default: two
 * years. Ten years bounds the input (no authorisation runs that long), not a rule of the law.
 */
function licenceValidity(
  validFrom: string,
  validUntil: string | undefined,
  terms: { largeProject: boolean; justification?: string | undefined },
): { until: string; beyondTheRule: boolean } {
  const until = validUntil ?? defaultValidUntil(validFrom)
  if (until < validFrom) throw fieldError('validUntil', 'must not be before the decision date')
  if (until > yearsAfter(validFrom, 10))
    throw fieldError('validUntil', 'at most ten years after the decision')
  const years = terms.largeProject ? 4 : 2
  const beyondTheRule = until > yearsAfter(validFrom, years)
  if (beyondTheRule && !terms.justification)
    throw fieldError(
      'validUntil',
      terms.largeProject
        ? 'a large-project authorisation runs at most four years (Art. 12(3)); longer needs a justification based on the duration of the project'
        : 'an authorisation runs at most two years (Art. 12(3)) unless it is a large project (up to four) or a justification says why the authority decides otherwise',
    )
  return { until, beyondTheRule }
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

/** Actions after which the register publishes the application (and its public texts). */
function publishes(action: LifecycleAction): boolean {
  return action !== 'submit' && action !== 'start_review' && action !== 'withdraw'
}

function fieldError(field: string, message: string) {
  return new ValidationError(`${field}: ${message}`, [{ field, message }])
}

/**
 * The next number from the sequence. It never repeats, but an import may already have used one
 * of its numbers: those are skipped without a word, since the caller did not choose them.
 */
async function freshReference(
  trx: Transaction<Database>,
  memberState: string,
  today: string,
): Promise<string> {
  for (let tries = 0; tries < 1000; tries++) {
    const ref = await nextReference(trx, memberState, today)
    if (!(await asSystem(trx, () => findApplicationRow(trx, ref)))) return ref
  }
  throw new Error(
    '1,000 numbers in a row are taken: check the imports against application_reference_seq',
  )
}

async function nextReference(trx: Db, memberState: string, today: string): Promise<string> {
  const { rows } = await sql<{
    seq: number
  }>`select nextval('application_reference_seq') as seq`.execute(trx)
  return `${memberState}-${today.slice(0, 4)}-${String(rows[0]?.seq).padStart(6, '0')}`
}

async function writeContentRows(
  trx: Db,
  id: number,
  content: ReturnType<typeof fromApplicationInput>,
) {
  await trx
    .insertInto('application_items')
    .values(itemRows(id, classifyItems(content.items)))
    .execute()
  if (content.parties.length > 0) {
    await trx.insertInto('application_parties').values(partyRows(id, content.parties)).execute()
  }
}
