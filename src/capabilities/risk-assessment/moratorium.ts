import type { AssessmentInput } from './assessment-input.ts'
import type { Finding } from './finding.ts'
import type { Policy } from './policy/policy.schema.ts'

/** Which kind of transaction a licence type is, in the moratorium's terms. */
function transactionKind(licenceType: string): 'export' | 'brokering' | 'technical_assistance' {
  if (licenceType === 'brokering') return 'brokering'
  if (licenceType === 'technical_assistance') return 'technical_assistance'
  return 'export'
}

/**
 * The moratorium as a finding: when it is active and the transaction and at least one item are in
 * its scope, it decides the case (refuse, or hold for review), whatever else was found.
 */
export function moratoriumFinding(
  input: AssessmentInput,
  policy: Policy,
): { finding: Finding; effect: 'refuse' | 'hold' } | null {
  const m = policy.moratorium
  if (!m.active) return null
  if (!m.scope.includes(transactionKind(input.licenceType))) return null
  // In force on the day of the assessment: pending applications submitted earlier are caught too.
  if (m.since && input.assessedOn < m.since) return null
  const items = input.items.filter(
    (item) =>
      item.cyberSurveillance &&
      (m.items === 'all-cyber-surveillance' || m.items.categories.includes(item.technology)),
  )
  if (items.length === 0) return null
  const effect = m.effect
  return {
    effect,
    finding: {
      rule: 'policy.moratorium',
      severity: effect === 'refuse' ? 'prohibitive' : 'high',
      title:
        effect === 'refuse'
          ? 'A moratorium on cyber-surveillance exports is in force: the application is to be refused'
          : 'A moratorium on cyber-surveillance exports is in force: the application is held for review',
      evidence: `Moratorium in force${m.since ? ` since ${m.since}` : ''} for ${m.scope.join(', ')}; it covers ${items
        .map((i) => `${i.controlEntry} (${i.technology.replace(/_/g, ' ')})`)
        .join(', ')}.`,
      legalBasis: m.legalBasis,
      reasonCodes: ['MORATORIUM'],
      public: true,
    },
  }
}
