import { clip } from '../../platform/text.ts'

/**
 * Money as integer minor units plus an ISO 4217 currency. The number of minor digits comes from
 * the ICU data built into Node (Intl), so JPY has 0, EUR 2, KWD 3.
 */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'))

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code)
}

// Building an Intl.NumberFormat costs tens of microseconds; imports ask millions of times.
const DIGITS = new Map<string, number>()

export function minorDigits(currency: string): number {
  let digits = DIGITS.get(currency)
  if (digits === undefined) {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency })
    digits = format.resolvedOptions().maximumFractionDigits ?? 2
    DIGITS.set(currency, digits)
  }
  return digits
}

export type ParsedMoney = { ok: true; minor: number } | { ok: false; message: string }

const DECIMAL = /^(\d+)(?:\.(\d+))?$/

/** Parses a non-negative decimal such as "1250.50" in `currency` to minor units, exactly. */
export function parseMoney(value: string, currency: string): ParsedMoney {
  const text = value.trim()
  const match = DECIMAL.exec(text)
  if (!match) {
    if (/^-/.test(text)) return { ok: false, message: `must not be negative: "${clip(text)}"` }
    return { ok: false, message: `not a decimal number: "${clip(text)}"` }
  }
  const digits = minorDigits(currency)
  const whole = match[1] ?? '0'
  const fraction = match[2] ?? ''
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) {
    return {
      ok: false,
      message: `${currency} has ${digits} decimal places; "${clip(text)}" has more`,
    }
  }
  const minor =
    BigInt(whole) * 10n ** BigInt(digits) +
    BigInt((fraction.slice(0, digits) || '0').padEnd(digits, '0'))
  if (minor > BigInt(Number.MAX_SAFE_INTEGER))
    return { ok: false, message: `too large: "${clip(text)}"` }
  return { ok: true, minor: Number(minor) }
}

/** Formats minor units back to the decimal text parseMoney reads: 12550 EUR → "125.50". */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency)
  if (digits === 0) return String(minor)
  const text = String(minor).padStart(digits + 1, '0')
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`
}
