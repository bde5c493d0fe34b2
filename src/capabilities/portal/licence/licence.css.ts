/** Styles of the licence page (/licences/{reference}) and its Verify module, appended to /static/portal.css. */
export const LICENCE_CSS = `
/* Licence page (portal/licence). Colours keep 4.5:1 or more on white. */
.licence .breadcrumb { margin: 0; font-size: .9rem; }
.licence .lead { font-size: 1.1rem; }
.licence-section { margin: 2rem 0; }
.licence-section h2 { border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
.licence dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.licence .entry-title { display: block; font-weight: 400; font-size: .85rem; color: var(--muted); }
.licence ul.reasons { margin: 0; padding-left: 1.1rem; }
.licence .against { margin: .3rem 0 0; font-weight: 600; color: #8a4b00; }
.licence .small { font-size: .85rem; }
.licence ol.findings { padding-left: 1.4rem; }
.licence ol.findings h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.badge.decision-granted { border-color: #1e6b3a; color: #1e6b3a; }
.badge.decision-refused, .badge.decision-revoked, .badge.decision-annulled { border-color: #a4262c; color: #a4262c; }
.badge.decision-suspended { border-color: #8a4b00; color: #8a4b00; }
.badge.level-medium, .badge.severity-medium { border-color: #8a4b00; color: #8a4b00; }
.badge.level-prohibitive, .badge.severity-high, .badge.severity-prohibitive { border-color: #a4262c; color: #a4262c; }
.verify { border: 1px solid var(--line); padding: 0 1rem 1rem; }
.verify code.hash { font-size: .8rem; word-break: break-all; }
.verify-result:empty { display: none; }
.verify-result { border-left: 4px solid var(--line); padding: .5rem 1rem; margin: 1rem 0; }
.verify-result.verified { border-color: #1e6b3a; background: #eef7f0; }
.verify-result.failed { border-color: #a4262c; background: #fcf0f0; }
.verify-headline { font-weight: 700; margin: 0 0 .3rem; }
.verified .verify-headline, .proof-status.verified { color: #1e6b3a; }
.failed .verify-headline, .proof-status.failed { color: #a4262c; }
.proof-status { display: block; font-size: .85rem; }
table.history td, table.history th { font-size: .95rem; }
@media (max-width: 40rem) {
  .licence dl.facts { grid-template-columns: 1fr; }
  .licence dl.facts dd { margin-bottom: .4rem; }
}
@media print {
  .verify button, .licence .breadcrumb { display: none; }
  .licence tr, .licence ol.findings li { break-inside: avoid; }
  .licence h2, .licence h3 { break-after: avoid; }
  .verify-result { border: 1px solid #000; background: none; }
}
`
