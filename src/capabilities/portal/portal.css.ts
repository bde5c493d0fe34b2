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
@media print { header nav, form.filters, .pager { display: none; } body { font-size: 11pt; } }
`
