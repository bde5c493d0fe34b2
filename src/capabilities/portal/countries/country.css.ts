/** Styles of the country pages (/countries, /countries/{code}), appended to /static/portal.css. */
export const COUNTRY_CSS = `
/* Country and exporter pages (portal/countries, portal/exporters). */
.breadcrumb { margin: 0; font-size: .9rem; }
.on-this-page { margin: .5rem 0 1rem; font-size: .95rem; }
.sort-links strong { font-weight: 700; }
.flag { border-left: 4px solid var(--line); padding: .4rem .8rem; }
.flag.named { border-left-color: #a4262c; background: #fdf0f0; font-weight: 600; }
blockquote.source { margin: .5rem 0 1rem; padding: .3rem .8rem; border-left: 3px solid var(--line); color: var(--muted); font-size: .9rem; }
.badge.pegasus { border-color: #a4262c; color: #a4262c; font-weight: 600; }
ul.attribution { font-size: .9rem; padding-left: 1.2rem; }
ul.attribution a, table a { overflow-wrap: anywhere; }
.decision-lines td, .decision-lines th { font-size: .92rem; }
/* Expired licences in the per-year chart: Okabe–Ito blue, apart from the report's outcomes. */
.o-expired { fill: #0072b2; }
@media (max-width: 40rem) {
  .countries th, .countries td, .decision-lines th, .decision-lines td { padding: .3rem; font-size: .85rem; }
}
@media print {
  .on-this-page, .sort-links, .breadcrumb { display: none; }
  .flag.named { background: none; }
  section { break-inside: auto; }
}
`
