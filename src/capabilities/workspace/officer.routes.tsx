import { Hono } from 'hono'
import { AppError, ValidationError } from '../../platform/http/errors.ts'
import { MAX_ID, parseId } from '../../platform/http/id-param.ts'
import type { AuthVariables } from '../accounts/authenticate.ts'
import { can } from '../accounts/permissions.ts'
import type { Principal } from '../accounts/principal.ts'
import { DecisionInputSchema } from '../licensing/application.schema.ts'
import { visibleApplicationId } from '../licensing/application-access.ts'
import type { LifecycleAction } from '../licensing/lifecycle.ts'
import { isCountryCode } from '../reference-data/countries.ts'
import { LEVELS } from '../risk-assessment/level.ts'
import { listApplicationScreenings } from '../watchlists/screen-application.ts'
import { type CaseData, CasePage, type Posted } from './case.page.tsx'
import { DenialNoticesPage } from './denial-notices.page.tsx'
import { QueuePage } from './queue.page.tsx'
import {
  type Errors,
  errorsOf,
  guard,
  isFormError,
  postedForm,
  str,
  strs,
  type WsContext,
} from './workspace.page.tsx'
import {
  askInformation,
  listOtherDenialNotices,
  listQueue,
  QUEUE_STATES,
} from './workspace.queries.ts'
import type { WorkspaceDeps } from './workspace.routes.tsx'

const OFFICER_ACTIONS: readonly LifecycleAction[] = [
  'start_review',
  'grant',
  'refuse',
  'suspend',
  'reinstate',
  'revoke',
  'annul',
  'expire',
]

const DONE: Record<string, string> = {
  start_review: 'Review started.',
  grant: 'Granted.',
  refuse: 'Refused.',
  suspend: 'Suspended.',
  reinstate: 'Reinstated.',
  revoke: 'Revoked.',
  annul: 'Annulled.',
  expire: 'Marked as expired.',
  proposed_grant: 'The grant is proposed; a second officer must confirm it (four-eyes).',
  proposed_revoke: 'The revocation is proposed; a second officer must confirm it (four-eyes).',
  proposed_annul: 'The annulment is proposed; a second officer must confirm it (four-eyes).',
  proposed_suspend: 'The suspension is proposed; a second officer must confirm it (four-eyes).',
  proposed_reinstate:
    'The reinstatement is proposed; a second officer must confirm it (four-eyes).',
  confirmed: 'Confirmed: the decision is carried out.',
  rejected: 'The proposal is rejected.',
  asked: 'Question sent to the exporter.',
}

