import { describe, expect, it } from 'vitest'
import { partyKey } from './party-key.ts'

describe(partyKey.name, () => {
  it('treats spelling variants of one company in one country as the same party', () => {
    const key = partyKey('Circles Solutions Ltd.', 'BG')
    expect(partyKey('CIRCLES SOLUTIONS LIMITED', 'bg')).toBe(key)
    expect(partyKey('  Circles   Solutions, Ltd ', 'BG')).toBe(key)
  })

  it('folds diacritics and keeps non-Latin letters', () => {
    expect(partyKey('Société Générale de Sécurité SA', 'FR')).toBe(
      'FR:societe generale de securite',
    )
    expect(partyKey('Министерство внутренних дел', 'KZ')).toBe('KZ:министерство внутренних дел')
  })

  it('keeps the same name in different countries apart', () => {
    expect(partyKey('Ministry of Interior', 'BH')).not.toBe(partyKey('Ministry of Interior', 'AE'))
  })
})
