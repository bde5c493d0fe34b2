/**
 * The key that decides whether two parties are "the same end user or consignee" for the
 * essentially-identical-transaction check of Art. 16: the name folded to lower-case ASCII letters
 * and digits, legal forms dropped, plus the country. The fuzzy matcher (watchlists) will sharpen
 * this; the key stays the cheap first filter.
 */
const LEGAL_FORMS = new Set([
  'ltd',
  'limited',
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'kft',
  'zrt',
  'sro',
  'doo',
  'fze',
  'fzco',
  'fzllc',
  'llp',
  'lp',
  'pte',
  'pty',
  'sdn',
  'bhd',
  'jsc',
  'ojsc',
  'pjsc',
  'ooo',
  'the',
  'kg',
  'se',
  'ug',
  'sp',
  'zoo',
])

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0 && !LEGAL_FORMS.has(word))
    .join(' ')
}

export function partyKey(name: string, country: string): string {
  return `${country.toUpperCase()}:${normaliseName(name)}`
}
