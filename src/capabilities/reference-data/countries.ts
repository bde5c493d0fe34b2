import countries from 'i18n-iso-countries'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }

export type Country = { alpha2: string; alpha3: string; name: string; euMember: boolean }

countries.registerLocale(en)

// biome-ignore format: country codes read better on few lines
export const EU_MEMBER_STATES: readonly string[] = Object.freeze([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
])

export const EU_MEMBER_STATES_SOURCE =
  'EU membership as of 2026 (27 member states), europa.eu "EU countries" / country profiles. ' +
  'Greece uses its ISO code GR here (the EU style guide writes EL).'

/** Kosovo: not in ISO 3166-1; XK / XKX are user-assigned codes used by the EU and others. */
const KOSOVO: Country = { alpha2: 'XK', alpha3: 'XKX', name: 'Kosovo', euMember: false }

export const COUNTRIES_SOURCE =
  'ISO 3166-1 codes and English short names from i18n-iso-countries 7.14.0; plus XK/XKX Kosovo, ' +
  'a user-assigned code (not ISO 3166-1) used by the EU "without prejudice to positions on status" ' +
  '(the package itself lists XK with alpha-3 XKK; XKX is used here).'

const euSet = new Set(EU_MEMBER_STATES)

function buildCountries(): readonly Country[] {
  const rows: Country[] = []
  for (const alpha2 of Object.keys(countries.getAlpha2Codes())) {
    if (alpha2 === KOSOVO.alpha2) continue
    const alpha3 = countries.alpha2ToAlpha3(alpha2)
    const name = countries.getName(alpha2, 'en', { select: 'official' })
    if (alpha3 === undefined || name === undefined) continue
    rows.push({ alpha2, alpha3, name, euMember: euSet.has(alpha2) })
  }
  rows.push(KOSOVO)
  rows.sort((a, b) => a.alpha2.localeCompare(b.alpha2))
  return Object.freeze(rows.map((row) => Object.freeze(row)))
}

export const COUNTRIES: readonly Country[] = buildCountries()

const byAlpha2 = new Map(COUNTRIES.map((country) => [country.alpha2, country]))

/** Looks a country up by its exact upper-case alpha-2 code ('de' does not match). */
export function findCountry(alpha2: string): Country | undefined {
  return byAlpha2.get(alpha2)
}

export function isCountryCode(code: string): boolean {
  return byAlpha2.has(code)
}

export function countryName(alpha2: string): string | undefined {
  return byAlpha2.get(alpha2)?.name
}
