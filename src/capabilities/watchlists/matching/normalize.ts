import anyAscii from 'any-ascii'
import type { EntitySchema } from '../watchlist-entity.ts'
import {
  GENERIC_ORG_WORDS,
  HONORIFICS,
  LEADING_LEGAL_PHRASES,
  LEGAL_FIRST_TOKENS,
  LEGAL_PHRASE_MAX_TOKENS,
  LEGAL_PHRASES,
  NUMBER_WORDS,
  STOP_WORDS,
} from './vocabulary.ts'

/** What a name part is; decides its weight and what it may be compared with. */
export const PartKind = {
  name: 0,
  generic: 1,
  stop: 2,
  legal: 3,
  number: 4,
  initial: 5,
} as const
export type PartKind = (typeof PartKind)[keyof typeof PartKind]

export type NameClass = 'person' | 'org' | 'object' | 'any'

/** A name split into comparable parts. `tokens[i]` is the compare form, `originals[i]` the text it came from. */
export type AnalysedName = {
  raw: string
  tokens: string[]
  kinds: PartKind[]
  originals: string[]
}

/** Longest input we read; anything longer is not a name and is cut. */
export const MAX_NAME_CHARS = 300
const MAX_TOKENS = 24

export function nameClassOf(schema: EntitySchema | 'Any' | undefined): NameClass {
  switch (schema) {
    case 'Person':
      return 'person'
    case 'Organization':
    case 'Company':
      return 'org'
    case 'Vessel':
    case 'Aircraft':
      return 'object'
    default:
      return 'any'
  }
}

