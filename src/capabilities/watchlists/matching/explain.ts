import type { NamePartMatch, Qualifier } from './types.ts'

const COUNTED: ReadonlySet<NamePartMatch['how']> = new Set([
  'typo',
  'short-form',
  'phonetic',
  'initial',
  'transliterated',
  'compound',
  'legal-form',
])

const PLURAL: Record<string, [string, string]> = {
  typo: ['typo', 'typos'],
  'short-form': ['short form of a given name', 'short forms of given names'],
  phonetic: ['sound-alike', 'sound-alikes'],
  initial: ['initial', 'initials'],
  transliterated: ['transliteration', 'transliterations'],
  compound: ['joined/split part', 'joined/split parts'],
  'legal-form': ['legal form', 'legal forms'],
}

/**
 * One sentence a screening officer can read: how many name parts match which listed name, by
 * what means, what was left over, and what the qualifiers did.
 */
export function summarise(
  matchedName: string,
  parts: NamePartMatch[],
  qualifiers: Qualifier[],
): string {
  const queryParts = parts.filter((p) => p.query !== '' && p.how !== 'stop-word')
  const matched = queryParts.filter((p) => p.candidate !== null && p.score > 0)
  const notes = new Map<string, number>()
  for (const p of matched) if (COUNTED.has(p.how)) notes.set(p.how, (notes.get(p.how) ?? 0) + 1)
  const noteText = [...notes]
    .map(([how, n]) => {
      const [one, many] = PLURAL[how] ?? [how, how]
      return `${n} ${n === 1 ? one : many}`
    })
    .join(', ')
  let s =
    queryParts.length === 0
      ? `no comparable name parts against '${matchedName}'`
      : `${matched.length} of ${queryParts.length} name parts match '${matchedName}'`
  if (noteText !== '') s += ` (${noteText})`
  const missing = parts.filter((p) => p.how === 'unmatched').map((p) => p.query)
  if (missing.length > 0) s += `; not in the listed name: ${missing.map(quote).join(', ')}`
  const extra = parts.filter((p) => p.how === 'extra').map((p) => p.candidate ?? '')
  if (extra.length > 0) s += `; listed name also has ${extra.map(quote).join(', ')}`
  const halves = parts.filter((p) => p.how === 'other-half').map((p) => p.candidate ?? '')
  if (halves.length > 0)
    s += `; the listed double-barrelled name also has ${halves.map(quote).join(', ')}`
  const conflicts = parts.filter((p) => p.how === 'conflict')
  if (conflicts.length > 0) {
    s += `; contradicting parts ${conflicts.map((p) => quote(p.query || (p.candidate ?? ''))).join(' vs ')}`
  }
  for (const q of qualifiers) s += `; ${q.detail}`
  return s
}

function quote(s: string): string {
  return `'${s}'`
}
