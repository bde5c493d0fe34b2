import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { geoEqualEarth, geoPath } from 'd3-geo'
import countries from 'i18n-iso-countries'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { countryName } from '../../reference-data/countries.ts'
import type { BreakdownRow } from '../annual-report.ts'
import { compact, formatAmount, formatCount, majorUnits } from './format.ts'

/**
 * A world choropleth rendered on the server: Natural Earth 1:110m countries (world-atlas 2.0.2,
 * ISO 3166-1 numeric ids), Equal Earth projection fitted to 960×440, projected once and cached.
 * Each country is a <path class="country qN"> with a <title>; N is one of five quantile classes
 * (q1 lowest … q5 highest) or "nodata"; the colours are in portal.css.
 */

export const MAP_WIDTH = 960
export const MAP_HEIGHT = 500
const PLOT_HEIGHT = 440

export type MapCountry = { numericId: string | null; name: string; d: string }
type Atlas = { sphere: string; countries: MapCountry[] }

let cached: Atlas | undefined

/** The projected countries (and the outline of the globe), computed on first use. */
export function worldAtlas(): Atlas {
  if (cached) return cached
  const require = createRequire(import.meta.url)
  const topology = JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>
  const collection = feature(topology, topology.objects.countries)
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, PLOT_HEIGHT - 4],
    ],
    { type: 'Sphere' },
  )
  const path = geoPath(projection).digits(1)
  cached = {
    sphere: path({ type: 'Sphere' }) ?? '',
    countries: collection.features.map((f) => ({
      numericId: f.id === undefined ? null : String(f.id).padStart(3, '0'),
      name: f.properties?.name ?? '',
      d: path(f) ?? '',
    })),
  }
  return cached
}

/** Our alpha-2 code for a world-atlas country (numeric id; Kosovo has none, only its name). */
function alpha2Of(country: MapCountry): string | undefined {
  if (country.numericId === null) return country.name === 'Kosovo' ? 'XK' : undefined
  return countries.numericToAlpha2(country.numericId)
}

export const BUCKETS = 5

/** Quantile thresholds (R-7, as d3.quantile) of the positive values: four upper bounds for five classes. */
export function quantileThresholds(values: number[], classes = BUCKETS): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b)
  if (sorted.length === 0) return []
  const out: number[] = []
  for (let j = 1; j < classes; j++) {
    const h = (sorted.length - 1) * (j / classes)
    const lo = Math.floor(h)
    const a = sorted[lo] ?? 0
    const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a
    out.push(a + (h - lo) * (b - a))
  }
  return out
}

/** The class of a value: "nodata" for none or zero, else q1…q5 (a value equal to a threshold goes below it). */
export function bucketOf(value: number | undefined, thresholds: number[]): string {
  if (value === undefined || !(value > 0)) return 'nodata'
  if (thresholds.length === 0) return `q${BUCKETS}`
  let i = 0
  while (i < thresholds.length && value > (thresholds[i] ?? 0)) i++
  return `q${i + 1}`
}

export type MapMetric = { kind: 'applications' } | { kind: 'value'; currency: string }

/** The number a map shows for one destination row (value: major units in the one currency). */
export function metricOf(row: BreakdownRow, metric: MapMetric): number {
  if (metric.kind === 'applications') return row.received
  const minor = row.valueGranted
    .filter((m) => m.currency === metric.currency)
    .reduce((s, m) => s + m.minor, 0)
  return majorUnits({ currency: metric.currency, minor })
}

function describe(value: number, metric: MapMetric, noun = 'application'): string {
  if (metric.kind === 'applications')
    return `${formatCount(value)} ${noun}${value === 1 ? '' : 's'}`
  return `${metric.currency} ${value.toLocaleString('en', { maximumFractionDigits: 2 })} granted`
}

function legendLabel(thresholds: number[], i: number, metric: MapMetric): string {
  const unit = metric.kind === 'value' ? `${metric.currency} ` : ''
  const fmt = (v: number) => `${unit}${compact(v)}`
  const lo = thresholds[i - 1]
  const hi = thresholds[i]
  if (lo === undefined && hi === undefined) return 'any'
  if (lo === undefined) return `≤ ${fmt(hi ?? 0)}`
  if (hi === undefined) return `> ${fmt(lo)}`
  return `${fmt(lo)} – ${fmt(hi)}`
}

