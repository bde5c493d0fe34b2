import { describe, expect, it } from 'vitest'
import { COMPETENT_AUTHORITIES, findAuthority } from './authorities.ts'
import { EU_MEMBER_STATES } from './countries.ts'

describe('COMPETENT_AUTHORITIES', () => {
  it('has exactly one authority per member state', () => {
    const states = COMPETENT_AUTHORITIES.map((a) => a.memberState)
    expect(states).toHaveLength(27)
    expect([...states].sort()).toEqual([...EU_MEMBER_STATES].sort())
  })

  it('uses unique <ms>-<short> ids that start with the member state', () => {
    const ids = COMPETENT_AUTHORITIES.map((a) => a.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const a of COMPETENT_AUTHORITIES) {
      expect(a.id).toMatch(/^[a-z]{2}-[a-z0-9-]+$/)
      expect(a.id.slice(0, 2)).toBe(a.memberState.toLowerCase())
    }
  })

  it('points unverified names at the Commission list to check', () => {
    for (const a of COMPETENT_AUTHORITIES) {
      expect(a.name.length).toBeGreaterThan(0)
      if (a.verification === 'unverified') expect(a.source).toContain('Art 23(1)')
      else expect(a.source).toContain('[S]')
    }
  })
})

describe('findAuthority', () => {
  it('finds the authorities named in the brief', () => {
    expect(findAuthority('de-bafa')?.name).toContain('BAFA')
    expect(findAuthority('fr-sbdu')?.name).toContain('SBDU')
    expect(findAuthority('se-isp')?.name).toContain('Inspectorate of Strategic Products')
    expect(findAuthority('nl-cdiu')?.name).toContain('CDIU')
    expect(findAuthority('it-uama')?.memberState).toBe('IT')
    expect(findAuthority('ie-dete')?.memberState).toBe('IE')
  })

  it('returns undefined for unknown ids', () => {
    expect(findAuthority('DE-BAFA')).toBeUndefined()
    expect(findAuthority('xx-none')).toBeUndefined()
  })
})
