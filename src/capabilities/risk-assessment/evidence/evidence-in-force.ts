import type { Db } from '../../../platform/db/database.ts'
import {
  type CountryEvidenceSource,
  createCountryEvidenceSource,
} from './country-evidence-source.ts'
import { loadEvidenceTables } from './import-evidence.ts'

/**
 * The destination evidence in force, rebuilt only when a newer evidence set was imported: the
 * assessment asks for it on every submission, and building it joins every table.
 */
export function createEvidenceInForce() {
  let cached: { key: string; source: CountryEvidenceSource } | null = null
  return async function load(db: Db): Promise<CountryEvidenceSource> {
    const newest = await db
      .selectFrom('evidence_sets')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst()
    const key = String(newest?.id ?? 'authored')
    if (cached?.key === key) return cached.source
    cached = { key, source: createCountryEvidenceSource(await loadEvidenceTables(db)) }
    return cached.source
  }
}
