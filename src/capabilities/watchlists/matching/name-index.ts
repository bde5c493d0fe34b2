import { doubleMetaphone } from 'double-metaphone'
import { buildPostings, GrowableUint8, GrowableUint32, type Postings } from './growable.ts'
import { FULL_NAMES_OF, SHORT_FORMS_OF } from './nicknames.ts'
import { type AnalysedName, PartKind } from './normalize.ts'
import { computeSyllableKey, syllableKey } from './romanisation.ts'
import { editBudget, tokenSimilarity } from './token-similarity.ts'

/** Flag bit on a stored part kind: this part and the next were one hyphenated word. */
export const JOINED_TO_NEXT = 0x80
export const KIND_MASK = 0x7f

/**
 * The candidate index (stage 1): every listed name as interned token ids in typed arrays, per-token
 * postings (token → names), and two ways from a query part to listed parts it may mean: double
 * metaphone keys (phonetic) and character trigrams over the vocabulary (typos).
 */
export type NameIndex = {
  vocab: Map<string, number>
  tokenText: string[]
  /** token → names containing it (name, generic and number parts only). */
  postings: Postings
  /** name → its tokens: nameTokens[nameStart[n] .. nameStart[n + 1]), kinds alongside. */
  nameStart: Uint32Array
  nameTokens: Uint32Array
  nameKinds: Uint8Array
  nameEntity: Uint32Array
  /** phonetic key id → tokens. */
  phoneticKeys: Map<string, number>
  phonetic: Postings
  /** trigram id → tokens (tokens of 4+ characters). */
  trigramIds: Map<string, number>
  trigrams: Postings
  /** Chinese/Korean romanisation key id → tokens whose key differs from their spelling. */
  romanKeys: Map<string, number>
  roman: Postings
  nameCount: number
}

export const INDEXED: ReadonlySet<PartKind> = new Set([
  PartKind.name,
  PartKind.generic,
  PartKind.number,
])

/** Accumulates names while the index is being built. */
export class NameIndexBuilder {
  private vocab = new Map<string, number>()
  private tokenText: string[] = []
  private nameStart = new GrowableUint32(1 << 16)
  private nameTokens = new GrowableUint32(1 << 18)
  private nameKinds = new GrowableUint8(1 << 18)
  private nameEntity = new GrowableUint32(1 << 16)

  intern(token: string): number {
    let id = this.vocab.get(token)
    if (id === undefined) {
      id = this.tokenText.length
      this.vocab.set(token, id)
      this.tokenText.push(token)
    }
    return id
  }

  /** Adds one analysed name of entity `entity`; returns its name id. */
  add(entity: number, name: AnalysedName): number {
    const id = this.nameEntity.length
    this.nameStart.push(this.nameTokens.length)
    for (let i = 0; i < name.tokens.length; i++) {
      this.nameTokens.push(this.intern(name.tokens[i] as string))
      const original = name.originals[i] as string
      const joined = original === name.originals[i + 1] && /[-‐]/.test(original)
      this.nameKinds.push((name.kinds[i] as number) | (joined ? JOINED_TO_NEXT : 0))
    }
    this.nameEntity.push(entity)
    return id
  }

