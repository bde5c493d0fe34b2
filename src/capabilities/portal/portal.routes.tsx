import { Hono } from 'hono'
import type { Db } from '../../platform/db/database.ts'
import type { Logger } from '../../platform/logger.ts'
import type { DecisionLog } from '../decision-log/decision-log.ts'
import { latestCheckpoint } from '../decision-log/log-store.ts'
import { toBase64 } from '../decision-log/tlog/index.ts'
import type { RegisterService } from '../licensing/register.service.ts'
import type { ListStatus } from '../watchlists/watchlist.repository.ts'
import { DecisionLogPage } from './about/decision-log.page.tsx'
import { OpenDataPage } from './about/open-data.page.tsx'
import { RecommendationsPage } from './about/recommendations.page.tsx'
import { HomePage } from './home/home.page.tsx'
import { homeFigures } from './home/home.query.ts'
import { PORTAL_CSS } from './portal.css.ts'
import { createRegisterPages } from './register/register.routes.tsx'
import { WatchlistsPage } from './watchlists.page.tsx'

export type PortalDeps = {
  db: Db
  register: RegisterService
  decisionLog?: DecisionLog | undefined
  logger: Logger
  watchlists: { status: () => Promise<ListStatus[]> }
  now: () => Date
}

const RECENT_CHECKPOINTS = 10

/**
 * The public portal's own pages: home, the register, the decision log, open data, the
 * recommendations, the screening lists. Server-rendered; no script.
 */
export function createPortalRoutes(deps: PortalDeps) {
  const app = new Hono()
  const figures = homeFigures(deps.db)

  app.get('/static/portal.css', (c) =>
    c.body(PORTAL_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  )

  app.get('/', async (c) => {
    const [counts, homeData, latest, checkpoint] = await Promise.all([
      deps.register.countsByState(),
      figures(),
      deps.register.searchPublic({}, { sort: 'newest', offset: 0, limit: 10 }),
      deps.decisionLog ? latestCheckpoint(deps.db) : Promise.resolve(undefined),
    ])
    return c.html(
      <HomePage
        counts={counts}
        figures={homeData}
        latest={latest.items}
        year={deps.now().getUTCFullYear()}
        checkpoint={
          deps.decisionLog
            ? checkpoint
              ? {
                  size: checkpoint.size,
                  rootHash: toBase64(checkpoint.rootHash),
                  signedAt: checkpoint.signedAt.toISOString(),
                  origin: deps.decisionLog.origin,
                }
              : null
            : undefined
        }
      />,
    )
  })

  app.route('/', createRegisterPages(deps))

  app.get('/decision-log', async (c) => {
    const rows = deps.decisionLog
      ? await deps.db
          .selectFrom('log_checkpoints')
          .select(['size', 'root_hash', 'signed_at', 'note'])
          .orderBy('size', 'desc')
          .limit(RECENT_CHECKPOINTS)
          .execute()
      : []
    return c.html(
      <DecisionLogPage
        log={deps.decisionLog}
        latestNote={rows[0]?.note}
        checkpoints={rows.map((r) => ({
          size: Number(r.size),
          rootHash: toBase64(r.root_hash),
          signedAt: new Date(r.signed_at).toISOString(),
        }))}
      />,
    )
  })

  app.get('/open-data', (c) => c.html(<OpenDataPage />))
  app.get('/recommendations', (c) => c.html(<RecommendationsPage />))
  app.get('/watchlists', async (c) =>
    c.html(<WatchlistsPage lists={await deps.watchlists.status()} />),
  )
  return app
}
