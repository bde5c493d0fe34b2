import { describe, expect, it } from 'vitest'
import { formatMoney, isCurrency, minorDigits, parseMoney } from './money.ts'

describe(parseMoney.name, () => {
  it('reads decimals exactly into minor units', () => {
    expect(parseMoney('1250.5', 'EUR')).toEqual({ ok: true, minor: 125050 })
    expect(parseMoney('0.10', 'EUR')).toEqual({ ok: true, minor: 10 })
    expect(parseMoney('1000', 'JPY')).toEqual({ ok: true, minor: 1000 })
    expect(parseMoney('1.234', 'KWD')).toEqual({ ok: true, minor: 1234 })
    expect(parseMoney('19.990', 'EUR')).toEqual({ ok: true, minor: 1999 })
  })

  it('refuses negative, non-numeric, over-precise and huge values', () => {
    expect(parseMoney('-5', 'EUR')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/negative/),
    })
    expect(parseMoney('12,50', 'EUR')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/decimal/),
    })
    expect(parseMoney('abc', 'EUR')).toMatchObject({ ok: false })
    expect(parseMoney('1.5', 'JPY')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/0 decimal/),
    })
    expect(parseMoney('99999999999999999999', 'EUR')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/large/),
    })
  })
})

describe(formatMoney.name, () => {
  it('round-trips with parseMoney', () => {
    for (const [text, currency] of [
      ['125.50', 'EUR'],
      ['0.05', 'GBP'],
      ['7', 'JPY'],
      ['3.141', 'BHD'],
    ] as const) {
      const parsed = parseMoney(text, currency)
      expect(parsed.ok && formatMoney(parsed.minor, currency)).toBe(text)
    }
  })
})

describe(isCurrency.name, () => {
  it('knows ISO 4217 codes', () => {
    expect(isCurrency('EUR')).toBe(true)
    expect(isCurrency('XYZ')).toBe(false)
    expect(isCurrency('eur')).toBe(false)
    expect(minorDigits('JPY')).toBe(0)
  })
})
