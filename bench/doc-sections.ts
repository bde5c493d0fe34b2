import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Machine } from './report.ts'

/** The marked sections of docs/benchmarks.md, each written by its own benchmark. */
export const SECTIONS = {
  assessment: { begin: '<!-- assessment:begin -->', end: '<!-- assessment:end -->' },
  decisionLog: { begin: '<!-- decision-log:begin -->', end: '<!-- decision-log:end -->' },
  matching: { begin: '<!-- matching:begin -->', end: '<!-- matching:end -->' },
} as const

export type Section = { begin: string; end: string }

const NO_ANALYSIS = '_Not written yet: read the numbers above and explain where the time goes._'

/** The text of a marked block, markers included, or '' when the document has none. */
export function markedBlock(doc: string, section: Section): string {
  const begin = doc.indexOf(section.begin)
  const end = doc.indexOf(section.end)
  return begin !== -1 && end > begin ? doc.slice(begin, end + section.end.length) : ''
}

/** Every marked block of the document (`<!-- name:begin -->` … `<!-- name:end -->`), in order. */
export function allMarkedBlocks(doc: string): string[] {
  const blocks: string[] = []
  for (const match of doc.matchAll(/<!-- ([a-z0-9-]+):begin -->/g)) {
    const block = markedBlock(doc, { begin: match[0], end: `<!-- ${match[1]}:end -->` })
    if (block) blocks.push(block)
  }
  return blocks
}

/** The hand-written analysis between its markers, kept across reruns; a placeholder when none. */
export function keptAnalysis(text: string, start: string, end: string): string {
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  return from !== -1 && to > from ? text.slice(from + start.length, to).trim() : NO_ANALYSIS
}

/**
 * Writes one marked section of the document: in place when it exists, otherwise right after the
 * first of `after` that exists, or before `before`, or at the end. The rest is left as it is.
 */
export function writeMarkedSection(
  path: string,
  section: Section,
  render: (previousBlock: string) => string,
  placement: { after?: Section[]; before?: Section } = {},
): void {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n'
  const old = markedBlock(previous, section)
  const block = `${section.begin}\n${render(old)}${section.end}`
  if (old) {
    writeFileSync(
      path,
      previous.replace(old, () => block),
    )
    return
  }
  const anchor = placement.after?.find((s) => previous.includes(s.end))
  const at = anchor
    ? previous.indexOf(anchor.end) + anchor.end.length
    : placement.before && previous.includes(placement.before.begin)
      ? previous.indexOf(placement.before.begin)
      : -1
  writeFileSync(
    path,
    at === -1
      ? `${previous.replace(/\s*$/, '\n')}\n${block}\n`
      : `${previous.slice(0, at).replace(/\s*$/, '\n')}\n${block}\n\n${previous.slice(at).replace(/^\s*/, '')}`,
  )
}

/** The first rows of a section's machine table: when, on what, against which PostgreSQL. */
export function machineRows(
  date: string,
  m: Omit<Machine, 'pglite'>,
  externalDatabase: boolean,
): string {
  const settings =
    Object.entries(m.postgresSettings)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(', ') || 'not read'
  return [
    `| Date | ${date} |`,
    `| CPU | ${m.cpu}, ${m.cores} cores |`,
    `| Memory | ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB |`,
    `| OS | ${m.os} |`,
    `| Node.js | ${m.node} |`,
    `| PostgreSQL | ${m.postgres}${externalDatabase ? ' (BENCH_DATABASE_URL)' : ' (throwaway server started by the bench)'} |`,
    `| PostgreSQL settings | ${settings} |`,
  ].join('\n')
}
