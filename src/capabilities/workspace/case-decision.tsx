import type { Principal } from '../accounts/principal.ts'
import type { Application } from '../licensing/application.schema.ts'
import { type LifecycleAction, reasonKindFor } from '../licensing/lifecycle.ts'
import { PROPOSAL_NOUNS } from '../licensing/proposals.ts'
import { REASON_CODES, reasonCodesFor } from '../reference-data/reason-codes.ts'
import { Csrf, type Errors, FieldError, label, type WsContext } from './workspace.page.tsx'

/** The fields of a failed action form, shown again. */
export type Posted = {
  reasons?: string[]
  explanation?: string
  publicReason?: string
  acknowledgePublicText?: boolean
  justification?: string
  validUntil?: string
  largeProject?: boolean
  question?: string
}

const TITLES = new Map(REASON_CODES.map((r) => [r.code as string, r.title]))

/** The decisions proper, then the actions an officer takes from the case page besides them. */
const DECISIONS: LifecycleAction[] = ['grant', 'refuse']
const OTHER_ACTIONS: LifecycleAction[] = ['suspend', 'reinstate', 'revoke', 'annul', 'expire']

const ACTION_LABELS: Record<string, string> = {
  grant: 'Grant',
  refuse: 'Refuse',
  suspend: 'Suspend',
  reinstate: 'Reinstate',
  revoke: 'Revoke',
  annul: 'Annul',
  expire: 'Expire',
}

/** The four-eyes proposal waiting for a second officer, and a form for each allowed action. */
export function DecideSection(props: {
  c: WsContext
  principal: Principal
  application: Application
  /** Display names of users by id. */
  names: Record<string, string>
  recommendation: string | undefined
  /** The errors of one form, and what was posted with it, by form. */
  formErrors: (form: string) => Errors
  posted: (form: string) => Posted | undefined
}) {
  const { c, principal, formErrors, posted } = props
  const a = props.application
  const base = `/workspace/cases/${a.reference}`
  const pending = a.pendingConfirmation
  const decisionForm = (action: LifecycleAction, recommendation: string | undefined) => (
    <DecisionForm
      c={c}
      base={base}
      action={action}
      recommendation={recommendation}
      errors={formErrors(action)}
      posted={posted(action)}
    />
  )
  return (
    <section aria-labelledby="act">
      <h2 id="act">Decide</h2>
      {pending ? (
        <div class="notice" role="status">
          <p>
            <strong>{`A ${PROPOSAL_NOUNS[pending.action]} waits for a second officer (four-eyes).`}</strong>{' '}
            {pending.why}
          </p>
          <p>
            {`Proposed by ${pending.proposedBy === principal.userId ? 'you' : (props.names[pending.proposedBy] ?? 'another officer')} on ${pending.proposedAt.slice(0, 10)}`}
            {pending.reasons.length > 0 ? `; reasons ${pending.reasons.join(', ')}` : ''}
            {pending.explanation ? `; ${pending.explanation}` : ''}
          </p>
          {pending.proposedBy === principal.userId ? (
            <p>It waits for a second officer of your authority to confirm or reject it.</p>
          ) : (
            <form method="post" action={`${base}/confirm`} class="stacked">
              <Csrf c={c} />
              <input type="hidden" name="proposalId" value={String(pending.id)} />
              <label for="note">Note (optional)</label>
              <textarea id="note" name="note" />
              <FieldError errors={formErrors('confirm')} name="note" />
              <p>
                <button type="submit" name="answer" value="confirm">
                  {`Confirm the ${PROPOSAL_NOUNS[pending.action]}`}
                </button>{' '}
                <button type="submit" name="answer" value="reject" class="danger">
                  Reject
                </button>
              </p>
            </form>
          )}
        </div>
      ) : null}
      <div class="actions">
        {a.allowedActions.includes('start_review') ? (
          <form method="post" action={`${base}/act`}>
            <Csrf c={c} />
            <input type="hidden" name="action" value="start_review" />
            <p>Take the case into review.</p>
            <FieldError errors={formErrors('start_review')} name="_form" />
            <button type="submit">Start review</button>
          </form>
        ) : null}
        {pending
          ? null
          : [
              ...DECISIONS.filter((x) => a.allowedActions.includes(x)).map((x) =>
                decisionForm(x, props.recommendation),
              ),
              ...OTHER_ACTIONS.filter((x) => a.allowedActions.includes(x)).map((x) =>
                decisionForm(x, undefined),
              ),
            ]}
      </div>
    </section>
  )
}

