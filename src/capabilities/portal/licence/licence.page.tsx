import type { RegisterService } from '../../licensing/register.service.ts'
import { NATURAL_PERSON, NOT_STATED } from '../../licensing/register-views.ts'
import { Page } from '../layout.tsx'
import { countryHref, exporterHref, registerHref } from '../links.ts'
import { type PublicAssessment, RiskAssessment } from './licence-assessment.tsx'
import { DecisionHistory } from './licence-history.tsx'
import { controlEntryTitle, countryLabel, reasonTitle, words } from './licence-labels.ts'
import type { PublicDecisionRow, ScreeningSummary } from './licence-page.repository.ts'
import { VerifySection } from './licence-verify.tsx'

export type PublicLicence = Awaited<ReturnType<RegisterService['getPublic']>>

export type LicencePageData = {
  licence: PublicLicence
  history: PublicDecisionRow[]
  assessment: PublicAssessment | null
  screening: ScreeningSummary | null
  log: { origin: string; vkey: string } | undefined
}

const Country = (props: { code: string }) => (
  <a href={countryHref(props.code)}>
    {countryLabel(props.code)} ({props.code})
  </a>
)

/** The public page of one decided application: every public field, its history and its proof. */
export function LicencePage(props: LicencePageData) {
  const l = props.licence
  return (
    <Page title={`Licence ${l.reference} — Glasshouse`}>
      <article class="licence" aria-labelledby="licence-heading">
        <p class="breadcrumb">
          <a href={registerHref()}>Register</a> › {l.reference}
        </p>
        <h1 id="licence-heading">
          {l.licenceNumber ? 'Export licence' : 'Export application'} {l.reference}
        </h1>
        <p class="lead">
          <span class={`badge decision-${l.decision}`}>{l.decision}</span>{' '}
          {l.decidedOn ? (
            <>
              on <time datetime={l.decidedOn}>{l.decidedOn}</time>{' '}
            </>
          ) : null}
          by {l.authority.name} ({countryLabel(l.issuingState)}): {l.items.length}{' '}
          {l.items.length === 1 ? 'item' : 'items'} to {countryLabel(l.destination)}.
        </p>

        <section class="licence-section" aria-labelledby="facts-heading">
          <h2 id="facts-heading">The licence</h2>
          <dl class="facts">
            <dt>Reference</dt>
            <dd>{l.reference}</dd>
            <dt>Issuing state</dt>
            <dd>
              <Country code={l.issuingState} />
            </dd>
            <dt>Licensing authority</dt>
            <dd>{l.authority.name}</dd>
            <dt>Licence type</dt>
            <dd>{words(l.licenceType)}</dd>
            <dt>General export authorisation</dt>
            <dd>{l.gea ?? 'none'}</dd>
            <dt>Licence number</dt>
            <dd>{l.licenceNumber ?? 'none (no licence was issued)'}</dd>
            <dt>Valid until</dt>
            <dd>{l.validUntil ?? (l.licenceNumber ? 'no end date' : 'not applicable')}</dd>
            <dt>Submitted on</dt>
            <dd>{l.submittedOn ?? 'not recorded'}</dd>
            <dt>Decided on</dt>
            <dd>{l.decidedOn ?? 'not decided'}</dd>
          </dl>
        </section>

        <section class="licence-section" aria-labelledby="parties-heading">
          <h2 id="parties-heading">Exporter, end user and destination</h2>
          <dl class="facts">
            <dt>Exporter</dt>
            <dd>
              <a href={exporterHref(l.exporterName)}>{l.exporterName}</a>
            </dd>
            <dt>End user</dt>
            <dd>
              {/* An individual is only ever "natural person"; publicView already says so. */}
              {l.endUser.type === 'individual' ? NATURAL_PERSON : l.endUser.description} (
              {words(l.endUser.type)}), <Country code={l.endUser.country} />
            </dd>
            <dt>Destination</dt>
            <dd>
              <Country code={l.destination} />
            </dd>
            <dt>Government agency</dt>
            <dd>{l.governmentAgency ?? 'none named'}</dd>
            <dt>Intended use</dt>
            <dd>{l.intendedUse ?? NOT_STATED}</dd>
          </dl>
        </section>

        <Items licence={l} />

        <section class="licence-section" aria-labelledby="decision-heading">
          <h2 id="decision-heading">The decision</h2>
          <p>
            <span class={`badge decision-${l.decision}`}>{l.decision}</span>
          </p>
          {l.decisionReasons.length === 0 ? (
            <p>No reasons are recorded.</p>
          ) : (
            <ul class="reasons">
              {l.decisionReasons.map((code) => (
                <li>
                  <code>{code}</code> {reasonTitle(code)}
                </li>
              ))}
            </ul>
          )}
          <h3>Public reason</h3>
          <p>{l.publicReason ?? NOT_STATED}</p>
        </section>

        <DecisionHistory rows={props.history} logEnabled={props.log !== undefined} />
        <RiskAssessment assessment={props.assessment} screening={props.screening} />
        <VerifySection reference={l.reference} log={props.log} history={props.history} />
      </article>
    </Page>
  )
}

function Items(props: { licence: PublicLicence }) {
  const l = props.licence
  return (
    <section class="licence-section" aria-labelledby="items-heading">
      <h2 id="items-heading">Items</h2>
      <section class="table-wrap" aria-label="Table (scrolls sideways)" tabindex={0}>
        <table class="items-table">
          <caption>Items covered, with their control-list entries</caption>
          <thead>
            <tr>
              <th scope="col">Control entry</th>
              <th scope="col">Technology</th>
              <th scope="col">Cyber-surveillance</th>
              <th scope="col">Description</th>
              <th scope="col" class="num">
                Quantity
              </th>
              <th scope="col" class="num">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {l.items.map((item) => (
              <tr>
                <th scope="row">
                  <code>{item.controlEntry}</code>
                  {controlEntryTitle(item.controlEntry) ? (
                    <span class="entry-title">{controlEntryTitle(item.controlEntry)}</span>
                  ) : null}
                </th>
                <td>{words(item.technology)}</td>
                <td>{item.cyberSurveillance ? 'yes' : 'no'}</td>
                <td>{item.description}</td>
                <td class="num">{item.quantity}</td>
                <td class="num">
                  {item.value} {item.currency}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {l.totalValue.map((t) => (
              <tr>
                <th scope="row" colspan={5}>
                  Total ({t.currency})
                </th>
                <td class="num">
                  {t.value} {t.currency}
                </td>
              </tr>
            ))}
          </tfoot>
        </table>
      </section>
    </section>
  )
}
