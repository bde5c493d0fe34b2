import type { AssessmentInput } from '../assessment-input.ts'
import type { CountryEvidence } from '../evidence/country-evidence.ts'
import { DEFAULT_POLICY } from '../policy/default-policy.ts'
import type { Policy } from '../policy/policy.schema.ts'

/** Country evidence with nothing known: no indicators, no spyware, no embargoes. */
export function countryEvidence(overrides: Partial<CountryEvidence> = {}): CountryEvidence {
  return {
    country: 'NO',
    indicators: { freedomHouse: null, vdem: null, rsf: null, attribution: '' },
    pegasusProject: false,
    spyware: [],
    victimCases: null,
    embargoes: [],
    ...overrides,
  }
}

/** Figures of a well-rated democracy (Norway-like), with attribution. */
export const GOOD_INDICATORS: CountryEvidence['indicators'] = {
  freedomHouse: { edition: 2024, globalScore: 100, status: 'F' },
  vdem: { year: 2023, liberalDemocracy: 0.88, civilLiberties: 0.96 },
  rsf: { year: 2024, score: 91.89, rank: 1 },
  attribution:
    'Freedom House, Freedom in the World 2024; V-Dem v14; RSF World Press Freedom Index 2024',
}

/**
 * A complete, plausible application: a German exporter's cryptography library for a Norwegian
 * university, screened with no hits, no red flags, a due-diligence record and an ICP, and a
 * destination about which nothing is known.
 */
export function assessmentInput(overrides: Partial<AssessmentInput> = {}): AssessmentInput {
  return {
    reference: 'GH-2026-000123',
    issuingState: 'DE',
    licenceType: 'individual',
    gea: null,
    onDate: '2026-03-02',
    assessedOn: '2026-03-02',
    destination: 'NO',
    exporter: { name: 'Nordlicht Systems GmbH', country: 'DE', id: 'org-0001' },
    parties: [
      { role: 'exporter', name: 'Nordlicht Systems GmbH', country: 'DE', type: 'private_company' },
      { role: 'consignee', name: 'Universitetet i Oslo', country: 'NO', type: 'research' },
      { role: 'end_user', name: 'Universitetet i Oslo', country: 'NO', type: 'research' },
    ],
    endUser: {
      name: 'Universitetet i Oslo',
      country: 'NO',
      type: 'research',
      description: 'Public university, department of informatics',
    },
    governmentAgency: null,
    intendedUse: 'Teaching and research on secure messaging protocols.',
    items: [
      {
        controlEntry: '5D002',
        technology: 'cryptography',
        cyberSurveillance: false,
        kind: 'annex_i',
        description: 'Cryptography library (AES-256, X25519) for research use',
      },
    ],
    endUseFlags: [],
    dueDiligence: {
      summary: 'Item, stakeholder and destination screening done.',
      completedOn: '2026-02-20',
    },
    hasInternalComplianceProgramme: true,
    watchlistHits: [],
    identicalDenials: [],
    exporterDenials: [],
    destinationEvidence: countryEvidence(),
    vendorAbuse: [],
    ...overrides,
  }
}

/** An intrusion-software item (4D004). */
export const INTRUSION_ITEM: AssessmentInput['items'][number] = {
  controlEntry: '4D004',
  technology: 'intrusion',
  cyberSurveillance: true,
  kind: 'annex_i',
  description: 'Software for the generation and delivery of intrusion software',
}

/** The default policy with a few parameters changed (a deep copy; the default is untouched). */
export function policyWith(change: (policy: Policy) => void): Policy {
  const policy = structuredClone(DEFAULT_POLICY)
  change(policy)
  return policy
}
