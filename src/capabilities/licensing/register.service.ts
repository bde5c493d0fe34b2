import type { Db } from '../../platform/db/database.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import type { Principal } from '../accounts/principal.ts'
import { withTenant } from '../accounts/tenant.ts'
import { isCountryCode } from '../reference-data/countries.ts'
import { findAuthority, insertAuthority, listAuthorities } from './authority.repository.ts'
import { listDenialNotices } from './denial-notices.ts'
import {
  countRegister,
  decodeCursor,
  encodeCursor,
  itemsFor,
  licencesFor,
  type RegisterFilter,
  type RegisterSort,
  selectRegisterPage,
  selectRegisterSlice,
} from './register-query.ts'
import { publicView, summaryView } from './register-views.ts'

type Page = { cursor?: string | undefined; limit: number }

const COUNT_TTL_MS = 10_000
const COUNT_ENTRIES = 1000

export type RegisterService = ReturnType<typeof createRegisterService>

/** Read models of the register: the officers' list, the public register, denial notices. */
export function createRegisterService({ db }: { db: Db }) {
  let authorityNames: Map<string, string> | undefined
  async function authorityName(id: string) {
    authorityNames ??= new Map((await listAuthorities(db)).map((a) => [a.id, a.name]))
    return authorityNames.get(id) ?? id
  }

  /** The internal list, through the row-level policies: each principal sees its tenant's rows. */
  async function listApplications(filter: RegisterFilter, page: Page, principal: Principal) {
    return withTenant(db, principal, async (trx) => {
      const { rows, nextCursor } = await selectRegisterPage(trx, filter, page)
      const items = await itemsFor(
        trx,
        rows.map((r) => r.id),
      )
      return { items: rows.map((row) => summaryView(row, items.get(row.id) ?? [])), nextCursor }
    })
  }

  async function publicViews(rows: Awaited<ReturnType<typeof selectRegisterPage>>['rows']) {
    const ids = rows.map((r) => r.id)
    const [items, licences] = await Promise.all([itemsFor(db, ids), licencesFor(db, ids)])
    const views = []
    for (const row of rows)
      views.push(
        publicView(
          row,
          items.get(row.id) ?? [],
          await authorityName(row.authority_id),
          licences.get(row.id),
        ),
      )
    return views
  }

  async function listPublic(filter: RegisterFilter, page: Page) {
    const { rows, nextCursor } = await selectRegisterPage(
      db,
      { ...filter, state: undefined },
      page,
      { publishedOnly: true },
    )
    return { items: await publicViews(rows), nextCursor }
  }

  // The number of matches of a search, kept a few seconds: counting every published licence is
  // the costliest part of a register page, and paging through one search repeats it.
  const counts = new Map<string, { at: number; total: Promise<number> }>()
  function cachedCount(filter: RegisterFilter): Promise<number> {
    const key = JSON.stringify(filter)
    const now = Date.now()
    const hit = counts.get(key)
    if (hit && now - hit.at < COUNT_TTL_MS) return hit.total
    if (counts.size >= COUNT_ENTRIES) counts.clear()
    const total = countRegister(db, filter)
    counts.set(key, { at: now, total })
    total.catch(() => counts.delete(key))
    return total
  }

  /** A numbered page of the public register in the portal's order, with the number of matches. */
  async function searchPublic(
    filter: RegisterFilter,
    slice: { sort: RegisterSort; offset: number; limit: number },
  ) {
    const published = { ...filter, state: undefined }
    const [rows, counted] = await Promise.all([
      selectRegisterSlice(db, published, slice),
      cachedCount(published),
    ])
    // A short page is the last one: it gives the exact number, whatever the cache said.
    const exact = rows.length < slice.limit && (rows.length > 0 || slice.offset === 0)
    const total = exact ? slice.offset + rows.length : Math.max(counted, slice.offset + rows.length)
    if (total !== counted)
      counts.set(JSON.stringify(published), { at: Date.now(), total: Promise.resolve(total) })
    return { items: await publicViews(rows), total }
  }

  async function getPublic(reference: string) {
    const row = await db
      .selectFrom('applications')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirst()
    if (!row || ['draft', 'submitted', 'under_review'].includes(row.state)) {
      throw new NotFoundError(
        'licence_not_found',
        `No published decision with reference "${reference}"`,
      )
    }
    const [items, licences] = await Promise.all([itemsFor(db, [row.id]), licencesFor(db, [row.id])])
    return publicView(
      row,
      items.get(row.id) ?? [],
      await authorityName(row.authority_id),
      licences.get(row.id),
    )
  }

  /**
   * Art. 23 notices are shared between every authority by design, so this read is not
   * tenant-scoped; the route lets only officials (denials.read) call it.
   */
  async function denialNotices(page: Page & { authority?: string | undefined }) {
    const { rows, more } = await listDenialNotices(db, {
      limit: page.limit,
      ...(page.cursor ? { afterId: decodeCursor(page.cursor) } : {}),
      ...(page.authority ? { authority: page.authority } : {}),
    })
    const last = rows.at(-1)
    return {
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        authorityId: r.authority_id,
        issuingState: r.issuing_state,
        kind: r.kind as 'refusal' | 'revocation' | 'annulment',
        destination: r.destination,
        endUser: { name: r.end_user_name, country: r.end_user_country },
        consignee: { name: r.consignee_name, country: r.consignee_country },
        controlEntries: r.control_entries,
        reasons: r.reason_codes,
        notifiedOn: r.notified_on,
        reviewDue: r.review_due,
        status: r.status,
      })),
      nextCursor: more && last ? encodeCursor(last.id) : null,
    }
  }

  async function addAuthority(input: {
    id: string
    memberState: string
    name: string
    source: string
  }) {
    if (!isCountryCode(input.memberState)) {
      throw new ValidationError(`memberState: unknown country "${input.memberState}"`, [
        { field: 'memberState', message: `unknown country "${input.memberState}"` },
      ])
    }
    if (await findAuthority(db, input.id))
      throw new ConflictError('authority_exists', `Authority "${input.id}" already exists`)
    const authority = await insertAuthority(db, input)
    authorityNames = undefined
    return authority
  }

  /** Headline numbers for the portal: applications per state (a full count, so cached briefly). */
  let counted: { at: number; counts: Record<string, number> } | undefined
  async function countsByState(now = Date.now()) {
    if (counted && now - counted.at < 60_000) return counted.counts
    const rows = await db
      .selectFrom('applications')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute()
    counted = { at: now, counts: Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])) }
    return counted.counts
  }

  return {
    countsByState,
    listApplications,
    listPublic,
    searchPublic,
    getPublic,
    denialNotices,
    listAuthorities: () => listAuthorities(db),
    addAuthority,
  }
}
