import { Hono } from 'hono'
import type { Db } from '../../../platform/db/database.ts'
import type { DecisionLog } from '../../decision-log/decision-log.ts'
import type { RegisterService } from '../../licensing/register.service.ts'
import { isPegasusProjectState } from '../../reference-data/briefing-lists.ts'
import { findCountry } from '../../reference-data/countries.ts'
import { countryHref } from '../links.ts'
import { CountriesPage, type CountrySort, countryRows } from './countries.page.tsx'
import { countsByDestination, countsForDestination, latestDecisionsTo } from './countries.query.ts'
import { CountryPage } from './country.page.tsx'
import { createCountryEvidenceReader } from './country-evidence-in-force.ts'
import { portalErrorPage } from './error-page.tsx'

export type CountryPageDeps = {
  db: Db
  register: RegisterService
  decisionLog?: DecisionLog | undefined
}

/** How many of the newest decisions a country page lists; the register has the rest. */
const LATEST = 25
/**
 * The destination list aggregates the whole register (about 350 ms over a million licences on
 * PostgreSQL), so one result serves every visitor for this long.
 */
const LIST_TTL_MS = 30_000

/** The public portal: the country pages (/countries, /countries/{code}). */
export function createCountryPages({ db }: CountryPageDeps) {
  const app = new Hono()
  const readEvidence = createCountryEvidenceReader()
  const back = { href: '/countries', label: 'All destinations' }
  let list: { at: number; value: Promise<Awaited<ReturnType<typeof countsByDestination>>> } | null =
    null
  const destinations = () => {
    if (!list || Date.now() - list.at > LIST_TTL_MS) {
      const value = countsByDestination(db)
      list = { at: Date.now(), value }
      // A failed query is not kept: the next visitor tries again.
      value.catch(() => {
        if (list?.value === value) list = null
      })
    }
    return list.value
  }

  app.get('/countries', async (c) => {
    const sort: CountrySort = c.req.query('sort') === 'name' ? 'name' : 'count'
    const rows = countryRows(await destinations(), sort)
    return c.html(<CountriesPage rows={rows} sort={sort} />)
  })

  app.get('/countries/:code', async (c) => {
    const code = c.req.param('code')
    if (!/^[A-Za-z]{2}$/.test(code))
      return portalErrorPage(
        c,
        400,
        {
          title: 'Not a country code',
          message:
            'Country pages are addressed by a two-letter ISO 3166-1 alpha-2 code, e.g. /countries/AE.',
          issues: [{ field: 'code', message: 'must be two letters (ISO 3166-1 alpha-2)' }],
        },
        back,
      )
    if (code !== code.toUpperCase()) return c.redirect(countryHref(code), 301)
    const country = findCountry(code)
    if (!country)
      return portalErrorPage(
        c,
        404,
        {
          title: 'No such country',
          message: `"${code}" is not an ISO 3166-1 alpha-2 country code.`,
        },
        back,
      )
    const [{ counts, years }, latest, evidence] = await Promise.all([
      countsForDestination(db, code),
      latestDecisionsTo(db, code, LATEST),
      readEvidence(db, code),
    ])
    return c.html(
      <CountryPage
        country={country}
        counts={counts}
        years={years}
        latest={latest}
        evidence={evidence}
        pegasus={isPegasusProjectState(code)}
      />,
    )
  })
  return app
}
