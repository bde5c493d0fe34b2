import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { EntitySchema } from '../watchlist-entity.ts'

/**
 * The public name-pair development set (nomenklatura's name_bench cases) and logic-v2's frozen
 * run on it: loading, the fixed tuning/validation split and precision/recall/F1.
 */
export type BenchCase = {
  group: string
  schema: EntitySchema | 'Any'
  sourceSchema: string
  name1: string
  name2: string
  isMatch: boolean
  split: 'tuning' | 'validation'
  /** logic-v2's frozen score for the same (schema, name1, name2), when the frozen run has the row. */
  logicV2: number | null
}

export type Counts = { tp: number; fp: number; fn: number; tn: number }
export type Metrics = Counts & { n: number; precision: number; recall: number; f1: number }

/** ~70% of rows tune, ~30% validate; the split depends only on the row's content (FNV-1a). */
export function splitOf(schema: string, name1: string, name2: string): 'tuning' | 'validation' {
  let h = 0x811c9dc5
  const s = `${schema}|${name1}|${name2}`
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h % 100 < 70 ? 'tuning' : 'validation'
}

function toSchema(s: string): EntitySchema | 'Any' {
  switch (s) {
    case 'Person':
    case 'Organization':
    case 'Company':
    case 'Vessel':
    case 'Aircraft':
      return s
    default:
      return 'Any'
  }
}

type Row = Record<string, string>

export function loadBenchCases(casesPath: string, frozenPath: string | null): BenchCase[] {
  const rows = parse(readFileSync(casesPath, 'utf8'), { columns: true }) as Row[]
  const frozen = new Map<string, number>()
  if (frozenPath !== null) {
    const frozenRows = parse(readFileSync(frozenPath, 'utf8'), { columns: true }) as Row[]
    for (const r of frozenRows) {
      const score = Number(r.score)
      if (r.score !== undefined && r.score !== '' && Number.isFinite(score)) {
        frozen.set(`${r.schema}|${r.name1}|${r.name2}`, score)
      }
    }
  }
  return rows.map((r) => {
    const schema = r.schema ?? ''
    const name1 = r.name1 ?? ''
    const name2 = r.name2 ?? ''
    return {
      group: r.case_group ?? '',
      schema: toSchema(schema),
      sourceSchema: schema,
      name1,
      name2,
      isMatch: r.is_match === 'true',
      split: splitOf(schema, name1, name2),
      logicV2: frozen.get(`${schema}|${name1}|${name2}`) ?? null,
    }
  })
}

export function metrics(pairs: Iterable<{ truth: boolean; predicted: boolean }>): Metrics {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 }
  for (const p of pairs) {
    if (p.truth && p.predicted) c.tp++
    else if (p.truth) c.fn++
    else if (p.predicted) c.fp++
    else c.tn++
  }
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp)
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { ...c, n: c.tp + c.fp + c.fn + c.tn, precision, recall, f1 }
}
