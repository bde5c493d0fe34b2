/** Styles of the licence page (/licences/{reference}) and its Verify module, appended to /static/portal.css. */
export const LICENCE_CSS = ``
