import { Page } from '../layout.tsx'

export type CheckpointRow = { size: number; rootHash: string; signedAt: string }

/** The decision log for the public: the latest checkpoints and how to check them yourself. */
export function DecisionLogPage(props: {
  log: { origin: string; vkey: string } | undefined
  latestNote: string | undefined
  checkpoints: CheckpointRow[]
}) {
  const { log } = props
  return (
    <Page title="The decision log — Glasshouse">
      <h1>The decision log</h1>
      <p>
        Every decision taken in Glasshouse — grant, refusal, revocation, suspension, annulment,
        reinstatement, expiry — and every change of the assessment policy (the moratorium included)
        is appended to a Merkle tree log in the same database transaction as the decision itself
        (RFC 9162 hashing, C2SP signed checkpoints, Ed25519). The log only grows: anyone can prove
        that a decision was recorded, and that no recorded decision was changed or removed
        afterwards. Logged records hold the public fields of a decision and salted commitments to
        the confidential ones; no personal data enters the log.
      </p>
      {log ? (
        <>
          <h2>The log key</h2>
          <p>
            Origin <code>{log.origin}</code>; verifier key (pin it, and compare it with the one the
            authority publishes elsewhere):
          </p>
          <pre class="note">{log.vkey}</pre>
          <h2>The latest signed checkpoint</h2>
          {props.latestNote ? (
            <pre class="note">{props.latestNote}</pre>
          ) : (
            <p>No checkpoint has been signed yet.</p>
          )}
          {props.checkpoints.length > 0 ? (
            <section class="table-scroll" aria-label="Table (scrolls sideways)" tabindex={0}>
              <table>
                <caption>The most recent checkpoints</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      Tree size
                    </th>
                    <th scope="col">Root hash (base64)</th>
                    <th scope="col">Signed at (UTC)</th>
                  </tr>
                </thead>
                <tbody>
                  {props.checkpoints.map((cp) => (
                    <tr>
                      <td class="num">{cp.size.toLocaleString('en')}</td>
                      <td>
                        <code class="hash">{cp.rootHash}</code>
                      </td>
                      <td>{cp.signedAt}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      ) : (
        <p role="status">The decision log is not enabled on this installation.</p>
      )}
      <h2>Check it yourself</h2>
      <ol>
        <li>
          On a licence's page, press <strong>Verify</strong>: your browser fetches the licence's
          proof bundle and checks, on your machine, that each decision shown is in the log and that
          the checkpoint is signed by the log key.
        </li>
        <li>
          Without trusting this website's scripts: download the bundle and check it with the
          command-line tool, pinning the key you trust.
          <pre class="note">
            {`curl -s ${'$'}SITE/api/public/v1/log/key > glasshouse.vkey
curl -s ${'$'}SITE/api/public/v1/licences/DE-2026-000123/proof > proof.json
npx glasshouse log check proof.json --vkey "$(cat glasshouse.vkey)"`}
          </pre>
        </li>
        <li>
          Check that the log only grows: keep the checkpoints you have seen and ask for a
          consistency proof between two of them (
          <code>/api/public/v1/log/proofs/consistency?from=&amp;to=</code>), or read the tree as
          C2SP tlog tiles (<code>/tile/…</code>) with standard transparency-log tooling. Independent
          witnesses can cosign checkpoints (<code>/api/public/v1/log/cosignatures</code>).
        </li>
        <li>
          The authority itself runs <code>glasshouse log verify</code>, which recomputes every leaf,
          node and checkpoint and checks every decision record against its leaf.
        </li>
      </ol>
      <p>
        The endpoints: <a href="/api/public/v1/log/checkpoint">the signed checkpoint (text)</a>,{' '}
        <a href="/api/public/v1/log/checkpoint.json">as JSON</a>,{' '}
        <a href="/api/public/v1/log/key">the verifier key</a>; the full list is in the{' '}
        <a href="/api/docs">API documentation</a>.
      </p>
    </Page>
  )
}
