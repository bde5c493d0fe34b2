import { sql, type Transaction } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'
import { type Principal, tenantScopeOf } from './principal.ts'

/** The database role whose queries the row-level policies filter (see the accounts migration). */
export const TENANT_ROLE = 'glasshouse_tenant'

/**
 * Runs `work` in a transaction as the tenant role with the principal's scope set, so the
 * database itself keeps other authorities' and organisations' rows out of reach, even from a
 * query that forgets its filter. Settings are transaction-local: a pooled connection keeps none.
 */
export async function withTenant<T>(
  db: Db,
  principal: Principal,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterTenant(trx, principal)
    return work(trx)
  })
}

export async function enterTenant(trx: Transaction<Database>, principal: Principal) {
  const scope = tenantScopeOf(principal)
  const authority = scope.kind === 'authority' ? scope.authorityId : ''
  const organisation = scope.kind === 'organisation' ? scope.organisationId : ''
  await sql`select set_config('glasshouse.scope', ${scope.kind}, true),
      set_config('glasshouse.authority_id', ${authority}, true),
      set_config('glasshouse.organisation_id', ${organisation}, true)`.execute(trx)
  await sql.raw(`set local role ${TENANT_ROLE}`).execute(trx)
}

/**
 * Steps the system takes on a tenant's behalf inside its transaction (screening against every
 * list, matching other authorities' denials, appending to the public log): run as the owner,
 * then back to the tenant role.
 */
export async function asSystem<T>(trx: Transaction<Database>, work: () => Promise<T>): Promise<T> {
  await sql.raw('set local role none').execute(trx)
  // On failure the transaction rolls back, so there is no role to restore.
  const result = await work()
  await sql.raw(`set local role ${TENANT_ROLE}`).execute(trx)
  return result
}
