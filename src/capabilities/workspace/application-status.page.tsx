import { can } from '../accounts/permissions.ts'
import type { Application } from '../licensing/application.schema.ts'
import type { ScreeningResult } from '../watchlists/screening.service.ts'
import { TableHead } from './data-table.tsx'
import { HistoryTable } from './history-table.tsx'
import {
  Csrf,
  country,
  ErrorSummary,
  type Errors,
  FieldError,
  Flash,
  label,
  type WsContext,
  WsPage,
} from './workspace.page.tsx'

/** The exporter's own screening of a draft's parties, before submitting it. */
export type PreScreening = {
  parties: { role: string; name: string; country: string }[]
  result: ScreeningResult
}

/** The exporter's view of one application: its state, what can be done, questions, history. */
export function StatusPage(props: {
  c: WsContext
  application: Application
  flash?: string | undefined
  errors?: Errors
  answerField?: string
  screening?: PreScreening
}) {
  const { c, application: a } = props
  const errors = props.errors ?? {}
  const base = `/workspace/applications/${a.reference}`
  const principal = c.get('principal')
  const isDraft = a.state === 'draft'
  return (
    <WsPage c={c} title={`Application ${a.reference}`}>
      <p>
        <a href="/workspace/applications">← Your applications</a>
      </p>
      <h1>Application {a.reference}</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={errors} />
      <dl class="facts">
        <dt>State</dt>
        <dd>
          <strong>{label(a.state)}</strong>
        </dd>
        <dt>Authority</dt>
        <dd>{a.authorityId}</dd>
        <dt>End user</dt>
        <dd>{`${a.endUser.name}, ${country(a.endUser.country)}`}</dd>
        <dt>Destination</dt>
        <dd>{country(a.destination)}</dd>
        <dt>Items</dt>
        <dd>{a.items.map((i) => `${i.controlEntry} ${i.description}`).join('; ')}</dd>
        <dt>Submitted</dt>
        <dd>{a.submittedOn ?? '—'}</dd>
        {a.licence ? (
          <>
            <dt>Licence</dt>
            <dd>
              {`${a.licence.number}, valid ${a.licence.validFrom} to ${a.licence.validUntil ?? 'no end date'}`}
            </dd>
          </>
        ) : null}
      </dl>
      {isDraft ? (
        <section class="actions" aria-label="What you can do with this draft">
          <p>
            <a href={`${base}/edit`}>Edit the draft</a>
          </p>
          {principal && can(principal, 'screening.run') ? (
            <form method="post" action={`${base}/prescreen`}>
              <Csrf c={c} />
              <p>Check the parties against the screening lists before you submit.</p>
              <button type="submit" class="secondary">
                Pre-screen parties
              </button>
            </form>
          ) : null}
          <form method="post" action={`${base}/act`}>
            <Csrf c={c} />
            <input type="hidden" name="action" value="submit" />
            <p>Send the application to {a.authorityId}. It can no longer be edited.</p>
            <button type="submit">Submit</button>
          </form>
        </section>
      ) : a.allowedActions.includes('withdraw') ? (
        <form method="post" action={`${base}/act`} class="actions">
          <Csrf c={c} />
          <input type="hidden" name="action" value="withdraw" />
          <button type="submit" class="danger">
            Withdraw the application
          </button>
        </form>
      ) : null}
      {props.screening ? <PreScreenResult screening={props.screening} /> : null}
      <h2>Requests for information</h2>
      {a.informationRequests.length === 0 ? (
        <p>The authority has not asked for more information.</p>
      ) : (
        <ol>
          {a.informationRequests.map((r) => (
            <li>
              <p>
                <strong>Question</strong> ({r.askedAt.slice(0, 10)}): {r.question}
              </p>
              {r.answer !== null ? (
                <p>
                  <strong>Your answer</strong> ({r.answeredAt?.slice(0, 10)}): {r.answer}
                </p>
              ) : (
                <form
                  method="post"
                  action={`${base}/information-requests/${r.id}/answer`}
                  class="stacked"
                >
                  <Csrf c={c} />
                  <label for={`answer-${r.id}`}>Your answer to question {r.id}</label>
                  <textarea id={`answer-${r.id}`} name="answer" />
                  <FieldError errors={errors} name={`answer-${r.id}`} />
                  <p>
                    <button type="submit">Send answer</button>
                  </p>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
      <h2>History</h2>
      {a.history.length === 0 ? (
        <p>Nothing has happened yet.</p>
      ) : (
        <HistoryTable history={a.history} />
      )}
    </WsPage>
  )
}

const PRE_SCREEN_HEADINGS = ['Party', 'List', 'Matched name', 'Score', 'Why'].map((header) => ({
  header,
}))

function PreScreenResult(props: { screening: PreScreening }) {
  const { parties, result } = props.screening
  const hits = result.results.reduce((n, r) => n + r.hits.length, 0)
  return (
    <section aria-label="Pre-screening">
      <h2>Pre-screening of the parties</h2>
      <p>
        {`${parties.length} parties screened against ${result.lists.length} list(s) at threshold ${result.threshold}: `}
        <strong>{hits === 0 ? 'no hits' : `${hits} possible match(es)`}</strong>.
      </p>
      <table>
        <TableHead columns={PRE_SCREEN_HEADINGS} />
        <tbody>
          {parties.map((p, i) => {
            const partyHits = result.results[i]?.hits ?? []
            if (partyHits.length === 0)
              return (
                <tr>
                  <td>{`${p.role}: ${p.name}`}</td>
                  <td colspan={4}>no hit</td>
                </tr>
              )
            return partyHits.map((h) => (
              <tr>
                <td>{`${p.role}: ${p.name}`}</td>
                <td>{h.source}</td>
                <td>{h.matchedName}</td>
                <td class="num">{h.score.toFixed(2)}</td>
                <td>{h.explanation.summary}</td>
              </tr>
            ))
          })}
        </tbody>
      </table>
    </section>
  )
}
