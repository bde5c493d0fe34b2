import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import {
  hostileBodyText,
  hostileHeaderValue,
  hostileJson,
  hostileNumber,
  hostileString,
  pathSegment,
} from './junk.ts'

/** One operation of the committed openapi.json: what the fuzzer may vary. */
export type Operation = {
  id: string
  method: string
  path: string
  pathParams: string[]
  query: { name: string; schema: Schema }[]
  body: { contentType: string; schema: Schema } | null
}
type Schema = Record<string, unknown>

type Spec = {
  paths: Record<string, Record<string, OperationObject>>
  components: { schemas: Record<string, Schema> }
}
type OperationObject = {
  operationId: string
  parameters?: { name: string; in: string; schema?: Schema }[]
  requestBody?: { content: Record<string, { schema: Schema }> }
}

const ROOT = join(import.meta.dirname, '..', '..')

export function readSpec(): Spec {
  return JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8')) as Spec
}

/** Every path and method of openapi.json, with its parameters and request body. */
export function operationsOf(spec: Spec): Operation[] {
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? []
      const content = Object.entries(op.requestBody?.content ?? {})[0]
      operations.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: content ? { contentType: content[0], schema: content[1].schema } : null,
      })
    }
  return operations
}

/**
 * Values shaped like the schema (so the request gets past the first check and into the
 * service), each leaf now and then swapped for junk, keys dropped or added.
 */
export function fromSchema(spec: Spec, schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const junk = depth > 4 ? fc.constant(null) : hostileJson(3)
  const ref = schema.$ref
  if (typeof ref === 'string') {
    const target = spec.components.schemas[ref.replace('#/components/schemas/', '')]
    return target ? fromSchema(spec, target, depth) : junk
  }
  if (depth > 6) return junk
  const shaped = shapedBy(spec, schema, depth)
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: junk })
}

function shapedBy(spec: Spec, schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const alternatives = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as Schema[] | undefined
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((s) => fromSchema(spec, s, depth + 1)))
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return fc.constantFrom(...(schema.enum as unknown[]))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, s] of Object.entries(properties))
        record[name] = fromSchema(spec, s, depth + 1)
      const extra = fc.dictionary(fc.string({ maxLength: 8 }), hostileJson(2), { maxKeys: 2 })
      return fc
        .tuple(fc.record(record, { requiredKeys: [] }), fc.option(extra, { freq: 4 }))
        .map(([value, more]) => ({ ...value, ...(more ?? {}) }))
    }
    case 'array':
      return fc.array(fromSchema(spec, (schema.items ?? {}) as Schema, depth + 1), {
        maxLength: 3,
      })
    case 'integer':
      return fc.oneof(fc.integer({ min: 0, max: 20 }), hostileNumber)
    case 'number':
      return fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), hostileNumber)
    case 'boolean':
      return fc.boolean()
    case 'string':
      return typeof schema.example === 'string'
        ? fc.oneof(fc.constant(schema.example), hostileString)
        : hostileString
    default:
      return hostileJson(2)
  }
}

/** One request for an operation: path, query, headers and body as fetch takes them. */
export type FuzzRequest = {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
}

/** What is known in the database under test: real references and ids for path parameters. */
export type Known = { references: string[]; ids: string[] }

export function requestFor(spec: Spec, op: Operation, known: Known): fc.Arbitrary<FuzzRequest> {
  const segments: Record<string, fc.Arbitrary<string>> = {}
  for (const name of op.pathParams)
    segments[name] = pathSegment(name === 'reference' ? known.references : known.ids)
  const query = fc.record(
    Object.fromEntries(
      op.query.map((q) => [
        q.name,
        fc.oneof(
          fromSchema(spec, q.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
          hostileString,
        ),
      ]),
    ),
    { requiredKeys: [] },
  )
  const extraQuery = fc.array(fc.tuple(fc.string({ maxLength: 8 }), hostileString), {
    maxLength: 2,
  })
  const body = op.body
    ? fc.oneof(
        { weight: 4, arbitrary: fromSchema(spec, op.body.schema).map((v) => JSON.stringify(v)) },
        { weight: 2, arbitrary: hostileJson().map((v) => JSON.stringify(v)) },
        { weight: 2, arbitrary: hostileBodyText },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.option(hostileBodyText.map(String), { freq: 4, nil: undefined })
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant(op.body?.contentType ?? 'application/json') },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
        '*/*',
        '',
      ),
    },
    { weight: 1, arbitrary: hostileHeaderValue },
  )
  const headers = fc.record(
    {
      'content-type': contentType,
      accept: fc.oneof(fc.constantFrom('application/json', 'text/html', '*/*'), hostileHeaderValue),
      cookie: hostileHeaderValue.map((v) => `glasshouse_session=${v}`),
      'x-forwarded-for': hostileHeaderValue,
      'if-none-match': hostileHeaderValue,
      'content-length': fc.constantFrom('0', '-1', '10', '99999999999999999999', 'abc'),
    },
    { requiredKeys: [] },
  )
  return fc.record({ segments: fc.record(segments), query, extraQuery, body, headers }).map((c) => {
    let path = op.path
    for (const [name, value] of Object.entries(c.segments)) path = path.replace(`{${name}}`, value)
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(c.query)) params.append(k, String(v))
    for (const [k, v] of c.extraQuery) params.append(k, v)
    const search = params.toString()
    const request: FuzzRequest = {
      method: op.method,
      path: search ? `${path}?${search}` : path,
      headers: c.headers,
    }
    if (c.body !== undefined && op.method !== 'GET') request.body = c.body
    return request
  })
}
