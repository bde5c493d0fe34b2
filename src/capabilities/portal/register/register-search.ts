import { z } from 'zod'
import type { RegisterFilter, RegisterSort } from '../../licensing/register-query.ts'
import { RegisterFilterSchema } from '../../licensing/register-query.ts'
import { PEGASUS_PROJECT_STATES } from '../../reference-data/briefing-lists.ts'

/** Rows per page of the portal's register, and how deep offset paging may go. */
export const PAGE_SIZES = [25, 50, 100] as const
export const MAX_PAGE = 400

/**
 * The register search as it appears in a shareable URL: the API's filters (minus the internal
 * state), a year of decision, "named by the Pegasus Project", the order and a page number.
 */
const SearchSchema = RegisterFilterSchema.omit({ state: true, authority: true }).extend({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  pegasus: z.literal('yes').optional(),
  sort: z.enum(['newest', 'oldest', 'reference']).default('newest'),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE, `at most ${MAX_PAGE}: narrow the search or download the selection`)
    .default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), 'one of 25, 50, 100')
    .default(50),
})

export type RegisterSearch = {
  /** The query as given, without empty values: what links and downloads carry forward. */
  query: Record<string, string>
  filter: RegisterFilter
  sort: RegisterSort
  page: number
  size: number
  year: number | undefined
  pegasus: boolean
}

export type SearchProblem = { field: string; message: string }

/** Reads the register's query string; on bad input, says which fields are wrong and why. */
export function parseRegisterSearch(
  raw: Record<string, string>,
): { ok: true; search: RegisterSearch } | { ok: false; problems: SearchProblem[] } {
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) {
    const trimmed = value.trim()
    if (trimmed !== '' && key in SearchSchema.shape) query[key] = trimmed
  }
  const parsed = SearchSchema.safeParse(query)
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || 'query',
        message: issue.message,
      })),
    }
  const { year, pegasus, sort, page, size, ...filter } = parsed.data
  if (year !== undefined) {
    filter.decidedFrom = `${year}-01-01`
    filter.decidedTo = `${year}-12-31`
  }
  return {
    ok: true,
    search: {
      query,
      filter: pegasus ? { ...filter, destinationIn: PEGASUS_PROJECT_STATES } : filter,
      sort,
      page,
      size,
      year,
      pegasus: pegasus === 'yes',
    },
  }
}

/** The same search with some parameters changed (undefined removes one): for links. */
export function searchHref(
  search: { query: Record<string, string> },
  changes: Record<string, string | undefined>,
  path = '/register',
): string {
  const params = new URLSearchParams(search.query)
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) params.delete(key)
    else params.set(key, value)
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}