  build(): NameIndex {
    const nameCount = this.nameEntity.length
    this.nameStart.push(this.nameTokens.length)
    const nameStart = this.nameStart.toArray()
    const nameTokens = this.nameTokens.toArray()
    const nameKinds = this.nameKinds.toArray()
    const vocabSize = this.tokenText.length

    // token → names
    const rows = new GrowableUint32(nameTokens.length + 1)
    const vals = new GrowableUint32(nameTokens.length + 1)
    for (let n = 0; n < nameCount; n++) {
      const a = nameStart[n] as number
      const b = nameStart[n + 1] as number
      for (let k = a; k < b; k++) {
        if (!INDEXED.has(((nameKinds[k] as number) & KIND_MASK) as PartKind)) continue
        const t = nameTokens[k] as number
        let dup = false
        for (let m = a; m < k; m++) if (nameTokens[m] === t) dup = true
        if (dup) continue
        rows.push(t)
        vals.push(n)
      }
    }
    const postings = buildPostings(vocabSize, rows.data, vals.data, rows.length)

    // phonetic key → tokens; trigram → tokens
    const phoneticKeys = new Map<string, number>()
    const pRows = new GrowableUint32(vocabSize + 1)
    const pVals = new GrowableUint32(vocabSize + 1)
    const trigramIds = new Map<string, number>()
    const gRows = new GrowableUint32(vocabSize * 4 + 1)
    const gVals = new GrowableUint32(vocabSize * 4 + 1)
    for (let t = 0; t < vocabSize; t++) {
      const text = this.tokenText[t] as string
      if (text.length >= 3 && ALPHA.test(text)) {
        const [a, b] = doubleMetaphone(text)
        for (const key of a === b ? [a] : [a, b]) {
          if (key.length < 2) continue
          let id = phoneticKeys.get(key)
          if (id === undefined) {
            id = phoneticKeys.size
            phoneticKeys.set(key, id)
          }
          pRows.push(id)
          pVals.push(t)
        }
      }
      if (text.length >= 4) {
        for (const g of trigramsOf(text)) {
          let id = trigramIds.get(g)
          if (id === undefined) {
            id = trigramIds.size
            trigramIds.set(g, id)
          }
          gRows.push(id)
          gVals.push(t)
        }
      }
    }
    // romanisation key → tokens ("jinping" under "jinbing"); a token whose key is itself is
    // found through the vocabulary.
    const romanKeys = new Map<string, number>()
    const rRows = new GrowableUint32(1024)
    const rVals = new GrowableUint32(1024)
    for (let t = 0; t < vocabSize; t++) {
      const text = this.tokenText[t] as string
      if (text.length < 2 || text.length > 12) continue
      const key = computeSyllableKey(text)
      if (key === null || key === text) continue
      let id = romanKeys.get(key)
      if (id === undefined) {
        id = romanKeys.size
        romanKeys.set(key, id)
      }
      rRows.push(id)
      rVals.push(t)
    }
    const roman = buildPostings(romanKeys.size, rRows.data, rVals.data, rRows.length)
    const phonetic = buildPostings(phoneticKeys.size, pRows.data, pVals.data, pRows.length)
    const trigrams = buildPostings(trigramIds.size, gRows.data, gVals.data, gRows.length)

    return {
      vocab: this.vocab,
      tokenText: this.tokenText,
      postings,
      nameStart,
      nameTokens,
      nameKinds,
      nameEntity: this.nameEntity.toArray(),
      phoneticKeys,
      phonetic,
      trigramIds,
      trigrams,
      romanKeys,
      roman,
      nameCount,
    }
  }
}

const ALPHA = /^[a-z]+$/

/** Distinct padded trigrams of a token ("^ab", "abc", …, "yz$"). */
export function trigramsOf(text: string): string[] {
  const padded = `^${text}$`
  const out: string[] = []
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3)
    if (!out.includes(g)) out.push(g)
  }
  return out
}

/** A listed token a query part may stand for, with how similar it is (0..1). */
export type Expansion = { token: number; similarity: number }

/** Trigram lists longer than this are skipped during typo expansion (too common to be selective). */
const MAX_TRIGRAM_LIST = 50_000
const MAX_EXPANSIONS = 48
/** Blocking similarity of a romanisation variant and of a short form (the scorer decides later). */
const ROMANISED = 0.9
const SHORT_FORM = 0.85

/** Scratch counters for typo expansion, sized to the vocabulary. */
export type ExpansionScratch = { counts: Uint16Array; touched: Uint32Array }

export function createExpansionScratch(index: NameIndex): ExpansionScratch {
  return {
    counts: new Uint16Array(index.tokenText.length),
    touched: new Uint32Array(index.tokenText.length),
  }
}

