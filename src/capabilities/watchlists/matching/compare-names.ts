import { distance } from 'fastest-levenshtein'
import { hasShortForms, isShortForm } from './nicknames.ts'
import { type AnalysedName, type NameClass, PartKind } from './normalize.ts'
import { looksEastAsian, syllableKey } from './romanisation.ts'
import { How, lastMatch, tokenSimilarity } from './token-similarity.ts'
import type { NamePartMatch, PartMatchHow } from './types.ts'
import { LEGAL_PHRASES, legalFormSimilarity } from './vocabulary.ts'

/** Tunable constants of the name score (see docs in the README of this folder). */
export const NAME_SCORING = {
  /** Weight of a part by kind: name, generic, stop, legal, number, initial. */
  kindWeight: [1, 0.6, 0.25, 0.35, 1.2, 0.5] as number[],
  /** Share of its weight an unmatched query part keeps (logic-v2's nm_extra_query_name). */
  extraQuery: 0.6,
  /** Share of its weight an unmatched candidate part keeps (logic-v2's nm_extra_result_name). */
  extraCandidate: 0.35,
  /** Share for unmatched query parts when every name part of the candidate (two or more) matched. */
  extraQueryFullCandidate: 0.4,
  /** The same for organisations and objects, whose names rarely lose parts. */
  extraQueryOrg: 1,
  extraCandidateOrg: 0.2,
  /** Factor when matched person-name parts are shuffled (not just rotated, as "LAST First" is). */
  shuffled: 0.6,
  /** Factor when only middle names change places between a first and a last name that stay. */
  middleSwapped: 0.9,
  /** When both sides keep unmatched name parts they contradict each other: this much more. */
  conflict: 1.5,
  /** Weight of each side of two different legal forms. */
  legalConflict: 0.3,
  /** Score of an initial against a name part starting with it. */
  initial: 0.9,
  /** Score of two parts that are one Chinese/Korean name in two romanisation systems. */
  romanised: 0.9,
  /** Score of a given name against its common short form ("Ted" / "Theodore"). */
  shortForm: 0.85,
  /** Cap for an organisation whose generic words alone match a name with a distinctive part. */
  genericOnlyCap: 0.5,
  /** Cap when nothing but stop words, legal forms or initials match. */
  noNameCap: 0.3,
}

type Side = { tokens: string[]; kinds: PartKind[]; originals: string[] }

export type NameScore = {
  score: number
  /** Parts in query order, then candidate parts the query does not have; null unless asked for. */
  parts: NamePartMatch[] | null
}

const NAMEISH = (k: PartKind) => k === PartKind.name || k === PartKind.generic

/**
 * Merges adjacent parts of `other` whose concatenation is a single part of `side`
 * ("abdul rahman" against "abdulrahman"). Returns `other` unchanged when nothing merges.
 */
function mergeCompounds(side: Side, other: Side): Side {
  let out: Side | null = null
  for (let i = 0; i < side.tokens.length; i++) {
    const t = side.tokens[i] as string
    if (t.length < 5 || !NAMEISH(side.kinds[i] as PartKind)) continue
    const cur: Side = out ?? other
    if (cur.tokens.includes(t)) continue
    for (let j = 0; j < cur.tokens.length - 1; j++) {
      let joined = cur.tokens[j] as string
      if (joined.charCodeAt(0) !== t.charCodeAt(0) || joined.charCodeAt(1) !== t.charCodeAt(1))
        continue
      let merged = false
      for (let len = 2; len <= 3 && j + len <= cur.tokens.length; len++) {
        const k = cur.kinds[j + len - 1] as PartKind
        if (k === PartKind.number) break
        joined += cur.tokens[j + len - 1] as string
        if (joined.length > t.length + 1) break
        if (joined === t || (t.length >= 6 && distance(joined, t) <= 1)) {
          const next: Side = {
            tokens: cur.tokens.slice(),
            kinds: cur.kinds.slice(),
            originals: cur.originals.slice(),
          }
          next.tokens.splice(j, len, joined)
          next.kinds.splice(j, len, PartKind.name)
          next.originals.splice(j, len, cur.originals.slice(j, j + len).join(' '))
          out = next
          merged = true
          break
        }
      }
      if (merged) break
    }
  }
  return out ?? other
}

