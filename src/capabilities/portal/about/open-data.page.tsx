import { Page } from '../layout.tsx'

/** Where the data is and under which terms: downloads, the API, the formats. */
export function OpenDataPage() {
  return (
    <Page title="Open data — Glasshouse">
      <h1>Open data</h1>
      <p>
        Everything the portal shows can be downloaded or read by machine, without an account. The
        register holds public fields only: natural persons are never named (an individual end user
        is published as "natural person"), and confidential evidence never leaves the authority.
      </p>
      <h2>Downloads</h2>
      <ul>
        <li>
          <a href="/register/licences.csv">The whole register as CSV</a> (one row per item line) or{' '}
          <a href="/register/licences.json">as JSON</a>. Any search on the{' '}
          <a href="/register">register page</a> can be downloaded the same way: its page has links
          to the selection.
        </li>
        <li>
          <a href="/reports">Annual reports</a> (Article 26 of Regulation (EU) 2021/821): each as
          HTML, JSON, CSV tables and a Frictionless Data Package, frozen and logged when published.
        </li>
        <li>
          <a href="/api/public/v1/reference/control-entries">Control entries</a>,{' '}
          <a href="/api/public/v1/reference/reason-codes">reason codes</a> and the other reference
          tables, each with its source.
        </li>
      </ul>
      <h2>The API</h2>
      <p>
        The public API lives under <code>/api/public/v1</code>: the register (<code>/licences</code>
        , filters as on the register page, keyset pages), each licence, its proof bundle, the
        decision log, the reports, the screening lists' versions and the assessment policy. The{' '}
        <a href="/api/docs">API documentation</a> and the{' '}
        <a href="/openapi.json">OpenAPI 3.1 document</a> describe every route and field.
      </p>
      <h2>Checking what you downloaded</h2>
      <p>
        Every decision taken here is in the <a href="/decision-log">decision log</a>: a licence's
        proof bundle shows that its record is the one the authority logged.
      </p>
    </Page>
  )
}
