import type { WatchlistEntity } from '../watchlist-entity.ts'
import { NAME_SCORING, scoreAnalysed } from './compare-names.ts'
import { summarise } from './explain.ts'
import {
  createExpansionScratch,
  expandToken,
  INDEXED,
  JOINED_TO_NEXT,
  KIND_MASK,
  type NameIndex,
  NameIndexBuilder,
} from './name-index.ts'
import {
  type AnalysedName,
  analyseName,
  type NameClass,
  nameClassOf,
  PartKind,
} from './normalize.ts'
import { normaliseIdentifier, QUALIFIER_EFFECTS, qualify } from './qualifiers.ts'
import { looksEastAsian } from './romanisation.ts'
import type {
  Matcher,
  MatcherEntry,
  MatchHit,
  MatchQuery,
  NamePartMatch,
  Qualifier,
  ScreenOptions,
} from './types.ts'

/**
 * Score at and above which a pair is a match: the threshold OpenSanctions uses for logic-v2 and
 * the start of Watchman's "enhanced due diligence" band; on the public name_bench tuning split it
 * is also where F1 peaks for this scorer (0.65–0.75 are within 0.01 of each other).
 */
export const DEFAULT_THRESHOLD = 0.7
export const DEFAULT_LIMIT = 10

export type MatcherOptions = {
  /** Names scored in full per query, best blocking score first (default 400). */
  maxCandidateNames?: number
  /** Entities scored in full per query (default 80). */
  maxCandidateEntities?: number
}

/** Postings longer than this share of all names only add to names already found. */
const COMMON_SHARE = 0.02
const QUALITY_LOW = 2
const MAX_BLOCK_TOKENS = 12

/**
 * Builds the in-memory screening index over the entries (names analysed once, interned into typed
 * arrays) and returns a matcher. Two stages per query: candidates from the inverted index (exact,
 * phonetic and typo-tolerant token postings weighted by IDF), then full name alignment with
 * qualifiers and an explanation for every hit.
 */
