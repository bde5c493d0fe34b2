import { Hono } from 'hono'
import { etag } from 'hono/etag'
import type { Child } from 'hono/jsx'
import type { Db } from '../../../platform/db/database.ts'
import { NotFoundError } from '../../../platform/http/errors.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import { ReferenceParamSchema } from '../../licensing/fields.ts'
import type { RegisterService } from '../../licensing/register.service.ts'
import { Page } from '../layout.tsx'
import { registerHref } from '../links.ts'
import { LicencePage } from './licence.page.tsx'
import type { PublicAssessment } from './licence-assessment.tsx'
import {
  latestAssessmentOf,
  latestScreeningSummary,
  publicDecisionHistory,
  unpublishedPartyNames,
} from './licence-page.repository.ts'
import { publicFindings } from './public-findings.ts'
import { verifyLicenceScript } from './verify-licence.script.ts'

export type LicencePageDeps = {
  db: Db
  register: RegisterService
  decisionLog?: DecisionLog | undefined
}

/** The public portal: the licence page (/licences/{reference}) and its Verify module. */
export function createLicencePages(deps: LicencePageDeps) {
  const app = new Hono()

  app.get('/static/verify-licence.js', async (c) => {
    const script = await verifyLicenceScript()
    if (c.req.header('if-none-match') === script.etag) return c.body(null, 304)
    return c.body(script.code, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
      etag: script.etag,
    })
  })

  // Revalidated on every visit: a decision can change the page at any time, the ETag saves the body.
  app.use('/licences/*', etag())
  app.get('/licences/:reference', async (c) => {
    c.header('cache-control', 'no-cache')
    const parsed = ReferenceParamSchema.safeParse({ reference: c.req.param('reference') })
    if (!parsed.success)
      return c.html(
        <Problem title="Not a licence reference">
          <p>
            reference: {parsed.error.issues[0]?.message ?? 'not valid'}. A reference looks like{' '}
            <code>DE-2026-000123</code>.
          </p>
        </Problem>,
        400,
      )
    const { reference } = parsed.data
    const licence = await deps.register.getPublic(reference).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined
      throw error
    })
    if (!licence)
      return c.html(
        <Problem title="No published licence with this reference">
          <p>
            Nothing with the reference <code>{reference}</code> is published: it does not exist, or
            the application has not been decided yet (pending applications are not published).
          </p>
        </Problem>,
        404,
      )
    const [history, assessment, screening] = await Promise.all([
      publicDecisionHistory(deps.db, reference),
      publicAssessment(deps.db, reference),
      latestScreeningSummary(deps.db, reference),
    ])
    const log = deps.decisionLog
    return c.html(
      <LicencePage
        licence={licence}
        history={history}
        assessment={assessment}
        screening={screening}
        log={log ? { origin: log.origin, vkey: log.vkey } : undefined}
      />,
    )
  })

  return app
}

async function publicAssessment(db: Db, reference: string): Promise<PublicAssessment | null> {
  const [stored, names] = await Promise.all([
    latestAssessmentOf(db, reference),
    unpublishedPartyNames(db, reference),
  ])
  if (!stored) return null
  const findings = publicFindings(stored.findings, names)
  return {
    assessedOn: stored.assessedAt.slice(0, 10),
    policyVersion: stored.policyVersion,
    level: stored.level,
    recommendation: stored.recommendation,
    findings,
    withheld: stored.findings.length - findings.length,
  }
}

function Problem(props: { title: string; children: Child }) {
  return (
    <Page title={`${props.title} — Glasshouse`}>
      <h1>{props.title}</h1>
      {props.children}
      <p>
        <a href={registerHref()}>Search the register</a>
      </p>
    </Page>
  )
}
