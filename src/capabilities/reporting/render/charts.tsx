import type { Child } from 'hono/jsx'
import {
  type AnnualReport,
  type BreakdownRow,
  type MonthlyDecisions,
  OUTCOMES,
  type Outcome,
} from '../annual-report.ts'
import { compact, formatAmount, formatCount, majorUnits } from './format.ts'

/**
 * Server-rendered SVG charts: pure functions of the report, no client script. Each chart is a
 * <figure> with an <svg role="img"> (a <title> and a <desc>), a caption and, next to it, the same
 * numbers as a table in a <details>. Colours come from classes in portal.css (o-granted…), never
 * from inline styles (the CSP forbids them). Bars have the class "bar" and a <title>.
 */

export const OUTCOME_LABELS: Record<Outcome, string> = {
  granted: 'granted',
  refused: 'refused',
  withdrawn: 'withdrawn',
  revoked: 'revoked',
  suspended: 'suspended',
  annulled: 'annulled',
}

const WIDTH = 800
const round = (n: number) => Math.round(n * 10) / 10
const FONT = 12

/** A round upper bound for an axis and its ticks: 37 → 40 with ticks every 10. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 }
  const raw = max / ticks
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw
  return { max: Math.ceil(max / step) * step, step }
}

function ticksOf(scale: { max: number; step: number }): number[] {
  const out: number[] = []
  for (let t = 0; t <= scale.max + scale.step / 1e6; t += scale.step) out.push(t)
  return out
}

function clipLabel(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function ChartFrame(props: {
  id: string
  title: string
  desc: string
  height: number
  children: Child
  className?: string
}) {
  return (
    <svg
      class={`chart-svg ${props.className ?? ''}`.trim()}
      role="img"
      viewBox={`0 0 ${WIDTH} ${props.height}`}
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
      font-size={FONT}
      font-family="system-ui, sans-serif"
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.desc}</desc>
      {props.children}
    </svg>
  )
}

function OutcomeLegend(props: { x: number; y: number; outcomes: readonly Outcome[] }) {
  return (
    <g class="legend">
      {props.outcomes.map((o, i) => (
        <g>
          <rect
            class={`swatch o-${o}`}
            x={props.x + i * 95}
            y={props.y - 10}
            width={12}
            height={12}
          />
          <text x={props.x + i * 95 + 16} y={props.y}>
            {OUTCOME_LABELS[o]}
          </text>
        </g>
      ))}
    </g>
  )
}

export function DataTable(props: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details class="chart-data">
      <summary>Data table</summary>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h, i) => (
              <th scope="col" class={i === 0 ? undefined : 'num'}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              {r.map((cell, i) =>
                i === 0 ? (
                  <th scope="row">{cell}</th>
                ) : (
                  <td class="num">{typeof cell === 'number' ? formatCount(cell) : cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

export function Figure(props: { caption: string; children: Child }) {
  return (
    <figure class="chart">
      <figcaption>{props.caption}</figcaption>
      {props.children}
    </figure>
  )
}

/** Outcomes that occur at least once in the data, in OUTCOMES order. */
export function presentOutcomes(counts: { decisions: Record<Outcome, number> }[]): Outcome[] {
  return OUTCOMES.filter((o) => counts.some((c) => c.decisions[o] > 0))
}

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]

function monthLabel(month: string): string {
  const m = Number(month.slice(5, 7))
  return MONTH_NAMES[m - 1] ?? month
}