export function createMatcher(
  entries: Iterable<MatcherEntry>,
  options: MatcherOptions = {},
): Matcher {
  const maxNames = options.maxCandidateNames ?? 400
  const maxEntities = options.maxCandidateEntities ?? 80
  const list: MatcherEntry[] = []
  const builder = new NameIndexBuilder()
  const nameQuality = new GrowableQuality()
  const nameRaw: string[] = []
  const entityFirstName: number[] = []
  const identifiers = new Map<string, number[]>()
  for (const entry of entries) {
    const e = list.length
    list.push(entry)
    entityFirstName.push(nameRaw.length)
    const nameClass = nameClassOf(entry.entity.schema)
    for (const listed of entry.entity.names) {
      const analysed = analyseName(listed.value, nameClass)
      if (analysed.tokens.length === 0) continue
      builder.add(e, analysed)
      nameRaw.push(listed.value)
      nameQuality.push(listed.quality === 'low' ? QUALITY_LOW : listed.quality === 'good' ? 1 : 0)
    }
    for (const id of entry.entity.identifiers) {
      const v = normaliseIdentifier(id.value)
      if (v.length < 4) continue
      const hits = identifiers.get(v)
      if (hits === undefined) identifiers.set(v, [e])
      else if (!hits.includes(e)) hits.push(e)
    }
  }
  entityFirstName.push(nameRaw.length)
  const index = builder.build()
  const entityStart = Uint32Array.from(entityFirstName)
  const quality = nameQuality.toArray()
  const scratch = createExpansionScratch(index)
  const acc = new Float32Array(index.nameCount)
  const stamp = new Int32Array(index.nameCount).fill(-1)
  const touched = new Uint32Array(index.nameCount)
  const covered = new Float32Array(index.nameCount)
  const idf = (token: number) => {
    const df =
      (index.postings.offsets[token + 1] as number) - (index.postings.offsets[token] as number)
    return Math.log(1 + index.nameCount / (df + 1))
  }
  let queryNo = 0

  /**
   * Stage 1: names sharing (exactly, phonetically or within a typo) a part with the query, ranked
   * by the IDF-weighted sum of the parts they share. Returns at most `maxNames` names, each with an
   * upper bound of the name score it could reach given which query parts it shares.
   */
  function candidateNames(q: AnalysedName, threshold: number): number[] {
    const W = NAME_SCORING.kindWeight
    const qIdx: number[] = []
    for (let i = 0; i < q.tokens.length; i++) if (INDEXED.has(q.kinds[i] as PartKind)) qIdx.push(i)
    if (qIdx.length === 0) for (let i = 0; i < q.tokens.length; i++) qIdx.push(i)
    // Distinct blocking tokens with the query weight they stand for.
    const blockTokens: string[] = []
    const blockWeight: number[] = []
    for (const i of qIdx) {
      const t = q.tokens[i] as string
      const w = W[q.kinds[i] as PartKind] as number
      const at = blockTokens.indexOf(t)
      if (at === -1) {
        if (blockTokens.length >= MAX_BLOCK_TOKENS) continue
        blockTokens.push(t)
        blockWeight.push(w)
      } else blockWeight[at] = (blockWeight[at] as number) + w
    }
    let totalWeight = 0
    let unindexedWeight = 0
    for (let i = 0; i < q.tokens.length; i++) {
      const w = W[q.kinds[i] as PartKind] as number
      totalWeight += w
      if (!blockTokens.includes(q.tokens[i] as string)) unindexedWeight += w
    }
    // Adjacent query parts joined may be one listed token ("abdul rahman" → "abdulrahman"); the
    // parts of one hyphenated word are also looked up as one ("chin-ping" → "jinping").
    const nBase = blockTokens.length
    for (let k = 0; k + 1 < nBase; k++) {
      const joined = `${blockTokens[k]}${blockTokens[k + 1]}`
      const qa = q.tokens.indexOf(blockTokens[k] as string)
      const oneWord =
        qa !== -1 &&
        q.tokens[qa + 1] === blockTokens[k + 1] &&
        q.originals[qa] === q.originals[qa + 1] &&
        /[-‐]/.test(q.originals[qa] as string)
      if ((oneWord || index.vocab.has(joined)) && !blockTokens.includes(joined)) {
        blockTokens.push(joined)
        blockWeight.push((blockWeight[k] as number) + (blockWeight[k + 1] as number))
      }
    }
    const eastAsian = looksEastAsian(
      q.tokens,
      q.kinds.map((k) => k === PartKind.name),
    )
    const expansions = blockTokens.map((t, b) => {
      const ex = expandToken(index, t, scratch, eastAsian)
      const best = ex.reduce((m, x) => Math.max(m, x.similarity * idf(x.token)), 0)
      return { ex, best, weight: blockWeight[b] as number }
    })
    expansions.sort((a, b) => b.best - a.best)
    const commonLimit = Math.max(1000, index.nameCount * COMMON_SHARE)
    let nTouched = 0
    for (const { ex, weight } of expansions) {
      const qn = queryNo++
      for (const { token, similarity } of ex) {
        const from = index.postings.offsets[token] as number
        const to = index.postings.offsets[token + 1] as number
        const w = similarity * idf(token)
        const onlyKnown = to - from > commonLimit && nTouched > 0
        for (let k = from; k < to; k++) {
          const n = index.postings.values[k] as number
          if (stamp[n] === qn) continue
          if (acc[n] === 0) {
            if (onlyKnown) continue
            touched[nTouched++] = n
          }
          stamp[n] = qn
          acc[n] = (acc[n] as number) + w
          covered[n] = (covered[n] as number) + weight
        }
      }
    }
    // Drop names that cannot reach the threshold whatever else matches: at best every part they
    // share matches fully, every part not indexed matches too, and the rest is unmatched.
    const extraQ = Math.min(NAME_SCORING.extraQuery, NAME_SCORING.extraQueryOrg)
    const extraQFull = NAME_SCORING.extraQueryFullCandidate
    let kept = 0
    for (let k = 0; k < nTouched; k++) {
      const n = touched[k] as number
      const cov = Math.min(totalWeight, (covered[n] as number) + unindexedWeight)
      let bound = cov / (cov + extraQ * (totalWeight - cov))
      // A listed name all of whose (two or more) name parts the query has weighs the query's
      // extra parts less; only such names need the looser bound.
      if (bound < threshold && cov >= 2 && cov >= nameParts(n))
        bound = cov / (cov + extraQFull * (totalWeight - cov))
      if (bound >= threshold) touched[kept++] = n
      else acc[n] = 0
      covered[n] = 0
    }
    for (let k = kept; k < nTouched; k++) {
      const n = touched[k] as number
      acc[n] = 0
      covered[n] = 0
    }
    const names =
      kept <= maxNames ? Array.from(touched.subarray(0, kept)) : topK(touched, kept, acc, maxNames)
    names.sort((a, b) => (acc[b] as number) - (acc[a] as number))
    for (let k = 0; k < nTouched; k++) {
      const n = touched[k] as number
      acc[n] = 0
      covered[n] = 0
    }
    return names
  }

  /** Name-kind parts of listed name n. */
  function nameParts(n: number): number {
    let count = 0
    for (let k = index.nameStart[n] as number; k < (index.nameStart[n + 1] as number); k++)
      if (((index.nameKinds[k] as number) & KIND_MASK) === PartKind.name) count++
    return count
  }

  function analysedFromIndex(n: number, idx: NameIndex): AnalysedName {
    const from = idx.nameStart[n] as number
    const to = idx.nameStart[n + 1] as number
    const tokens: string[] = []
    const kinds: PartKind[] = []
    const originals: string[] = []
    let groupStart = 0
    for (let k = from; k < to; k++) {
      const stored = idx.nameKinds[k] as number
      const token = idx.tokenText[idx.nameTokens[k] as number] as string
      tokens.push(token)
      kinds.push((stored & KIND_MASK) as PartKind)
      if (stored & JOINED_TO_NEXT) continue
      const last = tokens.length - 1
      if (groupStart === last) originals.push(token)
      else {
        // Parts of one hyphenated word share the word as their original, as analyseName gives them.
        const word = tokens.slice(groupStart, last + 1).join('-')
        for (let g = groupStart; g <= last; g++) originals.push(word)
      }
      groupStart = last + 1
    }
    return { raw: '', tokens, kinds, originals }
  }

  function screen(query: MatchQuery, screenOptions: ScreenOptions = {}): MatchHit[] {
    const threshold = screenOptions.threshold ?? DEFAULT_THRESHOLD
    const limit = Math.max(0, Math.floor(screenOptions.limit ?? DEFAULT_LIMIT))
    if (limit === 0 || list.length === 0) return []
    const queryClass = nameClassOf(query.schema)
    const q = analyseName(typeof query.name === 'string' ? query.name : '', queryClass)
    const entitySet: number[] = []
    const seenEntity = new Set<number>()
    for (const id of query.identifiers ?? []) {
      for (const e of identifiers.get(normaliseIdentifier(String(id.value ?? ''))) ?? []) {
        if (!seenEntity.has(e)) {
          seenEntity.add(e)
          entitySet.push(e)
        }
      }
    }
    // Names to score: the candidate names, grouped by entity (all names for identifier hits).
    const entityNames = new Map<number, number[]>()
    for (const e of entitySet) {
      const all: number[] = []
      for (let n = entityStart[e] as number; n < (entityStart[e + 1] as number); n++) all.push(n)
      entityNames.set(e, all)
    }
    if (q.tokens.length > 0) {
      for (const n of candidateNames(q, threshold)) {
        const e = index.nameEntity[n] as number
        const got = entityNames.get(e)
        if (got !== undefined) {
          if (!got.includes(n)) got.push(n)
          continue
        }
        if (entityNames.size >= maxEntities + entitySet.length) continue
        entityNames.set(e, [n])
      }
    }
    const scored: {
      e: number
      name: number
      nameScore: number
      score: number
      quals: Qualifier[]
    }[] = []
    for (const [e, names] of entityNames) {
      const entity = (list[e] as MatcherEntry).entity
      const nameClass = scoringClass(queryClass, entity)
      let bestScore = 0
      let bestName = -1
      for (const n of names) {
        let s =
          q.tokens.length === 0
            ? 0
            : scoreAnalysed(q, analysedFromIndex(n, index), nameClass, false).score
        if (quality[n] === QUALITY_LOW) s *= QUALIFIER_EFFECTS.weakAliasFactor
        if (s > bestScore || bestName === -1) {
          bestScore = s
          bestName = n
        }
      }
      const quals: Qualifier[] = []
      if (bestName !== -1 && quality[bestName] === QUALITY_LOW && bestScore > 0) {
        const raw = bestScore / QUALIFIER_EFFECTS.weakAliasFactor
        quals.push({
          code: 'weak_alias',
          effect: bestScore - raw,
          detail: 'matched a weak (low-quality) alias',
        })
        bestScore = raw
      }
      quals.push(...qualify(query, entity, bestScore))
      const score = clamp(bestScore + quals.reduce((s, x) => s + x.effect, 0))
      if (score >= threshold) scored.push({ e, name: bestName, nameScore: bestScore, score, quals })
    }
    scored.sort((a, b) => b.score - a.score || a.e - b.e)
    return scored.slice(0, limit).map((s) => {
      const entry = list[s.e] as MatcherEntry
      const matchedName = s.name === -1 ? '' : (nameRaw[s.name] as string)
      let parts: NamePartMatch[] = []
      if (s.name !== -1 && q.tokens.length > 0) {
        const nameClass = scoringClass(queryClass, entry.entity)
        const c = analyseName(matchedName, nameClassOf(entry.entity.schema))
        parts = scoreAnalysed(q, c, nameClass, true).parts ?? []
      }
      return {
        key: entry.key,
        entity: entry.entity,
        score: round(s.score),
        explanation: {
          summary: summarise(matchedName, parts, s.quals),
          matchedName,
          parts,
          qualifiers: s.quals.map((x) => ({ ...x, effect: round(x.effect) })),
        },
      }
    })
  }

  return {
    get size() {
      return list.length
    },
    // No catch-all here: a bug must surface as an error, never as a silent "no hit" on a
    // sanctioned party. Odd input is handled where it is read (length caps, empty names).
    screen(query, screenOptions) {
      return screen(query ?? { name: '' }, screenOptions)
    },
  }
}

