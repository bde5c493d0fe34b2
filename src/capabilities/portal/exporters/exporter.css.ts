/** Styles of the exporter pages (/exporters, /exporters/{name}), appended to /static/portal.css. */
export const EXPORTER_CSS = `
/* Exporter pages: the shared country/exporter rules are in countries/country.css.ts. */
form.exporter-search input { min-width: 16rem; }
@media (max-width: 40rem) {
  .exporters th, .exporters td { padding: .3rem; font-size: .85rem; }
  form.exporter-search input { min-width: 0; width: 100%; }
}
`
