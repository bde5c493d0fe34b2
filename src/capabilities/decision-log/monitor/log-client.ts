// The monitor's only way to the log: plain HTTP GETs (and one POST for a witness) under the
// instance's base URL, each with a timeout, failing with a message that names the URL and what
// went wrong. It remembers what it fetched so a run can say (and a test can check) how little
// it had to download.

export class LogFetchError extends Error {
  readonly url: string
  readonly status: number | undefined
  constructor(url: string, message: string, status?: number) {
    super(message)
    this.url = url
    this.status = status
  }
}

export interface LogClient {
  readonly baseUrl: string
  /** Paths fetched so far, relative to the base URL, in the order asked. */
  readonly fetched: string[]
  getText(path: string): Promise<string>
  getBytes(path: string): Promise<Uint8Array>
  getJson(path: string): Promise<unknown>
  /** POSTs text/plain; resolves to any answer the server gave (the caller judges the status). */
  postText(path: string, body: string): Promise<{ status: number; body: unknown }>
}

export interface LogClientOptions {
  baseUrl: string
  /** Per request, headers and body included. */
  timeoutMs?: number
  fetch?: typeof globalThis.fetch
}

export function createLogClient({
  baseUrl,
  timeoutMs = 30_000,
  fetch = globalThis.fetch,
}: LogClientOptions): LogClient {
  // A base like https://host/glasshouse must keep its path: resolve against it with a final /.
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  const fetched: string[] = []

  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(path, base).toString()
    fetched.push(path)
    try {
      return await fetch(url, {
        ...init,
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      throw new LogFetchError(url, `could not fetch ${url}: ${reasonOf(error, timeoutMs)}`)
    }
  }
  const ok = async (path: string, accept: string): Promise<Response> => {
    const response = await request(path, { headers: { accept } })
    if (response.ok) return response
    const url = response.url || new URL(path, base).toString()
    const detail = await problemDetail(response)
    throw new LogFetchError(
      url,
      `${url} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`,
      response.status,
    )
  }
  const read = async <T>(path: string, body: (r: Response) => Promise<T>, accept: string) => {
    const response = await ok(path, accept)
    try {
      return await body(response)
    } catch (error) {
      throw new LogFetchError(
        response.url,
        `could not read ${response.url}: ${reasonOf(error, timeoutMs)}`,
      )
    }
  }

  return {
    baseUrl: base,
    fetched,
    getText: (path) => read(path, (r) => r.text(), 'text/plain'),
    getBytes: (path) =>
      read(path, async (r) => new Uint8Array(await r.arrayBuffer()), 'application/octet-stream'),
    getJson: (path) => read(path, (r) => r.json(), 'application/json'),
    async postText(path, body) {
      const response = await request(path, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8', accept: 'application/json' },
        body,
      })
      const text = await response.text()
      let parsed: unknown = text
      try {
        parsed = JSON.parse(text)
      } catch {
        // Not JSON: keep the text, which is still worth showing.
      }
      return { status: response.status, body: parsed }
    },
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs / 1000} s`
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined
  const message = error instanceof Error ? error.message : String(error)
  return cause?.code ? `${message} (${cause.code})` : message
}

/** The `detail` (or `title`) of an RFC 9457 problem body, else a short piece of the text. */
async function problemDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { detail?: unknown; title?: unknown }
    if (typeof body.detail === 'string') return body.detail
    if (typeof body.title === 'string') return body.title
  } catch {
    // Plain text, e.g. the tile routes' "no such tile yet".
  }
  return text.trim().slice(0, 200)
}
