import { describe, expect, it } from 'vitest'
import { isCountryCode } from './countries.ts'
import {
  checkGeneralAuthorisationUse,
  findGeneralAuthorisation,
  GENERAL_AUTHORISATIONS,
  GeaCodeSchema,
} from './general-authorisations.ts'

const NOW = '2026-01-15'

describe('GENERAL_AUTHORISATIONS', () => {
  it('has a version of each of EU001–EU008 in force since 9.9.2021', () => {
    for (const code of GeaCodeSchema.options) {
      expect(findGeneralAuthorisation(code, '2021-09-09')?.code, code).toBe(code)
    }
    expect(findGeneralAuthorisation('EU001', '2021-09-08')).toBeUndefined()
  })

  it('uses valid dates, country codes and sources, and lists what is unverified', () => {
    for (const gea of GENERAL_AUTHORISATIONS) {
      expect(gea.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(gea.sources.length).toBeGreaterThan(0)
      if (gea.destinations !== 'not_applicable') {
        for (const code of gea.destinations) expect(isCountryCode(code), code).toBe(true)
      }
      const anyUnverified = Object.values(gea.verification).includes('unverified')
      if (anyUnverified) expect(gea.unverified.length).toBeGreaterThan(0)
    }
  })

  it('never lets EU005 cover 5A001.f or 5A001.j', () => {
    for (const gea of GENERAL_AUTHORISATIONS.filter((g) => g.code === 'EU005')) {
      expect(gea.items.exclude).toEqual(expect.arrayContaining(['5A001.f', '5A001.j']))
      expect(gea.items.include).toEqual(expect.arrayContaining(['5A001.b.2', '5A001.c', '5A001.d']))
    }
  })

  it('lists the EU001 destinations (nine, Switzerland incl. Liechtenstein)', () => {
    expect(findGeneralAuthorisation('EU001', NOW)?.destinations).toEqual([
      'AU',
      'CA',
      'IS',
      'JP',
      'NZ',
      'NO',
      'CH',
      'LI',
      'GB',
      'US',
    ])
  })
})

describe('findGeneralAuthorisation', () => {
  it('picks the version valid on the date (Russia removed from EU005 by 2022/699)', () => {
    const before = findGeneralAuthorisation('EU005', '2022-05-04')
    const after = findGeneralAuthorisation('EU005', '2022-05-05')
    expect(before?.destinations).toContain('RU')
    expect(after?.destinations).not.toContain('RU')
    expect(after?.version).toContain('2022/699')
    expect(findGeneralAuthorisation('EU005', NOW)).toBe(after)
  })

  it('defaults to today and returns undefined for unknown codes', () => {
    expect(findGeneralAuthorisation('EU005')?.version).toContain('2022/699')
    expect(findGeneralAuthorisation('EU009', NOW)).toBeUndefined()
  })
})

describe('checkGeneralAuthorisationUse', () => {
  it('lets EU005 cover 5A001.c and its sub-items to China, Hong Kong and Ukraine', () => {
    expect(checkGeneralAuthorisationUse('EU005', '5A001.c', 'CN', NOW)).toEqual({ allowed: true })
    expect(checkGeneralAuthorisationUse('EU005', '5a001.C.1', 'HK', NOW)).toEqual({ allowed: true })
    expect(checkGeneralAuthorisationUse('EU005', '5A001.b.2', 'UA', NOW)).toEqual({ allowed: true })
  })

  it('refuses interception and LI software under EU005 as excluded', () => {
    for (const item of ['5A001.j', '5A001.f', '5A001.f.2', '5D001.e']) {
      expect(checkGeneralAuthorisationUse('EU005', item, 'CN', NOW)).toMatchObject({
        allowed: false,
        reason: 'item_excluded',
      })
    }
  })

  // Issue 17, item 3: the issue's own example. 5D001.a is software for all of 5A001, so its code
  // alone passed EU005; what the line is for decides.
  it('covers EU005 software and technology only for the 5A001.b.2/.c/.d equipment they are for', () => {
    for (const line of ['5D001.a', '5E001.a', '5B001']) {
      expect(checkGeneralAuthorisationUse('EU005', line, 'CN', NOW, '5A001.j')).toEqual({
        allowed: false,
        reason: 'item_not_covered',
        detail: `EU005 covers ${line} only for 5A001.b.2, 5A001.c, 5A001.d; this line is for 5A001.j`,
      })
      expect(checkGeneralAuthorisationUse('EU005', line, 'CN', NOW)).toMatchObject({
        allowed: false,
        reason: 'item_purpose_missing',
      })
      expect(checkGeneralAuthorisationUse('EU005', line, 'CN', NOW, '5A001.c.1')).toEqual({
        allowed: true,
      })
    }
    // The equipment itself needs no purpose.
    expect(checkGeneralAuthorisationUse('EU005', '5A001.d', 'CN', NOW)).toEqual({ allowed: true })
  })

  it('refuses items EU005 does not list', () => {
    expect(checkGeneralAuthorisationUse('EU005', '5A001.b.1', 'CN', NOW)).toMatchObject({
      allowed: false,
      reason: 'item_not_covered',
    })
    expect(checkGeneralAuthorisationUse('EU005', '4A005', 'CN', NOW)).toMatchObject({
      reason: 'item_not_covered',
    })
  })

  it('refuses destinations outside the list, and Russia only from 5.5.2022', () => {
    expect(checkGeneralAuthorisationUse('EU005', '5A001.c', 'RU', NOW)).toMatchObject({
      allowed: false,
      reason: 'destination_not_covered',
    })
    expect(checkGeneralAuthorisationUse('EU005', '5A001.c', 'RU', '2022-01-10')).toEqual({
      allowed: true,
    })
    expect(checkGeneralAuthorisationUse('EU005', '5A001.c', 'BY', NOW)).toMatchObject({
      reason: 'destination_not_covered',
    })
  })

  it('never treats a member state or an unknown code as an export destination', () => {
    expect(checkGeneralAuthorisationUse('EU001', '5A002', 'DE', NOW)).toMatchObject({
      reason: 'destination_not_covered',
    })
    expect(checkGeneralAuthorisationUse('EU005', '5A001.c', 'XX', NOW)).toMatchObject({
      reason: 'destination_not_covered',
    })
  })

  it('refuses EU001 to a destination outside its verified list', () => {
    expect(checkGeneralAuthorisationUse('EU001', '5A002', 'CN', NOW)).toMatchObject({
      allowed: false,
      reason: 'destination_not_covered',
    })
  })

  it('does not answer EU001 to the US while Annex II Section I is unverified', () => {
    const check = checkGeneralAuthorisationUse('EU001', '4A005', 'US', NOW)
    expect(check).toMatchObject({ allowed: false, reason: 'unverified_scope' })
    if (!check.allowed) expect(check.detail).toContain('Section I')
  })

  it('does not guess from unverified lists (EU002, EU004, EU008)', () => {
    expect(checkGeneralAuthorisationUse('EU002', '1C010', 'AR', NOW)).toMatchObject({
      reason: 'unverified_scope',
    })
    expect(checkGeneralAuthorisationUse('EU004', '5A002', 'SG', NOW)).toMatchObject({
      reason: 'unverified_scope',
    })
    expect(checkGeneralAuthorisationUse('EU008', '5A002', 'BR', NOW)).toMatchObject({
      reason: 'unverified_scope',
    })
  })

  it('refuses non-Annex I items under any GEA', () => {
    for (const item of ['ART5', 'NATIONAL:X1', 'nonsense']) {
      expect(checkGeneralAuthorisationUse('EU001', item, 'US', NOW)).toMatchObject({
        reason: 'item_not_covered',
      })
    }
  })

  it('reports unknown GEAs and GEAs not yet in force', () => {
    expect(checkGeneralAuthorisationUse('EU009', '5A001.c', 'CN', NOW)).toMatchObject({
      reason: 'unknown_gea',
    })
    expect(checkGeneralAuthorisationUse('EU005', '5A001.c', 'CN', '2020-01-01')).toMatchObject({
      reason: 'unknown_gea',
    })
  })
})
