import type { AssessmentInput } from '../assessment-input.ts'
import type { Finding } from '../finding.ts'
import type { Policy } from '../policy/policy.schema.ts'

/**
 * One rule: a pure function of the input and the policy. It returns no finding when it has
 * nothing to say, and an `unknown` finding when the data it needs is missing.
 */
export type Rule = {
  id: string
  /** What the rule looks at, for the policy page and the assessment. */
  title: string
  /** The provision it applies (also copied onto each finding). */
  legalBasis: string
  evaluate(input: AssessmentInput, policy: Policy): Finding[]
}
