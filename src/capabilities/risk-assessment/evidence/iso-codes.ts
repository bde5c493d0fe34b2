import { COUNTRIES } from '../../reference-data/countries.ts'

/**
 * The RSF and V-Dem files carry ISO alpha-3 codes; the rules work on alpha-2. Codes are mapped
 * through the project's country reference (i18n-iso-countries 7.14.0 plus Kosovo XK/XKX), with
 * RSF's 2022 Kosovo code XKO added. Units with no ISO country (RSF's OECS `XCD`/`CSS` and Northern
 * Cyprus `CTU`; V-Dem's Gaza `PSG`, Somaliland `SML`, Zanzibar `ZZB`) map to nothing.
 */
const byAlpha3 = new Map<string, string>([
  ...COUNTRIES.map((country) => [country.alpha3, country.alpha2] as const),
  ['XKO', 'XK'],
])
const alpha2Codes = new Set(COUNTRIES.map((country) => country.alpha2))

export function alpha3ToAlpha2(alpha3: string): string | undefined {
  return byAlpha3.get(alpha3.toUpperCase())
}

export function isAlpha2(code: string): boolean {
  return alpha2Codes.has(code)
}
