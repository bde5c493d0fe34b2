import { COUNTRY_CSS } from './countries/country.css.ts'
import { EXPORTER_CSS } from './exporters/exporter.css.ts'
import { LICENCE_CSS } from './licence/licence.css.ts'

/** The portal's only stylesheet, served from /static/portal.css (no third-party assets). */
export const PORTAL_CSS = `
:root { --ink: #1b1b1f; --muted: #555; --line: #d0d0d7; --accent: #0b5cad; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 1rem; }
header { border-bottom: 1px solid var(--line); display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; }
header a { color: var(--accent); }
.brand { font-weight: 700; font-size: 1.25rem; color: var(--ink); text-decoration: none; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus { outline: 3px solid #f5a623; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.stats li { border: 1px solid var(--line); padding: .75rem; }
.stats strong { display: block; font-size: 1.5rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; }
form.filters label { display: flex; flex-direction: column; font-size: .9rem; }
input, select, button { font: inherit; padding: .3rem .4rem; }
button { background: var(--accent); color: #fff; border: 0; padding: .4rem .9rem; }
.muted { color: var(--muted); }
form.signout { display: inline; margin-left: .5rem; }
button.link { background: none; color: var(--accent); text-decoration: underline; padding: 0; }
button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
button.danger { background: #a4262c; }
form.stacked { display: grid; gap: .6rem; max-width: 48rem; }
form.stacked label, .field label { display: block; font-weight: 600; }
fieldset { border: 1px solid var(--line); padding: .75rem 1rem; margin: 0 0 1rem; }
legend { font-weight: 700; padding: 0 .3rem; }
.field { margin: .4rem 0; }
.field input[type=text], .field input[type=email], .field input[type=password], .field input[type=date], .field select, .field textarea { width: 100%; max-width: 40rem; }
textarea { font: inherit; padding: .3rem .4rem; width: 100%; max-width: 40rem; min-height: 4rem; }
form.stacked .checks label, .checks label { display: block; font-weight: 400; }
.items td input { width: 100%; }
.error { color: #a4262c; font-weight: 600; }
.errors { border: 2px solid #a4262c; padding: .5rem 1rem; margin: 1rem 0; }
.flash { border: 2px solid #2e7d32; padding: .5rem 1rem; margin: 1rem 0; }
.notice { border-left: 4px solid #f5a623; padding: .5rem 1rem; margin: 1rem 0; background: #fff8e6; }
.badge { display: inline-block; border: 1px solid var(--line); padding: 0 .4rem; font-size: .85rem; }
.badge.high, .badge.prohibitive { border-color: #a4262c; color: #a4262c; }
.actions { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); }
.actions form { border: 1px solid var(--line); padding: .75rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
@media print { header nav, form.filters, .pager, .actions { display: none; } body { font-size: 11pt; } }
/* Annual report (reporting/report.page.tsx): charts, map, tables. */
.stats li.money strong { font-size: 1.1rem; }
.report .lead { font-size: 1.05rem; max-width: 60rem; }
.report-section { margin: 2rem 0; }
.report-section h2 { border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
.toc ol { columns: 2 16rem; padding-left: 1.5rem; }
.table-wrap { overflow-x: auto; }
.report-table { font-size: .9rem; }
.report-table tfoot th, .report-table tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
.report-table td.money { white-space: nowrap; }
.report-table.licences { font-size: .8rem; }
.report-table .badge { margin-left: .3rem; }
code.hash { font-size: .75rem; word-break: break-all; }
figure.chart { margin: 1.5rem 0; border: 1px solid var(--line); padding: .75rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: .5rem; }
.chart-panel h4 { margin: .75rem 0 .25rem; font-size: .95rem; }
svg.chart-svg { display: block; width: 100%; height: auto; max-width: 60rem; }
svg.chart-svg text { fill: var(--ink); }
svg.chart-svg .grid { stroke: #e2e2e8; stroke-width: 1; }
svg.chart-svg .bar { stroke: #fff; stroke-width: .5; }
.chart-data summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
/* Outcomes: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
.o-granted { fill: #009e73; }
.o-refused { fill: #d55e00; }
.o-withdrawn { fill: #999999; }
.o-revoked { fill: #cc79a7; }
.o-suspended { fill: #e69f00; }
.o-annulled { fill: #56b4e9; }
.c-applications { fill: #0072b2; }
.c-value { fill: #3b528b; }
/* Choropleth: viridis, five sequential classes (colour-blind safe, prints in grey in order). */
svg.choropleth .sphere { fill: #f3f6fa; stroke: #c8ccd4; stroke-width: .5; }
svg.choropleth .country { stroke: #fff; stroke-width: .4; }
svg.choropleth .country:hover { stroke: var(--ink); stroke-width: 1; }
svg.choropleth .nodata { fill: #dcdce2; }
svg.choropleth .q1 { fill: #fde725; }
svg.choropleth .q2 { fill: #5ec962; }
svg.choropleth .q3 { fill: #21918c; }
svg.choropleth .q4 { fill: #3b528b; }
svg.choropleth .q5 { fill: #440154; }
svg.choropleth .legend rect { stroke: #888; stroke-width: .5; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { font-size: 9.5pt; color: #000; background: #fff; }
  header nav, header form, footer, form, button, .toc, .chart-data { display: none; }
  header, main { max-width: none; padding: 0; }
  a { color: #000; }
  .report h1 { font-size: 18pt; }
  .report-section { margin: 1rem 0; }
  h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
  tr, figure, svg.chart-svg, .stats li, .chart-panel { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  .table-wrap { overflow: visible; }
  .report-table { font-size: 8pt; }
  .report-table.licences { font-size: 7pt; }
  th, td { padding: .15rem .3rem; }
  figure.chart { border: 0; padding: 0; }
  svg.chart-svg { max-width: 100%; }
  .muted, svg.chart-svg text { color: #000; fill: #000; }
  .downloads a[href]::after { content: " (" attr(href) ")"; font-size: 8pt; word-break: break-all; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
/* Portal pages: skip link, navigation, register search, pager, notes. */
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
header nav a, header nav form { margin-right: .9rem; }
.lead { font-size: 1.05rem; max-width: 60rem; }
.table-scroll { overflow-x: auto; }
table.licences { font-size: .92rem; }
table.licences th[scope=row] { font-weight: 600; white-space: nowrap; }
.decision { font-weight: 600; }
.decision-refused, .decision-revoked, .decision-annulled { color: #a4262c; }
.decision-granted { color: #1e6b35; }
form.filters .field-inline { display: flex; flex-direction: column; font-size: .9rem; }
form.filters label.check { flex-direction: row; align-items: center; gap: .4rem; align-self: center; }
form.filters input[type=checkbox] { width: 1.1rem; height: 1.1rem; }
nav.pager { display: flex; flex-wrap: wrap; gap: .6rem; align-items: baseline; margin: 1rem 0; }
nav.pager a, nav.pager span[aria-current] { padding: .2rem .5rem; }
nav.pager span[aria-current] { font-weight: 700; border: 1px solid var(--ink); }
nav.pager p { flex-basis: 100%; margin: 0; }
ul.inline-list { display: flex; flex-wrap: wrap; gap: .3rem 1rem; padding: 0; list-style: none; }
.stats a { color: inherit; text-decoration: none; display: block; }
.stats a:hover strong, .stats a:focus strong { text-decoration: underline; }
pre.note { background: #f5f5f8; border: 1px solid var(--line); padding: .6rem .8rem; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; word-break: break-all; }
ol.recommendations li { margin-bottom: 1.2rem; }
ol.recommendations blockquote { margin: 0 0 .3rem; padding-left: .8rem; border-left: 4px solid var(--line); font-weight: 600; }
@media (max-width: 40rem) {
  header, main, footer { padding: .75rem; }
  form.filters { flex-direction: column; align-items: stretch; }
  form.filters .field-inline, form.filters input, form.filters select { width: 100%; }
  table.licences { font-size: .85rem; }
  dl.facts { grid-template-columns: 1fr; }
}
@media print {
  .skip, nav.pager, .downloads { display: none; }
  pre.note { white-space: pre-wrap; border: 0; }
  table.licences { font-size: 8pt; }
}
${LICENCE_CSS}
${COUNTRY_CSS}
${EXPORTER_CSS}
`
