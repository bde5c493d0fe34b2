import fc from 'fast-check'
import {
  hostileBodyText,
  hostileHeaderValue,
  hostileString,
  pathSegment,
  percentEncoded,
} from './junk.ts'
import type { FuzzRequest, Known } from './openapi-cases.ts'

/** Every POST form of the server-rendered pages, with its path parameters. */
export const FORM_ROUTES = [
  '/login',
  '/logout',
  '/setup',
  '/activate',
  '/workspace/applications',
  '/workspace/applications/{reference}/edit',
  '/workspace/applications/{reference}/prescreen',
  '/workspace/applications/{reference}/act',
  '/workspace/applications/{reference}/information-requests/{id}/answer',
  '/workspace/cases/{reference}/act',
  '/workspace/cases/{reference}/confirm',
  '/workspace/cases/{reference}/information-requests',
  '/workspace/investigations/{id}/proposals/{reference}',
] as const

/** Field names and values the pages offer, scraped from their HTML (see workspace-forms.test.ts). */
export type FormVocabulary = { names: string[]; values: string[] }

export function vocabularyOf(pages: string[]): FormVocabulary {
  const names = new Set<string>()
  const values = new Set<string>()
  for (const html of pages) {
    for (const m of html.matchAll(/name="([^"]+)"/g)) if (m[1] !== '_csrf') names.add(m[1] ?? '')
    for (const m of html.matchAll(/value="([^"]{0,80})"/g)) values.add(m[1] ?? '')
  }
  return { names: [...names], values: [...values] }
}

export type CsrfChoice = 'valid' | 'missing' | 'junk'

/** A form post: fields the page has and some it has not, valid or hostile values, any CSRF. */
export function formRequestFor(
  route: string,
  known: Known,
  vocabulary: FormVocabulary,
): fc.Arbitrary<{ request: FuzzRequest; csrf: CsrfChoice; csrfJunk: string }> {
  const name = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...vocabulary.names) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  )
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...vocabulary.values) },
    { weight: 3, arbitrary: hostileString },
  )
  const fields = fc.array(fc.tuple(name, value), { maxLength: 12 })
  const body = fc.oneof(
    { weight: 6, arbitrary: fields.map((f) => ({ type: 'form' as const, fields: f })) },
    { weight: 1, arbitrary: hostileBodyText.map((text) => ({ type: 'raw' as const, text })) },
  )
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'multipart/form-data; boundary=x',
        'multipart/form-data',
        'application/json',
        'text/plain',
        '',
      ),
    },
    { weight: 1, arbitrary: hostileHeaderValue },
  )
  const segments = fc.record({
    reference: pathSegment(known.references),
    id: pathSegment(known.ids),
  })
  const origin = fc.oneof(
    { weight: 8, arbitrary: fc.constant('http://localhost') },
    { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null', '') },
  )
  return fc
    .record({
      segments,
      body,
      contentType,
      origin,
      csrf: fc.constantFrom<CsrfChoice>('valid', 'valid', 'missing', 'junk'),
      csrfJunk: hostileString.map((s) => s.slice(0, 200)),
    })
    .map((c) => {
      const path = route.replace('{reference}', c.segments.reference).replace('{id}', c.segments.id)
      const headers: Record<string, string> = { origin: c.origin }
      if (c.contentType) headers['content-type'] = c.contentType
      const text =
        c.body.type === 'raw' ? c.body.text : new URLSearchParams(c.body.fields).toString()
      return {
        request: { method: 'POST', path, headers, body: text },
        csrf: c.csrf,
        csrfJunk: c.csrfJunk,
      }
    })
}

/** Puts the CSRF token (the session's, junk, or none) at the front of a urlencoded body. */
export function withCsrf(request: FuzzRequest, token: string | undefined): FuzzRequest {
  if (token === undefined) return request
  const field = `_csrf=${percentEncoded(token)}`
  return { ...request, body: request.body ? `${field}&${request.body}` : field }
}