function exactHow(qo: string, co: string, token: string): PartMatchHow {
  if (qo.toLowerCase() === co.toLowerCase()) return 'exact'
  const lq = letters(qo)
  const lc = letters(co)
  if (lq === lc) return 'exact'
  // The same compare form from different spellings ("Абдул" / "Abdul", "Abdel" / "Abdul").
  return lq.includes(token) && lc.includes(token) ? 'exact' : 'transliterated'
}

function letters(s: string): string {
  return s.replace(/[^\p{L}\p{N}\p{M}]+/gu, '').toLowerCase()
}

// Scratch space for the pair list, reused between calls.
let pairScore = new Float64Array(64)
let pairQ = new Int32Array(64)
let pairC = new Int32Array(64)
let pairHow = new Uint8Array(64)
let order = new Int32Array(64)

const HOW_EXACT = 1
const HOW_TYPO = 2
const HOW_PHONETIC = 3
const HOW_INITIAL = 4
const HOW_LEGAL = 5
const HOW_STOP = 6
const HOW_COMPOUND = 7
const HOW_TRANSLIT = 8
const HOW_NICKNAME = 9

/**
 * Scores one analysed query name against one analysed candidate name, 0..1, by aligning parts one
 * to one (best pairs first) and taking the weighted mean, where unmatched parts count with reduced
 * weight (more on the query side) and contradictions (different names, numbers or legal forms in
 * the same place) count extra.
 */
export function scoreAnalysed(
  query: AnalysedName,
  candidate: AnalysedName,
  nameClass: NameClass,
  explain: boolean,
): NameScore {
  const person = nameClass === 'person' || nameClass === 'any'
  const eastAsian = person && looksEastAsianName(query) && looksEastAsianName(candidate)
  const split = scoreSides(query, candidate, nameClass, explain, eastAsian)
  if (!person || split.score >= 1) return split
  // Hyphenated given names may be one name written in syllables ("Jong-un", "Chin-p'ing"):
  // compare them also as one part each, and keep the better reading.
  const qj = joinHyphenated(query)
  const cj = joinHyphenated(candidate)
  if (qj === query && cj === candidate) return split
  const joined = scoreSides(qj, cj, nameClass, explain, eastAsian)
  return joined.score > split.score ? joined : split
}

/** The side with each hyphenated word of name parts ("Jong-un") as one part ("jongun"). */
function joinHyphenated(side: AnalysedName): AnalysedName {
  const { tokens, kinds, originals } = side
  let any = false
  for (let i = 0; i + 1 < tokens.length && !any; i++) {
    if (originals[i] === originals[i + 1] && kinds[i] === PartKind.name) any = true
  }
  if (!any) return side
  const out: AnalysedName = { raw: side.raw, tokens: [], kinds: [], originals: [] }
  let joinedAny = false
  let i = 0
  while (i < tokens.length) {
    const original = originals[i] as string
    let j = i + 1
    while (j < tokens.length && originals[j] === original) j++
    let join = j - i >= 2 && (original.includes('-') || original.includes('‐'))
    for (let k = i; join && k < j; k++) if (kinds[k] !== PartKind.name) join = false
    if (join) {
      joinedAny = true
      out.tokens.push(tokens.slice(i, j).join(''))
      out.kinds.push(PartKind.name)
      out.originals.push(original)
    } else {
      for (let k = i; k < j; k++) {
        out.tokens.push(tokens[k] as string)
        out.kinds.push(kinds[k] as PartKind)
        out.originals.push(originals[k] as string)
      }
    }
    i = j
  }
  return joinedAny ? out : side
}

