import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { AppError, ValidationError } from '../../platform/http/errors.ts'
import type { AuthVariables } from '../accounts/authenticate.ts'
import { can } from '../accounts/permissions.ts'
import {
  Csrf,
  ErrorSummary,
  type Errors,
  errorPage,
  errorsOf,
  Flash,
  guard,
  isFormError,
  postedForm,
  SignInRequired,
  str,
  type WsContext,
  WsPage,
} from '../workspace/workspace.page.tsx'
import { FINDING_KIND_TITLES, PROPOSAL_DECISIONS, type ProposalDecision } from './investigation.ts'
import type { InvestigationsService } from './investigations.service.ts'
import type { Proposal } from './proposals.repository.ts'

const DONE: Record<string, string> = {
  revoke: 'The revocation is proposed; a second officer confirms it on the case page (four-eyes).',
  suspend: 'The licence is suspended.',
  suspend_proposed:
    'The suspension is proposed; a second officer confirms it on the case page (four-eyes).',
  maintain: 'The licence is maintained; your reasons are recorded.',
}

/**
 * The officers' side of investigations in the workspace: the proposals on their authority's
 * licences, each with its evidence and a form to revoke, suspend or maintain.
 */
export function createInvestigationWorkspace({ service }: { service: InvestigationsService }) {
  const app = new Hono<{ Variables: AuthVariables }>()
  app.onError((error, c) => {
    if (error instanceof SignInRequired)
      return c.redirect(`/login?${new URLSearchParams({ next: error.next })}`, 303)
    if (error instanceof HTTPException && error.status === 403)
      return errorPage(c, 403, 'Not allowed', 'The form did not come from this site. Reload it.')
    if (!(error instanceof AppError) || error.status >= 500) throw error
    if (error.status === 404) return errorPage(c, 404, 'Not found', error.message)
    return errorPage(c, error.status, 'That did not work', error.message)
  })

  app.get('/workspace/investigations', async (c) => {
    const principal = guard(c, 'investigation.read')
    const items = await service.list(principal)
    return c.html(
      <WsPage c={c} title="Investigations">
        <h1>Investigations</h1>
        {items.length === 0 ? <p>No investigation yet.</p> : null}
        <ul>
          {items.map((i) => (
            <li>
              <a href={`/workspace/investigations/${i.id}`}>Investigation {i.id}</a>: {i.reason} (
              {i.status}, {i.progress.licencesDone} of {i.progress.inScope} licences,{' '}
              {i.progress.proposals} proposals)
            </li>
          ))}
        </ul>
      </WsPage>,
    )
  })

  const show = async (c: WsContext, id: number, errors: Errors = {}, status = 200) => {
    const principal = guard(c, 'investigation.read')
    const investigation = await service.get(id, principal)
    const proposals = await service.proposals(id, principal)
    const mayDecide = can(principal, 'application.decide')
    return c.html(
      <WsPage c={c} title={`Investigation ${id}`}>
        <h1>Investigation {id}</h1>
        <Flash message={DONE[c.req.query('done') ?? '']} />
        <ErrorSummary errors={errors} />
        <p>
          {investigation.reason} — {investigation.status}, policy version{' '}
          {investigation.policyVersion}, {investigation.progress.licencesDone} of{' '}
          {investigation.progress.inScope} licences re-screened.
        </p>
        <h2>Revocation proposals on your licences ({proposals.length})</h2>
        {proposals.map((p) => (
          <ProposalCard c={c} proposal={p} investigationId={id} mayDecide={mayDecide} />
        ))}
      </WsPage>,
      status as 200,
    )
  }

  app.get('/workspace/investigations/:id{[0-9]{1,15}}', (c) => show(c, Number(c.req.param('id'))))

  app.post('/workspace/investigations/:id{[0-9]{1,15}}/proposals/:reference', async (c) => {
    const principal = guard(c, 'application.decide')
    const id = Number(c.req.param('id'))
    const form = await postedForm(c)
    const decision = str(form, 'decision') as ProposalDecision
    let done: string = decision
    try {
      if (!PROPOSAL_DECISIONS.includes(decision))
        throw new ValidationError('decision: choose revoke, suspend or maintain', [
          { field: 'decision', message: 'choose revoke, suspend or maintain' },
        ])
      const explanation = str(form, 'explanation').trim()
      const decided = await service.decide(
        id,
        c.req.param('reference'),
        {
          decision,
          reasons: str(form, 'reasons')
            .split(/[\s,;]+/)
            .filter(Boolean),
          ...(explanation ? { explanation } : {}),
        },
        principal,
      )
      // The policy may put suspensions under four-eyes: then it waits for a second officer.
      if (decided.outcome === 'suspension_awaiting_confirmation') done = 'suspend_proposed'
    } catch (error) {
      if (!isFormError(error) || error.status === 404) throw error
      return show(c, id, errorsOf(error), 400)
    }
    return c.redirect(`/workspace/investigations/${id}?done=${done}`, 303)
  })
  return app
}

function ProposalCard(props: {
  c: WsContext
  proposal: Proposal
  investigationId: number
  mayDecide: boolean
}) {
  const p = props.proposal
  return (
    <section aria-labelledby={`p-${p.id}`}>
      <h3 id={`p-${p.id}`}>
        <a href={`/workspace/cases/${encodeURIComponent(p.reference)}`}>{p.reference}</a> —{' '}
        {p.outcome.replaceAll('_', ' ')}
      </h3>
      <p>
        {p.licenceType}
        {p.gea ? ` (${p.gea})` : ''} to {p.destination}; risk {p.levelThen ?? 'not assessed'} at
        grant, {p.levelNow} now.
      </p>
      <ul>
        {p.evidence.map((f) => (
          <li>
            <strong>{FINDING_KIND_TITLES[f.kind]}</strong>
            {f.infringement ? ' (granted contrary to the Regulation or the policy)' : ''}:{' '}
            {f.evidence.map((e) => `${e.title}. ${e.evidence}`).join(' ')}
          </li>
        ))}
      </ul>
      {p.decision === 'maintain' ? (
        <p>
          Maintained ({p.reasons.join(', ')}): {p.explanation}
        </p>
      ) : null}
      {props.mayDecide && p.outcome === 'open' ? (
        <form
          method="post"
          action={`/workspace/investigations/${props.investigationId}/proposals/${encodeURIComponent(p.reference)}`}
        >
          <Csrf c={props.c} />
          <fieldset>
            <legend>Decide</legend>
            {PROPOSAL_DECISIONS.map((d) => (
              <label>
                <input type="radio" name="decision" value={d} required /> {d}
              </label>
            ))}
          </fieldset>
          <label>
            Reason codes (revoke or suspend: e.g. NEW_EVIDENCE, MORATORIUM; maintain: e.g.
            CONDITIONS)
            <input name="reasons" />
          </label>
          <label>
            Explanation
            <textarea name="explanation" rows={3} />
          </label>
          <button type="submit">Record the decision</button>
        </form>
      ) : null}
    </section>
  )
}
