import type { z } from '@hono/zod-openapi'
import { ProblemSchema } from './problem.ts'

/** Shared OpenAPI response entries for routes. */
export const problem = (description: string) => ({
  content: { 'application/problem+json': { schema: ProblemSchema } },
  description,
})

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

export const jsonBody = <T extends z.ZodType>(schema: T, required = true) => ({
  body: { content: { 'application/json': { schema } }, required },
})

export const COMMON_ERRORS = {
  400: problem('Invalid input; `issues` names each field'),
  401: problem('Not signed in, or a missing or wrong bearer token'),
  403: problem('Your role, your token or your tenant does not allow this'),
}