/** Scripts whose romanisation by table is too poor to compare: these parts stay in their own script. */
const KEEP_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Ethiopic}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Tibetan}]/u
// Hyphens stay inside a word so its parts remember they were one ("PRIDMORE-SMITH").
const NOT_NAME_CHAR = /[^\p{L}\p{N}\p{M}&'’ʼ‘`´\-‐]+/u
const HYPHENS = /[-‐]+/
const MARKS = /\p{M}+/gu
const APOSTROPHES = /['’ʼ‘`´]/g
const ASCII_SPLIT = /[^a-z0-9]+/
const DIGIT = /[0-9]/
const PLAIN_ASCII = /^[A-Za-z0-9]+$/
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' }

/**
 * Folds one raw word into zero or more compare tokens. The parts of a hyphenated word all keep the
 * whole word as their original, so scoring can tell a double-barrelled name from two names.
 */
function foldWord(word: string, out: string[], originals: string[]): void {
  if (!HYPHENS.test(word)) {
    foldPiece(word, word, out, originals)
    return
  }
  for (const piece of word.split(HYPHENS)) if (piece !== '') foldPiece(piece, word, out, originals)
}

function foldPiece(word: string, original: string, out: string[], originals: string[]): void {
  if (PLAIN_ASCII.test(word)) {
    const lower = word.toLowerCase()
    out.push(unLeet(lower))
    originals.push(original)
    return
  }
  const stripped = word
    .normalize('NFD')
    .replace(MARKS, '')
    .normalize('NFC')
    .replace(APOSTROPHES, '')
  if (stripped === '') return
  if (KEEP_SCRIPT.test(stripped)) {
    out.push(stripped.toLowerCase())
    originals.push(original)
    return
  }
  const ascii = anyAscii(stripped).toLowerCase().replace(APOSTROPHES, '')
  for (const piece of ascii.split(ASCII_SPLIT)) {
    if (piece === '') continue
    out.push(unLeet(piece))
    originals.push(original)
  }
}

/** "ig0r" → "igor", "sech1n" → "sechin": isolated digits inside a word are letters typed as digits. */
function unLeet(token: string): string {
  if (!DIGIT.test(token) || /^[0-9]+$/.test(token) || token.length < 3) return token
  if (ORDINAL_SUFFIX.test(token)) return token
  let digits = 0
  for (let i = 0; i < token.length; i++) {
    const c = token[i] as string
    if (c >= '0' && c <= '9') {
      digits++
      if (LEET[c] === undefined) return token
      const next = token[i + 1]
      if (next !== undefined && next >= '0' && next <= '9') return token
    }
  }
  if (digits > 2 || digits * 2 > token.length - digits) return token
  let s = ''
  for (const c of token) s += LEET[c] ?? c
  return s
}

function isNumber(token: string): boolean {
  return DIGIT.test(token)
}

/** Reorders "LAST, First" (one comma, persons) into "First LAST". */
function reorderComma(text: string): string {
  const first = text.indexOf(',')
  if (first === -1 || text.indexOf(',', first + 1) !== -1) return text
  const last = text.slice(0, first).trim()
  const given = text.slice(first + 1).trim()
  if (last === '' || given === '') return text
  return `${given} ${last}`
}

const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{So}\p{Sk}]+/gu

/**
 * Analyses a name for comparison: NFKC, case and diacritic folding, transliteration of alphabetic
 * scripts (non-alphabetic scripts stay as they are), punctuation, stop words, honorifics, legal
 * forms (canonicalised) and initials. Never throws; returns no tokens for input without letters or digits.
 */
export function analyseName(raw: string, nameClass: NameClass): AnalysedName {
  let text = raw.length > MAX_NAME_CHARS ? raw.slice(0, MAX_NAME_CHARS) : raw
  text = text.normalize('NFKC').replace(CONTROL, ' ')
  if (nameClass === 'person') text = reorderComma(text)
  text = text.replace(/&/g, ' and ')
  const tokens: string[] = []
  const originals: string[] = []
  for (const word of text.split(NOT_NAME_CHAR)) {
    if (word === '') continue
    foldWord(word, tokens, originals)
    if (tokens.length >= MAX_TOKENS * 2) break
  }
  if (nameClass === 'person' || nameClass === 'any') abdForms(tokens, originals)
  if (nameClass !== 'person') {
    numberWords(tokens, originals)
    completeTruncatedLegalForm(text, tokens)
  }
  return classify(raw, tokens, originals, nameClass)
}

const ORDINAL_SUFFIX = /^([0-9]+)(st|nd|rd|th)$/

/** Spellings of Arabic "ʿAbd al-" ("servant of the") written as one word. */
const ABD_AL = new Set(['abdul', 'abdel', 'abdal', 'abdol', 'abdoul'])
const ARTICLE = new Set(['al', 'el', 'ul', 'ol', 'il'])

/**
 * "Abd al-Aziz", "Abdel Aziz" and "Abdul Aziz" are one name in different transliterations: "abd"
 * followed by the article, and the one-word spellings, all compare as "abdul".
 */
function abdForms(tokens: string[], originals: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    if (t === 'abd' && ARTICLE.has(tokens[i + 1] as string)) {
      const article = tokens[i + 1] as string
      tokens.splice(i, 2, 'abdul')
      originals.splice(i, 2, `${originals[i]} ${article}`)
    } else if (ABD_AL.has(t)) tokens[i] = 'abdul'
  }
}

/** Names at least this long may have been cut by a fixed-width field (lists use 35, 40, 50…). */
const TRUNCATION_LENGTH = 30
/** Last words of legal-form phrases ("company", "limited", "aktiengesellschaft"). */
const LEGAL_LAST_WORDS: string[] = [
  ...new Set(
    [...LEGAL_PHRASES.keys()].map((p) => p.split(' ').pop() ?? '').filter((w) => w.length >= 5),
  ),
]

/**
 * A long name whose last word is the cut-off start of a legal-form word ("… JOINT STOCK COMPAN")
 * was truncated by a fixed-width field: complete that word so the legal form is recognised.
 */
