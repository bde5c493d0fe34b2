import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'

export interface TestServer {
  /** e.g. http://127.0.0.1:43121, no trailing slash */
  readonly url: string
  close(): Promise<void>
}

/** Serves an app (e.g. a Hono app) on 127.0.0.1 on a free port, for a real browser to visit. */
export async function startTestServer(app: {
  fetch: (req: Request) => Response | Promise<Response>
}): Promise<TestServer> {
  let server: ReturnType<typeof serve> | undefined
  const info = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: (req) => app.fetch(req), hostname: '127.0.0.1', port: 0 }, resolve)
    server.once('error', reject)
  })
  const listening = server
  if (!listening) throw new Error('server did not start')
  return {
    url: `http://127.0.0.1:${info.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in listening) listening.closeAllConnections()
        listening.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
