import { seededRandom } from '../../../platform/random.ts'
import { COMPETENT_AUTHORITIES } from '../../reference-data/authorities.ts'
import { defaultValidUntil } from '../application.ts'
import type { ApplicationState } from '../lifecycle.ts'
import { parseMoney } from '../money.ts'
import type { HistoryEntry, RecordToWrite } from '../register-writer.ts'
import {
  END_USERS,
  EU001_DESTINATIONS,
  EU005_DESTINATIONS,
  EU005_ITEM,
  INTENDED_USES,
  ITEMS,
  type ItemTemplate,
  LEGAL_FORMS,
  NAME_STEMS,
  NAME_TAILS,
  NATIONAL_CURRENCY,
  OTHER_DESTINATIONS,
  PEGASUS_DESTINATIONS,
} from './demo-vocabulary.ts'

const FIRST_DAY = Date.UTC(2021, 0, 4)
const DAYS = 1822 // 2021-01-04 … 2025-12-30
const LAST_DAY = '2025-12-31'

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const addDays = (date: string, n: number) => day(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000)

/**
 * A deterministic, realistic register: all 27 authorities, fictional exporters, destinations that
 * include the 11 Pegasus Project states, every technology category and every kind of decision.
 */
export function* generateDemoRecords(options: {
  applications: number
  seed?: number
  referencePrefix?: string
}): Generator<RecordToWrite> {
  const rand = seededRandom(options.seed ?? 2021)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const exporters = COMPETENT_AUTHORITIES.flatMap((authority) =>
    Array.from({ length: 12 }, () => ({
      authority,
      name: `${pick(NAME_STEMS)} ${pick(NAME_TAILS)} ${LEGAL_FORMS[authority.memberState] ?? 'Ltd'}`,
      id: `${authority.memberState}${Math.floor(rand() * 1e9)
        .toString()
        .padStart(9, '0')}`,
    })),
  )
  const prefix = options.referencePrefix ?? 'DEMO'

  for (let n = 1; n <= options.applications; n += 1) {
    const exporter =
      n <= COMPETENT_AUTHORITIES.length
        ? (exporters[(n - 1) * 12] as (typeof exporters)[number])
        : pick(exporters)
    const ms = exporter.authority.memberState
    const roll = rand()
    const geaKind = roll < 0.05 ? 'EU001' : roll < 0.08 ? 'EU005' : undefined
    const pegasus = !geaKind && rand() < 0.3
    const destination =
      geaKind === 'EU001'
        ? pick(EU001_DESTINATIONS)
        : geaKind === 'EU005'
          ? pick(EU005_DESTINATIONS)
          : pegasus
            ? pick(PEGASUS_DESTINATIONS)
            : pick(OTHER_DESTINATIONS)
    const endUserKind =
      n <= END_USERS.length ? (END_USERS[n - 1] as (typeof END_USERS)[number]) : pick(END_USERS)
    const endUserName =
      endUserKind.type === 'individual'
        ? `Private purchaser ${String(n).padStart(6, '0')}`
        : endUserKind.type === 'telecom_operator'
          ? `${pick(NAME_STEMS)} ${pick(endUserKind.names)}`
          : pick(endUserKind.names)
    const templates: ItemTemplate[] =
      geaKind === 'EU005'
        ? [EU005_ITEM]
        : geaKind === 'EU001'
          ? [ITEMS[10] as ItemTemplate]
          : n <= ITEMS.length
            ? [ITEMS[n - 1] as ItemTemplate]
            : Array.from({ length: 1 + Math.floor(rand() * rand() * 4) }, () => pick(ITEMS))
    const currency = rand() < 0.3 ? (NATIONAL_CURRENCY[ms] ?? 'EUR') : 'EUR'
    const items = templates.map((t) => {
      const euros = Math.round(t.min * (t.max / t.min) ** rand())
      const money = parseMoney(String(currency === 'EUR' ? euros : euros * 10), currency)
      return {
        controlEntry: t.entry,
        description: t.description,
        quantity: String(1 + Math.floor(rand() * rand() * 20)),
        valueMinor: money.ok ? money.minor : 0,
        currency,
      }
    })
    const technology = (templates[0] as ItemTemplate).technology
    const submittedOn = day(FIRST_DAY + Math.floor(rand() * DAYS) * 86_400_000)
    const risky = pegasus || endUserKind.type.startsWith('government_intelligence')
    const { state, history, licence } = lifecycle(rand, n, submittedOn, risky, destination)
    const last = history.at(-1) as HistoryEntry
    const decided = state !== 'submitted' && state !== 'under_review'
    // The demo's texts are generic phrases that name no one, so the public texts repeat them:
    // the exporter's summary is the end use, and each decision's public reason its explanation.
    for (const entry of history) entry.publicReason = entry.explanation
    const record: RecordToWrite = {
      reference: `${prefix}-${ms}-${submittedOn.slice(0, 4)}-${String(n).padStart(7, '0')}`,
      authorityId: exporter.authority.id,
      issuingState: ms,
      licenceType: geaKind ? 'eu_general' : rand() < 0.15 ? 'global' : 'individual',
      gea: geaKind ?? null,
      exporter: { name: exporter.name, country: ms, id: exporter.id },
      consignee: {
        name:
          endUserKind.type === 'individual'
            ? endUserName
            : `${pick(NAME_STEMS)} Trading ${destination}`,
        country: destination,
      },
      endUser: {
        name: endUserName,
        country: destination,
        type: endUserKind.type,
        description: endUserKind.description,
      },
      parties:
        rand() < 0.1
          ? [
              {
                role: 'intermediary',
                name: `${pick(NAME_STEMS)} Brokers FZE`,
                country: 'AE',
                type: 'private_company',
                description: 'Reseller',
              },
            ]
          : [],
      governmentAgency: endUserKind.agency ? endUserName : null,
      destination,
      intendedUse: pick(INTENDED_USES[technology]),
      items,
      state,
      submittedOn,
      decidedOn: decided ? last.decidedOn : null,
      decisionReasons: decided ? last.reasons : [],
      decisionExplanation: decided ? last.explanation : null,
      decisionPublicReason: decided ? last.explanation : null,
      history,
      ...(licence ? { licence } : {}),
    }
    record.intendedUsePublic = record.intendedUse
    yield record
  }
}