/**
 * Listed tokens a query token may mean: itself, same double-metaphone key, within the edit
 * budget (found through shared trigrams), and the halves of a joined word.
 */
export function expandToken(
  index: NameIndex,
  token: string,
  scratch: ExpansionScratch,
  eastAsian = false,
): Expansion[] {
  const out: Expansion[] = []
  const seen = new Set<number>()
  const exact = index.vocab.get(token)
  if (exact !== undefined) {
    out.push({ token: exact, similarity: 1 })
    seen.add(exact)
  }
  const consider = (t: number, known = 0) => {
    if (seen.has(t)) return
    seen.add(t)
    const s = known > 0 ? known : tokenSimilarity(token, index.tokenText[t] as string)
    if (s > 0) out.push({ token: t, similarity: s })
  }
  // The same Chinese/Korean name in another romanisation ("hsi" → "xi", "chinping" → "jinping"),
  // when the query name looks Chinese or Korean.
  const key = eastAsian ? syllableKey(token) : null
  if (key !== null) {
    const same = index.vocab.get(key)
    if (same !== undefined) consider(same, ROMANISED)
    const id = index.romanKeys.get(key)
    if (id !== undefined) {
      const from = index.roman.offsets[id] as number
      const to = index.roman.offsets[id + 1] as number
      for (let k = from; k < to && k - from < 200; k++)
        consider(index.roman.values[k] as number, ROMANISED)
    }
  }
  // Common short forms of given names, both ways ("ted" ↔ "theodore").
  for (const other of [...(FULL_NAMES_OF.get(token) ?? []), ...(SHORT_FORMS_OF.get(token) ?? [])]) {
    const t = index.vocab.get(other)
    if (t !== undefined) consider(t, SHORT_FORM)
  }
  if (token.length >= 3 && ALPHA.test(token)) {
    const [a, b] = doubleMetaphone(token)
    for (const key of a === b ? [a] : [a, b]) {
      const id = index.phoneticKeys.get(key)
      if (id === undefined || key.length < 2) continue
      const from = index.phonetic.offsets[id] as number
      const to = index.phonetic.offsets[id + 1] as number
      for (let k = from; k < to && k - from < 400; k++) consider(index.phonetic.values[k] as number)
    }
  }
  if (token.length >= 4) {
    const grams = trigramsOf(token)
    const { counts, touched } = scratch
    let nTouched = 0
    let used = 0
    for (const g of grams) {
      const id = index.trigramIds.get(g)
      if (id === undefined) {
        used++
        continue
      }
      const from = index.trigrams.offsets[id] as number
      const to = index.trigrams.offsets[id + 1] as number
      if (to - from > MAX_TRIGRAM_LIST) continue
      used++
      for (let k = from; k < to; k++) {
        const t = index.trigrams.values[k] as number
        if (counts[t] === 0) touched[nTouched++] = t
        counts[t] = (counts[t] as number) + 1
      }
    }
    const need = Math.max(1, used - 3 * editBudget(token.length))
    for (let k = 0; k < nTouched; k++) {
      const t = touched[k] as number
      if ((counts[t] as number) >= need) consider(t)
      counts[t] = 0
    }
  }
  // "abdulrahman" → "abdul" + "rahman" when both halves are listed tokens.
  if (token.length >= 6) {
    for (let cut = 3; cut <= token.length - 3; cut++) {
      const left = index.vocab.get(token.slice(0, cut))
      if (left === undefined) continue
      const right = index.vocab.get(token.slice(cut))
      if (right === undefined) continue
      for (const t of [left, right]) {
        if (!seen.has(t)) {
          seen.add(t)
          out.push({ token: t, similarity: 0.9 })
        }
      }
    }
  }
  out.sort((x, y) => y.similarity - x.similarity)
  return out.length > MAX_EXPANSIONS ? out.slice(0, MAX_EXPANSIONS) : out
}
