/**
 * One speed measurement in a fresh process (so peak RSS is this corpus's alone):
 * `node --import tsx bench/matching/speed-child.ts <entities|real> <queries>`; prints one JSON line.
 */
import { resourceUsage } from 'node:process'
import { createMatcher } from '../../src/capabilities/watchlists/matching/index.ts'
import { expandCorpus, loadRealEntries, queryMix } from './corpus.ts'

export type SpeedResult = {
  corpus: string
  entities: number
  names: number
  buildSeconds: number
  rssAfterBuildMb: number
  peakRssMb: number
  queries: number
  queriesPerSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  hitsPerQuery: number
}

async function main(): Promise<void> {
  const [sizeArg = 'real', queriesArg = '2000'] = process.argv.slice(2)
  const real = await loadRealEntries()
  const size = sizeArg === 'real' ? real.length : Number(sizeArg)
  const entries = expandCorpus(real, size)
  const names = entries.reduce((s, e) => s + e.entity.names.length, 0)
  const t0 = performance.now()
  const matcher = createMatcher(entries)
  const buildSeconds = (performance.now() - t0) / 1000
  const rssAfterBuildMb = process.memoryUsage().rss / 2 ** 20
  const queries = queryMix(real, Number(queriesArg))
  for (const q of queries.slice(0, 300)) matcher.screen({ name: q })
  const lat: number[] = []
  let hits = 0
  const start = performance.now()
  for (const q of queries) {
    const t = performance.now()
    hits += matcher.screen({ name: q }).length
    lat.push(performance.now() - t)
  }
  const total = (performance.now() - start) / 1000
  lat.sort((a, b) => a - b)
  const at = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? 0
  const result: SpeedResult = {
    corpus: sizeArg === 'real' ? 'real lists' : `${size.toLocaleString('en')} entities`,
    entities: matcher.size,
    names,
    buildSeconds,
    rssAfterBuildMb,
    peakRssMb: resourceUsage().maxRSS / 1024,
    queries: queries.length,
    queriesPerSecond: queries.length / total,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: lat[lat.length - 1] ?? 0,
    hitsPerQuery: hits / queries.length,
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

await main()
