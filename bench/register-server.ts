// The app under load, in its own process (as deployed), so the load generator does not share its
// event loop. Started by register-bench.ts with IPC; reports its port, stops when the parent goes.
import { serve } from '@hono/node-server'
import { createApp } from '../src/app.ts'
import { systemClock } from '../src/platform/clock.ts'
import { openPostgres } from '../src/platform/db/database.ts'
import type { Logger } from '../src/platform/logger.ts'
import { benchDecisionLog } from './bench-log.ts'

export type ServerMessage = { port: number } | { errors: number } | { idle: true }

const url = process.env.BENCH_SERVER_DATABASE_URL
if (!url || !process.send) throw new Error('start this through bench/run.ts')

// Silent, except for the first few errors, so a failing endpoint shows why without flooding.
let errors = 0
const quiet = () => {}
const logger: Logger = {
  debug: quiet,
  info: quiet,
  warn: quiet,
  error: (msg, fields) => {
    errors += 1
    if (errors <= 5) console.error(`server error: ${msg} ${JSON.stringify(fields ?? {})}`)
  },
}

const { db, close } = await openPostgres(url, 20)
const app = createApp({
  db,
  clock: systemClock,
  logger,
  // The key the parent seeded the register's log with (a fresh one when started by hand).
  decisionLog: benchDecisionLog(process.env.BENCH_SERVER_LOG_SKEY || undefined),
  publicCacheSeconds: Number(process.env.BENCH_SERVER_PUBLIC_CACHE_SECONDS ?? 0),
})
// Counts requests in progress, so a shutdown can wait for those the load generator left queued.
let inFlight = 0
const fetch: typeof app.fetch = async (request, env, context) => {
  inFlight += 1
  try {
    return await app.fetch(request, env, context)
  } finally {
    inFlight -= 1
  }
}
const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.send?.({ port: info.port } satisfies ServerMessage)
})
process.on('message', async (message) => {
  if (message === 'errors') process.send?.({ errors } satisfies ServerMessage)
  if (message === 'idle') {
    await idle()
    process.send?.({ idle: true } satisfies ServerMessage)
  }
})

/** Waits (at most 10 s) until no request is in progress. */
async function idle() {
  for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 20)
    await new Promise((resolve) => setTimeout(resolve, 20))
}

let stopping = false
async function shutdown() {
  if (stopping) return
  stopping = true
  server.close()
  await idle() // requests the load generator left queued must not meet a closed pool
  await close()
  process.exit(0)
}
process.once('SIGTERM', shutdown)
process.once('disconnect', shutdown)
