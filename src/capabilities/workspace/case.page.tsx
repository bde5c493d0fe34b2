import type { Principal } from '../accounts/principal.ts'
import type { Application } from '../licensing/application.schema.ts'
import type { StoredAssessment } from '../risk-assessment/assessment.repository.ts'
import type { ApplicationScreening } from '../watchlists/screen-application.ts'
import { DecideSection, type Posted } from './case-decision.tsx'
import { AssessmentSection, ScreeningSection } from './case-findings.tsx'
import { CaseParticulars, IdenticalDenialsSection } from './case-particulars.tsx'
import { InformationRequestsSection } from './case-requests.tsx'
import { HistoryTable, ProposalsTable } from './history-table.tsx'
import {
  country,
  ErrorSummary,
  type Errors,
  Flash,
  fieldId,
  label,
  type WsContext,
  WsPage,
} from './workspace.page.tsx'

export type { Posted } from './case-decision.tsx'

export type CaseData = {
  application: Application
  screenings: ApplicationScreening[]
  assessments: StoredAssessment[]
  /** Display names of the users in the history and the proposal, by id. */
  names: Record<string, string>
}

/** The officer's case page: everything needed to decide, and the forms to act. */
export function CasePage(props: {
  c: WsContext
  principal: Principal
  data: CaseData
  flash?: string | undefined
  errors?: Errors
  /** Which form the errors belong to (an action, 'confirm' or 'ask'). */
  errorsFor?: string
  /** What was posted with the failed form, to show again. */
  posted?: Posted
}) {
  const { c, data, principal } = props
  const a = data.application
  const errors = props.errors ?? {}
  const formErrors = (form: string) => (props.errorsFor === form ? errors : {})
  const posted = (form: string) => (props.errorsFor === form ? props.posted : undefined)
  const latest = data.assessments[0]
  const who = (id: string) => (id === principal.userId ? 'you' : (data.names[id] ?? id))
  return (
    <WsPage c={c} title={`Case ${a.reference}`}>
      <p>
        <a href="/workspace/queue">← Queue</a>
      </p>
      <h1>Case {a.reference}</h1>
      <Flash message={props.flash} />
      <ErrorSummary errors={errors} anchor={(field) => `#${fieldId(field)}-error`} />
      <dl class="facts">
        <dt>State</dt>
        <dd>
          <strong>{label(a.state)}</strong>
        </dd>
        <dt>Exporter</dt>
        <dd>{`${a.exporter.name}, ${country(a.exporter.country)}${a.exporter.id ? ` (${a.exporter.id})` : ''}`}</dd>
        <dt>Type</dt>
        <dd>{label(a.licenceType)}</dd>
        <dt>Submitted</dt>
        <dd>{a.submittedOn ?? '—'}</dd>
        {a.licence ? (
          <>
            <dt>Licence</dt>
            <dd>
              <strong>{a.licence.number}</strong>
              {`, valid ${a.licence.validFrom} to ${a.licence.validUntil ?? 'no end date'}${a.licence.largeProject ? ' (large-project authorisation, Art. 12(3))' : ''}`}
            </dd>
          </>
        ) : null}
      </dl>

      <CaseParticulars application={a} />
      <ScreeningSection screenings={data.screenings} />
      <AssessmentSection assessment={latest} />
      <IdenticalDenialsSection application={a} />
      <InformationRequestsSection
        c={c}
        application={a}
        errors={formErrors('ask')}
        question={posted('ask')?.question}
      />
      <DecideSection
        c={c}
        principal={principal}
        application={a}
        names={data.names}
        recommendation={latest?.recommendation}
        formErrors={formErrors}
        posted={posted}
      />

      <section aria-labelledby="history">
        <h2 id="history">History</h2>
        <HistoryTable history={a.history} who={who} />
        {a.proposals.length > 0 ? <ProposalsTable proposals={a.proposals} who={who} /> : null}
      </section>
    </WsPage>
  )
}
