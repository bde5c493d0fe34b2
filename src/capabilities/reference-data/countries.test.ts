import { describe, expect, it } from 'vitest'
import {
  COUNTRIES,
  COUNTRIES_SOURCE,
  countryName,
  EU_MEMBER_STATES,
  findCountry,
  isCountryCode,
} from './countries.ts'

describe('EU_MEMBER_STATES', () => {
  it('lists the 27 member states once each, all known countries flagged as members', () => {
    expect(EU_MEMBER_STATES).toHaveLength(27)
    expect(new Set(EU_MEMBER_STATES).size).toBe(27)
    for (const code of EU_MEMBER_STATES) expect(findCountry(code)?.euMember).toBe(true)
    expect(COUNTRIES.filter((country) => country.euMember)).toHaveLength(27)
  })

  it('counts Germany, Croatia and Greece (GR) but not the UK, Switzerland or Norway', () => {
    expect(findCountry('DE')?.euMember).toBe(true)
    expect(findCountry('HR')?.euMember).toBe(true)
    expect(findCountry('GR')?.euMember).toBe(true)
    expect(findCountry('GB')?.euMember).toBe(false)
    expect(findCountry('CH')?.euMember).toBe(false)
    expect(findCountry('NO')?.euMember).toBe(false)
  })
})

describe('COUNTRIES', () => {
  it('holds every ISO 3166-1 country plus Kosovo, with unique well-formed codes', () => {
    expect(COUNTRIES).toHaveLength(250)
    expect(new Set(COUNTRIES.map((c) => c.alpha2)).size).toBe(COUNTRIES.length)
    expect(new Set(COUNTRIES.map((c) => c.alpha3)).size).toBe(COUNTRIES.length)
    for (const country of COUNTRIES) {
      expect(country.alpha2).toMatch(/^[A-Z]{2}$/)
      expect(country.alpha3).toMatch(/^[A-Z]{3}$/)
      expect(country.name.length).toBeGreaterThan(0)
    }
  })

  it('adds Kosovo under the user-assigned codes XK / XKX and says so in the source', () => {
    expect(findCountry('XK')).toEqual({
      alpha2: 'XK',
      alpha3: 'XKX',
      name: 'Kosovo',
      euMember: false,
    })
    expect(COUNTRIES_SOURCE).toContain('user-assigned')
  })

  it('uses the English short names', () => {
    expect(countryName('DE')).toBe('Germany')
    expect(countryName('GB')).toBe('United Kingdom')
    expect(countryName('IL')).toBe('Israel')
    expect(findCountry('CN')?.alpha3).toBe('CHN')
  })
})

describe('lookups', () => {
  it('accept only exact upper-case alpha-2 codes', () => {
    expect(isCountryCode('DE')).toBe(true)
    expect(isCountryCode('de')).toBe(false)
    expect(isCountryCode('DEU')).toBe(false)
    expect(isCountryCode('XX')).toBe(false)
    expect(isCountryCode('')).toBe(false)
    expect(findCountry('XX')).toBeUndefined()
    expect(countryName('XX')).toBeUndefined()
  })
})
