import { Page } from '../layout.tsx'

export type CheckpointRow = { size: number; rootHash: string; signedAt: string }

/**
 * The decision log for the public: what it covers and what it does not, the latest checkpoints, and
 * how to check them yourself.
 */
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
        Every decision in this register is appended to a Merkle tree log in the same database
        transaction as the decision itself (RFC 9162 hashing, C2SP signed checkpoints, Ed25519): the
        decision and its log record are saved together or not at all. The log only grows. Anyone can
        prove that a decision was recorded, and that no recorded decision was changed or removed
        afterwards.
      </p>
      <h2>What the log covers</h2>
      <ul>
        <li>
          Every decision on an application, whatever its path: grant, refusal, withdrawal,
          suspension, reinstatement, revocation and annulment, taken in the officers' workspace or
          through the authority's API (a withdrawal by the exporter). The record of a grant also
          holds the licence's number and validity.
        </li>
        <li>
          Decisions imported from an authority's earlier records (
          <code>glasshouse import licences</code>): each is a record marked{' '}
          <code>"imported": true</code>, with <code>"sourceSha256"</code>, the SHA-256 of the file
          it was imported from.
        </li>
        <li>
          The expiry of a licence at the end of its validity, done by the clock and marked{' '}
          <code>"origin": "clock"</code>.
        </li>
        <li>
          On a demonstration installation, the fictional demo register: its decisions are logged
          like any other, marked <code>"origin": "demo"</code>.
        </li>
        <li>
          The assessment policy: version 1 is the log's first policy record, and every later version
          follows it (the moratorium included), with the SHA-256 of the policy document.
        </li>
        <li>Every published annual report, with the SHA-256 of each of its files.</li>
      </ul>
      <h2>What is not in it</h2>
      <ul>
        <li>
          Drafts, submissions and the start of a review: an application enters the log with its
          first decision. Pending applications are not published and have nothing in the log.
        </li>
        <li>
          Confidential fields. A record holds the public fields of a decision (reference, action,
          states, date, authority, issuing state, destination, control entries, reason codes,
          licence number, whether it went against the risk assessment). The officer who decided and
          the one who confirmed, the justification, the internal explanation and the public reason
          (which the licence page publishes) are in it only as salted SHA-256 commitments: the
          authority can later prove what it recorded, but the log itself reveals nothing of them.
          Screening results and risk assessments are not logged. No personal data enters the log.
        </li>
        <li>
          Decisions an older installation recorded before this register logged every decision, until
          the authority brings them in with <code>glasshouse log backfill</code> (their records are
          marked <code>"backfilled": true</code>). Until then, <code>glasshouse log verify</code>{' '}
          names each one, and its licence page says so.
        </li>
      </ul>
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
          Watch the whole log. Anyone can run a monitor, as is done for Certificate Transparency:
          <pre class="note">{`npx glasshouse log monitor ${'$'}SITE --vkey "${'$'}VKEY"`}</pre>
          Pin the log key as the authority publishes it elsewhere, not as this site serves it. Run
          the monitor regularly (daily, say): each run checks that the new checkpoint is signed with
          that key and extends the one it saw last time (no fork, no rewritten history), and
          recomputes the tree from the published tiles; it keeps what it has seen in a state file.
          With <code>--cosign witness.skey</code> it also cosigns what it verified and sends the
          cosignature to the log, acting as a witness; the log serves the cosignatures of witnesses
          whose keys the authority has configured.
        </li>
        <li>
          Check that the log only grows by hand: keep the checkpoints you have seen and ask for a
          consistency proof between two of them (
          <code>/api/public/v1/log/proofs/consistency?from=&amp;to=</code>), or read the tree as
          C2SP tlog tiles (<code>/tile/…</code>) with standard transparency-log tooling.
        </li>
        <li>
          The authority itself runs <code>glasshouse log verify</code>, which recomputes every leaf,
          node and checkpoint and checks the register against the log both ways: every decision has
          its record and every record its decision; each application's state is where its logged
          decisions lead; each licence's number and validity are those of its grant record; each
          denial notice agrees with its refusal, revocation or annulment record; each published
          report file agrees with its record.
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
