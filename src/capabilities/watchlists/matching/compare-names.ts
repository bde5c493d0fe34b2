import { distance } from 'fastest-levenshtein'
import { type AnalysedName, type NameClass, PartKind } from './normalize.ts'
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
  /** The same for organisations and objects, whose names rarely lose parts. */
  extraQueryOrg: 1,
  extraCandidateOrg: 0.2,
  /** Factor when matched person-name parts are shuffled (not just rotated, as "LAST First" is). */
  shuffled: 0.6,
  /** When both sides keep unmatched name parts they contradict each other: this much more. */
  conflict: 1.5,
  /** Weight of each side of two different legal forms. */
  legalConflict: 0.3,
  /** Score of an initial against a name part starting with it. */
  initial: 0.9,
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

const NON_ASCII = /[^\x20-\x7e]/

function exactHow(qo: string, co: string): PartMatchHow {
  if (qo.toLowerCase() === co.toLowerCase()) return 'exact'
  return NON_ASCII.test(qo) || NON_ASCII.test(co) ? 'transliterated' : 'exact'
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
  const nq0 = query.tokens.length
  const nc0 = candidate.tokens.length
  if (nq0 === 0 || nc0 === 0) return { score: 0, parts: explain ? [] : null }
  const c = mergeCompounds(query, candidate)
  const q = mergeCompounds(c, query)
  const nq = q.tokens.length
  const nc = c.tokens.length
  const W = NAME_SCORING.kindWeight

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
  const person = nameClass === 'person' || nameClass === 'any'
  const extraQ = person ? NAME_SCORING.extraQuery : NAME_SCORING.extraQueryOrg
  const extraC = person ? NAME_SCORING.extraCandidate : NAME_SCORING.extraCandidateOrg
  let num = 0
  let den = 0
  let nameMatched = 0
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
  }
  for (let j = 0; j < nc; j++) {
    if (cMatch[j] !== -1) continue
    const k = c.kinds[j] as PartKind
    const w = W[k] as number
    if (k === PartKind.legal) ucLegal += w
    else if (k === PartKind.number) ucNumber += w
    else if (k !== PartKind.stop) ucName += w
    den += w * extraC
  }
  den += NAME_SCORING.conflict * Math.min(uqName, ucName)
  if (uqLegal > 0 && ucLegal > 0) den += NAME_SCORING.legalConflict * 2
  if (uqNumber > 0 && ucNumber > 0) den += uqNumber + ucNumber
  else if (uqNumber > 0 || ucNumber > 0) den += (uqNumber + ucNumber) * 0.5
  let score = den > 0 ? num / den : 0
  if (nameMatched === 0) score = Math.min(score, NAME_SCORING.noNameCap)
  if (nameClass === 'person' && isShuffled(q.kinds, qMatch, c.kinds)) score *= NAME_SCORING.shuffled
  score = Math.max(0, Math.min(1, score))

  if (!explain) return { score, parts: null }
  return { score, parts: explainParts(q, c, qMatch, cMatch, qPair, W) }
}

/**
 * True when the matched name parts appear in an order that is neither the candidate's nor a
 * rotation of it ("Putin Vladimir" is a rotation of "Vladimir Putin"; "Omar bin Abdullah" against
 * "Abdullah bin Omar" with a third part is a shuffle).
 */
function isShuffled(qKinds: PartKind[], qMatch: Int32Array, cKinds: PartKind[]): boolean {
  const seq: number[] = []
  for (let i = 0; i < qMatch.length; i++) {
    const j = qMatch[i] as number
    if (j === -1 || !NAMEISH(qKinds[i] as PartKind) || !NAMEISH(cKinds[j] as PartKind)) continue
    seq.push(j)
  }
  if (seq.length < 3) return false
  let descents = 0
  for (let k = 1; k < seq.length; k++) if ((seq[k] as number) < (seq[k - 1] as number)) descents++
  if (descents === 0) return false
  // A rotation has one descent and its tail ends before its head starts.
  return !(descents === 1 && (seq[seq.length - 1] as number) < (seq[0] as number))
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
): NamePartMatch[] {
  const parts: NamePartMatch[] = []
  const cLegalLeft = c.kinds.some((k, j) => k === PartKind.legal && cMatch[j] === -1)
  const cNumberLeft = c.kinds.some((k, j) => k === PartKind.number && cMatch[j] === -1)
  const qLegalLeft = q.kinds.some((k, i) => k === PartKind.legal && qMatch[i] === -1)
  const qNumberLeft = q.kinds.some((k, i) => k === PartKind.number && qMatch[i] === -1)
  for (let i = 0; i < q.tokens.length; i++) {
    const k = q.kinds[i] as PartKind
    const qo = q.originals[i] as string
    const p = qPair[i] as number
    if (p === -1) {
      const conflict =
        (k === PartKind.legal && cLegalLeft) || (k === PartKind.number && cNumberLeft)
      parts.push({
        query: qo,
        candidate: null,
        how: conflict ? 'conflict' : 'unmatched',
        score: 0,
        weight: round((W[k] as number) * NAME_SCORING.extraQuery),
      })
      continue
    }
    const j = qMatch[i] as number
    const co = c.originals[j] as string
    const s = pairScore[p] as number
    let how: PartMatchHow
    switch (pairHow[p]) {
      case HOW_EXACT:
        how = k === PartKind.stop ? 'stop-word' : exactHow(qo, co)
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
    parts.push({
      query: '',
      candidate: c.originals[j] as string,
      how: conflict ? 'conflict' : 'extra',
      score: 0,
      weight: round((W[k] as number) * NAME_SCORING.extraCandidate),
    })
  }
  return parts
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
