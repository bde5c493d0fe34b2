import { Hono } from 'hono'
import type { Db } from '../../../platform/db/database.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import { normaliseName } from '../../licensing/party-key.ts'
import type { RegisterService } from '../../licensing/register.service.ts'
import { portalErrorPage } from '../countries/error-page.tsx'
import { ExporterPage } from './exporter.page.tsx'
import { ExportersPage } from './exporters.page.tsx'
import {
  exporterControlEntries,
  exporterCountries,
  exporterCounts,
  exporterDecisions,
  exporterDenials,
  exporterDestinations,
  exportersPage,
} from './exporters.query.ts'

export type ExporterPageDeps = {
  db: Db
  register: RegisterService
  decisionLog?: DecisionLog | undefined
}

/** Exporters per page of the list, and decisions listed on an exporter's page. */
const PAGE = 50
const DECISIONS = 100
const DENIALS = 100
/** The register's limit on an exporter name (RegisterFilterSchema, the application schema). */
const MAX_NAME = 300

/** The public portal: the exporter pages (/exporters, /exporters/{name}). */
export function createExporterPages({ db }: ExporterPageDeps) {
  const app = new Hono()
  const back = { href: '/exporters', label: 'All exporters' }

  app.get('/exporters', async (c) => {
    const prefix = (c.req.query('q') ?? '').trim()
    const after = c.req.query('after') ?? null
    if (prefix.length > MAX_NAME || (after !== null && after.length > MAX_NAME))
      return portalErrorPage(
        c,
        400,
        {
          title: 'That search is not valid',
          message: 'Exporter names are at most 300 characters.',
          issues: [
            { field: prefix.length > MAX_NAME ? 'q' : 'after', message: 'at most 300 characters' },
          ],
        },
        back,
      )
    const { rows, next } = await exportersPage(db, { prefix, after, limit: PAGE })
    return c.html(<ExportersPage rows={rows} prefix={prefix} next={next} />)
  })

  // {.+}: an exporter name may contain an encoded slash.
  app.get('/exporters/:name{.+}', async (c) => {
    const name = c.req.param('name')
    if (name.length > MAX_NAME || normaliseName(name) === '')
      return portalErrorPage(
        c,
        400,
        {
          title: 'Not an exporter name',
          message:
            'Exporter pages are addressed by the exporter name exactly as the register publishes it.',
          issues: [
            {
              field: 'name',
              message:
                name.length > MAX_NAME
                  ? 'at most 300 characters'
                  : 'must contain a letter or digit',
            },
          ],
        },
        back,
      )
    const counts = await exporterCounts(db, name)
    if (counts.total === 0)
      return portalErrorPage(
        c,
        404,
        {
          title: 'No such exporter',
          message: `No published decision names "${name}" as exporter. Names must match exactly; try the search.`,
        },
        back,
      )
    const [countries, decisions, denials, destinations, controlEntries] = await Promise.all([
      exporterCountries(db, name),
      exporterDecisions(db, name, DECISIONS),
      exporterDenials(db, name, DENIALS),
      exporterDestinations(db, name),
      exporterControlEntries(db, name),
    ])
    return c.html(
      <ExporterPage
        name={name}
        countries={countries}
        counts={counts}
        decisions={decisions}
        denials={denials}
        destinations={destinations}
        controlEntries={controlEntries}
        listed={DECISIONS}
      />,
    )
  })
  return app
}
