import type { Context, MiddlewareHandler } from 'hono'
import { CONTROL_CHARACTER, codePointName, controlCharacterProblem } from '../text.ts'
import type { FieldIssue } from './errors.ts'

// A JSON body can carry one only as a \u00XX escape (raw control characters are not JSON).
const JSON_ESCAPE = /\\u00[01][0-9a-f]/i

/**
 * Refuses a request that would carry a control character anywhere it could reach the database:
 * the path, a query parameter, a JSON, form or text body. One check for every route, before
 * any handler, so no route has to remember it; the answer names each field (`items.0.name`).
 * Runs after the body limit, so it reads a bounded body; forms and JSON are read through Hono's
 * body cache, so handlers do not parse them twice.
 */
export function refuseControlCharacters(options: {
  refused: (c: Context, issues: FieldIssue[]) => Response | Promise<Response>
}): MiddlewareHandler {
  return async (c, next) => {
    const issues = [...pathAndQueryIssues(c.req.url), ...(await bodyIssues(c))]
    if (issues.length > 0) return options.refused(c, issues.slice(0, 20))
    return next()
  }
}

function pathAndQueryIssues(href: string): FieldIssue[] {
  const url = new URL(href)
  const issues: FieldIssue[] = []
  const path = decodeOrKeep(url.pathname)
  const inPath = controlCharacterProblem(path)
  if (inPath) issues.push({ field: '(path)', message: inPath })
  for (const [name, value] of url.searchParams) {
    const problem = controlCharacterProblem(name) ?? controlCharacterProblem(value)
    if (problem) issues.push({ field: printable(name), message: problem })
  }
  return issues
}

async function bodyIssues(c: Context): Promise<FieldIssue[]> {
  if (!c.req.raw.body) return []
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = await c.req.text()
    if (!JSON_ESCAPE.test(text)) return []
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return [] // malformed JSON is the route's to refuse
    }
    const issues: FieldIssue[] = []
    walk(parsed, [], issues)
    return issues
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    let form: Awaited<ReturnType<typeof c.req.parseBody>>
    try {
      form = await c.req.parseBody({ all: true })
    } catch {
      // A multipart body without its boundary, or cut short: no route can read it either.
      return [{ field: '(body)', message: 'is not a readable form' }]
    }
    const issues: FieldIssue[] = []
    for (const [name, value] of Object.entries(form)) {
      for (const one of Array.isArray(value) ? value : [value]) {
        const problem =
          controlCharacterProblem(name) ??
          (typeof one === 'string' ? controlCharacterProblem(one) : null)
        if (problem) {
          issues.push({ field: printable(name), message: problem })
          break
        }
      }
    }
    return issues
  }
  if (type.startsWith('text/')) {
    const problem = controlCharacterProblem(await c.req.text())
    return problem ? [{ field: '(body)', message: problem }] : []
  }
  return []
}

function walk(value: unknown, path: string[], issues: FieldIssue[]): void {
  if (issues.length >= 20) return
  const field = () => (path.length > 0 ? path.map(printable).join('.') : '(body)')
  if (typeof value === 'string') {
    const problem = controlCharacterProblem(value)
    if (problem) issues.push({ field: field(), message: problem })
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, [...path, String(index)], issues)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const inKey = controlCharacterProblem(key)
      if (inKey) issues.push({ field: [...path, key].map(printable).join('.'), message: inKey })
      else walk(item, [...path, key], issues)
    }
  }
}

/** A field name fit to quote back: control characters shown as U+XXXX, at most 64 characters. */
function printable(name: string): string {
  const shown = name.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), codePointName)
  return shown.length > 64 ? `${shown.slice(0, 64)}…` : shown
}

function decodeOrKeep(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    // A malformed escape elsewhere in the path: decode the escapes that are well-formed.
    return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run
      }
    })
  }
}
