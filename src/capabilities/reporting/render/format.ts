import { formatMoney, minorDigits } from '../../licensing/money.ts'
import type { MoneyTotal } from '../annual-report.ts'

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString('en')
}

/** 123456789 EUR minor units → "EUR 1,234,567.89": formatMoney's exact decimal, with separators. */
export function formatAmount(money: MoneyTotal): string {
  const text = formatMoney(money.minor, money.currency)
  const [whole = '0', fraction] = text.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${money.currency} ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`
}

/** Several currencies, never added together: "EUR 1,000.00; SEK 250.00", or "—" when empty. */
export function formatMoneyList(list: MoneyTotal[]): string {
  const shown = list.filter((m) => m.minor !== 0)
  return shown.length === 0 ? '—' : shown.map(formatAmount).join('; ')
}

/** Minor units to major units as a number, for chart scales only (never for display). */
export function majorUnits(money: MoneyTotal): number {
  return money.minor / 10 ** minorDigits(money.currency)
}

/** A short axis label: 1200 → "1.2k", 3400000 → "3.4M". */
export function compact(n: number): string {
  return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(n)
}

export type Change = { absolute: string; percent: string }

/**
 * Year-over-year change: "+12" and "+11.8%"; the percentage is "n/a" when there was nothing the
 * year before, and both are "n/a" when the previous year is unknown.
 */
export function formatChange(current: number, previous: number | null | undefined): Change {
  if (previous === null || previous === undefined) return { absolute: 'n/a', percent: 'n/a' }
  const diff = current - previous
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±'
  const absolute = `${sign}${formatCount(Math.abs(diff))}`
  if (previous === 0) return { absolute, percent: 'n/a' }
  const pct = (diff / previous) * 100
  const percent = `${sign}${Math.abs(pct).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`
  return { absolute, percent }
}

/** The same change for money in one currency: "+EUR 1,000.00". */
export function formatMoneyChange(
  currency: string,
  current: number,
  previous: number | null | undefined,
): Change {
  if (previous === null || previous === undefined) return { absolute: 'n/a', percent: 'n/a' }
  const diff = current - previous
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±'
  const absolute = `${sign}${formatAmount({ currency, minor: Math.abs(diff) })}`
  const pct = formatChange(current, previous).percent
  return { absolute, percent: pct }
}
