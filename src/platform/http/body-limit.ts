import type { Context, MiddlewareHandler } from 'hono'

export type BodyLimitOptions = {
  /** The most bytes a request's body may have, by request (API and pages differ). */
  maxBytes: (c: Context) => number
  /** The answer to a body over the limit (413). */
  tooLarge: (c: Context, maxBytes: number) => Response | Promise<Response>
}

/**
 * Refuses a request body over the limit without reading more of it than the limit. A declared
 * `content-length` over the limit is refused before a byte is read; otherwise the body is counted
 * as it arrives, whatever the header says (it may be missing, with chunked encoding, or lie), and
 * kept in memory only up to the limit. hono/body-limit trusts the header when there is one.
 *
 * The rest of a refused body is not read: @hono/node-server drains or closes the connection
 * after the answer is sent.
 */
export function limitBodies(options: BodyLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body
    if (!body) return next()
    const max = options.maxBytes(c)
    const declared = c.req.header('content-length')
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > max)
      return options.tooLarge(c, max)
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > max) {
        reader.releaseLock()
        return options.tooLarge(c, max)
      }
      chunks.push(value)
    }
    const whole = new Uint8Array(size)
    let at = 0
    for (const chunk of chunks) {
      whole.set(chunk, at)
      at += chunk.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body: whole })
    return next()
  }
}

/** 262144 → "256 KiB", 2097152 → "2 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}