function scoreSides(
  query: AnalysedName,
  candidate: AnalysedName,
  nameClass: NameClass,
  explain: boolean,
  eastAsian: boolean,
): NameScore {
  const nq0 = query.tokens.length
  const nc0 = candidate.tokens.length
  if (nq0 === 0 || nc0 === 0) return { score: 0, parts: explain ? [] : null }
  const c = mergeCompounds(query, candidate)
  const q = mergeCompounds(c, query)
  const nq = q.tokens.length
  const nc = c.tokens.length
  const W = NAME_SCORING.kindWeight
  const person = nameClass === 'person' || nameClass === 'any'

  // Candidate pairs.
  const cap = nq * nc
  if (pairScore.length < cap) {
    const size = Math.max(cap, pairScore.length * 2)
    pairScore = new Float64Array(size)
    pairQ = new Int32Array(size)
    pairC = new Int32Array(size)
    pairHow = new Uint8Array(size)
    order = new Int32Array(size)
  }
  let np = 0
  for (let i = 0; i < nq; i++) {
    const qt = q.tokens[i] as string
    const qk = q.kinds[i] as PartKind
    const qShort = person && hasShortForms(qt)
    for (let j = 0; j < nc; j++) {
      const ct = c.tokens[j] as string
      const ck = c.kinds[j] as PartKind
      let s = 0
      let how = 0
      if (NAMEISH(qk) && NAMEISH(ck)) {
        s = tokenSimilarity(qt, ct)
        const h = lastMatch.how
        how = h === How.exact ? HOW_EXACT : h === How.typo ? HOW_TYPO : HOW_PHONETIC
        if (h === How.exact && (q.originals[i] as string).includes(' ')) how = HOW_COMPOUND
        if (h === How.exact && (c.originals[j] as string).includes(' ')) how = HOW_COMPOUND
        // A name written in syllables differs by one letter at most: "Myong-sik" is not "Myong-guk".
        if (h !== How.exact && s > 0 && (isJoinedWord(q, i) || isJoinedWord(c, j))) {
          if (distance(qt, ct) > 1) s = 0
        }
        if (qShort && s < NAME_SCORING.shortForm && isShortForm(qt, ct)) {
          s = NAME_SCORING.shortForm
          how = HOW_NICKNAME
        }
        if (eastAsian && s < NAME_SCORING.romanised) {
          const key = syllableKey(qt)
          if (key !== null && key === syllableKey(ct)) {
            s = NAME_SCORING.romanised
            how = HOW_TRANSLIT
          }
        }
      } else if (qk === PartKind.initial || ck === PartKind.initial) {
        if (qt === ct) {
          s = 1
          how = HOW_EXACT
        } else if (
          nameClass !== 'org' &&
          ((qk === PartKind.initial && NAMEISH(ck) && ct[0] === qt) ||
            (ck === PartKind.initial && NAMEISH(qk) && qt[0] === ct))
        ) {
          s = NAME_SCORING.initial
          how = HOW_INITIAL
        }
      } else if (qk === PartKind.legal && NAMEISH(ck)) {
        const form = LEGAL_PHRASES.get(ct)
        if (form !== undefined) {
          s = legalFormSimilarity(qt, form)
          how = HOW_LEGAL
        }
      } else if (ck === PartKind.legal && NAMEISH(qk)) {
        const form = LEGAL_PHRASES.get(qt)
        if (form !== undefined) {
          s = legalFormSimilarity(form, ct)
          how = HOW_LEGAL
        }
      } else if (qk === ck) {
        if (qk === PartKind.legal) {
          s = legalFormSimilarity(qt, ct)
          how = HOW_LEGAL
        } else if (qk === PartKind.number) {
          s = qt === ct || stripZeros(qt) === stripZeros(ct) ? 1 : 0
          how = HOW_EXACT
        } else if (qt === ct) {
          s = 1
          how = HOW_STOP
        }
      }
      if (s > 0) {
        pairScore[np] = s
        pairQ[np] = i
        pairC[np] = j
        pairHow[np] = how
        order[np] = np
        np++
      }
    }
  }
  // Best pairs first; on ties, the pair closer in position.
  const ord = order.subarray(0, np)
  ord.sort((x, y) => {
    const d = (pairScore[y] as number) - (pairScore[x] as number)
    if (d !== 0) return d
    return (
      Math.abs((pairQ[x] as number) - (pairC[x] as number)) -
      Math.abs((pairQ[y] as number) - (pairC[y] as number))
    )
  })
  const qMatch = new Int32Array(nq).fill(-1)
  const cMatch = new Int32Array(nc).fill(-1)
  const qPair = new Int32Array(nq).fill(-1)
  for (let k = 0; k < np; k++) {
    const p = ord[k] as number
    const i = pairQ[p] as number
    const j = pairC[p] as number
    if (qMatch[i] !== -1 || cMatch[j] !== -1) continue
    qMatch[i] = j
    cMatch[j] = i
    qPair[i] = p
  }

  // Weighted mean.
  let extraQ = person ? NAME_SCORING.extraQuery : NAME_SCORING.extraQueryOrg
  if (person) {
    // A listed name of two or more parts all found in a longer query ("Dost Mohammad" in "Dost
    // Mohammad Khan Haqqani") is the short form of a full name; its extra parts count less.
    let matchedNames = 0
    for (let i = 0; i < nq; i++) {
      const j = qMatch[i] as number
      if (j !== -1 && q.kinds[i] === PartKind.name && c.kinds[j] === PartKind.name) matchedNames++
    }
    let candidateNames = 0
    for (let j = 0; j < nc; j++) if (c.kinds[j] === PartKind.name) candidateNames++
    if (matchedNames >= 2 && matchedNames === candidateNames)
      extraQ = NAME_SCORING.extraQueryFullCandidate
  }
  const extraC = person ? NAME_SCORING.extraCandidate : NAME_SCORING.extraCandidateOrg
  let num = 0
  let den = 0
  let nameMatched = 0
  let distinctMatched = 0
  let ucDistinct = 0
  let uqName = 0
  let ucName = 0
  let uqLegal = 0
  let ucLegal = 0
  let uqNumber = 0
  let ucNumber = 0
  for (let i = 0; i < nq; i++) {
    const k = q.kinds[i] as PartKind
    const p = qPair[i] as number
    if (p === -1) {
      const w = W[k] as number
      if (k === PartKind.legal) uqLegal += w
      else if (k === PartKind.number) uqNumber += w
      else if (k !== PartKind.stop) uqName += w
      den += w * extraQ
      continue
    }
    const ck = c.kinds[qMatch[i] as number] as PartKind
    const w = pairWeight(k, ck, W)
    const s = pairScore[p] as number
    num += w * s
    den += w
    if (pairHow[p] === HOW_INITIAL) {
      // The side with the full name knows more than the initial says.
      const full = (k === PartKind.initial ? W[ck] : W[k]) as number
      den += (full - w) * (k === PartKind.initial ? extraC : extraQ)
    }
    if (NAMEISH(k) || k === PartKind.number) nameMatched += w * s
    if ((k === PartKind.name || k === PartKind.number) && s > 0) distinctMatched++
  }
  for (let j = 0; j < nc; j++) {
    if (cMatch[j] !== -1) continue
    const k = c.kinds[j] as PartKind
    const w = W[k] as number
    if (k === PartKind.legal) ucLegal += w
    else if (k === PartKind.number) ucNumber += w
    else if (k !== PartKind.stop) ucName += w
    if (k === PartKind.name) ucDistinct++
    // Half of a double-barrelled name ("PRIDMORE-SMITH") is not a missing middle name.
    den += w * (NAMEISH(k) && halfOfMatchedCompound(c, cMatch, j) ? 1 : extraC)
  }
  den += NAME_SCORING.conflict * Math.min(uqName, ucName)
  if (uqLegal > 0 && ucLegal > 0) den += NAME_SCORING.legalConflict * 2
  if (uqNumber > 0 && ucNumber > 0) den += uqNumber + ucNumber
  else if (uqNumber > 0 || ucNumber > 0) den += (uqNumber + ucNumber) * 0.5
  let score = den > 0 ? num / den : 0
  if (nameMatched === 0) score = Math.min(score, NAME_SCORING.noNameCap)
  // An organisation matched on generic words only ("Société Générale") is not the listed one
  // whose distinctive part it lacks ("Société Générale de Pain").
  else if (nameClass !== 'person' && distinctMatched === 0 && ucDistinct > 0)
    score = Math.min(score, NAME_SCORING.genericOnlyCap)
  if (nameClass === 'person') score *= orderFactor(q.kinds, qMatch, c.kinds)
  score = Math.max(0, Math.min(1, score))

  if (!explain) return { score, parts: null }
  return { score, parts: explainParts(q, c, qMatch, cMatch, qPair, W, extraQ, extraC) }
}