function completeTruncatedLegalForm(text: string, tokens: string[]): void {
  const last = tokens[tokens.length - 1]
  if (last === undefined || last.length < 3 || text.trim().length < TRUNCATION_LENGTH) return
  if (LEGAL_FIRST_TOKENS.has(last) || LEGAL_PHRASES.has(last)) return
  // Of several completions, prefer one that ends a longer phrase with the words before it, then
  // the shortest ("compan" → "company", not "compania").
  let found: string | null = null
  let foundLen = 0
  for (const w of LEGAL_LAST_WORDS) {
    if (w.length <= last.length || !w.startsWith(last)) continue
    let len = 1
    for (let k = 2; k <= LEGAL_PHRASE_MAX_TOKENS && k <= tokens.length; k++) {
      if (LEGAL_PHRASES.has([...tokens.slice(tokens.length - k, -1), w].join(' '))) len = k
    }
    if (found === null || len > foundLen || (len === foundLen && w.length < found.length)) {
      found = w
      foundLen = len
    }
  }
  if (found !== null) tokens[tokens.length - 1] = found
}

/** "forty four" → "44", "1st"/"first" → "1" (organisation names). */
function numberWords(tokens: string[], originals: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string
    const ord = ORDINAL_SUFFIX.exec(t)
    if (ord) {
      tokens[i] = ord[1] as string
      continue
    }
    const value = NUMBER_WORDS.get(t)
    if (value === undefined) continue
    const next = tokens[i + 1]
    const unit = next === undefined ? undefined : NUMBER_WORDS.get(next)
    if (value >= 20 && value % 10 === 0 && unit !== undefined && unit > 0 && unit < 10) {
      tokens.splice(i, 2, String(value + unit))
      originals.splice(i, 2, `${originals[i]} ${originals[i + 1]}`)
    } else {
      tokens[i] = String(value)
    }
  }
}

/** True when a word after position i is an organisation word ("General Intelligence Directorate"). */
function followsOrgWord(tokens: string[], i: number): boolean {
  for (let k = i + 1; k < tokens.length; k++)
    if (GENERIC_ORG_WORDS.has(tokens[k] as string) || ORG_NOUNS.has(tokens[k] as string))
      return true
  return false
}

/** Nouns that name public bodies; with them a leading title word is part of the name. */
const ORG_NOUNS = new Set([
  'directorate',
  'department',
  'ministry',
  'agency',
  'service',
  'services',
  'bureau',
  'office',
  'command',
  'staff',
  'intelligence',
  'security',
  'council',
  'authority',
  'administration',
  'directorate-general',
  'headquarters',
  'corps',
  'committee',
  'board',
  'electric',
  'motors',
  'dynamics',
])

