import type { Application } from '../licensing/application.schema.ts'
import { Csrf, type Errors, FieldError, type WsContext } from './workspace.page.tsx'

/** The questions asked of the exporter and their answers, and the form to ask another. */
export function InformationRequestsSection(props: {
  c: WsContext
  application: Application
  errors: Errors
  /** The question of a failed form, shown again. */
  question: string | undefined
}) {
  const a = props.application
  return (
    <section aria-labelledby="rfi">
      <h2 id="rfi">Requests for information</h2>
      {a.informationRequests.length === 0 ? <p>No questions asked.</p> : null}
      <ol>
        {a.informationRequests.map((r) => (
          <li>
            <p>
              <strong>Asked</strong> {r.askedAt.slice(0, 10)}: {r.question}
            </p>
            <p>
              {r.answer === null ? (
                <em>not answered yet</em>
              ) : (
                <>
                  <strong>Answer</strong> {r.answeredAt?.slice(0, 10)}: {r.answer}
                </>
              )}
            </p>
          </li>
        ))}
      </ol>
      {a.state === 'submitted' || a.state === 'under_review' ? (
        <form
          method="post"
          action={`/workspace/cases/${a.reference}/information-requests`}
          class="stacked"
        >
          <Csrf c={props.c} />
          <label for="question">Ask the exporter</label>
          <textarea id="question" name="question">
            {props.question ?? ''}
          </textarea>
          <FieldError errors={props.errors} name="question" />
          <p>
            <button type="submit" class="secondary">
              Send the question
            </button>
          </p>
        </form>
      ) : null}
    </section>
  )
}
