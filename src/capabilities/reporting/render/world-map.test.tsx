import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { SAMPLE_REPORT } from '../report-fixture.ts'
import { bucketOf, quantileThresholds, WorldMap, worldAtlas } from './world-map.tsx'

const require = createRequire(import.meta.url)
const atlasCountries = (
  JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as {
    objects: { countries: { geometries: unknown[] } }
  }
).objects.countries.geometries.length

function countryClasses(html: string): Map<string, string> {
  return new Map(
    [...html.matchAll(/<path class="country (\w+)" data-iso="(\w+)"/g)].map((m) => [
      m[2] ?? '',
      m[1] ?? '',
    ]),
  )
}

describe('quantile classes', () => {
  it('splits positive values into five classes like d3.quantile (R-7)', () => {
    const t = quantileThresholds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(t).toEqual([3, 5, 7, 9])
    expect(bucketOf(1, t)).toBe('q1')
    expect(bucketOf(3, t)).toBe('q1')
    expect(bucketOf(3.5, t)).toBe('q2')
    expect(bucketOf(11, t)).toBe('q5')
    expect(bucketOf(0, t)).toBe('nodata')
    expect(bucketOf(undefined, t)).toBe('nodata')
    expect(quantileThresholds([0, 0])).toEqual([])
  })
})

describe('world map of applications', () => {
  const html = String(
    <WorldMap
      rows={SAMPLE_REPORT.byDestination.rows}
      metric={{ kind: 'applications' }}
      year={2025}
    />,
  )
  const classes = countryClasses(html)

  it('has a path for every world-atlas country', () => {
    expect(worldAtlas().countries).toHaveLength(atlasCountries)
    expect(html.match(/<path class="country /g)).toHaveLength(atlasCountries)
    expect(atlasCountries).toBeGreaterThan(170)
    // paths are projected into the 960×500 frame
    expect(html).toContain('viewBox="0 0 960 500"')
    expect(html).toMatch(/<path class="country \w+" data-iso="FR" d="M[\d.,LMZ-]+/)
  })

  it('puts the sample destinations in the right classes and the others in nodata', () => {
    // received: 19 14 11 9 8 7 6 6 5 5 5 4 4 3 3 2 2 1 → thresholds 3, 4.8, 6, 8.6
    const values = SAMPLE_REPORT.byDestination.rows.map((r) => r.received)
    const thresholds = quantileThresholds(values)
    expect(thresholds.map((t) => Math.round(t * 10) / 10)).toEqual([3, 4.8, 6, 8.6])
    expect(classes.get('US')).toBe('q5')
    expect(classes.get('AE')).toBe('q5')
    expect(classes.get('SA')).toBe('q5')
    expect(classes.get('CN')).toBe('q5')
    expect(classes.get('IN')).toBe('q4')
    expect(classes.get('TR')).toBe('q4')
    expect(classes.get('EG')).toBe('q3')
    expect(classes.get('BR')).toBe('q3')
    expect(classes.get('KZ')).toBe('q2')
    expect(classes.get('MA')).toBe('q1')
    expect(classes.get('NG')).toBe('q1')
    for (const row of SAMPLE_REPORT.byDestination.rows) {
      // Singapore is too small for the 1:110m atlas
      if (row.key === 'SG') continue
      expect(classes.get(row.key), row.key).toBe(bucketOf(row.received, thresholds))
    }
    expect(classes.get('DE')).toBe('nodata')
    expect(classes.get('AU')).toBe('nodata')
    expect(html).toContain('<title>United Arab Emirates: 14 applications</title>')
  })

  it('has a legend with five classes and no data, a title, a desc and a table', () => {
    expect(html.match(/<rect class="swatch q\d"/g)).toHaveLength(5)
    expect(html).toContain('<rect class="swatch nodata"')
    expect(html).toContain('≤ 3')
    expect(html).toContain('&gt; 8.6')
    expect(html).toMatch(/<svg[^>]*role="img"/)
    expect(html).toMatch(/<title id="map-applications-title">World map: Applications received/)
    expect(html).toContain('<desc id="map-applications-desc">')
    expect(html).toContain('<summary>Data table</summary>')
    expect(html).not.toMatch(/<script|\sstyle=/)
  })
})

describe('world map of values', () => {
  it('shows one currency only', () => {
    const html = String(
      <WorldMap
        rows={SAMPLE_REPORT.byDestination.rows}
        metric={{ kind: 'value', currency: 'SEK' }}
        year={2025}
      />,
    )
    const classes = countryClasses(html)
    const shaded = [...classes].filter(([, c]) => c !== 'nodata').map(([k]) => k)
    // AE, US, RS have SEK values (SG is not in the 1:110m atlas); the EUR-only ones do not
    expect(shaded.sort()).toEqual(['AE', 'RS', 'US'])
    expect(html).toContain('United States of America: SEK 3,400,000 granted')
  })
})
