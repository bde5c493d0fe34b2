/**
 * Chinese and Korean names written in Latin letters under different romanisation systems:
 * Wade-Giles vs Hanyu Pinyin ("Hsi Chin-p'ing" / "Xi Jinping", "Mao Tse-tung" / "Mao Zedong") and
 * McCune-Reischauer vs Revised Romanisation ("Chong-un" / "Jeong-eun", "Kyong" / "Gyeong").
 *
 * A part is split into syllables (onset, vowel nucleus, optional coda) and every syllable is folded
 * to a key on which the systems agree: the aspirated/unaspirated onset pairs that Wade-Giles writes
 * with an apostrophe (usually dropped) and the other systems with different letters (p/b, t/d, k/g,
 * ch/j/zh/q, ts/tz/z/c, hs/x), Wade-Giles finals (-ung, -ih, -ieh, -ien, -ueh, -uei), and Korean
 * vowel spellings (eo/ŏ → o, eu/ŭ → u, popular oo → u and ee → i). Sources: the standard
 * Wade-Giles ↔ Pinyin conversion table (e.g. Library of Congress Pinyin conversion guidelines) and
 * the McCune-Reischauer / Revised Romanisation of Korean tables (National Institute of the Korean
 * Language, 2000).
 *
 * The folding is lossy, so it is only used between two names that both look East Asian (see
 * `looksEastAsian`): every name part splits into such syllables, and the name has a part that is a
 * common Chinese or Korean surname or a spelling only these systems use (hs, ts, tz, zh, x, q, eo,
 * eu, -ih, -ieh, -ueh).
 */

const ONSETS = [
  'zh',
  'ch',
  'sh',
  'hs',
  'ts',
  'tz',
  'ss',
  'kk',
  'tt',
  'pp',
  'jj',
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
  'r',
  'z',
  'c',
  's',
  'y',
  'w',
]
const ONSET_ORDER = ['', ...ONSETS]
const NUCLEI = [
  'iao',
  'uai',
  'uei',
  'yeo',
  'yae',
  'wae',
  'ieh',
  'ueh',
  'ai',
  'ei',
  'ao',
  'ou',
  'ia',
  'ie',
  'iu',
  'io',
  'ua',
  'uo',
  'ue',
  'ui',
  'ae',
  'eo',
  'eu',
  'oe',
  'oo',
  'ee',
  'ya',
  'ye',
  'yo',
  'yu',
  'wa',
  'wo',
  'we',
  'wi',
  'ih',
  'a',
  'e',
  'i',
  'o',
  'u',
  'v',
]
const CODA_ORDER = ['', 'ng', 'n', 'm', 'l', 'k', 'p', 't', 'r']

const UNG: Record<string, string> = { u: 'o', iu: 'io', yu: 'yo' }
const ONSET_KEY: Record<string, string> = {
  p: 'b',
  pp: 'b',
  t: 'd',
  tt: 'd',
  k: 'g',
  kk: 'g',
  ch: 'j',
  zh: 'j',
  q: 'j',
  jj: 'j',
  ts: 'z',
  tz: 'z',
  c: 'z',
  hs: 'x',
  ss: 's',
}
const NUCLEUS_KEY: Record<string, string> = {
  eo: 'o',
  yeo: 'yo',
  eu: 'u',
  oo: 'u',
  ee: 'i',
  ih: 'i',
  ieh: 'ie',
  ueh: 'ue',
  uei: 'ui',
  v: 'u',
}

/** Spellings only a Chinese or Korean romanisation system uses. */
const SYSTEM_MARK = /hs|ts|tz|zh|eo|eu|ieh|ueh|^x|^q|[^aeiou]ih(?![a-z])/

/** Common Chinese and Korean surnames as romanised (Pinyin, Wade-Giles, MR, RR, popular). */
const SURNAMES = new Set(
  (
    'wang li zhang chang liu chen chan yang huang hwang zhao chao wu zhou chou xu hsu sun ma zhu chu hu ' +
    'guo kuo he ho lin lim gao kao luo lo zheng cheng liang xie hsieh song sung tang han feng deng teng ' +
    'cao tsao peng zeng tseng xiao hsiao tian tien dong tung pan yuan cai tsai jiang chiang yu du tu ye yeh ' +
    'wei su lu ding ting ren jen shen yao jin chin xi hsi mao fan zou tsou meng shi shih ' +
    'kim gim lee yi rhee ri park pak bak choi choe jung jeong chong kang gang cho jo yoon yun jang ' +
    'im oh seo shin sin kwon gwon ahn an ryu jon jeon chon hong ko go mun moon son bae pae baek paek ' +
    'heo nam sim noh ha kwak gwak cha ju woo ku gu min rim ok thae kye ri'
  ).split(' '),
)

const KEY_CACHE = new Map<string, string | null>()

/** The romanisation-neutral key of a part, or null when it does not split into such syllables. */
export function syllableKey(token: string): string | null {
  let key = KEY_CACHE.get(token)
  if (key !== undefined) return key
  key = computeSyllableKey(token)
  if (KEY_CACHE.size > 100_000) KEY_CACHE.clear()
  KEY_CACHE.set(token, key)
  return key
}

/** `syllableKey` without the cache (for building an index over a whole vocabulary). */
export function computeSyllableKey(token: string): string | null {
  return token.length > 16 || !ALPHA.test(token) ? null : segment(token, 0, new Map())
}

const ALPHA = /^[a-z]+$/

/** Splits `s` from `at` into syllables, longest first with backtracking; the folded key or null. */
function segment(s: string, at: number, memo: Map<number, string | null>): string | null {
  if (at === s.length) return ''
  const known = memo.get(at)
  if (known !== undefined) return known
  const key = segmentAt(s, at, memo)
  memo.set(at, key)
  return key
}

function segmentAt(s: string, at: number, memo: Map<number, string | null>): string | null {
  for (const onset of ONSET_ORDER) {
    if (onset !== '' && !s.startsWith(onset, at)) continue
    const afterOnset = at + onset.length
    for (const nucleus of NUCLEI) {
      if (!s.startsWith(nucleus, afterOnset)) continue
      const afterNucleus = afterOnset + nucleus.length
      // A consonant between two vowels starts the next syllable when it can ("tse-tung").
      for (const coda of CODA_ORDER) {
        if (coda !== '' && !s.startsWith(coda, afterNucleus)) continue
        const rest = segment(s, afterNucleus + coda.length, memo)
        if (rest === null) continue
        // Wade-Giles -ung is Pinyin -ong ("Tse-tung" / "Zedong").
        const n = coda === 'ng' ? (UNG[nucleus] ?? nucleus) : nucleus
        return (ONSET_KEY[onset] ?? onset) + (NUCLEUS_KEY[n] ?? n) + coda + rest
      }
    }
  }
  return null
}

/**
 * True when every name part splits into Chinese/Korean syllables and one part is a common
 * surname of these languages or uses a spelling only their romanisation systems have.
 */
export function looksEastAsian(tokens: readonly string[], isName: readonly boolean[]): boolean {
  let marked = false
  let any = false
  for (let i = 0; i < tokens.length; i++) {
    if (!isName[i]) continue
    const t = tokens[i] as string
    if (syllableKey(t) === null) return false
    any = true
    if (!marked && (SURNAMES.has(t) || SYSTEM_MARK.test(t))) marked = true
  }
  return any && marked
}
