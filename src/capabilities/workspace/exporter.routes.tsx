import { Hono } from 'hono'
import { AppError, ForbiddenError } from '../../platform/http/errors.ts'
import { type AuthVariables, checkCsrf } from '../accounts/authenticate.ts'
import { can } from '../accounts/permissions.ts'
import type { Principal } from '../accounts/principal.ts'
import type { Application } from '../licensing/application.schema.ts'
import type { ScreeningResult } from '../watchlists/screening.service.ts'
import {
  ApplicationForm,
  type FormValues,
  type Organisation,
  parseApplicationForm,
  valuesFromForm,
  valuesOf,
} from './application-form.tsx'
import {
  Csrf,
  country,
  ErrorSummary,
  type Errors,
  errorsOf,
  FieldError,
  Flash,
  guard,
  label,
  str,
  type WsContext,
  WsPage,
} from './workspace.page.tsx'
import { answerInformation, listOwnApplications } from './workspace.queries.ts'
import type { WorkspaceDeps } from './workspace.routes.tsx'

const DONE: Record<string, string> = {
  created: 'Draft saved.',
  saved: 'Draft saved.',
  submitted: 'Application submitted to the authority.',
  withdrawn: 'Application withdrawn.',
  answered: 'Answer sent.',
}

/** The exporter's workspace: own applications, the Annex III-A form, status and answers. */
export function createExporterRoutes(deps: WorkspaceDeps) {
  const app = new Hono<{ Variables: AuthVariables }>()
  const base = '/workspace/applications'

  async function organisationOf(principal: Principal): Promise<Organisation> {
    const row = await deps.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', principal.organisationId ?? '')
      .executeTakeFirst()
    if (!row) throw new ForbiddenError('Your account belongs to no organisation')
    return {
      id: row.id,
      name: row.name,
      country: row.country,
      authorityId: row.authority_id,
      exporterId: row.exporter_id,
    }
  }

  /** Parses a form POST and checks its CSRF token (the body is parsed once, with every value). */
  async function postedForm(c: WsContext) {
    const form = await c.req.parseBody({ all: true })
    await checkCsrf(c)
    return form
  }

  app.get(base, async (c) => {
    const principal = guard(c, 'application.draft')
    const rows = await listOwnApplications(deps.db, principal)
    return c.html(
      <WsPage c={c} title="Your applications">
        <h1>Your applications</h1>
        <p>
          <a href={`${base}/new`}>New application</a>
        </p>
        {rows.length === 0 ? (
          <p>You have no applications yet.</p>
        ) : (
          <table>
            <caption>Applications of your organisation, latest change first</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">State</th>
                <th scope="col">End user</th>
                <th scope="col">Destination</th>
                <th scope="col">Submitted</th>
                <th scope="col">Decided</th>
                <th scope="col">Open questions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`${base}/${r.reference}`}>{r.reference}</a>
                  </td>
                  <td>{label(r.state)}</td>
                  <td>{r.endUserName}</td>
                  <td>{country(r.destination)}</td>
                  <td>{r.submittedOn ?? '—'}</td>
                  <td>{r.decidedOn ?? '—'}</td>
                  <td class="num">{r.unansweredRequests || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </WsPage>,
    )
  })

  const formPage = (
    c: WsContext,
    organisation: Organisation,
    values: FormValues,
    errors: Errors,
    reference?: string,
  ) => (
    <WsPage c={c} title={reference ? `Edit ${reference}` : 'New application'}>
      <h1>
        {reference ? `Edit draft ${reference}` : 'New application for an export authorisation'}
      </h1>
      <ApplicationForm
        c={c}
        action={reference ? `${base}/${reference}/edit` : base}
        organisation={organisation}
        values={values}
        errors={errors}
      />
    </WsPage>
  )

  app.get(`${base}/new`, async (c) => {
    const principal = guard(c, 'application.draft')
    const organisation = await organisationOf(principal)
    return c.html(formPage(c, organisation, { licenceType: 'individual' }, {}))
  })

  app.post(base, async (c) => {
    const principal = guard(c, 'application.draft')
    const form = await postedForm(c)
    const organisation = await organisationOf(principal)
    const values = valuesFromForm(form)
    const parsed = parseApplicationForm(values, organisation)
    if (!parsed.ok) return c.html(formPage(c, organisation, values, parsed.errors), 400)
    try {
      const created = await deps.licensing.createDraft(parsed.input, principal)
      return c.redirect(`${base}/${created.reference}?done=created`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error
      return c.html(formPage(c, organisation, values, errorsOf(error)), error.status as 400)
    }
  })

  app.get(`${base}/:reference/edit`, async (c) => {
    const principal = guard(c, 'application.draft')
    const application = await deps.licensing.get(c.req.param('reference'), principal)
    const organisation = await organisationOf(principal)
    return c.html(formPage(c, organisation, valuesOf(application), {}, application.reference))
  })

  app.post(`${base}/:reference/edit`, async (c) => {
    const principal = guard(c, 'application.draft')
    const reference = c.req.param('reference')
    const form = await postedForm(c)
    const organisation = await organisationOf(principal)
    const values = valuesFromForm(form)
    const parsed = parseApplicationForm(values, organisation)
    if (!parsed.ok) return c.html(formPage(c, organisation, values, parsed.errors, reference), 400)
    try {
      await deps.licensing.updateDraft(reference, parsed.input, principal)
      return c.redirect(`${base}/${reference}?done=saved`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error
      if (error.status === 404) throw error
      return c.html(
        formPage(c, organisation, values, errorsOf(error), reference),
        error.status as 400,
      )
    }
  })

  app.get(`${base}/:reference`, async (c) => {
    const principal = guard(c, 'application.read')
    const application = await deps.licensing.get(c.req.param('reference'), principal)
    return c.html(
      <StatusPage c={c} application={application} flash={DONE[c.req.query('done') ?? '']} />,
    )
  })

  app.post(`${base}/:reference/prescreen`, async (c) => {
    const principal = guard(c, 'screening.run')
    await postedForm(c)
    const application = await deps.licensing.get(c.req.param('reference'), principal)
    const parties = [
      { role: 'exporter', name: application.exporter.name, country: application.exporter.country },
      {
        role: 'consignee',
        name: application.consignee.name,
        country: application.consignee.country,
      },
      { role: 'end user', name: application.endUser.name, country: application.endUser.country },
      ...application.parties.map((p) => ({ role: p.role, name: p.name, country: p.country })),
    ]
    const result = await deps.screening.screen(
      parties.map((p) => ({ name: p.name, countries: [p.country] })),
    )
    return c.html(<StatusPage c={c} application={application} screening={{ parties, result }} />)
  })

  app.post(`${base}/:reference/act`, async (c) => {
    const principal = guard(c, 'application.draft')
    const reference = c.req.param('reference')
    const form = await postedForm(c)
    const action = str(form, 'action')
    if (action !== 'submit' && action !== 'withdraw')
      throw new AppError(400, 'unknown_action', `Unknown action "${action}"`)
    try {
      await deps.licensing.act(reference, action, { reasons: [] }, principal)
      const done = action === 'submit' ? 'submitted' : 'withdrawn'
      return c.redirect(`${base}/${reference}?done=${done}`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error
      if (error.status === 404) throw error
      const application = await deps.licensing.view(reference, principal)
      return c.html(
        <StatusPage c={c} application={application} errors={errorsOf(error)} />,
        error.status as 400,
      )
    }
  })

  app.post(`${base}/:reference/information-requests/:id/answer`, async (c) => {
    const principal = guard(c, 'information.answer')
    const reference = c.req.param('reference')
    const id = Number(c.req.param('id'))
    const form = await postedForm(c)
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new AppError(404, 'request_not_found', 'No such request for information')
    try {
      await answerInformation(
        deps.db,
        principal,
        reference,
        id,
        str(form, 'answer'),
        deps.clock.now(),
      )
      return c.redirect(`${base}/${reference}?done=answered`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error
      if (error.status === 404) throw error
      const application = await deps.licensing.view(reference, principal)
      return c.html(
        <StatusPage
          c={c}
          application={application}
          errors={errorsOf(error, `answer-${id}`)}
          answerField={`answer-${id}`}
        />,
        error.status as 400,
      )
    }
  })

  return app
}

type PreScreening = {
  parties: { role: string; name: string; country: string }[]
  result: ScreeningResult
}

function StatusPage(props: {
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
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Action</th>
              <th scope="col">State</th>
              <th scope="col">Reasons</th>
            </tr>
          </thead>
          <tbody>
            {a.history.map((h) => (
              <tr>
                <td>{h.decidedOn}</td>
                <td>{label(h.action)}</td>
                <td>{label(h.toState)}</td>
                <td>{[...h.reasons, h.explanation ?? ''].filter(Boolean).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </WsPage>
  )
}

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
        <thead>
          <tr>
            <th scope="col">Party</th>
            <th scope="col">List</th>
            <th scope="col">Matched name</th>
            <th scope="col">Score</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
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
