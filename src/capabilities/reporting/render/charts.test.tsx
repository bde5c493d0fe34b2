import { describe, expect, it } from 'vitest'
import { OUTCOMES } from '../annual-report.ts'
import { SAMPLE_REPORT } from '../report-fixture.ts'
import {
  DecisionsOverTimeChart,
  grantedIn,
  niceScale,
  TechnologyChart,
  TopDestinationsChart,
  ValuesChart,
} from './charts.tsx'
import { formatAmount, formatChange, formatCount, formatMoneyList } from './format.ts'

/** The <title> texts of the bars (rect class="bar …") of a rendered chart, in order. */
function barTitles(html: string): string[] {
  return [...html.matchAll(/<rect class="bar[^"]*"[^>]*><title>([^<]*)<\/title><\/rect>/g)].map(
    (m) => m[1] ?? '',
  )
}

function checkAccessible(html: string) {
  expect(html).toMatch(/<svg[^>]*role="img"/)
  expect(html).toMatch(/<svg[^>]*aria-labelledby="[^"]+"/)
  expect(html).toMatch(/<title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/)
  expect(html).toContain('<details class="chart-data"><summary>Data table</summary><table>')
  expect(html).not.toMatch(/<script|\sstyle=/)
}

describe('decisions over time', () => {
  const html = String(
    <DecisionsOverTimeChart months={SAMPLE_REPORT.decisionsByMonth} year={2025} />,
  )

  it('has one bar per month and outcome with decisions, titled with the number', () => {
    const expected = SAMPLE_REPORT.decisionsByMonth.flatMap((m) =>
      OUTCOMES.filter((o) => m.decisions[o] > 0).map((o) => `${m.month}: ${m.decisions[o]} ${o}`),
    )
    expect(expected.length).toBeGreaterThan(24)
    expect(barTitles(html)).toEqual(expected)
    checkAccessible(html)
  })

  it('stacks the bars of a month on one another', () => {
    const jan = [
      ...html.matchAll(
        /<rect class="bar o-(\w+)" x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"><title>2025-01/g,
      ),
    ]
    expect(jan).toHaveLength(2)
    const [granted, refused] = jan
    // refused sits on top of granted: its bottom is granted's top.
    expect(Number(refused?.[3]) + Number(refused?.[4])).toBeCloseTo(Number(granted?.[3]), 0)
    // granted 5 is 2.5 times as tall as refused 2
    expect(Number(granted?.[4]) / Number(refused?.[4])).toBeCloseTo(2.5, 1)
  })
})

describe('top destinations', () => {
  it('has one bar for each of the 15 destinations with most applications', () => {
    const html = String(
      <TopDestinationsChart rows={SAMPLE_REPORT.byDestination.rows} year={2025} />,
    )
    const titles = barTitles(html)
    expect(SAMPLE_REPORT.byDestination.rows.length).toBeGreaterThan(15)
    expect(titles).toHaveLength(15)
    expect(titles[0]).toBe('United States of America: 19 applications')
    expect(titles[1]).toBe('United Arab Emirates: 14 applications')
    expect(titles).not.toContain('Nigeria: 1 applications')
    checkAccessible(html)
  })
})

describe('technology categories', () => {
  it('has one bar per category and outcome with decisions', () => {
    const html = String(<TechnologyChart rows={SAMPLE_REPORT.byTechnology.rows} year={2025} />)
    const expected = SAMPLE_REPORT.byTechnology.rows.flatMap((r) =>
      OUTCOMES.filter((o) => r.decisions[o] > 0).map((o) => `${r.label}: ${r.decisions[o]} ${o}`),
    )
    expect(barTitles(html)).toEqual(expected)
    expect(html).toContain('Intrusion software: 10 refused')
    checkAccessible(html)
  })
})

describe('values', () => {
  it('draws one panel per currency, never adding currencies, one bar per destination', () => {
    const html = String(<ValuesChart rows={SAMPLE_REPORT.byDestination.rows} year={2025} />)
    expect(html.match(/<svg /g)).toHaveLength(2)
    expect(html).toContain('EUR: EUR 22,877,000.00 granted')
    expect(html).toContain('SEK: SEK 5,030,000.00 granted')
    const titles = barTitles(html)
    const eurRows = SAMPLE_REPORT.byDestination.rows.filter((r) => grantedIn(r, 'EUR') > 0)
    const sekRows = SAMPLE_REPORT.byDestination.rows.filter((r) => grantedIn(r, 'SEK') > 0)
    expect(titles).toHaveLength(Math.min(10, eurRows.length) + Math.min(10, sekRows.length))
    expect(titles[0]).toBe('United States of America: EUR 6,120,000.00 granted')
    expect(titles).toContain('United States of America: SEK 3,400,000.00 granted')
    checkAccessible(html)
  })
})

describe('formatting', () => {
  it('groups thousands and keeps the currency', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatAmount({ currency: 'EUR', minor: 123456789 })).toBe('EUR 1,234,567.89')
    expect(formatAmount({ currency: 'JPY', minor: 1500000 })).toBe('JPY 1,500,000')
    expect(
      formatMoneyList([
        { currency: 'EUR', minor: 100 },
        { currency: 'SEK', minor: 25000 },
      ]),
    ).toBe('EUR 1.00; SEK 250.00')
    expect(formatMoneyList([])).toBe('—')
  })

  it('gives absolute and relative change, and n/a without a previous year', () => {
    expect(formatChange(114, 101)).toEqual({ absolute: '+13', percent: '+12.9%' })
    expect(formatChange(90, 100)).toEqual({ absolute: '−10', percent: '−10.0%' })
    expect(formatChange(5, 0)).toEqual({ absolute: '+5', percent: 'n/a' })
    expect(formatChange(5, null)).toEqual({ absolute: 'n/a', percent: 'n/a' })
  })

  it('picks round axis bounds', () => {
    expect(niceScale(37)).toEqual({ max: 40, step: 10 })
    expect(niceScale(0)).toEqual({ max: 1, step: 1 })
  })
})
