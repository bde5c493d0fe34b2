import type { Principal } from '../accounts/principal.ts'
import type { Application } from '../licensing/application.schema.ts'
import { type LifecycleAction, reasonKindFor } from '../licensing/lifecycle.ts'
import { REASON_CODES, reasonCodesFor } from '../reference-data/reason-codes.ts'
import type { StoredAssessment } from '../risk-assessment/assessment.repository.ts'
import type { ApplicationScreening } from '../watchlists/screen-application.ts'
import {
  Csrf,
  country,
  ErrorSummary,
  type Errors,
  FieldError,
  Flash,
  fieldId,
  label,
  type WsContext,
  WsPage,
} from './workspace.page.tsx'

export type CaseData = {
  application: Application
  screenings: ApplicationScreening[]
  assessments: StoredAssessment[]
  /** Display names of the users in the history and the proposal, by id. */
  names: Record<string, string>
}

/** The fields of a failed action form, shown again. */
export type Posted = {
  reasons?: string[]
  explanation?: string
  justification?: string
  validUntil?: string
  question?: string
}

const TITLES = new Map(REASON_CODES.map((r) => [r.code as string, r.title]))

/** Actions an officer takes from the case page, besides the decision itself. */
const OTHER_ACTIONS: LifecycleAction[] = ['suspend', 'reinstate', 'revoke', 'annul', 'expire']

