import type { Child } from 'hono/jsx'
import { isLoggedAction } from '../../licensing/decision-logging.ts'
import { actionLabel, words } from './licence-labels.ts'
import type { PublicDecisionRow } from './licence-page.repository.ts'
import { keyIdOf } from './verify-outcome.ts'

/** Where the bundle lives: the public API route of decision-log.routes.ts. */
export const proofHref = (reference: string) =>
  `/api/public/v1/licences/${encodeURIComponent(reference)}/proof`

/**
 * "Verify this record": a button the module /static/verify-licence.js reveals and runs, an
 * aria-live region for its answer, and, for readers without JavaScript, the bundle's address and
 * how to check it themselves. The log key and origin the page states are what the module trusts.
 * Where there is nothing to verify, it says precisely why: no log on this server, nothing decided
 * yet, or decisions recorded before the register logged every decision and not yet backfilled.
 */
export function VerifySection(props: {
  reference: string
  log: { origin: string; vkey: string } | undefined
  history: readonly PublicDecisionRow[]
}) {
  const { reference, log } = props
  const decisions = props.history.filter((row) => isLoggedAction(row.action))
  const logged = decisions.filter((row) => row.logIndex !== null)
  const notYetLogged = decisions.filter((row) => row.logIndex === null)
  if (!log)
    return (
      <NothingToVerify>
        The public decision log is not enabled on this server, so this record cannot be checked
        against it.
      </NothingToVerify>
    )
  if (decisions.length === 0)
    return (
      <NothingToVerify>
        Pending: nothing has been decided, so nothing is in the log yet. The authority's decision
        will be logged when it is taken; the submission and the review before it are not.
      </NothingToVerify>
    )
  if (logged.length === 0)
    return (
      <NothingToVerify>
        <NotYetLogged rows={notYetLogged} /> There is nothing about this licence to verify against
        the log until it does.
      </NothingToVerify>
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
        {logged.length === 1
          ? 'the logged decision above is'
          : `the ${logged.length} logged decisions above are`}{' '}
        in the log under a checkpoint signed with the key below, and that each log record says what
        this page says.
      </p>
      {notYetLogged.length > 0 ? (
        <p>
          <NotYetLogged rows={notYetLogged} /> Verify cannot check{' '}
          {notYetLogged.length === 1 ? 'it' : 'them'} until it does.
        </p>
      ) : null}
      <Marks rows={logged} />
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

function NothingToVerify(props: { children: Child }) {
  return (
    <section class="licence-section verify" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify this record</h2>
      <p>
        {props.children} <a href="/decision-log">About the decision log</a>.
      </p>
    </section>
  )
}

/** "The decision of 2024-03-01 (refused) was recorded before …", naming each such decision. */
function NotYetLogged(props: { rows: readonly PublicDecisionRow[] }) {
  const named = props.rows.map((row) => `the decision of ${row.decidedOn} (${decisionName(row)})`)
  const list =
    named.length === 1
      ? (named[0] ?? '')
      : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
  const sentence =
    props.rows.length === 1
      ? `${list} was recorded before this register logged every decision; the authority has not yet brought it into the log.`
      : `${list} were recorded before this register logged every decision; the authority has not yet brought them into the log.`
  return <>{sentence.charAt(0).toUpperCase() + sentence.slice(1)}</>
}

function decisionName(row: PublicDecisionRow): string {
  return row.action === 'import'
    ? `imported as ${words(row.toState)}`
    : actionLabel(row.action).toLowerCase()
}

/** Says how the log marks decisions that did not come through an officer's action. */
function Marks(props: { rows: readonly PublicDecisionRow[] }) {
  const imported = props.rows.some((row) => row.mark === 'imported')
  const demo = props.rows.some((row) => row.mark === 'demo')
  if (!imported && !demo) return null
  return (
    <p>
      {imported ? (
        <>
          Decisions imported from the authority's earlier records are logged as such: their records
          are marked <code>"imported": true</code>, with the SHA-256 of the file they came from.{' '}
        </>
      ) : null}
      {demo ? (
        <>
          This is fictional demo data: its log records are marked <code>"origin": "demo"</code>.
        </>
      ) : null}
    </p>
  )
}