function classify(
  raw: string,
  inTokens: string[],
  inOriginals: string[],
  nameClass: NameClass,
): AnalysedName {
  let tokens = inTokens
  let originals = inOriginals
  const n = tokens.length
  const kinds: PartKind[] = new Array(n).fill(PartKind.name)
  const drop: boolean[] = new Array(n).fill(false)

  if (nameClass === 'person' || nameClass === 'any') {
    // Honorifics: anywhere for persons, only leading for unknown schema; keep at least one part.
    for (let i = 0; i < n; i++) {
      const t = tokens[i] as string
      if (!HONORIFICS.has(t)) {
        if (nameClass === 'any') break
        continue
      }
      // Unknown schema: "General Electric" and "General Intelligence Directorate" are bodies,
      // "General Ali Hassan" a person. A title that is also an organisation word stays (as a
      // low-weight generic part) unless what follows is plainly a personal name.
      if (nameClass === 'any' && n - i - 1 < 2) break
      if (nameClass === 'any' && GENERIC_ORG_WORDS.has(t) && followsOrgWord(tokens, i)) break
      if (i === n - 1 && drop.slice(0, i).every((d) => d)) break
      drop[i] = true
    }
  }

  // Legal forms at either edge of the name (organisations and unknown schema).
  const legal: (string | null)[] = new Array(n).fill(null)
  const legalLen: number[] = new Array(n).fill(0)
  if (nameClass !== 'person' && n > 1) {
    markLegalEdges(tokens, legal, legalLen, drop)
  }

  for (let i = 0; i < n; i++) {
    const t = tokens[i] as string
    if (legal[i] !== null) continue
    if (isNumber(t)) kinds[i] = PartKind.number
    else if (STOP_WORDS.has(t)) kinds[i] = PartKind.stop
    else if (t.length === 1 && /[a-z]/.test(t)) kinds[i] = PartKind.initial
    else if (nameClass !== 'person' && GENERIC_ORG_WORDS.has(t)) kinds[i] = PartKind.generic
  }

  // Build the output, merging legal phrases into one canonical token.
  const outT: string[] = []
  const outK: PartKind[] = []
  const outO: string[] = []
  for (let i = 0; i < n; i++) {
    if (drop[i]) continue
    const canonical = legal[i]
    if (canonical !== null && canonical !== undefined) {
      const len = legalLen[i] ?? 1
      const origs: string[] = []
      for (let k = i; k < i + len; k++) {
        const o = originals[k] as string
        if (!origs.includes(o)) origs.push(o)
      }
      outT.push(canonical)
      outK.push(PartKind.legal)
      outO.push(origs.join(' '))
      continue
    }
    outT.push(tokens[i] as string)
    outK.push(kinds[i] as PartKind)
    outO.push(originals[i] as string)
  }

  // Organisations: a run of single letters is an acronym ("I.B.M." → "ibm").
  if (nameClass !== 'person') mergeInitialRuns(outT, outK, outO)

  // Without any real name part, stop words and single letters are the name ("The", "AT&T").
  if (!outK.some((k) => k === PartKind.name || k === PartKind.generic || k === PartKind.number)) {
    for (let i = 0; i < outK.length; i++) {
      if (outK[i] === PartKind.stop || outK[i] === PartKind.initial) outK[i] = PartKind.name
    }
  }
  tokens = outT.slice(0, MAX_TOKENS)
  originals = outO.slice(0, MAX_TOKENS)
  return { raw, tokens, kinds: outK.slice(0, MAX_TOKENS), originals }
}

/**
 * Finds legal-form phrases at the start and the end of the token list (two at most on each side),
 * marking their tokens: the first token of a phrase gets the canonical form, the rest are dropped.
 */
function markLegalEdges(
  tokens: string[],
  legal: (string | null)[],
  legalLen: number[],
  drop: boolean[],
): void {
  const n = tokens.length
  // From the end.
  let end = n
  for (let round = 0; round < 2 && end > 1; round++) {
    let found = false
    for (let len = Math.min(LEGAL_PHRASE_MAX_TOKENS, end - 1); len >= 1; len--) {
      const start = end - len
      if (!LEGAL_FIRST_TOKENS.has(tokens[start] as string)) continue
      const canonical = LEGAL_PHRASES.get(tokens.slice(start, end).join(' '))
      if (canonical === undefined) continue
      legal[start] = canonical
      legalLen[start] = len
      for (let k = start + 1; k < end; k++) drop[k] = true
      end = start
      found = true
      break
    }
    if (!found) break
  }
  // From the start.
  let begin = 0
  for (let round = 0; round < 2 && begin < end - 1; round++) {
    let found = false
    for (let len = Math.min(LEGAL_PHRASE_MAX_TOKENS, end - begin - 1); len >= 1; len--) {
      if (!LEGAL_FIRST_TOKENS.has(tokens[begin] as string)) break
      const canonical = LEADING_LEGAL_PHRASES.get(tokens.slice(begin, begin + len).join(' '))
      if (canonical === undefined) continue
      legal[begin] = canonical
      legalLen[begin] = len
      for (let k = begin + 1; k < begin + len; k++) drop[k] = true
      begin += len
      found = true
      break
    }
    if (!found) break
  }
}

function mergeInitialRuns(tokens: string[], kinds: PartKind[], originals: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (kinds[i] !== PartKind.initial) continue
    let j = i
    while (j < tokens.length && kinds[j] === PartKind.initial) j++
    if (j - i >= 2) {
      tokens.splice(i, j - i, tokens.slice(i, j).join(''))
      originals.splice(i, j - i, originals.slice(i, j).join(' '))
      kinds.splice(i, j - i, PartKind.name)
    }
  }
}