/**
 * 1 unless the matched name parts appear in an order that is neither the candidate's nor a
 * rotation of it ("Putin Vladimir" is a rotation of "Vladimir Putin"; "Omar bin Abdullah" against
 * "Abdullah bin Omar" with a third part is a shuffle). Middle names swapped between a first and a
 * last name that stay in place ("Reinaldo Gregorio Lenin Cerna" / "Reinaldo Lenin Gregorio Cerna")
 * cost less than a shuffle.
 */
function orderFactor(qKinds: PartKind[], qMatch: Int32Array, cKinds: PartKind[]): number {
  const seq: number[] = []
  for (let i = 0; i < qMatch.length; i++) {
    const j = qMatch[i] as number
    if (j === -1 || !NAMEISH(qKinds[i] as PartKind) || !NAMEISH(cKinds[j] as PartKind)) continue
    seq.push(j)
  }
  if (seq.length < 3) return 1
  let descents = 0
  for (let k = 1; k < seq.length; k++) if ((seq[k] as number) < (seq[k - 1] as number)) descents++
  if (descents === 0) return 1
  // A rotation has one descent and its tail ends before its head starts.
  if (descents === 1 && (seq[seq.length - 1] as number) < (seq[0] as number)) return 1
  const first = seq[0] as number
  const last = seq[seq.length - 1] as number
  let innerOnly = seq.length >= 4
  for (const j of seq) if (j < first || j > last) innerOnly = false
  return innerOnly ? NAME_SCORING.middleSwapped : NAME_SCORING.shuffled
}