function scoringClass(queryClass: NameClass, entity: WatchlistEntity): NameClass {
  return queryClass !== 'any' ? queryClass : nameClassOf(entity.schema)
}

function clamp(x: number): number {
  return x < 0 ? 0 : Math.min(x, 1)
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000
}

/** The k entries of `ids[0..n)` with the highest `acc`, unordered. */
function topK(ids: Uint32Array, n: number, acc: Float32Array, k: number): number[] {
  // Threshold by sampling a histogram of the scores, then collect.
  let max = 0
  for (let i = 0; i < n; i++) {
    const v = acc[ids[i] as number] as number
    if (v > max) max = v
  }
  const bins = 256
  const hist = new Uint32Array(bins)
  for (let i = 0; i < n; i++) {
    const v = acc[ids[i] as number] as number
    const b = Math.min(bins - 1, Math.floor((v / max) * bins))
    hist[b] = (hist[b] as number) + 1
  }
  let cut = bins - 1
  let count = hist[cut] as number
  while (cut > 0 && count + (hist[cut - 1] as number) <= k) {
    cut--
    count += hist[cut] as number
  }
  const out: number[] = []
  const minV = (cut / bins) * max
  for (let i = 0; i < n; i++) {
    const id = ids[i] as number
    if ((acc[id] as number) >= minV) out.push(id)
  }
  return out
}

class GrowableQuality {
  private parts: number[] = []
  push(v: number): void {
    this.parts.push(v)
  }
  toArray(): Uint8Array {
    return Uint8Array.from(this.parts)
  }
}
