import { Hono } from 'hono'
import { AppError, ForbiddenError } from '../../platform/http/errors.ts'
import type { AuthVariables } from '../accounts/authenticate.ts'
import type { Principal } from '../accounts/principal.ts'
import { ApplicationForm } from './application-form.tsx'
import {
  type FormValues,
  type Organisation,
  parseApplicationForm,
  valuesFromForm,
  valuesOf,
} from './application-form.values.ts'
import { ApplicationListPage } from './application-list.page.tsx'
import { StatusPage } from './application-status.page.tsx'
import {
  type Errors,
  errorsOf,
  guard,
  isFormError,
  postedForm,
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

  app.get(base, async (c) => {
    const principal = guard(c, 'application.draft')
    const rows = await listOwnApplications(deps.db, principal)
    return c.html(<ApplicationListPage c={c} base={base} rows={rows} />)
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
      if (!isFormError(error)) throw error
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
      if (!isFormError(error)) throw error
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
      if (!isFormError(error)) throw error
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
      if (!isFormError(error)) throw error
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