/** The officer's case page: everything needed to decide, and the forms to act. */
export function CasePage(props: {
  c: WsContext
  principal: Principal
  data: CaseData
  flash?: string | undefined
  errors?: Errors
  /** Which form the errors belong to (an action, 'confirm' or 'ask'). */
  errorsFor?: string
  /** What was posted with the failed form, to show again. */
  posted?: Posted
}) {
  const { c, data, principal } = props
  const a = data.application
  const errors = props.errors ?? {}
  const formErrors = (form: string) => (props.errorsFor === form ? errors : {})
  const posted = (form: string) => (props.errorsFor === form ? props.posted : undefined)
  const latest = data.assessments[0]
  const base = `/workspace/cases/${a.reference}`
  const pending = a.pendingConfirmation
  const who = (id: string) => (id === principal.userId ? 'you' : (data.names[id] ?? id))
  return (
    <WsPage c={c} title={`Case ${a.reference}`}>
      <p>
        <a href="/workspace/queue">← Queue</a>
      </p>
      <h1>Case {a.reference}</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={errors} anchor={(field) => `#${fieldId(field)}-error`} />
      <dl class="facts">
        <dt>State</dt>
        <dd>
          <strong>{label(a.state)}</strong>
        </dd>
        <dt>Exporter</dt>
        <dd>{`${a.exporter.name}, ${country(a.exporter.country)}${a.exporter.id ? ` (${a.exporter.id})` : ''}`}</dd>
        <dt>Type</dt>
        <dd>{label(a.licenceType)}</dd>
        <dt>Submitted</dt>
        <dd>{a.submittedOn ?? '—'}</dd>
        {a.licence ? (
          <>
            <dt>Licence</dt>
            <dd>
              <strong>{a.licence.number}</strong>
              {`, valid ${a.licence.validFrom} to ${a.licence.validUntil ?? 'no end date'}`}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>Parties</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Name</th>
            <th scope="col">Country</th>
            <th scope="col">Type and description</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>consignee</td>
            <td>{a.consignee.name}</td>
            <td>{country(a.consignee.country)}</td>
            <td />
          </tr>
          <tr>
            <td>end user</td>
            <td>{a.endUser.name}</td>
            <td>{country(a.endUser.country)}</td>
            <td>{`${label(a.endUser.type)}: ${a.endUser.description}`}</td>
          </tr>
          {a.parties.map((p) => (
            <tr>
              <td>{p.role}</td>
              <td>{p.name}</td>
              <td>{country(p.country)}</td>
              <td>{`${label(p.type)}${p.description ? `: ${p.description}` : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl class="facts">
        <dt>Destination</dt>
        <dd>{country(a.destination)}</dd>
        <dt>Government agency</dt>
        <dd>{a.governmentAgency ?? '—'}</dd>
        <dt>Intended use</dt>
        <dd>{a.intendedUse}</dd>
        <dt>End-use red flags</dt>
        <dd>
          {a.endUseFlags === null
            ? 'not answered'
            : a.endUseFlags.length === 0
              ? 'none declared'
              : a.endUseFlags.map(label).join(', ')}
        </dd>
        <dt>Due diligence</dt>
        <dd>{a.dueDiligence?.summary ?? 'none given'}</dd>
        <dt>Internal compliance programme</dt>
        <dd>
          {a.internalComplianceProgramme === null
            ? 'not answered'
            : a.internalComplianceProgramme
              ? 'yes'
              : 'no'}
        </dd>
      </dl>

      <h2>Items</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Control entry</th>
            <th scope="col">Description</th>
            <th scope="col" class="num">
              Quantity
            </th>
            <th scope="col" class="num">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {a.items.map((i) => (
            <tr>
              <td>{i.lineNo}</td>
              <td>{i.controlEntry}</td>
              <td>{i.description}</td>
              <td class="num">{i.quantity}</td>
              <td class="num">{`${i.value} ${i.currency}`}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <ScreeningSection screenings={data.screenings} />
      <AssessmentSection assessment={latest} />

      <section aria-labelledby="denials">
        <h2 id="denials">Essentially identical denials by other authorities</h2>
        {a.identicalDenials.length === 0 ? (
          <p>None found.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Authority</th>
                <th scope="col">Kind</th>
                <th scope="col">Matched on</th>
                <th scope="col">Control entry</th>
                <th scope="col">Name score</th>
                <th scope="col">Notified</th>
                <th scope="col">Reasons</th>
              </tr>
            </thead>
            <tbody>
              {a.identicalDenials.map((d) => (
                <tr>
                  <td>{`${d.authorityId} (${d.issuingState})`}</td>
                  <td>{d.kind}</td>
                  <td>{label(d.matchedOn)}</td>
                  <td>{d.controlEntry}</td>
                  <td class="num">{d.nameScore.toFixed(2)}</td>
                  <td>{d.notifiedOn}</td>
                  <td>{d.reasons.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="rfi">
        <h2 id="rfi">Requests for information</h2>
        {a.informationRequests.length === 0 ? <p>No questions asked.</p> : null}
        <ol>
          {a.informationRequests.map((r) => (
            <li>
              <p>
                <strong>Asked</strong> {r.askedAt.slice(0, 10)}: {r.question}
              </p>
              <p>
                {r.answer === null ? (
                  <em>not answered yet</em>
                ) : (
                  <>
                    <strong>Answer</strong> {r.answeredAt?.slice(0, 10)}: {r.answer}
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
        {a.state === 'submitted' || a.state === 'under_review' ? (
          <form method="post" action={`${base}/information-requests`} class="stacked">
            <Csrf c={c} />
            <label for="question">Ask the exporter</label>
            <textarea id="question" name="question">
              {posted('ask')?.question ?? ''}
            </textarea>
            <FieldError errors={formErrors('ask')} name="question" />
            <p>
              <button type="submit" class="secondary">
                Send the question
              </button>
            </p>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="act">
        <h2 id="act">Decide</h2>
        {pending ? (
          <div class="notice" role="status">
            <p>
              <strong>{`A ${pending.action} waits for a second officer (four-eyes).`}</strong>{' '}
              {pending.why}
            </p>
            <p>
              {`Proposed by ${pending.proposedBy === principal.userId ? 'you' : (data.names[pending.proposedBy] ?? 'another officer')} on ${pending.proposedAt.slice(0, 10)}`}
              {pending.reasons.length > 0 ? `; reasons ${pending.reasons.join(', ')}` : ''}
              {pending.explanation ? `; ${pending.explanation}` : ''}
            </p>
            {pending.proposedBy === principal.userId ? (
              <p>It waits for a second officer of your authority to confirm or reject it.</p>
            ) : (
              <form method="post" action={`${base}/confirm`} class="stacked">
                <Csrf c={c} />
                <label for="note">Note (optional)</label>
                <textarea id="note" name="note" />
                <FieldError errors={formErrors('confirm')} name="note" />
                <p>
                  <button type="submit" name="answer" value="confirm">
                    {`Confirm the ${pending.action}`}
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
          {!pending && a.allowedActions.includes('grant') ? (
            <DecisionForm
              c={c}
              base={base}
              action="grant"
              recommendation={latest?.recommendation}
              errors={formErrors('grant')}
              posted={posted('grant')}
            />
          ) : null}
          {!pending && a.allowedActions.includes('refuse') ? (
            <DecisionForm
              c={c}
              base={base}
              action="refuse"
              recommendation={latest?.recommendation}
              errors={formErrors('refuse')}
              posted={posted('refuse')}
            />
          ) : null}
          {OTHER_ACTIONS.filter((x) => a.allowedActions.includes(x) && !pending).map((x) => (
            <DecisionForm
              c={c}
              base={base}
              action={x}
              recommendation={undefined}
              errors={formErrors(x)}
              posted={posted(x)}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="history">
        <h2 id="history">History</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Action</th>
              <th scope="col">To state</th>
              <th scope="col">By</th>
              <th scope="col">Reasons and explanation</th>
            </tr>
          </thead>
          <tbody>
            {a.history.map((h) => (
              <tr>
                <td>{h.decidedOn}</td>
                <td>{label(h.action)}</td>
                <td>{label(h.toState)}</td>
                <td>
                  {who(h.actor)}
                  {h.confirmedBy ? `, confirmed by ${who(h.confirmedBy)}` : ''}
                </td>
                <td>
                  {[
                    h.reasons.join(', '),
                    h.explanation ?? '',
                    h.againstRecommendation
                      ? `against the recommendation: ${h.justification ?? ''}`
                      : '',
                  ]
                    .filter(Boolean)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </WsPage>
  )
}

const ACTION_LABELS: Record<string, string> = {
  grant: 'Grant',
  refuse: 'Refuse',
  suspend: 'Suspend',
  reinstate: 'Reinstate',
  revoke: 'Revoke',
  annul: 'Annul',
  expire: 'Expire',
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
      <label for={id('explanation')}>Explanation</label>
      <textarea id={id('explanation')} name="explanation">
        {posted.explanation ?? ''}
      </textarea>
      <FieldError errors={errors} name="explanation" />
      {decides ? (
        <>
          <label for={id('justification')}>Justification</label>
          <span class="muted">
            {`Required when deciding against the risk assessment's recommendation${props.recommendation ? ` (it recommends "${label(props.recommendation)}")` : ''}.`}
          </span>
          <textarea id={id('justification')} name="justification">
            {posted.justification ?? ''}
          </textarea>
          <FieldError errors={errors} name="justification" />
        </>
      ) : null}
      {action === 'grant' ? (
        <>
          <label for={id('validUntil')}>Valid until (optional; default two years)</label>
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

function ScreeningSection(props: { screenings: ApplicationScreening[] }) {
  const latest = props.screenings[0]
  return (
    <section aria-labelledby="screening">
      <h2 id="screening">Screening findings</h2>
      {!latest ? (
        <p>The parties have not been screened yet (screening runs on submission).</p>
      ) : (
        <>
          <p>
            {`Screened ${latest.screenedAt.slice(0, 16).replace('T', ' ')} UTC: ${latest.partyCount} parties, ${latest.hitCount} hit(s) at threshold ${latest.threshold}.`}
          </p>
          {latest.hitCount === 0 ? (
            <p>No party matched any list in force.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Party</th>
                  <th scope="col">List</th>
                  <th scope="col">Matched name</th>
                  <th scope="col" class="num">
                    Score
                  </th>
                  <th scope="col">Explanation</th>
                </tr>
              </thead>
              <tbody>
                {latest.parties.flatMap((p) =>
                  p.hits.map((h) => (
                    <tr>
                      <td>{`${label(p.role)}: ${p.name} (${p.country})`}</td>
                      <td>{`${h.source}${h.programmes.length ? ` — ${h.programmes.join(', ')}` : ''}`}</td>
                      <td>{h.matchedName}</td>
                      <td class="num">{h.score.toFixed(2)}</td>
                      <td>{h.explanation.summary}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  )
}

function AssessmentSection(props: { assessment: StoredAssessment | undefined }) {
  const a = props.assessment
  return (
    <section aria-labelledby="assessment">
      <h2 id="assessment">Risk assessment</h2>
      {!a ? (
        <p>Not assessed yet.</p>
      ) : (
        <>
          <p>
            Level <span class={`badge ${a.level}`}>{a.level}</span>, recommendation{' '}
            <strong>{label(a.recommendation)}</strong>
            {` (policy version ${a.policyVersion}, ${a.assessedAt.slice(0, 10)})`}
          </p>
          <p>{a.summary}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Finding</th>
                <th scope="col">Evidence and sources</th>
                <th scope="col">Legal basis</th>
              </tr>
            </thead>
            <tbody>
              {a.findings.map((f) => (
                <tr>
                  <td>
                    <span class={`badge ${f.severity}`}>{f.severity}</span>
                  </td>
                  <td>{f.title}</td>
                  <td>{f.evidence}</td>
                  <td>{f.legalBasis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