/** A choropleth of destinations: applications received, or value granted in one currency. */
export function WorldMap(props: {
  rows: BreakdownRow[]
  metric: MapMetric
  year: number
  id?: string
  /** Another reading of `received` (e.g. all-time granted licences): caption and noun. */
  relabel?: { what: string; noun: string }
}) {
  const metric = props.metric
  const id =
    props.id ??
    (metric.kind === 'applications' ? 'map-applications' : `map-value-${metric.currency}`)
  const values = new Map<string, number>()
  for (const r of props.rows) {
    const v = metricOf(r, metric)
    if (v > 0) values.set(r.key, v)
  }
  const thresholds = quantileThresholds([...values.values()])
  const atlas = worldAtlas()
  const what =
    props.relabel?.what ??
    (metric.kind === 'applications'
      ? `Applications received by destination, ${props.year}`
      : `Value granted in ${metric.currency} by destination, ${props.year}`)
  const shown = props.rows
    .filter((r) => values.has(r.key))
    .sort(
      (a, b) =>
        (values.get(b.key) ?? 0) - (values.get(a.key) ?? 0) || a.label.localeCompare(b.label),
    )
  const legendX = 20
  const legendY = PLOT_HEIGHT + 24
  return (
    <figure class="chart map">
      <figcaption>{what}</figcaption>
      <svg
        class="chart-svg choropleth"
        role="img"
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        aria-labelledby={`${id}-title ${id}-desc`}
        font-size={12}
        font-family="system-ui, sans-serif"
      >
        <title id={`${id}-title`}>{`World map: ${what}`}</title>
        <desc id={`${id}-desc`}>
          {`Countries shaded in five quantile classes of ${
            metric.kind === 'applications'
              ? `${props.relabel?.noun ?? 'application'}s${props.relabel ? '' : ' received'}`
              : `value granted in ${metric.currency}`
          }; ${values.size} destinations have data, the others are grey. The table below lists the numbers.`}
        </desc>
        <path class="sphere" d={atlas.sphere} />
        <g class="countries">
          {atlas.countries.map((c) => {
            const alpha2 = alpha2Of(c)
            const value = alpha2 ? values.get(alpha2) : undefined
            const name = (alpha2 && countryName(alpha2)) || c.name
            return (
              <path class={`country ${bucketOf(value, thresholds)}`} data-iso={alpha2} d={c.d}>
                <title>{`${name}: ${value === undefined ? 'no data' : describe(value, metric, props.relabel?.noun)}`}</title>
              </path>
            )
          })}
        </g>
        <g class="legend">
          {Array.from({ length: BUCKETS }, (_, i) => (
            <g>
              <rect
                class={`swatch q${i + 1}`}
                x={legendX + i * 130}
                y={legendY}
                width={18}
                height={14}
              />
              <text x={legendX + i * 130 + 24} y={legendY + 11}>
                {legendLabel(thresholds, i, metric)}
              </text>
            </g>
          ))}
          <rect
            class="swatch nodata"
            x={legendX + BUCKETS * 130}
            y={legendY}
            width={18}
            height={14}
          />
          <text x={legendX + BUCKETS * 130 + 24} y={legendY + 11}>
            no data
          </text>
        </g>
      </svg>
      <details class="chart-data">
        <summary>Data table</summary>
        <table>
          <caption>{what}</caption>
          <thead>
            <tr>
              <th scope="col">Destination</th>
              <th scope="col" class="num">
                {metric.kind === 'applications'
                  ? `${props.relabel?.noun ?? 'application'}s`
                  : `value granted (${metric.currency})`}
              </th>
              <th scope="col">class</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const v = values.get(r.key) ?? 0
              return (
                <tr>
                  <th scope="row">{r.label}</th>
                  <td class="num">
                    {metric.kind === 'applications'
                      ? formatCount(v)
                      : formatAmount({
                          currency: metric.currency,
                          minor: r.valueGranted
                            .filter((m) => m.currency === metric.currency)
                            .reduce((s, m) => s + m.minor, 0),
                        })}
                  </td>
                  <td>{bucketOf(v, thresholds)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
