/** Styles of the country pages (/countries, /countries/{code}), appended to /static/portal.css. */
export const COUNTRY_CSS = ``