/** Decisions per month, stacked by outcome: one <rect class="bar"> per non-zero month × outcome. */
export function DecisionsOverTimeChart(props: {
  months: MonthlyDecisions
  year: number
  id?: string
}) {
  const id = props.id ?? 'chart-decisions-month'
  const months = props.months
  const outcomes = presentOutcomes(months)
  const left = 44
  const right = 10
  const top = 30
  const plotHeight = 220
  const height = top + plotHeight + 30
  const totals = months.map((m) => OUTCOMES.reduce((s, o) => s + m.decisions[o], 0))
  const scale = niceScale(Math.max(0, ...totals))
  const band = (WIDTH - left - right) / Math.max(1, months.length)
  const barWidth = round(band * 0.7)
  const y = (v: number) => round(top + plotHeight - (v / scale.max) * plotHeight)
  const total = totals.reduce((a, b) => a + b, 0)
  return (
    <Figure caption={`Decisions per month, ${props.year}, by outcome`}>
      <ChartFrame
        id={id}
        height={height}
        title={`Decisions per month in ${props.year}`}
        desc={`Stacked bars: ${formatCount(total)} decisions over ${months.length} months, split by outcome (${outcomes.join(', ')}).`}
      >
        <OutcomeLegend x={left} y={16} outcomes={outcomes} />
        <g class="axis">
          {ticksOf(scale).map((t) => (
            <g>
              <line class="grid" x1={left} x2={WIDTH - right} y1={y(t)} y2={y(t)} />
              <text x={left - 6} y={y(t) + 4} text-anchor="end">
                {compact(t)}
              </text>
            </g>
          ))}
        </g>
        <g class="bars">
          {months.map((m, i) => {
            let acc = 0
            const x = round(left + i * band + (band - barWidth) / 2)
            return (
              <g>
                {outcomes
                  .filter((o) => m.decisions[o] > 0)
                  .map((o) => {
                    const v = m.decisions[o]
                    const y1 = y(acc + v)
                    const h = y(acc) - y1
                    acc += v
                    return (
                      <rect class={`bar o-${o}`} x={x} y={y1} width={barWidth} height={round(h)}>
                        <title>{`${m.month}: ${formatCount(v)} ${OUTCOME_LABELS[o]}`}</title>
                      </rect>
                    )
                  })}
                <text x={round(x + barWidth / 2)} y={top + plotHeight + 16} text-anchor="middle">
                  {monthLabel(m.month)}
                </text>
              </g>
            )
          })}
        </g>
      </ChartFrame>
      <DataTable
        caption={`Decisions per month, ${props.year}`}
        head={['Month', ...OUTCOMES.map((o) => OUTCOME_LABELS[o]), 'total']}
        rows={months.map((m, i) => [
          m.month,
          ...OUTCOMES.map((o) => m.decisions[o]),
          totals[i] ?? 0,
        ])}
      />
    </Figure>
  )
}

export type Segment = { className: string; value: number; title: string }
export type HBar = { label: string; segments: Segment[]; valueText: string }

/** Horizontal bars, optionally stacked; each non-zero segment is one <rect class="bar">. */
export function HBarChart(props: {
  id: string
  title: string
  desc: string
  bars: HBar[]
  legend?: readonly Outcome[]
  labelWidth?: number
}) {
  const labelWidth = props.labelWidth ?? 220
  const valueWidth = 130
  const rowHeight = 22
  const top = props.legend ? 30 : 8
  const plotWidth = WIDTH - labelWidth - valueWidth
  const max = Math.max(0, ...props.bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)))
  const scale = niceScale(max)
  const height = top + props.bars.length * rowHeight + 24
  const x = (v: number) => round(labelWidth + (v / scale.max) * plotWidth)
  const bottom = top + props.bars.length * rowHeight
  return (
    <ChartFrame id={props.id} title={props.title} desc={props.desc} height={height}>
      {props.legend ? <OutcomeLegend x={8} y={16} outcomes={props.legend} /> : null}
      <g class="axis">
        {ticksOf(scale).map((t) => (
          <g>
            <line class="grid" x1={x(t)} x2={x(t)} y1={top} y2={bottom} />
            <text x={x(t)} y={bottom + 16} text-anchor="middle">
              {compact(t)}
            </text>
          </g>
        ))}
      </g>
      <g class="bars">
        {props.bars.map((b, i) => {
          const y = top + i * rowHeight + 3
          let acc = 0
          return (
            <g>
              <text x={labelWidth - 8} y={y + 12} text-anchor="end">
                {clipLabel(b.label)}
              </text>
              {b.segments
                .filter((s) => s.value > 0)
                .map((s) => {
                  const x0 = x(acc)
                  acc += s.value
                  return (
                    <rect
                      class={`bar ${s.className}`}
                      x={x0}
                      y={y}
                      width={round(x(acc) - x0)}
                      height={rowHeight - 6}
                    >
                      <title>{s.title}</title>
                    </rect>
                  )
                })}
              <text x={x(acc) + 6} y={y + 12}>
                {b.valueText}
              </text>
            </g>
          )
        })}
      </g>
    </ChartFrame>
  )
}

