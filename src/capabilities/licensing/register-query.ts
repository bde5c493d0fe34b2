import { z } from '@hono/zod-openapi'
import { type ExpressionBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import { ValidationError } from '../../platform/http/errors.ts'
import {
  normaliseControlEntry,
  TechnologyCategorySchema,
} from '../reference-data/control-entries.ts'
import { GeaCodeSchema } from '../reference-data/general-authorisations.ts'
import { isoDate, LicenceTypeSchema } from './fields.ts'
import { type ApplicationState, ApplicationStateSchema, PublicDecisionSchema } from './lifecycle.ts'
import { normaliseName } from './party-key.ts'

/** Filters shared by the officers' list, the public register and the exports. */
export const RegisterFilterSchema = z.object({
  state: ApplicationStateSchema.optional(),
  authority: z.string().max(40).optional(),
  issuingState: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2')
    .optional(),
  destination: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2')
    .optional(),
  controlEntry: z
    .string()
    .max(60)
    .optional()
    .openapi({ description: 'the entry and everything under it' }),
  technology: TechnologyCategorySchema.optional(),
  licenceType: LicenceTypeSchema.optional().openapi({ description: 'the type of authorisation' }),
  gea: GeaCodeSchema.optional().openapi({
    description: 'the Union general export authorisation used (EU001–EU008)',
  }),
  exporter: z
    .string()
    .max(300)
    .optional()
    .openapi({ description: 'exporter name or its beginning' }),
  decision: PublicDecisionSchema.optional(),
  submittedFrom: isoDate().optional(),
  submittedTo: isoDate().optional(),
  decidedFrom: isoDate().optional(),
  decidedTo: isoDate().optional(),
})
/** The parsed filter, plus a set of destinations (the portal's "named by the Pegasus Project"). */
export type RegisterFilter = z.output<typeof RegisterFilterSchema> & {
  destinationIn?: readonly string[] | undefined
}

export const PageQuerySchema = z.object({
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

type Scope = { publishedOnly?: boolean }

/** The states the public never sees: drafts and applications not yet decided. */
export const UNPUBLISHED_STATES: ApplicationState[] = ['draft', 'submitted', 'under_review']

/** Keyset pagination, newest first: a cursor is the opaque id of the last row seen. */
export async function selectRegisterPage(
  db: Db,
  filter: RegisterFilter,
  page: { cursor?: string | undefined; limit: number },
  scope: Scope = {},
) {
  let query = filteredApplications(db, filter, scope)
    .selectAll('a')
    .orderBy('a.id', 'desc')
    .limit(page.limit + 1)
  if (page.cursor) query = query.where('a.id', '<', decodeCursor(page.cursor))
  const rows = await query.execute()
  const more = rows.length > page.limit
  const pageRows = more ? rows.slice(0, page.limit) : rows
  const last = pageRows.at(-1)
  return { rows: pageRows, nextCursor: more && last ? encodeCursor(last.id) : null }
}

/** The portal's orders: by decision date either way (ties by id), or by reference. */
export type RegisterSort = 'newest' | 'oldest' | 'reference'

/**
 * One numbered page of the published register in a chosen order: what a person browsing needs.
 * Offset paging, so callers bound the offset.
 */
export function selectRegisterSlice(
  db: Db,
  filter: RegisterFilter,
  slice: { sort: RegisterSort; offset: number; limit: number },
) {
  let query = filteredApplications(db, filter, { publishedOnly: true }).selectAll('a')
  if (slice.sort === 'reference') query = query.orderBy('a.reference', 'asc')
  else {
    const direction = slice.sort === 'newest' ? 'desc' : 'asc'
    query = query.orderBy('a.decided_on', direction).orderBy('a.id', direction)
  }
  return query.offset(slice.offset).limit(slice.limit).execute()
}

/** How many published licences match ("51–100 of 4,213"). */
export async function countRegister(db: Db, filter: RegisterFilter): Promise<number> {
  const row = await filteredApplications(db, filter, { publishedOnly: true })
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function filteredApplications(db: Db, filter: RegisterFilter, scope: Scope = {}) {
  let query = db.selectFrom('applications as a')
  if (scope.publishedOnly) query = query.where('a.state', 'not in', UNPUBLISHED_STATES)
  if (filter.state) query = query.where('a.state', '=', filter.state)
  if (filter.authority) query = query.where('a.authority_id', '=', filter.authority)
  if (filter.issuingState) query = query.where('a.issuing_state', '=', filter.issuingState)
  if (filter.destination) query = query.where('a.destination', '=', filter.destination)
  if (filter.destinationIn) query = query.where('a.destination', 'in', [...filter.destinationIn])
  if (filter.licenceType) query = query.where('a.licence_type', '=', filter.licenceType)
  if (filter.gea) query = query.where('a.gea', '=', filter.gea)
  if (filter.decision === 'pending')
    query = query.where('a.state', 'in', ['submitted', 'under_review'])
  else if (filter.decision) query = query.where('a.state', '=', filter.decision)
  if (filter.submittedFrom) query = query.where('a.submitted_on', '>=', filter.submittedFrom)
  if (filter.submittedTo) query = query.where('a.submitted_on', '<=', filter.submittedTo)
  if (filter.decidedFrom) query = query.where('a.decided_on', '>=', filter.decidedFrom)
  if (filter.decidedTo) query = query.where('a.decided_on', '<=', filter.decidedTo)
  if (filter.exporter) {
    const name = normaliseName(filter.exporter).replace(/[\\%_]/g, (c) => `\\${c}`)
    query = query.where('a.exporter_key', 'like', `${name}%`)
  }
  const entry = filter.controlEntry ? normaliseControlEntry(filter.controlEntry) : undefined
  if (entry) {
    query = query.where((eb) =>
      eb.exists(
        itemsOf(eb).where((w) =>
          w.or([
            w('i.control_entry', '=', entry),
            w('i.control_entry', 'like', `${entry.replace(/[\\%_]/g, '\\$&')}.%`),
          ]),
        ),
      ),
    )
  }
  const technology = filter.technology
  if (technology)
    query = query.where((eb) => eb.exists(itemsOf(eb).where('i.technology', '=', technology)))
  return query
}

function itemsOf(eb: ExpressionBuilder<Database & { a: Database['applications'] }, 'a'>) {
  return eb
    .selectFrom('application_items as i')
    .select(sql<number>`1`.as('one'))
    .whereRef('i.application_id', '=', 'a.id')
}

export async function itemsFor(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, Database['application_items'][]>()
  const rows = await db
    .selectFrom('application_items')
    .selectAll()
    .where('application_id', 'in', ids)
    .orderBy('line_no')
    .execute()
  const byApplication = new Map<number, typeof rows>()
  for (const row of rows) {
    const list = byApplication.get(row.application_id) ?? []
    list.push(row)
    byApplication.set(row.application_id, list)
  }
  return byApplication
}

export async function licencesFor(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, { number: string; valid_until: string | null }>()
  const rows = await db
    .selectFrom('licences')
    .select(['application_id', 'number', 'valid_until'])
    .where('application_id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.application_id, row]))
}

export function encodeCursor(id: number): string {
  return Buffer.from(`a${id}`).toString('base64url')
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString()
  const id = /^a(\d{1,15})$/.exec(text)?.[1]
  if (!id)
    throw new ValidationError('cursor: not a cursor this API issued', [
      { field: 'cursor', message: 'not a cursor this API issued' },
    ])
  return Number(id)
}
