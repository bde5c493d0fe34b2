import type { Db } from '../../platform/db/database.ts'
import type { Principal } from '../accounts/principal.ts'
import { withTenant } from '../accounts/tenant.ts'
import { requireApplicationId } from './application.repository.ts'

/**
 * The id of an application the principal may see, found through the row-level policies;
 * another tenant's application is "not found", as if it did not exist.
 */
export function visibleApplicationId(db: Db, principal: Principal, reference: string) {
  return withTenant(db, principal, (trx) => requireApplicationId(trx, reference))
}