/** The officer's workspace: the queue, the case page and its actions, denial notices. */
export function createOfficerRoutes(deps: WorkspaceDeps) {
  const app = new Hono<{ Variables: AuthVariables }>()

  async function caseData(reference: string, principal: Principal): Promise<CaseData> {
    const application = await deps.licensing.get(reference, principal)
    const id = await visibleApplicationId(deps.db, principal, reference)
    const screenings = can(principal, 'screening.read')
      ? await listApplicationScreenings(deps.db, id)
      : []
    const assessments = can(principal, 'assessment.read')
      ? await deps.assessment.list(reference)
      : []
    const ids = new Set<string>()
    for (const h of application.history) {
      ids.add(h.actor)
      if (h.confirmedBy) ids.add(h.confirmedBy)
    }
    for (const p of application.proposals) {
      ids.add(p.proposedBy)
      if (p.answeredBy) ids.add(p.answeredBy)
    }
    const users =
      ids.size === 0
        ? []
        : await deps.db
            .selectFrom('users')
            .select(['id', 'display_name', 'role'])
            .where('id', 'in', [...ids])
            .execute()
    const names = Object.fromEntries(users.map((u) => [u.id, `${u.display_name} (${u.role})`]))
    return { application, screenings, assessments, names }
  }

  /** After a failed action: the case page again, with the messages beside the form's fields. */
  async function failed(
    c: WsContext,
    principal: Principal,
    reference: string,
    error: unknown,
    form: string,
    fallbackField = '_form',
    posted?: Posted,
  ) {
    if (!isFormError(error)) throw error
    if (error.status === 404 && error.code === 'application_not_found') throw error
    const errors: Errors = errorsOf(error, fallbackField)
    const data = await caseData(reference, principal)
    return c.html(
      <CasePage
        c={c}
        principal={principal}
        data={data}
        errors={errors}
        errorsFor={form}
        {...(posted ? { posted } : {})}
      />,
      error.status as 400,
    )
  }

  app.get('/workspace/queue', async (c) => {
    const principal = guard(c, 'application.review')
    const q = c.req.query()
    const state = QUEUE_STATES.find((s) => s === q.state)
    const level = LEVELS.find((l) => l === q.level)
    const destination = q.destination?.trim().toUpperCase()
    const page = Math.max(1, Math.min(1000, Number.parseInt(q.page ?? '1', 10) || 1))
    const filter = {
      state,
      level,
      destination: destination && isCountryCode(destination) ? destination : undefined,
      page,
    }
    const { rows, more } = await listQueue(deps.db, principal, filter)
    return c.html(<QueuePage c={c} principal={principal} filter={filter} rows={rows} more={more} />)
  })

  app.get('/workspace/cases/:reference', async (c) => {
    const principal = guard(c, 'application.review')
    const data = await caseData(c.req.param('reference'), principal)
    return c.html(
      <CasePage c={c} principal={principal} data={data} flash={DONE[c.req.query('done') ?? '']} />,
    )
  })

  app.post('/workspace/cases/:reference/act', async (c) => {
    const principal = guard(c, 'application.review')
    const reference = c.req.param('reference')
    const form = await postedForm(c)
    const action = OFFICER_ACTIONS.find((a) => a === str(form, 'action'))
    if (!action) throw new AppError(400, 'unknown_action', 'Unknown action')
    const posted: Posted = {
      reasons: strs(form, 'reasons'),
      explanation: str(form, 'explanation'),
      publicReason: str(form, 'publicReason'),
      acknowledgePublicText: str(form, 'acknowledgePublicText') === 'yes',
      justification: str(form, 'justification'),
      validUntil: str(form, 'validUntil'),
      largeProject: str(form, 'largeProject') === 'yes',
    }
    const optional = (name: string) => {
      const value = str(form, name).trim()
      return value ? { [name]: value } : {}
    }
    const parsed = DecisionInputSchema.safeParse({
      reasons: strs(form, 'reasons'),
      ...optional('explanation'),
      ...optional('publicReason'),
      ...(posted.acknowledgePublicText ? { acknowledgePublicText: true } : {}),
      ...optional('justification'),
      ...(action === 'grant' ? optional('validUntil') : {}),
      ...(action === 'grant' && posted.largeProject ? { largeProject: true } : {}),
    })
    if (!parsed.success) {
      const error = new AppError(400, 'validation_failed', 'The form is not valid', {
        issues: parsed.error.issues.map((i) => ({
          field: i.path.join('.') || '_form',
          message: i.message,
        })),
      })
      return failed(c, principal, reference, error, action, '_form', posted)
    }
    try {
      const result = await deps.licensing.act(reference, action, parsed.data, principal)
      const proposed =
        result.pendingConfirmation?.proposedBy === principal.userId &&
        result.pendingConfirmation.action === action
      return c.redirect(
        `/workspace/cases/${reference}?done=${proposed ? `proposed_${action}` : action}`,
        303,
      )
    } catch (error) {
      return failed(c, principal, reference, error, action, '_form', posted)
    }
  })

  app.post('/workspace/cases/:reference/confirm', async (c) => {
    const principal = guard(c, 'decision.confirm')
    const reference = c.req.param('reference')
    const form = await postedForm(c)
    const confirm = str(form, 'answer') === 'confirm'
    const note = str(form, 'note').trim()
    // The proposal the officer read: if another replaced it meanwhile, the answer is refused.
    const proposalId = Number.parseInt(str(form, 'proposalId'), 10)
    try {
      await deps.licensing.confirm(
        reference,
        {
          confirm,
          ...(note ? { note: note.slice(0, 4000) } : {}),
          ...(Number.isSafeInteger(proposalId) && proposalId > 0 ? { proposalId } : {}),
        },
        principal,
      )
      return c.redirect(
        `/workspace/cases/${reference}?done=${confirm ? 'confirmed' : 'rejected'}`,
        303,
      )
    } catch (error) {
      return failed(c, principal, reference, error, 'confirm')
    }
  })

  app.post('/workspace/cases/:reference/information-requests', async (c) => {
    const principal = guard(c, 'application.review')
    const reference = c.req.param('reference')
    const form = await postedForm(c)
    try {
      await askInformation(deps.db, principal, reference, str(form, 'question'))
      return c.redirect(`/workspace/cases/${reference}?done=asked`, 303)
    } catch (error) {
      return failed(c, principal, reference, error, 'ask', 'question', {
        question: str(form, 'question'),
      })
    }
  })

  app.get('/workspace/denial-notices', async (c) => {
    const principal = guard(c, 'denials.read')
    const given = c.req.query('after')
    const after = parseId(given)
    if (given && after === undefined)
      throw new ValidationError('after: not a notice id', [
        { field: 'after', message: `a whole number from 1 to ${MAX_ID}` },
      ])
    const { rows, more } = await listOtherDenialNotices(deps.db, principal, {
      afterId: after,
      limit: 50,
    })
    return c.html(<DenialNoticesPage c={c} rows={rows} more={more} />)
  })

  return app
}
