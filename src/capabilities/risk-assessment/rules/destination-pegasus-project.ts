import {
  isPegasusProjectState,
  PEGASUS_PROJECT_STATES_SOURCE,
} from '../../reference-data/briefing-lists.ts'
import { cite, countryLabel, finding, LEGAL } from './helpers.ts'
import type { Rule } from './rule.ts'

/**
 * The destination is one of the states the Pegasus Project named as having selected persons of
 * interest for targeting (country evidence, or the briefing's list in reference-data).
 */
export const destinationPegasusProject: Rule = {
  id: 'destination.pegasus-project',
  title: 'Destination named by the Pegasus Project',
  legalBasis: cite(LEGAL.criterion2, LEGAL.recital2, PEGASUS_PROJECT_STATES_SOURCE),
  evaluate(input, policy) {
    const named =
      input.destinationEvidence.pegasusProject ||
      isPegasusProjectState(input.destination.trim().toUpperCase())
    if (!named) return []
    const country = countryLabel(input.destination)
    return [
      finding(destinationPegasusProject, {
        severity: policy.destination.pegasusProject,
        title: `Destination named by the Pegasus Project: ${country}`,
        evidence: `Amnesty International's Pegasus Project briefing names ${country} among the states that selected persons of interest (activists, journalists, lawyers, politicians) for potential targeting with NSO Group's Pegasus spyware. These are reported allegations, not findings of a court.`,
        reasonCodes: ['CP2'],
        public: true,
      }),
    ]
  },
}
