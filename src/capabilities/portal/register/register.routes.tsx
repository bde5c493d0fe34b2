import { PassThrough, Readable } from 'node:stream'
import { Hono } from 'hono'
import { sql } from 'kysely'
import type { Db } from '../../../platform/db/database.ts'
import type { Logger } from '../../../platform/logger.ts'
import { exportLicences } from '../../licensing/interchange/export-licences.ts'
import type { RegisterService } from '../../licensing/register.service.ts'
import { InvalidSearchPage, RegisterPage } from './register.page.tsx'
import { parseRegisterSearch } from './register-search.ts'

const YEARS_TTL_MS = 60_000

/** The portal's register: /register and the download of the current selection. */
export function createRegisterPages(deps: { db: Db; register: RegisterService; logger: Logger }) {
  const app = new Hono()
  const years = decisionYears(deps.db)

  app.get('/register', async (c) => {
    const parsed = parseRegisterSearch(c.req.query())
    if (!parsed.ok) return c.html(<InvalidSearchPage problems={parsed.problems} />, 400)
    const { search } = parsed
    const [result, yearList] = await Promise.all([
      deps.register.searchPublic(search.filter, {
        sort: search.sort,
        offset: (search.page - 1) * search.size,
        limit: search.size,
      }),
      years(),
    ])
    return c.html(
      <RegisterPage search={search} items={result.items} total={result.total} years={yearList} />,
    )
  })

  // The selection in the public licence CSV (one row per item line) or JSON, streamed.
  for (const format of ['csv', 'json'] as const)
    app.get(`/register/licences.${format}`, (c) => download(c.req.query(), format))

  function download(query: Record<string, string>, format: 'csv' | 'json') {
    const parsed = parseRegisterSearch(query)
    if (!parsed.ok)
      return new Response(
        `${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('\n')}\n`,
        {
          status: 400,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        },
      )
    const out = new PassThrough()
    exportLicences(deps.db, out, { format, public: true, filter: parsed.search.filter })
      .then(() => out.end())
      .catch((error: unknown) => {
        // Headers are gone: cut the download short so it cannot pass for a complete file.
        deps.logger.error('register download failed', {
          error: error instanceof Error ? error.message : String(error),
        })
        out.destroy(error instanceof Error ? error : new Error(String(error)))
      })
    return new Response(Readable.toWeb(out) as ReadableStream, {
      headers: {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
        'content-disposition': `attachment; filename="glasshouse-licences.${format}"`,
        'cache-control': 'no-store',
      },
    })
  }
  return app
}

/** The years with published decisions, newest first (two index lookups, cached for a minute). */
function decisionYears(db: Db) {
  let cached: { at: number; years: number[] } | undefined
  return async () => {
    if (cached && Date.now() - cached.at < YEARS_TTL_MS) return cached.years
    const row = await sql<{ first: string | null; last: string | null }>`
      select min(decided_on)::text as first, max(decided_on)::text as last
      from applications where decided_on is not null`.execute(db)
    const { first, last } = row.rows[0] ?? { first: null, last: null }
    const years: number[] = []
    if (first && last)
      for (let y = Number(last.slice(0, 4)); y >= Number(first.slice(0, 4)); y--) years.push(y)
    cached = { at: Date.now(), years }
    return years
  }
}
