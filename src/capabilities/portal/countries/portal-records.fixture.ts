import { randomBytes } from 'node:crypto'
import { testDecisionLog } from '../../../../test/factories.ts'
import type { Db } from '../../../platform/db/database.ts'
import type { ApplicationState } from '../../licensing/lifecycle.ts'
import type { HistoryEntry, RecordToWrite } from '../../licensing/register-writer.ts'
import { writeRecords } from '../../licensing/register-writer.ts'

/**
 * Register records for the country and exporter page tests (route and browser): decisions to
 * the United Arab Emirates over three years in every outcome, an individual end user whose name
 * must never appear, an exporter name with a slash and an ampersand, and an unpublished
 * application that must stay invisible.
 */
export const SECRET_PERSON = 'Zebulon Quillfeather-Marchetti'
export const EXPORTER = 'Nordlicht Systems GmbH'
export const SLASH_EXPORTER = 'Acme & Partners / Intercept Ltd'
export const UNPUBLISHED_EXPORTER = 'Hidden Draft Exporter AG'

type Step = [action: HistoryEntry['action'], to: ApplicationState, on: string, reasons?: string[]]

function record(
  reference: string,
  options: {
    exporter?: string
    destination: string
    state: ApplicationState
    steps: Step[]
    individual?: boolean
    controlEntry?: string
  },
): RecordToWrite {
  let from: ApplicationState | null = null
  const history = options.steps.map(([action, to, on, reasons = []]): HistoryEntry => {
    const entry = { action, from, to, decidedOn: on, reasons, explanation: null }
    from = to
    return entry
  })
  const last = history.at(-1)
  const first = history[0]
  return {
    reference,
    authorityId: 'de-bafa',
    issuingState: 'DE',
    licenceType: 'individual',
    gea: null,
    exporter: { name: options.exporter ?? EXPORTER, country: 'DE', id: null },
    consignee: {
      name: options.individual ? `${SECRET_PERSON} Trading` : 'Gulf Secure Networks LLC',
      country: options.destination,
    },
    endUser: options.individual
      ? {
          name: SECRET_PERSON,
          country: options.destination,
          type: 'individual',
          description: `${SECRET_PERSON}, a private investigator`,
        }
      : {
          name: 'State Security Directorate',
          country: options.destination,
          type: 'government_intelligence',
          description: 'National intelligence service',
        },
    parties: [],
    governmentAgency: options.individual ? null : 'State Security Directorate',
    destination: options.destination,
    intendedUse: 'Lawful interception',
    items: [
      {
        controlEntry: options.controlEntry ?? '5A001.j',
        description: 'IP network surveillance system',
        quantity: '1',
        valueMinor: 250_000_00,
        currency: 'EUR',
      },
    ],
    state: options.state,
    submittedOn: first?.decidedOn ?? null,
    decidedOn: last && last.to !== 'submitted' ? last.decidedOn : null,
    decisionReasons: last?.reasons ?? [],
    decisionExplanation: null,
    history,
  }
}

const submitted = (on: string): Step => ['submit', 'submitted', on]
const review = (on: string): Step => ['start_review', 'under_review', on]

/** Writes the records and returns their references by role. */
export async function seedPortalRecords(db: Db) {
  const run = randomBytes(3).toString('hex').toUpperCase()
  const ref = (name: string) => `PX-${run}-${name}`
  const references = {
    granted2023: ref('G23'),
    granted2024: ref('G24'),
    refused2024: ref('R24'),
    revoked2025: ref('V25'),
    suspended2025: ref('S25'),
    annulled2025: ref('A25'),
    individual: ref('IND'),
    slash: ref('SL'),
    pending: ref('PEND'),
  }
  const records: RecordToWrite[] = [
    record(references.granted2023, {
      destination: 'AE',
      state: 'granted',
      steps: [
        submitted('2023-02-01'),
        review('2023-02-02'),
        ['grant', 'granted', '2023-03-01', ['NO_SIGNIFICANT_RISK']],
      ],
    }),
    record(references.granted2024, {
      destination: 'AE',
      state: 'granted',
      controlEntry: '5A001.f',
      steps: [
        submitted('2024-01-10'),
        review('2024-01-11'),
        ['grant', 'granted', '2024-02-01', ['NO_SIGNIFICANT_RISK']],
      ],
    }),
    record(references.refused2024, {
      destination: 'AE',
      state: 'refused',
      steps: [
        submitted('2024-05-01'),
        review('2024-05-02'),
        ['refuse', 'refused', '2024-06-01', ['CP2']],
      ],
    }),
    record(references.revoked2025, {
      destination: 'AE',
      state: 'revoked',
      steps: [
        submitted('2024-09-01'),
        review('2024-09-02'),
        ['grant', 'granted', '2024-10-01', ['NO_SIGNIFICANT_RISK']],
        ['revoke', 'revoked', '2025-03-01', ['NEW_EVIDENCE']],
      ],
    }),
    record(references.suspended2025, {
      destination: 'SA',
      state: 'suspended',
      steps: [
        submitted('2025-01-05'),
        review('2025-01-06'),
        ['grant', 'granted', '2025-02-01', ['NO_SIGNIFICANT_RISK']],
        ['suspend', 'suspended', '2025-04-01', ['NEW_EVIDENCE']],
      ],
    }),
    record(references.annulled2025, {
      destination: 'MX',
      state: 'annulled',
      steps: [
        submitted('2025-01-05'),
        review('2025-01-06'),
        ['grant', 'granted', '2025-02-01', ['NO_SIGNIFICANT_RISK']],
        ['annul', 'annulled', '2025-05-01', ['NEW_EVIDENCE']],
      ],
    }),
    record(references.individual, {
      destination: 'AE',
      state: 'granted',
      individual: true,
      steps: [
        submitted('2025-06-01'),
        review('2025-06-02'),
        ['grant', 'granted', '2025-07-01', ['NO_SIGNIFICANT_RISK']],
      ],
    }),
    record(references.slash, {
      exporter: SLASH_EXPORTER,
      destination: 'DE',
      state: 'granted',
      steps: [
        submitted('2025-01-01'),
        review('2025-01-02'),
        ['grant', 'granted', '2025-01-20', ['NO_SIGNIFICANT_RISK']],
      ],
    }),
    record(references.pending, {
      exporter: UNPUBLISHED_EXPORTER,
      destination: 'TG',
      state: 'submitted',
      steps: [submitted('2025-08-01')],
    }),
  ]
  await db
    .transaction()
    .execute((trx) =>
      writeRecords(trx, records, { actor: 'test', origin: 'import', log: testDecisionLog() }),
    )
  return references
}
