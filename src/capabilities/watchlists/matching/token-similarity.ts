import { doubleMetaphone } from 'double-metaphone'
import { distance } from 'fastest-levenshtein'

/** Tunable constants of part-to-part similarity. */
export const TOKEN_SCORING = {
  /** Score of two parts that sound alike (double metaphone) but are spelled further apart than a typo. */
  phonetic: 0.85,
  /** Each edit costs this share of the shorter part's length. */
  editCost: 0.8,
  /** A typo-matched part never scores below this; below, it is not a match at all. */
  minTypoScore: 0.6,
  /** One edit allowed per this many characters of the shorter part (at least one from 4 characters). */
  charsPerEdit: 3,
  /** Never more edits than this. */
  maxEdits: 2,
}

/** Edits tolerated for a part of this (shorter) length: none up to 3 characters, then one per few. */
export function editBudget(length: number): number {
  if (length <= 3) return 0
  const edits = Math.max(1, Math.floor(length / TOKEN_SCORING.charsPerEdit))
  return Math.min(edits, TOKEN_SCORING.maxEdits)
}

export const How = {
  none: 0,
  exact: 1,
  typo: 2,
  phonetic: 3,
} as const
export type How = (typeof How)[keyof typeof How]

/** How the last tokenSimilarity call matched (avoids an object per call in the hot loop). */
export const lastMatch: { how: How } = { how: How.none }

const PHONETIC_CACHE = new Map<string, string[]>()
const ALPHA = /^[a-z]+$/

function phoneticKeys(token: string): string[] {
  let keys = PHONETIC_CACHE.get(token)
  if (keys === undefined) {
    if (!ALPHA.test(token)) keys = []
    else {
      const [a, b] = doubleMetaphone(token)
      keys = a === b ? [a] : [a, b]
    }
    if (PHONETIC_CACHE.size > 200_000) PHONETIC_CACHE.clear()
    PHONETIC_CACHE.set(token, keys)
  }
  return keys
}

/** Double-metaphone keys of an ASCII name part (empty for parts in other scripts or with digits). */
export function phoneticKeysOf(token: string): readonly string[] {
  return phoneticKeys(token)
}

function samePhonetic(a: string, b: string): boolean {
  const ka = phoneticKeys(a)
  if (ka.length === 0) return false
  const kb = phoneticKeys(b)
  for (const x of ka) {
    if (x.length < 2) continue
    for (const y of kb) if (x === y) return true
  }
  return false
}

/** Ideographs (Han, Kana): one character differs, the name differs. */
const IDEOGRAPHIC = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/

/** Two strings of equal length that differ by one swap of adjacent characters ("asasd"/"assad"). */
function isTransposition(a: string, b: string): boolean {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  if (i >= a.length - 1) return false
  if (a[i] !== b[i + 1] || a[i + 1] !== b[i]) return false
  return a.slice(i + 2) === b.slice(i + 2)
}

/**
 * Similarity of two name parts in compare form, 0..1; sets `lastMatch.how`. Exact, then typo within the
 * length-dependent edit budget, then phonetic equivalence (which still needs the spellings to be close).
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) {
    lastMatch.how = How.exact
    return 1
  }
  lastMatch.how = How.none
  const la = a.length
  const lb = b.length
  const minL = Math.min(la, lb)
  const maxL = Math.max(la, lb)
  if (minL < 3 || (a.charCodeAt(0) >= 0x3040 && IDEOGRAPHIC.test(a))) return 0
  const budget = editBudget(minL)
  if (maxL - minL > Math.max(budget, 2)) return 0
  let d = distance(a, b)
  if (d === 2 && la === lb && isTransposition(a, b)) d = 1
  let score = 0
  if (d <= budget) {
    const s = 1 - (TOKEN_SCORING.editCost * d) / maxL
    if (s >= TOKEN_SCORING.minTypoScore) {
      score = s
      lastMatch.how = How.typo
    }
  }
  if (score < TOKEN_SCORING.phonetic && d * 2 <= maxL && samePhonetic(a, b)) {
    score = TOKEN_SCORING.phonetic
    lastMatch.how = How.phonetic
  }
  return score
}
