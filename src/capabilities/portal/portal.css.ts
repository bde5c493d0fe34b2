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
`