function lifecycle(
  rand: () => number,
  n: number,
  submittedOn: string,
  risky: boolean,
  destination: string,
) {
  const kinds: ApplicationState[] = [
    'granted',
    'refused',
    'withdrawn',
    'revoked',
    'suspended',
    'annulled',
    'expired',
    'submitted',
    'under_review',
  ]
  const r = rand()
  let state: ApplicationState =
    n <= kinds.length
      ? (kinds[n - 1] as ApplicationState)
      : r < (risky ? 0.3 : 0.08)
        ? 'refused'
        : r < 0.36
          ? 'withdrawn'
          : r < 0.42
            ? 'revoked'
            : r < 0.46
              ? 'suspended'
              : r < 0.48
                ? 'annulled'
                : r < 0.58
                  ? 'expired'
                  : r < 0.62
                    ? 'submitted'
                    : r < 0.66
                      ? 'under_review'
                      : 'granted'
  const history: HistoryEntry[] = [
    {
      action: 'submit',
      from: 'draft',
      to: 'submitted',
      decidedOn: submittedOn,
      reasons: [],
      explanation: null,
    },
  ]
  const reviewOn = addDays(submittedOn, 2 + Math.floor(rand() * 10))
  const decideOn = addDays(reviewOn, 20 + Math.floor(rand() * 90))
  if (state === 'expired' && addDays(defaultValidUntil(decideOn), 1) > LAST_DAY) state = 'granted'
  if (state !== 'submitted' && (reviewOn > LAST_DAY || decideOn > LAST_DAY)) state = 'submitted'
  if (state === 'submitted') return { state, history, licence: undefined }
  history.push({
    action: 'start_review',
    from: 'submitted',
    to: 'under_review',
    decidedOn: reviewOn,
    reasons: [],
    explanation: null,
  })
  if (state === 'under_review') return { state, history, licence: undefined }
  if (state === 'withdrawn') {
    history.push({
      action: 'withdraw',
      from: 'under_review',
      to: 'withdrawn',
      decidedOn: decideOn,
      reasons: [],
      explanation: 'Withdrawn by the exporter',
    })
    return { state, history, licence: undefined }
  }
  if (state === 'refused') {
    const reasons = risky
      ? ['CP2', ...(rand() < 0.4 ? ['ART5'] : [])]
      : [rand() < 0.5 ? 'CP7' : 'DIVERSION']
    const why = risky
      ? `Clear risk that the items might be used for internal repression in ${destination}`
      : 'Risk of diversion to an unauthorised end user'
    history.push({
      action: 'refuse',
      from: 'under_review',
      to: 'refused',
      decidedOn: decideOn,
      reasons,
      explanation: why,
    })
    return { state, history, licence: undefined }
  }
  const conditions = rand() < 0.3
  history.push({
    action: 'grant',
    from: 'under_review',
    to: 'granted',
    decidedOn: decideOn,
    reasons: [conditions ? 'CONDITIONS' : 'NO_SIGNIFICANT_RISK'],
    explanation: conditions
      ? 'Granted with end-use monitoring and no re-export without consent'
      : 'No significant risk identified',
  })
  const validUntil = defaultValidUntil(decideOn)
  const licence = {
    number: `DEMO-L-${decideOn.slice(0, 4)}-${String(n).padStart(7, '0')}`,
    validFrom: decideOn,
    validUntil,
  }
  const laterOn = addDays(decideOn, 30 + Math.floor(rand() * 300))
  const later = laterOn > LAST_DAY ? LAST_DAY : laterOn
  if (state === 'suspended' || (state === 'revoked' && rand() < 0.3)) {
    history.push({
      action: 'suspend',
      from: 'granted',
      to: 'suspended',
      decidedOn: later,
      reasons: ['NEW_EVIDENCE'],
      explanation: 'Credible reports of misuse against journalists under examination',
    })
  }
  if (state === 'revoked') {
    const from = (history.at(-1) as HistoryEntry).to
    history.push({
      action: 'revoke',
      from,
      to: 'revoked',
      decidedOn: later,
      reasons: [rand() < 0.5 ? 'NEW_EVIDENCE' : 'POLICY_CHANGE'],
      explanation: 'Significant risk that the items contribute to human-rights violations',
    })
  }
  if (state === 'annulled')
    history.push({
      action: 'annul',
      from: 'granted',
      to: 'annulled',
      decidedOn: later,
      reasons: ['NON_COMPLIANCE'],
      explanation: 'Granted on the basis of incorrect end-user information',
    })
  if (state === 'expired')
    history.push({
      action: 'expire',
      from: 'granted',
      to: 'expired',
      decidedOn: addDays(validUntil, 1),
      reasons: [],
      explanation: null,
    })
  return { state, history, licence }
}
