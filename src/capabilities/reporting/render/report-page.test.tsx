import { describe, expect, it } from 'vitest'
import { REPORT_SECTIONS, renderReportHtml } from '../report.page.tsx'
import { SAMPLE_LICENCES, SAMPLE_REPORT } from '../report-fixture.ts'

const html = renderReportHtml({
  report: SAMPLE_REPORT,
  licences: SAMPLE_LICENCES,
  licencesTotal: SAMPLE_REPORT.licenceCount,
  downloads: [
    { label: 'CSV: licences', href: '/reports/2025/eu/licences.csv' },
    { label: 'Data package (zip)', href: '/reports/2025/eu/datapackage.zip' },
  ],
  publication: {
    publishedAt: '2026-02-02T10:00:00Z',
    logIndex: 4211,
    sha256: { 'licences.csv': 'ab'.repeat(32) },
  },
})

function text(s: string): string {
  return s.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

describe('the report page', () => {
  it('is a whole HTML document with the portal layout and stylesheet', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<link rel="stylesheet" href="/static/portal.css"/>')
    expect(html).toContain('<title>Annual report: European Union, 2025 — Glasshouse</title>')
    expect(html).toContain(
      '<h1>Annual report on cyber-surveillance exports: European Union, 2025</h1>',
    )
  })

  it('has every section heading', () => {
    for (const s of REPORT_SECTIONS) expect(html).toContain(`<h2 id="${s.id}-h">${s.title}</h2>`)
    expect(REPORT_SECTIONS.map((s) => s.title)).toEqual(
      expect.arrayContaining([
        'Headline figures',
        'By control entry',
        'By technology category',
        'By destination',
        'By issuing state',
        'Cyber-surveillance items (Art. 26(2))',
        'Refusals by reason',
        'Union general export authorisations used',
        'Denials and revocations',
        'Investigations',
        'Licences',
      ]),
    )
  })

  it('compares the totals with the year before, absolute and in %', () => {
    const t = text(html)
    // applications 114 vs 101; granted 72 vs 62; refused 33 vs 21; suspended 1 vs 0
    expect(t).toContain('Applications received 114 101 +13 +12.9%')
    expect(t).toContain('— granted 72 62 +10 +16.1%')
    expect(t).toContain('— refused 33 21 +12 +57.1%')
    expect(t).toContain('— suspended 1 0 +1 n/a')
    expect(t).toContain(
      'Value granted (EUR) EUR 22,877,000.00 EUR 19,850,000.00 +EUR 3,027,000.00 +15.2%',
    )
    expect(t).toContain(
      'Value granted (SEK) SEK 5,030,000.00 SEK 3,900,000.00 +SEK 1,130,000.00 +29.0%',
    )
  })

  it('says so when there is no previous year', () => {
    const t = text(
      renderReportHtml({
        report: { ...SAMPLE_REPORT, previousYear: null },
        licences: [],
        licencesTotal: 0,
      }),
    )
    expect(t).toContain('no figures for 2024, so no year-over-year comparison')
    expect(t).toContain('Applications received 114 — n/a n/a')
    expect(t).toContain('Draft: this report')
  })

  it('has the charts and the maps', () => {
    expect(html.match(/<svg [^>]*role="img"/g)?.length).toBe(4 + 1 + 2)
    expect(html).toContain('id="map-applications-title"')
    expect(html).toContain('id="map-value-EUR-title"')
  })

  it('has the breakdown tables with totals and money per currency', () => {
    const t = text(html)
    expect(t).toContain(
      'Total 114 72 33 3 1 1 1 EUR 22,877,000.00; SEK 5,030,000.00 EUR 15,395,000.50; SEK 320,000.00',
    )
    expect(t).toContain('CP2 Risk of internal repression')
    expect(t).toContain('EU005 Telecommunications')
    expect(t).toContain('None yet')
  })

  it('shows the first licences, the total and the downloads; never names natural persons', () => {
    const t = text(html)
    expect(t).toContain(`Showing 10 of 114 licences; the full table is in the CSV.`)
    for (const l of SAMPLE_LICENCES) expect(html).toContain(l.reference)
    expect(t).toContain('natural person')
    expect(html).toContain('<a href="/reports/2025/eu/licences.csv">CSV: licences</a>')
    expect(t).toContain('decision log entry 4,211')
    expect(html).toContain('ab'.repeat(32))
  })

  it('has no script and no inline style (CSP)', () => {
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/\sstyle=/i)
  })
})
