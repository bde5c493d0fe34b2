import { sql } from 'kysely'
import type { Db } from '../../../platform/db/database.ts'
import type { CountryEvidence } from '../../risk-assessment/evidence/country-evidence.ts'
import { COUNTRY_INDICATORS } from '../../risk-assessment/evidence/data/country-indicators.data.ts'
import { createEvidenceInForce } from '../../risk-assessment/evidence/evidence-in-force.ts'
import type { EvidenceFile } from '../../risk-assessment/evidence/evidence-set.repository.ts'
import type { IndicatorTable } from '../../risk-assessment/evidence/evidence-tables.ts'

/** One imported evidence set, without its data: what the page cites as provenance. */
export type ImportedSet = { id: number; kind: string; importedOn: string; files: EvidenceFile[] }

export type EvidenceForPage =
  | {
      ok: true
      evidence: CountryEvidence
      /** One attribution line per indicator publisher, of the table in force. */
      attribution: IndicatorTable['attribution']
      imported: ImportedSet[]
    }
  | { ok: false; reason: string }

/**
 * The destination evidence the risk assessment reads (the newest imported set of each kind, or
 * the authored tables shipped with Glasshouse where none was imported), for one country. A set
 * that cannot be read makes the page say so instead of failing: the licences still matter.
 */
export function createCountryEvidenceReader() {
  const load = createEvidenceInForce()
  return async function read(db: Db, alpha2: string): Promise<EvidenceForPage> {
    try {
      const [source, imported] = await Promise.all([load(db), importedSets(db)])
      const indicators = imported.find((set) => set.kind === 'indicators')
      const attribution = indicators
        ? await attributionOf(db, indicators.id)
        : COUNTRY_INDICATORS.attribution
      return { ok: true, evidence: source.forCountry(alpha2), attribution, imported }
    } catch {
      return { ok: false, reason: 'The evidence set in force could not be read.' }
    }
  }
}

/** The newest set of each kind, without its (large) data column. */
async function importedSets(db: Db): Promise<ImportedSet[]> {
  const rows = await db
    .selectFrom('evidence_sets')
    .select(['id', 'kind', 'imported_at', 'files'])
    .distinctOn('kind')
    .orderBy('kind')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    importedOn: new Date(row.imported_at).toISOString().slice(0, 10),
    files: row.files,
  }))
}

/**
 * The per-publisher attribution of an imported indicator set: CountryEvidence joins them into
 * one line, and the page cites each figure with its own publisher. Only that key is read.
 */
async function attributionOf(db: Db, id: number): Promise<IndicatorTable['attribution']> {
  const row = await db
    .selectFrom('evidence_sets')
    .select(sql<IndicatorTable['attribution']>`data -> 'attribution'`.as('attribution'))
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  const value = typeof row.attribution === 'string' ? JSON.parse(row.attribution) : row.attribution
  return {
    freedomHouse: String(value?.freedomHouse ?? ''),
    vdem: String(value?.vdem ?? ''),
    rsf: String(value?.rsf ?? ''),
  }
}