function DecisionForm(props: {
  c: WsContext
  base: string
  action: LifecycleAction
  recommendation: string | undefined
  errors: Errors
  posted?: Posted | undefined
}) {
  const { action, errors } = props
  const posted = props.posted ?? {}
  const ticked = new Set(posted.reasons ?? [])
  const kind = reasonKindFor(action)
  const codes = kind ? reasonCodesFor(kind) : []
  const id = (name: string) => `${action}-${name}`
  const decides = action === 'grant' || action === 'refuse'
  return (
    <form method="post" action={`${props.base}/act`} class="stacked">
      <Csrf c={props.c} />
      <input type="hidden" name="action" value={action} />
      <h3>{ACTION_LABELS[action] ?? label(action)}</h3>
      <FieldError errors={errors} name="_form" />
      {codes.length > 0 ? (
        <fieldset class="checks">
          <legend>{`Reasons (${kind})`}</legend>
          {codes.map((code) => (
            <label>
              <input type="checkbox" name="reasons" value={code} checked={ticked.has(code)} />{' '}
              {code}
              <span class="muted">{` — ${TITLES.get(code) ?? ''}`}</span>
            </label>
          ))}
          <FieldError errors={errors} name="reasons" />
        </fieldset>
      ) : null}
      <label for={id('explanation')}>Explanation (internal: never published)</label>
      <textarea id={id('explanation')} name="explanation">
        {posted.explanation ?? ''}
      </textarea>
      <FieldError errors={errors} name="explanation" />
      <label for={id('publicReason')}>Public reason (published in the register)</label>
      <span class="muted">
        Shown to the public with the reason codes and committed in the decision log. Name no party
        and no natural person.
      </span>
      <textarea id={id('publicReason')} name="publicReason">
        {posted.publicReason ?? ''}
      </textarea>
      <FieldError errors={errors} name="publicReason" />
      <FieldError errors={errors} name="intendedUsePublic" />
      {errors.publicReason || errors.intendedUsePublic ? (
        <YesBox name="acknowledgePublicText" checked={posted.acknowledgePublicText === true}>
          Publish anyway: I have checked that the public text names no one who must not be named
        </YesBox>
      ) : null}
      {decides ? (
        <>
          <label for={id('justification')}>Justification</label>
          <span class="muted">
            {`Required when deciding against the risk assessment's recommendation${props.recommendation ? ` (it recommends "${label(props.recommendation)}")` : ''}${action === 'grant' ? ', and for a licence longer than Art. 12(3) allows' : ''}.`}
          </span>
          <textarea id={id('justification')} name="justification">
            {posted.justification ?? ''}
          </textarea>
          <FieldError errors={errors} name="justification" />
        </>
      ) : null}
      {action === 'grant' ? (
        <>
          <YesBox name="largeProject" checked={posted.largeProject === true}>
            Large-project authorisation (Art. 12(3)): valid up to four years
          </YesBox>
          <FieldError errors={errors} name="largeProject" />
          <label for={id('validUntil')}>
            Valid until (optional; default two years; longer than two, or four for a large project,
            only when justified above)
          </label>
          <input
            type="date"
            id={id('validUntil')}
            name="validUntil"
            value={posted.validUntil ?? ''}
          />
          <FieldError errors={errors} name="validUntil" />
        </>
      ) : null}
      <FieldError errors={errors} name="decidedOn" />
      <p>
        <button type="submit" class={action === 'grant' || action === 'reinstate' ? '' : 'danger'}>
          {ACTION_LABELS[action] ?? label(action)}
        </button>
      </p>
    </form>
  )
}

/** A checkbox posted as `name=yes`, its label beside it. */
function YesBox(props: { name: string; checked: boolean; children: string }) {
  return (
    <label>
      <input type="checkbox" name={props.name} value="yes" checked={props.checked} />{' '}
      {props.children}
    </label>
  )
}
