/**
 * `npx tsx bench/matching/tuning-errors.ts [threshold] [--errors]`: precision/recall/F1 on the
 * name_bench pairs per split at a threshold (default DEFAULT_THRESHOLD), and with --errors the
 * TUNING split's misclassified pairs (with logic-v2's frozen score). Validation rows are only
 * ever counted, never printed, so they stay held out.
 */
import {
  compareNames,
  DEFAULT_THRESHOLD,
} from '../../src/capabilities/watchlists/matching/index.ts'
import { loadBenchCases, metrics } from '../../src/capabilities/watchlists/matching/name-bench.ts'
import { CASES, FROZEN } from './quality.ts'

const args = process.argv.slice(2)
const showErrors = args.includes('--errors')
const numeric = args.find((a) => !a.startsWith('--'))
const threshold = numeric === undefined ? DEFAULT_THRESHOLD : Number(numeric)
const cases = loadBenchCases(CASES, FROZEN)
const rows = cases.map((c) => ({ c, s: compareNames(c.name1, c.name2, c.schema).score }))
const f3 = (x: number) => x.toFixed(3)
for (const split of ['all', 'tuning', 'validation'] as const) {
  const m = metrics(
    rows
      .filter((r) => split === 'all' || r.c.split === split)
      .map((r) => ({ truth: r.c.isMatch, predicted: r.s >= threshold })),
  )
  process.stdout.write(
    `${split.padEnd(10)} P ${f3(m.precision)} R ${f3(m.recall)} F1 ${f3(m.f1)}  (tp ${m.tp} fp ${m.fp} fn ${m.fn})\n`,
  )
}
if (showErrors) {
  for (const { c, s } of rows) {
    if (c.split !== 'tuning' || s >= threshold === c.isMatch) continue
    const lv2 = c.logicV2 === null ? '  –  ' : f3(c.logicV2)
    process.stdout.write(
      `${c.isMatch ? 'FN' : 'FP'} ${f3(s)} lv2 ${lv2} ${c.group} ${c.schema} | ${c.name1} | ${c.name2}\n`,
    )
  }
}