/** Top destinations by applications received (the top 15): one bar per destination. */
export function TopDestinationsChart(props: {
  rows: BreakdownRow[]
  year: number
  limit?: number
  id?: string
}) {
  const limit = props.limit ?? 15
  const rows = topDestinations(props.rows, limit)
  return (
    <Figure caption={`Top ${rows.length} destinations by applications received, ${props.year}`}>
      <HBarChart
        id={props.id ?? 'chart-destinations'}
        title={`Top destinations by applications received in ${props.year}`}
        desc={`Horizontal bars for the ${rows.length} destinations with most applications; ${
          rows[0] ? `${rows[0].label} leads with ${formatCount(rows[0].received)}.` : 'none.'
        }`}
        bars={rows.map((r) => ({
          label: r.label,
          valueText: formatCount(r.received),
          segments: [
            {
              className: 'c-applications',
              value: r.received,
              title: `${r.label}: ${formatCount(r.received)} applications`,
            },
          ],
        }))}
      />
      <DataTable
        caption="Applications received by destination (top destinations)"
        head={['Destination', 'applications', 'granted', 'refused']}
        rows={rows.map((r) => [r.label, r.received, r.decisions.granted, r.decisions.refused])}
      />
    </Figure>
  )
}

/** The destinations with most applications received (ties by label), without empty rows. */
export function topDestinations(rows: BreakdownRow[], limit = 15): BreakdownRow[] {
  return rows
    .filter((r) => r.received > 0)
    .sort((a, b) => b.received - a.received || a.label.localeCompare(b.label))
    .slice(0, limit)
}

/** Decisions by technology category, stacked by outcome. */
export function TechnologyChart(props: { rows: BreakdownRow[]; year: number; id?: string }) {
  const rows = props.rows
  const outcomes = presentOutcomes(rows)
  return (
    <Figure caption={`Decisions by technology category, ${props.year}, by outcome`}>
      <HBarChart
        id={props.id ?? 'chart-technology'}
        title={`Decisions by technology category in ${props.year}`}
        desc={`Stacked horizontal bars, one row per technology category (${rows.length}), split by outcome.`}
        legend={outcomes}
        bars={rows.map((r) => {
          const total = OUTCOMES.reduce((s, o) => s + r.decisions[o], 0)
          return {
            label: r.label,
            valueText: formatCount(total),
            segments: outcomes.map((o) => ({
              className: `o-${o}`,
              value: r.decisions[o],
              title: `${r.label}: ${formatCount(r.decisions[o])} ${OUTCOME_LABELS[o]}`,
            })),
          }
        })}
      />
      <DataTable
        caption="Decisions by technology category"
        head={['Technology', 'applications', ...OUTCOMES.map((o) => OUTCOME_LABELS[o])]}
        rows={rows.map((r) => [r.label, r.received, ...OUTCOMES.map((o) => r.decisions[o])])}
      />
    </Figure>
  )
}

/** The currencies present in a breakdown's granted values, largest total first. */
export function currenciesOf(rows: BreakdownRow[]): string[] {
  const totals = new Map<string, number>()
  for (const r of rows)
    for (const m of r.valueGranted)
      totals.set(m.currency, (totals.get(m.currency) ?? 0) + majorUnits(m))
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c)
}

export function grantedIn(row: BreakdownRow, currency: string): number {
  return row.valueGranted.filter((m) => m.currency === currency).reduce((s, m) => s + m.minor, 0)
}

