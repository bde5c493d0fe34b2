import { sql } from 'kysely'
import type { Db } from '../../../platform/db/database.ts'
import { OUTCOMES, type Outcome } from '../../reporting/annual-report.ts'

export type HomeFigures = {
  byYear: { label: string; decisions: Record<Outcome, number> }[]
  grantedByDestination: { destination: string; licences: number }[]
}

const TTL_MS = 60_000

/**
 * The home page's charts: decisions per year by outcome and licences granted per destination,
 * each one GROUP BY over the published register, kept for a minute (the home page is the most
 * visited page and its figures move only when an authority decides).
 */
export function homeFigures(db: Db): () => Promise<HomeFigures> {
  let cached: { at: number; figures: Promise<HomeFigures> } | undefined
  return () => {
    if (cached && Date.now() - cached.at < TTL_MS) return cached.figures
    const figures = load(db)
    cached = { at: Date.now(), figures }
    figures.catch(() => {
      cached = undefined
    })
    return figures
  }
}

async function load(db: Db): Promise<HomeFigures> {
  const outcomes = sql.join(OUTCOMES.map((o) => sql`${o}`))
  const [years, destinations] = await Promise.all([
    sql<{ year: number; state: Outcome; n: string }>`
      select extract(year from decided_on)::int as year, state, count(*) as n
      from applications
      where decided_on is not null and state in (${outcomes})
      group by 1, 2 order by 1`.execute(db),
    sql<{ destination: string; n: string }>`
      select destination, count(*) as n from applications where state = 'granted'
      group by destination`.execute(db),
  ])
  const byYear = new Map<number, Record<Outcome, number>>()
  for (const row of years.rows) {
    const counts =
      byYear.get(row.year) ??
      (Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>)
    counts[row.state] = Number(row.n)
    byYear.set(row.year, counts)
  }
  return {
    byYear: [...byYear].map(([year, decisions]) => ({ label: String(year), decisions })),
    grantedByDestination: destinations.rows.map((r) => ({
      destination: r.destination,
      licences: Number(r.n),
    })),
  }
}
