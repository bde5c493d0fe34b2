import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { constraintName, databaseErrorKind, isDatabaseUnavailable } from '../db/errors.ts'
import type { Logger } from '../logger.ts'
import { AppError, type FieldIssue, ValidationError } from './errors.ts'

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    issues: z
      .array(
        z.object({ field: z.string(), message: z.string(), line: z.number().int().optional() }),
      )
      .optional(),
    requestId: z.string().optional(),
  })
  .openapi('Problem')

export type Problem = z.infer<typeof ProblemSchema>

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export function problemResponse(
  c: Context,
  status: number,
  code: string,
  detail: string,
  issues?: FieldIssue[],
) {
  const body: Problem = {
    type: `https://glasshouse.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(issues && issues.length > 0 ? { issues } : {}),
  }
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  })
}

/** Turns zod issues into field paths a client can act on: `items.0.value`. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String)
    // An unknown key is the client's mistake in that key: name it, not the object around it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key].join('.'),
        message: 'unknown field',
      }))
    }
    return [{ field: path.length > 0 ? path.join('.') : '(body)', message: issue.message }]
  })
}

export function validationProblem(c: Context, error: z.ZodError) {
  const issues = fieldIssues(error)
  const detail = issues.map((i) => `${i.field}: ${i.message}`).join('; ')
  return problemResponse(c, 400, 'validation_failed', detail, issues)
}

export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof AppError) {
      return problemResponse(c, error.status, error.code, error.message, error.issues)
    }
    if (error instanceof z.ZodError) return validationProblem(c, error)
    // Hono raises HTTPException for malformed JSON bodies and body-limit breaches.
    if ('getResponse' in error && 'status' in error && typeof error.status === 'number') {
      const status = error.status
      const code =
        status === 413 ? 'body_too_large' : status === 400 ? 'malformed_body' : 'http_error'
      return problemResponse(c, status, code, error.message || TITLES[status] || 'Error')
    }
    if (databaseErrorKind(error) === 'disk_full') {
      logger.error('database disk full', { path: c.req.path })
      return problemResponse(
        c,
        503,
        'database_disk_full',
        'The register’s database has no disk space left, so nothing was written; the operator has been alerted in the log',
      )
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn('database unavailable', { path: c.req.path, error: error.message })
      c.header('retry-after', '5')
      return problemResponse(
        c,
        503,
        'database_unavailable',
        'The register’s database cannot be reached just now; try again in a few seconds',
      )
    }
    const kind = databaseErrorKind(error)
    if (kind === 'unique_violation') {
      return problemResponse(
        c,
        409,
        'already_exists',
        `A record with this key already exists (${constraintName(error) ?? 'unique'})`,
      )
    }
    if (kind === 'insufficient_privilege') {
      return problemResponse(c, 403, 'forbidden', 'The database refused this for your account')
    }
    if (kind === 'foreign_key_violation') {
      return problemResponse(
        c,
        400,
        'unknown_reference',
        'The request refers to a record that does not exist',
      )
    }
    const requestId = crypto.randomUUID()
    logger.error('unhandled error', {
      requestId,
      path: c.req.path,
      error: error.message,
      stack: error.stack,
    })
    const body: Problem = {
      type: 'https://glasshouse.example/problems/internal_error',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal_error',
      detail: 'Something went wrong on our side; quote the request id when reporting it',
      requestId,
    }
    return c.body(JSON.stringify(body), 500, { 'content-type': 'application/problem+json' })
  }
}

export { ValidationError }