/** True when part j came from a hyphenated word another name part of which is matched (not "al-"). */
function halfOfMatchedCompound(side: Side, matched: Int32Array, j: number): boolean {
  const original = side.originals[j] as string
  if (!original.includes('-') && !original.includes('‐')) return false
  for (const k of [j - 1, j + 1])
    if (
      side.originals[k] === original &&
      (matched[k] as number) !== -1 &&
      NAMEISH(side.kinds[k] as PartKind)
    )
      return true
  return false
}

/** True when part i is a whole hyphenated word ("jongun" from "Jong-un"), not one of its halves. */
function isJoinedWord(side: Side, i: number): boolean {
  const original = side.originals[i] as string
  if (!original.includes('-') && !original.includes('‐')) return false
  return side.originals[i - 1] !== original && side.originals[i + 1] !== original
}

// The query is scored against many candidates: remember its answer.
const EAST_ASIAN = new WeakMap<AnalysedName, boolean>()

function looksEastAsianName(name: AnalysedName): boolean {
  let known = EAST_ASIAN.get(name)
  if (known === undefined) {
    known = looksEastAsian(name.tokens, name.kinds.map(NAMEISH))
    EAST_ASIAN.set(name, known)
  }
  return known
}

function pairWeight(qk: PartKind, ck: PartKind, W: number[]): number {
  if (qk === PartKind.initial || ck === PartKind.initial) return W[PartKind.initial] as number
  return ((W[qk] as number) + (W[ck] as number)) / 2
}

