import { COUNTRIES, isCountryCode } from '../../reference-data/countries.ts'

/**
 * Country spellings the lists use that are not the ISO short names in reference-data (UN official
 * names, OFAC's "Korea, North", BIS's "PRC" …). Checked against the real files in
 * ../shared/data/sanctions (beside the repository); anything still unknown is dropped rather than guessed.
 */
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ["Democratic People's Republic of Korea", 'KP'],
  ['Korea, North', 'KP'],
  ['North Korea', 'KP'],
  ['Republic of Korea', 'KR'],
  ['Korea, South', 'KR'],
  ['South Korea', 'KR'],
  ['Iran', 'IR'],
  ['Iran (Islamic Republic of)', 'IR'],
  ['Syria', 'SY'],
  ['Russia', 'RU'],
  ['China', 'CN'],
  ['PRC', 'CN'],
  ['China, Hong Kong Special Administrative Region', 'HK'],
  ['Macau', 'MO'],
  ['Taiwan', 'TW'],
  ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
  ['United States', 'US'],
  ['USA', 'US'],
  ['Burma', 'MM'],
  ['Congo', 'CG'],
  ['Congo, Republic of the', 'CG'],
  ['Congo, Democratic Republic of the', 'CD'],
  ['Viet Nam', 'VN'],
  ['Turkey', 'TR'],
  ['Tanzania', 'TZ'],
  ['Gambia', 'GM'],
  ['The Gambia', 'GM'],
  ['Gambia, The', 'GM'],
  ['Bahamas, The', 'BS'],
  ['Cabo Verde', 'CV'],
  ['British Virgin Islands', 'VG'],
  ['Brunei', 'BN'],
  ['Laos', 'LA'],
  ['Moldova', 'MD'],
  ['Republic of Moldova', 'MD'],
  ['North Macedonia', 'MK'],
  ['Macedonia', 'MK'],
  ['Macedonia, The Former Yugoslav Republic of', 'MK'],
  ['Czechia', 'CZ'],
  ['Swaziland', 'SZ'],
  ['Bolivia (Plurinational State of)', 'BO'],
  ['Venezuela (Bolivarian Republic of)', 'VE'],
  ['Palestinian', 'PS'],
  ['Palestine', 'PS'],
  ['West Bank', 'PS'],
  ['Gaza', 'PS'],
  ['Vatican City', 'VA'],
  ['Sint Maarten', 'SX'],
  ['Saint Martin', 'MF'],
  ['Falkland Islands', 'FK'],
  ['Micronesia', 'FM'],
  ['St. Kitts & Nevis', 'KN'],
  ['St. Vincent and the Grenadines', 'VC'],
  ['Palestinian Authority', 'PS'],
  ['Region: Gaza', 'PS'],
  ['Region: Northern Mali', 'ML'],
  // Dropped on purpose: 'Region: Crimea' and 'Region: Kafia Kingi' (OFAC; disputed areas, no one
  // code), 'Netherlands Antilles' and 'former Soviet Union' (dissolved), UN 'na'.
]

function key(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const byName = new Map<string, string>([
  ...COUNTRIES.map((country) => [key(country.name), country.alpha2] as const),
  ...ALIASES.map(([name, code]) => [key(name), code] as const),
])

// Lists repeat the same few hundred spellings; normalising each one every time is the slow part.
const seen = new Map<string, string | null>()

/**
 * ISO alpha-2 code for a country as a list writes it: an upper-case ISO code as it is, else an
 * English name (ISO short name or a known list spelling, case and accents ignored); null if unknown.
 */
export function countryCode(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  if (!trimmed) return null
  if (/^[A-Z]{2}$/.test(trimmed)) return isCountryCode(trimmed) ? trimmed : null
  let code = seen.get(trimmed)
  if (code === undefined) {
    code = byName.get(key(trimmed)) ?? null
    if (seen.size < 10_000) seen.set(trimmed, code)
  }
  return code
}
