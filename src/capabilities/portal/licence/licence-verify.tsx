import { keyIdOf } from './verify-outcome.ts'

/** Where the bundle lives: the public API route of decision-log.routes.ts. */
export const proofHref = (reference: string) =>
  `/api/public/v1/licences/${encodeURIComponent(reference)}/proof`

/**
 * "Verify this record": a button the module /static/verify-licence.js reveals and runs, an
 * aria-live region for its answer, and, for readers without JavaScript, the bundle's address and
 * how to check it themselves. The log key and origin the page states are what the module trusts.
 */
export function VerifySection(props: {
  reference: string
  log: { origin: string; vkey: string } | undefined
  loggedDecisions: number
}) {
  const { reference, log } = props
  if (!log)
    return (
      <section class="licence-section verify" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Verify this record</h2>
        <p>
          The public decision log is not enabled on this server, so this record cannot be checked
          against it.
        </p>
      </section>
    )
  if (props.loggedDecisions === 0)
    return (
      <section class="licence-section verify" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Verify this record</h2>
        <p>
          None of this licence's decisions is in the decision log: they were imported from the
          authority's earlier records, which are history written in bulk, not decisions taken in
          Glasshouse. The log holds every decision taken here from the day it started; there is
          nothing about this licence to verify against it.{' '}
          <a href="/decision-log">About the decision log</a>.
        </p>
      </section>
    )
  const href = proofHref(reference)
  return (
    <section
      class="licence-section verify"
      aria-labelledby="verify-heading"
      data-verify="licence"
      data-proof-url={href}
      data-vkey={log.vkey}
      data-origin={log.origin}
    >
      <h2 id="verify-heading">Verify this record</h2>
      <p>
        Every decision is appended to the Glasshouse decision log, a Merkle tree whose checkpoints
        the authority signs. Verify downloads the proof for this licence and checks in your browser,
        without trusting this server's word, that{' '}
        {props.loggedDecisions === 1
          ? 'the logged decision above is'
          : `the ${props.loggedDecisions} logged decisions above are`}{' '}
        in the log under a checkpoint signed with the key below, and that each log record says what
        this page says.
      </p>
      <p>
        <button type="button" data-verify-button hidden>
          Verify
        </button>
      </p>
      <div class="verify-result" role="status" aria-live="polite" data-verify-result />
      <h3>Checking it yourself</h3>
      <ul>
        <li>
          Proof bundle (JSON): <a href={href}>{href}</a>
        </li>
        <li>
          Log key: <code class="hash">{log.vkey}</code> (key id <code>{keyIdOf(log.vkey)}</code>,
          origin <code>{log.origin}</code>); compare it with the key the authority publishes
          elsewhere and with <a href="/api/public/v1/log/key">/api/public/v1/log/key</a>.
        </li>
        <li>
          Without trusting this page's script: save the bundle and check it with the Glasshouse
          command line, pinning the key you trust —{' '}
          <code>glasshouse log check proof.json --vkey "{log.vkey}"</code> (no database, no server:
          the same <code>verify-proof-bundle.ts</code> this page runs).{' '}
          <a href="/decision-log">More ways to check the log</a>.
        </li>
      </ul>
      <script type="module" src="/static/verify-licence.js" />
    </section>
  )
}
