import { niceScale } from '../../reporting/render/charts.tsx'
import { compact, formatCount } from '../../reporting/render/format.ts'
import type { YearCounts } from './countries.query.ts'
import { CountCells, CountHeaders, PUBLISHED_STATES } from './decision-counts.tsx'

/**
 * Decisions to one destination per year, stacked by outcome, as server-rendered SVG with the same
 * numbers in a table beside it (for screen readers and print). The annual report's monthly chart
 * covers one year; a country's history spans many, so this chart has a bar per year. Colours are
 * the report's outcome classes (o-granted…) from portal.css: the CSP forbids inline styles.
 */
const WIDTH = 800
const LEFT = 44
const RIGHT = 10
const TOP = 34
const PLOT = 200
const round = (n: number) => Math.round(n * 10) / 10

export function LicencesByYearChart(props: { years: YearCounts[]; countryName: string }) {
  const { years, countryName } = props
  const states = PUBLISHED_STATES.filter((s) => years.some((y) => y.counts[s] > 0))
  // Decisions are whole numbers: no axis tick at 0.5.
  const nice = niceScale(Math.max(0, ...years.map((y) => y.counts.total)))
  const scale = nice.step < 1 ? { max: Math.ceil(nice.max), step: 1 } : nice
  const ticks: number[] = []
  for (let t = 0; t <= scale.max + scale.step / 1e6; t += scale.step) ticks.push(t)
  const band = (WIDTH - LEFT - RIGHT) / Math.max(1, years.length)
  const barWidth = round(Math.min(band * 0.7, 60))
  const y = (v: number) => round(TOP + PLOT - (v / scale.max) * PLOT)
  const labelEvery = Math.ceil(years.length / 16)
  const total = years.reduce((sum, year) => sum + year.counts.total, 0)
  const first = years[0]?.year
  const last = years.at(-1)?.year
  return (
    <figure class="chart">
      <figcaption>{`Published decisions to ${countryName} per year, by outcome`}</figcaption>
      <svg
        class="chart-svg"
        role="img"
        viewBox={`0 0 ${WIDTH} ${TOP + PLOT + 30}`}
        aria-labelledby="licences-by-year-title licences-by-year-desc"
        font-size={12}
        font-family="system-ui, sans-serif"
      >
        <title id="licences-by-year-title">{`Decisions to ${countryName} per year`}</title>
        <desc id="licences-by-year-desc">
          {`Stacked bars: ${formatCount(total)} published decisions from ${first} to ${last}, split by outcome (${states.join(', ')}). The same figures are in the table below.`}
        </desc>
        <g class="legend">
          {states.map((state, i) => (
            <g>
              <rect class={`swatch o-${state}`} x={LEFT + i * 100} y={8} width={12} height={12} />
              <text x={LEFT + i * 100 + 16} y={18}>
                {state}
              </text>
            </g>
          ))}
        </g>
        <g class="axis">
          {ticks.map((t) => (
            <g>
              <line class="grid" x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} />
              <text x={LEFT - 6} y={y(t) + 4} text-anchor="end">
                {compact(t)}
              </text>
            </g>
          ))}
        </g>
        <g class="bars">
          {years.map((year, i) => {
            const x = round(LEFT + i * band + (band - barWidth) / 2)
            let stacked = 0
            return (
              <g>
                {states
                  .filter((state) => year.counts[state] > 0)
                  .map((state) => {
                    const v = year.counts[state]
                    const top = y(stacked + v)
                    const height = round(y(stacked) - top)
                    stacked += v
                    return (
                      <rect class={`bar o-${state}`} x={x} y={top} width={barWidth} height={height}>
                        <title>{`${year.year}: ${formatCount(v)} ${state}`}</title>
                      </rect>
                    )
                  })}
                {i % labelEvery === 0 ? (
                  <text x={round(x + barWidth / 2)} y={TOP + PLOT + 18} text-anchor="middle">
                    {year.year}
                  </text>
                ) : null}
              </g>
            )
          })}
        </g>
      </svg>
      <YearTable years={years} countryName={countryName} />
    </figure>
  )
}

/** The chart's figures as a table: what a screen reader reads and what a printout keeps. */
function YearTable(props: { years: YearCounts[]; countryName: string }) {
  return (
    <details class="chart-data">
      <summary>Decisions per year as a table</summary>
      <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
        <table>
          <caption>{`Published decisions to ${props.countryName} per year`}</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <CountHeaders />
            </tr>
          </thead>
          <tbody>
            {props.years.map((year) => (
              <tr>
                <th scope="row">{year.year}</th>
                <CountCells counts={year.counts} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </details>
  )
}
