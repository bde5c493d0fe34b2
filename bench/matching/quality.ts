import { existsSync } from 'node:fs'
import {
  compareNames,
  DEFAULT_THRESHOLD,
} from '../../src/capabilities/watchlists/matching/index.ts'
import {
  type BenchCase,
  loadBenchCases,
  type Metrics,
  metrics,
} from '../../src/capabilities/watchlists/matching/name-bench.ts'

const SCREENING = new URL('../../../shared/data/screening/', import.meta.url).pathname
export const CASES = `${SCREENING}name_bench_cases.csv`
export const FROZEN = `${SCREENING}logicv2_frozen_run.csv`
/** logic-v2's own match threshold, used for its frozen scores. */
const LOGIC_V2_THRESHOLD = 0.7

export type QualityRow = {
  group: string
  split: 'tuning' | 'validation' | 'all'
  ours: Metrics
  /** Ours on the rows logic-v2 also scored, and logic-v2 on them. */
  oursJoined: Metrics
  logicV2: Metrics
}

export type QualityReport = { rows: QualityRow[]; cases: number; joined: number; threshold: number }

export function runQuality(): QualityReport | null {
  if (!existsSync(CASES) || !existsSync(FROZEN)) return null
  const cases = loadBenchCases(CASES, FROZEN)
  const scored = cases.map((c) => ({ c, score: compareNames(c.name1, c.name2, c.schema).score }))
  const rows: QualityRow[] = []
  const groups = ['all', ...[...new Set(cases.map((c) => c.group))].sort()]
  for (const split of ['tuning', 'validation', 'all'] as const) {
    for (const group of groups) {
      const sel = scored.filter(
        ({ c }) => (split === 'all' || c.split === split) && (group === 'all' || c.group === group),
      )
      if (sel.length === 0) continue
      const joined = sel.filter(({ c }) => c.logicV2 !== null)
      rows.push({
        group,
        split,
        ours: metrics(sel.map(predict)),
        oursJoined: metrics(joined.map(predict)),
        logicV2: metrics(
          joined.map(({ c }) => ({
            truth: c.isMatch,
            predicted: (c.logicV2 as number) >= LOGIC_V2_THRESHOLD,
          })),
        ),
      })
    }
  }
  return {
    rows,
    cases: cases.length,
    joined: cases.filter((c) => c.logicV2 !== null).length,
    threshold: DEFAULT_THRESHOLD,
  }
}

function predict({ c, score }: { c: BenchCase; score: number }) {
  return { truth: c.isMatch, predicted: score >= DEFAULT_THRESHOLD }
}
