import { reasonTitle, words } from './licence-labels.ts'
import type { ScreeningSummary } from './licence-page.repository.ts'
import type { PublicFinding } from './public-findings.ts'

export type PublicAssessment = {
  assessedOn: string
  policyVersion: number
  level: string
  recommendation: string
  findings: PublicFinding[]
  /** Findings left out because they are confidential (their count only). */
  withheld: number
}

/**
 * The risk assessment as the public may see it: its level, recommendation and public findings,
 * and the watchlist screening reduced to counts. The assessment's free-text summary, confidential
 * findings and who matched a list are left out (see public-findings.ts).
 */
export function RiskAssessment(props: {
  assessment: PublicAssessment | null
  screening: ScreeningSummary | null
}) {
  const { assessment: a, screening: s } = props
  return (
    <section class="licence-section" aria-labelledby="risk-heading">
      <h2 id="risk-heading">Risk screening</h2>
      {a === null ? (
        <p>No risk assessment is recorded for this application (it may predate Glasshouse).</p>
      ) : (
        <>
          <dl class="facts">
            <dt>Risk level</dt>
            <dd>
              <span class={`badge level-${a.level}`}>{a.level}</span>
            </dd>
            <dt>Recommendation</dt>
            <dd>{words(a.recommendation)}</dd>
            <dt>Assessed on</dt>
            <dd>
              <time datetime={a.assessedOn}>{a.assessedOn}</time>, under risk policy version{' '}
              {a.policyVersion}
            </dd>
          </dl>
          {a.findings.length === 0 ? (
            <p>The assessment has no public findings.</p>
          ) : (
            <ol class="findings">
              {a.findings.map((f) => (
                <li>
                  <h3>
                    {f.title} <span class={`badge severity-${f.severity}`}>{f.severity}</span>
                  </h3>
                  <p>
                    {f.evidence ?? (
                      <span class="muted">
                        The details are withheld: they name a party the register does not publish.
                      </span>
                    )}
                  </p>
                  <p class="muted small">
                    Basis: {f.legalBasis}
                    {f.reasonCodes.length > 0
                      ? `. Reasons it supports: ${f.reasonCodes.map((c) => `${c} (${reasonTitle(c)})`).join('; ')}`
                      : ''}
                  </p>
                </li>
              ))}
            </ol>
          )}
          {a.withheld > 0 ? (
            <p class="muted">
              {a.withheld === 1 ? '1 further finding is' : `${a.withheld} further findings are`}{' '}
              confidential (for example a watchlist match or another authority's denial) and not
              shown.
            </p>
          ) : null}
        </>
      )}
      <h3>Watchlist screening</h3>
      {s === null ? (
        <p>No watchlist screening is recorded for this application.</p>
      ) : s.lists.length === 0 ? (
        <p>
          On <time datetime={s.screenedOn}>{s.screenedOn}</time> the parties could not be checked:
          no watchlist was loaded.
        </p>
      ) : (
        <p>
          On <time datetime={s.screenedOn}>{s.screenedOn}</time>, {s.partyCount}{' '}
          {s.partyCount === 1 ? 'party was' : 'parties were'} screened against{' '}
          {s.lists.map((l) => `${l.source}${l.listDate ? ` (${l.listDate})` : ''}`).join(', ')}:{' '}
          {s.hitCount === 0
            ? 'no possible match.'
            : `${s.hitCount} possible ${s.hitCount === 1 ? 'match' : 'matches'} for an officer to review; who matched is not published.`}
        </p>
      )}
    </section>
  )
}
