import { isLoggedAction } from '../../licensing/decision-logging.ts'
import { actionLabel, reasonTitle, words } from './licence-labels.ts'
import type { PublicDecisionRow } from './licence-page.repository.ts'

/**
 * Every step of the application, oldest first: what was done, from which state to which, when,
 * why. Never who: officers' names and ids stay internal. A logged row carries its public fields
 * as data-* attributes, so the Verify module can compare them with the log record.
 */
export function DecisionHistory(props: { rows: PublicDecisionRow[]; logEnabled: boolean }) {
  return (
    <section class="licence-section" aria-labelledby="history-heading">
      <h2 id="history-heading">Decision history</h2>
      {props.rows.length === 0 ? (
        <p>No decision has been recorded for this application.</p>
      ) : (
        <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
          <table class="history">
            <caption>Every step of the application, oldest first, with its reasons</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">State</th>
                <th scope="col">Date</th>
                <th scope="col">Reasons</th>
                <th scope="col">Public reason</th>
                <th scope="col">Decision log</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr {...(props.logEnabled && row.logIndex !== null ? logData(row) : {})}>
                  <th scope="row">{actionLabel(row.action)}</th>
                  <td>
                    {row.fromState ? `${words(row.fromState)} → ` : ''}
                    {words(row.toState)}
                  </td>
                  <td>
                    <time datetime={row.decidedOn}>{row.decidedOn}</time>
                  </td>
                  <td>
                    {row.reasonCodes.length === 0 ? (
                      <span class="muted">none given</span>
                    ) : (
                      <ul class="reasons">
                        {row.reasonCodes.map((code) => (
                          <li>
                            <code>{code}</code> {reasonTitle(code)}
                          </li>
                        ))}
                      </ul>
                    )}
                    {row.againstRecommendation ? (
                      <p class="against">Decided against the risk assessment's recommendation.</p>
                    ) : null}
                  </td>
                  <td>{row.publicReason ?? <span class="muted">not stated</span>}</td>
                  <td>
                    <LogCell row={row} logEnabled={props.logEnabled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  )
}

const logData = (row: PublicDecisionRow) => ({
  'data-log-index': String(row.logIndex),
  'data-action': row.action,
  'data-from-state': row.fromState ?? '',
  'data-to-state': row.toState,
  'data-decided-on': row.decidedOn,
  'data-reason-codes': row.reasonCodes.join(' '),
})

function LogCell(props: { row: PublicDecisionRow; logEnabled: boolean }) {
  const { row } = props
  if (row.logIndex === null)
    return (
      <span class="muted">
        {isLoggedAction(row.action)
          ? 'not yet in the log (recorded before the register logged every decision)'
          : 'not logged (only decisions are)'}
      </span>
    )
  return (
    <>
      record {row.logIndex}
      {props.logEnabled ? (
        <>
          {' '}
          <span class="proof-status" data-proof-status={String(row.logIndex)}>
            not yet verified
          </span>
        </>
      ) : null}
    </>
  )
}