function stripZeros(s: string): string {
  return s.replace(/^0+(?=\d)/, '')
}

function explainParts(
  q: Side,
  c: Side,
  qMatch: Int32Array,
  cMatch: Int32Array,
  qPair: Int32Array,
  W: number[],
  extraQ: number,
  extraC: number,
): NamePartMatch[] {
  const parts: NamePartMatch[] = []
  const cLegalLeft = c.kinds.some((k, j) => k === PartKind.legal && cMatch[j] === -1)
  const cNumberLeft = c.kinds.some((k, j) => k === PartKind.number && cMatch[j] === -1)
  const qLegalLeft = q.kinds.some((k, i) => k === PartKind.legal && qMatch[i] === -1)
  const qNumberLeft = q.kinds.some((k, i) => k === PartKind.number && qMatch[i] === -1)
  for (let i = 0; i < q.tokens.length; i++) {
    const k = q.kinds[i] as PartKind
    const qo = shown(q, i)
    const p = qPair[i] as number
    if (p === -1) {
      const conflict =
        (k === PartKind.legal && cLegalLeft) || (k === PartKind.number && cNumberLeft)
      parts.push({
        query: qo,
        candidate: null,
        how: conflict ? 'conflict' : 'unmatched',
        score: 0,
        weight: round((W[k] as number) * extraQ),
      })
      continue
    }
    const j = qMatch[i] as number
    const co = shown(c, j)
    const s = pairScore[p] as number
    let how: PartMatchHow
    switch (pairHow[p]) {
      case HOW_EXACT:
        how = k === PartKind.stop ? 'stop-word' : exactHow(qo, co, q.tokens[i] as string)
        break
      case HOW_TYPO:
        how = 'typo'
        break
      case HOW_PHONETIC:
        how = 'phonetic'
        break
      case HOW_INITIAL:
        how = 'initial'
        break
      case HOW_LEGAL:
        how = 'legal-form'
        break
      case HOW_STOP:
        how = 'stop-word'
        break
      case HOW_TRANSLIT:
        how = 'transliterated'
        break
      case HOW_NICKNAME:
        how = 'short-form'
        break
      default:
        how = 'compound'
    }
    parts.push({
      query: qo,
      candidate: co,
      how,
      score: round(s),
      weight: round(pairWeight(k, c.kinds[j] as PartKind, W)),
    })
  }
  for (let j = 0; j < c.tokens.length; j++) {
    if (cMatch[j] !== -1) continue
    const k = c.kinds[j] as PartKind
    const conflict = (k === PartKind.legal && qLegalLeft) || (k === PartKind.number && qNumberLeft)
    const half = NAMEISH(k) && halfOfMatchedCompound(c, cMatch, j)
    parts.push({
      query: '',
      candidate: shown(c, j),
      how: half ? 'other-half' : conflict ? 'conflict' : 'extra',
      score: 0,
      weight: round((W[k] as number) * (half ? 1 : extraC)),
    })
  }
  return parts
}

/** The text a part came from; for one part of a hyphenated word, just that part ("SMITH"). */
function shown(side: Side, i: number): string {
  const original = side.originals[i] as string
  if (!original.includes('-') && !original.includes('‐')) return original
  let position = 0
  while (i - position - 1 >= 0 && side.originals[i - position - 1] === original) position++
  const pieces = original.split(/[-‐]+/).filter((p) => p !== '')
  return pieces.length === countSame(side, i, original) ? (pieces[position] as string) : original
}

function countSame(side: Side, i: number, original: string): number {
  let from = i
  let to = i
  while (side.originals[from - 1] === original) from--
  while (side.originals[to + 1] === original) to++
  return to - from + 1
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