/**
 * Value granted by destination, one panel per currency (each with its own scale: currencies are
 * never added or compared on one axis). One bar per destination with a value in that currency.
 */
export function ValuesChart(props: {
  rows: BreakdownRow[]
  year: number
  limit?: number
  id?: string
}) {
  const limit = props.limit ?? 10
  const currencies = currenciesOf(props.rows)
  const id = props.id ?? 'chart-values'
  return (
    <Figure caption={`Value of licences granted by destination, ${props.year}, per currency`}>
      {currencies.length === 0 ? <p class="muted">No values were granted.</p> : null}
      {currencies.map((currency) => {
        const rows = props.rows
          .filter((r) => grantedIn(r, currency) > 0)
          .sort(
            (a, b) =>
              grantedIn(b, currency) - grantedIn(a, currency) || a.label.localeCompare(b.label),
          )
          .slice(0, limit)
        const total = props.rows.reduce((s, r) => s + grantedIn(r, currency), 0)
        return (
          <div class="chart-panel">
            <h4>
              {currency}: {formatAmount({ currency, minor: total })} granted
            </h4>
            <HBarChart
              id={`${id}-${currency}`}
              title={`Value granted in ${currency} by destination, ${props.year}`}
              desc={`Horizontal bars for the ${rows.length} destinations with the highest value granted in ${currency}; other currencies are shown separately, never converted.`}
              labelWidth={200}
              bars={rows.map((r) => {
                const minor = grantedIn(r, currency)
                const money = { currency, minor }
                return {
                  label: r.label,
                  valueText: `${currency} ${compact(majorUnits(money))}`,
                  segments: [
                    {
                      className: 'c-value',
                      value: majorUnits(money),
                      title: `${r.label}: ${formatAmount(money)} granted`,
                    },
                  ],
                }
              })}
            />
            <DataTable
              caption={`Value granted in ${currency} by destination`}
              head={['Destination', `value granted (${currency})`]}
              rows={rows.map((r) => [
                r.label,
                formatAmount({ currency, minor: grantedIn(r, currency) }),
              ])}
            />
          </div>
        )
      })}
    </Figure>
  )
}

/** Every chart of the report, in reading order. */
export function ReportCharts(props: { report: AnnualReport }) {
  const r = props.report
  return (
    <>
      <DecisionsOverTimeChart months={r.decisionsByMonth} year={r.year} />
      <TopDestinationsChart rows={r.byDestination.rows} year={r.year} />
      <TechnologyChart rows={r.byTechnology.rows} year={r.year} />
      <ValuesChart rows={r.byDestination.rows} year={r.year} />
    </>
  )
}

/** Decisions per year (or any period label), stacked by outcome, with the numbers as a table. */
export function OutcomesByPeriodChart(props: {
  id: string
  caption: string
  periods: { label: string; decisions: Record<Outcome, number> }[]
}) {
  const outcomes = presentOutcomes(props.periods)
  const total = props.periods.reduce(
    (sum, p) => sum + OUTCOMES.reduce((s, o) => s + p.decisions[o], 0),
    0,
  )
  return (
    <Figure caption={props.caption}>
      <HBarChart
        id={props.id}
        title={props.caption}
        desc={`Stacked bars: ${formatCount(total)} decisions over ${props.periods.length} periods, split by outcome (${outcomes.join(', ')}).`}
        legend={outcomes}
        labelWidth={80}
        bars={props.periods.map((p) => {
          const sum = OUTCOMES.reduce((s, o) => s + p.decisions[o], 0)
          return {
            label: p.label,
            valueText: formatCount(sum),
            segments: outcomes.map((o) => ({
              className: `o-${o}`,
              value: p.decisions[o],
              title: `${p.label}: ${formatCount(p.decisions[o])} ${OUTCOME_LABELS[o]}`,
            })),
          }
        })}
      />
      <DataTable
        caption={props.caption}
        head={['Period', ...outcomes]}
        rows={props.periods.map((p) => [p.label, ...outcomes.map((o) => p.decisions[o])])}
      />
    </Figure>
  )
}
