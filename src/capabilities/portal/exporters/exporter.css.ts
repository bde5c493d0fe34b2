/** Styles of the exporter pages (/exporters, /exporters/{slug}), appended to /static/portal.css. */
export const EXPORTER_CSS = ``
