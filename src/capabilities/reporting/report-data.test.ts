import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { testDecisionLog } from '../../../test/factories.ts'
import { useTestDatabase } from '../../../test/test-database.ts'
import { AppError } from '../../platform/http/errors.ts'
import type { RegisterRecord } from '../licensing/application.ts'
import { ensureUkAuthority } from '../licensing/interchange/uk-caat-mapping.ts'
import type { ApplicationState } from '../licensing/lifecycle.ts'
import {
  type HistoryEntry,
  type RecordToWrite,
  writeRecords,
} from '../licensing/register-writer.ts'
import { resolveControlEntry } from '../reference-data/control-entries.ts'
import { EU_MEMBER_STATES } from '../reference-data/countries.ts'
import {
  type AnnualReport,
  type Breakdown,
  type BreakdownRow,
  type MoneyTotal,
  OUTCOMES,
  type Outcome,
  type OutcomeCounts,
  type ReportScope,
} from './annual-report.ts'
import { firstLicenceRows, streamLicenceRows } from './licence-rows.ts'
import { buildAnnualReport } from './report-data.ts'
import { parseScope, scopeKey, scopeTitle } from './report-scope.ts'

const database = useTestDatabase()
const RUN = randomBytes(3).toString('hex')
const YEAR = 2025
const AUTHORITY_STATE: Record<string, string> = {
  'de-bafa': 'DE',
  'fr-sbdu': 'FR',
  'gb-ecju': 'GB',
}
const SECRET_NAME = 'Jane Secretperson'

type Item = { controlEntry: string; valueMinor: number; currency: string }
type Step = [action: HistoryEntry['action'], to: ApplicationState, on: string, reasons?: string[]]

/** A fixture record; `steps` is its decision history (absent: one 'import' decision). */
function record(
  n: number,
  authorityId: string,
  options: {
    submittedOn: string | null
    state: ApplicationState
    decidedOn?: string
    destination: string
    items: Item[]
    steps?: Step[]
    gea?: string
    individual?: boolean
    reasons?: string[]
  },
): RecordToWrite {
  const reference = `RPT-${RUN}-${String(n).padStart(2, '0')}`
  const issuingState = AUTHORITY_STATE[authorityId] as string
  let from: ApplicationState | null = null
  const history = options.steps?.map(([action, to, on, reasons = []]): HistoryEntry => {
    const entry = {
      action,
      from,
      to,
      decidedOn: on,
      reasons,
      // Only the public reason is reported; the internal explanation never is.
      explanation: `internal note on ${action}`,
      publicReason: `${action} ${on}`,
    }
    from = to
    return entry
  })
  const last = history?.at(-1)
  const content: RegisterRecord = {
    reference,
    authorityId,
    issuingState,
    licenceType: options.gea ? 'eu_general' : 'individual',
    gea: options.gea ?? null,
    exporter: { name: `Exporter ${n} GmbH`, country: issuingState, id: null },
    consignee: { name: `Consignee ${SECRET_NAME} ${n}`, country: options.destination },
    endUser: options.individual
      ? {
          name: SECRET_NAME,
          country: options.destination,
          type: 'individual',
          description: `${SECRET_NAME}, a private investigator`,
        }
      : {
          name: `End user ${n}`,
          country: options.destination,
          type: 'government_police',
          description: `National police ${n}`,
        },
    parties: [],
    governmentAgency: options.individual ? null : 'Ministry of the Interior',
    destination: options.destination,
    intendedUse: 'Confidential detail of the end use',
    intendedUsePublic: 'Criminal investigations',
    items: options.items.map((item, i) => ({
      ...item,
      description: `Item ${n}.${i + 1}`,
      quantity: '1',
    })),
    state: options.state,
    submittedOn: options.submittedOn,
    decidedOn: options.decidedOn ?? last?.decidedOn ?? null,
    decisionReasons: options.reasons ?? last?.reasons ?? [],
    decisionExplanation: null,
  }
  return history ? { ...content, history } : content
}

const eur = (minor: number, entry = '5A001.j'): Item => ({
  controlEntry: entry,
  valueMinor: minor,
  currency: 'EUR',
})

const RECORDS: RecordToWrite[] = [
  record(1, 'de-bafa', {
    submittedOn: '2025-01-10',
    state: 'granted',
    destination: 'CN',
    items: [eur(100_000), eur(5_000, '5A002')],
    steps: [
      ['submit', 'submitted', '2025-01-10'],
      ['start_review', 'under_review', '2025-01-11'],
      ['grant', 'granted', '2025-02-01', ['NO_SIGNIFICANT_RISK']],
    ],
  }),
  record(2, 'de-bafa', {
    submittedOn: '2025-03-01',
    state: 'refused',
    destination: 'RU',
    items: [
      eur(250_000, '5A001.f.2'),
      { controlEntry: '5A001.f.2', valueMinor: 1000, currency: 'USD' },
    ],
    steps: [
      ['submit', 'submitted', '2025-03-01'],
      ['start_review', 'under_review', '2025-03-02'],
      ['refuse', 'refused', '2025-04-15', ['CP2', 'CP7']],
    ],
  }),
  record(3, 'de-bafa', {
    submittedOn: '2025-05-02',
    state: 'granted',
    destination: 'US',
    individual: true,
    items: [{ controlEntry: '4A005', valueMinor: 999, currency: 'SEK' }],
    steps: [
      ['submit', 'submitted', '2025-05-02'],
      ['start_review', 'under_review', '2025-05-03'],
      ['grant', 'granted', '2025-06-01'],
    ],
  }),
  record(4, 'fr-sbdu', {
    submittedOn: '2024-11-20',
    state: 'revoked',
    destination: 'US',
    gea: 'EU001',
    items: [eur(3_000, '5A002')],
    steps: [
      ['submit', 'submitted', '2024-11-20'],
      ['start_review', 'under_review', '2024-11-21'],
      ['grant', 'granted', '2024-12-01'],
      ['revoke', 'revoked', '2025-07-03', ['NEW_EVIDENCE']],
    ],
  }),
  record(5, 'fr-sbdu', {
    submittedOn: '2025-08-01',
    state: 'withdrawn',
    destination: 'AE',
    items: [eur(700, '5D001.a')],
    steps: [
      ['submit', 'submitted', '2025-08-01'],
      ['withdraw', 'withdrawn', '2025-08-20'],
    ],
  }),
  record(6, 'fr-sbdu', {
    submittedOn: '2025-09-01',
    state: 'granted',
    decidedOn: '2025-09-09',
    destination: 'NO',
    gea: 'EU005',
    items: [{ controlEntry: '5A002', valueMinor: 1234, currency: 'GBP' }],
  }),
  record(7, 'fr-sbdu', {
    submittedOn: '2025-12-01',
    state: 'refused',
    decidedOn: '2025-12-31',
    destination: 'IR',
    reasons: ['CP1'],
    items: [eur(42), eur(8, '5A002')],
  }),
  record(8, 'de-bafa', {
    submittedOn: '2024-02-01',
    state: 'refused',
    destination: 'RU',
    items: [eur(10)],
    steps: [
      ['submit', 'submitted', '2024-02-01'],
      ['start_review', 'under_review', '2024-02-02'],
      ['refuse', 'refused', '2024-03-01', ['CP4']],
    ],
  }),
  record(9, 'de-bafa', {
    submittedOn: '2025-10-01',
    state: 'annulled',
    destination: 'CN',
    items: [eur(500, 'ART5'), { controlEntry: '5A002', valueMinor: 300, currency: 'SEK' }],
    steps: [
      ['submit', 'submitted', '2025-10-01'],
      ['start_review', 'under_review', '2025-10-02'],
      ['grant', 'granted', '2025-10-20'],
      ['suspend', 'suspended', '2025-11-01', ['NON_COMPLIANCE']],
      ['reinstate', 'granted', '2025-11-15'],
      ['annul', 'annulled', '2025-12-01', ['POLICY_CHANGE']],
    ],
  }),
  record(10, 'de-bafa', {
    submittedOn: '2025-12-20',
    state: 'under_review',
    destination: 'CN',
    items: [eur(1)],
    steps: [
      ['submit', 'submitted', '2025-12-20'],
      ['start_review', 'under_review', '2025-12-21'],
    ],
  }),
  record(11, 'de-bafa', {
    submittedOn: '2025-12-30',
    state: 'granted',
    destination: 'CN',
    items: [eur(77)],
    steps: [
      ['submit', 'submitted', '2025-12-30'],
      ['start_review', 'under_review', '2025-12-31'],
      ['grant', 'granted', '2026-01-05'],
    ],
  }),
  record(12, 'gb-ecju', {
    submittedOn: '2025-04-01',
    state: 'granted',
    decidedOn: '2025-04-02',
    destination: 'SA',
    items: [{ controlEntry: '5A001.j', valueMinor: 77, currency: 'GBP' }],
  }),
  record(13, 'fr-sbdu', {
    submittedOn: '2025-01-05',
    state: 'expired',
    decidedOn: '2025-03-03',
    destination: 'CH',
    items: [eur(64, '5A002')],
  }),
  record(14, 'fr-sbdu', {
    submittedOn: '2024-06-01',
    state: 'granted',
    decidedOn: '2025-01-03',
    destination: 'CH',
    gea: 'EU001',
    items: [eur(900, '5A002'), eur(100, '4A005')],
  }),
]

beforeAll(async () => {
  await ensureUkAuthority(database.db)
  await database.db
    .transaction()
    .execute((trx) =>
      writeRecords(trx, RECORDS, { actor: 'test', origin: 'import', log: testDecisionLog() }),
    )
})

// ---- The expected tables, computed from RECORDS in plain TypeScript ----

const OUTCOME_OF: Record<string, Outcome> = {
  grant: 'granted',
  refuse: 'refused',
  withdraw: 'withdrawn',
  revoke: 'revoked',
  suspend: 'suspended',
  annul: 'annulled',
}

type Decision = { record: RecordToWrite; outcome: Outcome; on: string; reasons: string[] }

function decisionsOf(r: RecordToWrite): Decision[] {
  const history: HistoryEntry[] = r.history ?? [
    {
      action: 'import',
      from: null,
      to: r.state,
      decidedOn: r.decidedOn ?? '',
      reasons: r.decisionReasons,
      explanation: null,
    },
  ]
  return history.flatMap((h) => {
    const outcome =
      h.action === 'import'
        ? (OUTCOMES as readonly string[]).includes(h.to)
          ? (h.to as Outcome)
          : undefined
        : OUTCOME_OF[h.action]
    return outcome ? [{ record: r, outcome, on: h.decidedOn, reasons: h.reasons }] : []
  })
}

function inScope(r: RecordToWrite, scope: ReportScope): boolean {
  if (scope.kind === 'authority') return r.authorityId === scope.authorityId
  if (scope.kind === 'member_state') return r.issuingState === scope.memberState
  return EU_MEMBER_STATES.includes(AUTHORITY_STATE[r.authorityId] as string)
}

const inYear = (date: string | null, year: number) => date?.startsWith(`${year}-`) ?? false

const classify = (item: Item) => {
  const resolved = resolveControlEntry(item.controlEntry)
  if (!resolved) throw new Error(item.controlEntry)
  return { ...item, technology: resolved.technology, cyber: resolved.cyberSurveillance }
}

type KeyOf = (r: RecordToWrite, item: ReturnType<typeof classify>) => string | null

type Expected = {
  received: number
  decisions: OutcomeCounts
  valueGranted: MoneyTotal[]
  valueRefused: MoneyTotal[]
}

const zero = (): OutcomeCounts => ({
  granted: 0,
  refused: 0,
  withdrawn: 0,
  revoked: 0,
  suspended: 0,
  annulled: 0,
})

function addMoney(list: MoneyTotal[], currency: string, minor: number) {
  const found = list.find((m) => m.currency === currency)
  if (found) found.minor += minor
  else list.push({ currency, minor })
  list.sort((a, b) => a.currency.localeCompare(b.currency))
}

/** key → expected row; the key '' is the whole table. */
function expectedBreakdown(
  year: number,
  scope: ReportScope,
  keyOf: KeyOf,
  cyberOnly = false,
): Map<string, Expected> {
  const table = new Map<string, Expected>()
  const entry = (key: string) => {
    let found = table.get(key)
    if (!found) {
      found = { received: 0, decisions: zero(), valueGranted: [], valueRefused: [] }
      table.set(key, found)
    }
    return found
  }
  const itemsByKey = (r: RecordToWrite) => {
    const byKey = new Map<string, ReturnType<typeof classify>[]>()
    for (const item of r.items.map(classify)) {
      if (cyberOnly && !item.cyber) continue
      const key = keyOf(r, item)
      if (key === null) continue
      byKey.set(key, [...(byKey.get(key) ?? []), item])
    }
    return byKey
  }
  for (const r of RECORDS.filter((r) => inScope(r, scope))) {
    const byKey = itemsByKey(r)
    if (inYear(r.submittedOn, year)) for (const key of byKey.keys()) entry(key).received += 1
    for (const d of decisionsOf(r).filter((d) => inYear(d.on, year))) {
      for (const [key, items] of byKey) {
        const row = entry(key)
        row.decisions[d.outcome] += 1
        for (const item of items) {
          if (d.outcome === 'granted') addMoney(row.valueGranted, item.currency, item.valueMinor)
          if (d.outcome === 'refused') addMoney(row.valueRefused, item.currency, item.valueMinor)
        }
      }
    }
  }
  return table
}

function strip(row: BreakdownRow): Expected {
  const { received, decisions, valueGranted, valueRefused } = row
  return { received, decisions, valueGranted, valueRefused }
}

const active = (row: Expected) =>
  row.received > 0 || Object.values(row.decisions).some((n) => n > 0) || row.valueGranted.length > 0

/** Compares a breakdown (rows and total) with the independent computation. */
function expectBreakdown(
  actual: Breakdown,
  year: number,
  scope: ReportScope,
  keyOf: KeyOf,
  cyberOnly = false,
) {
  const expected = expectedBreakdown(year, scope, keyOf, cyberOnly)
  const rows = Object.fromEntries(
    actual.rows.filter((r) => active(strip(r))).map((r) => [r.key, strip(r)]),
  )
  expect(rows).toEqual(Object.fromEntries(expected))
  const total = expectedBreakdown(
    year,
    scope,
    (r, item) => (keyOf(r, item) === null ? null : ''),
    cyberOnly,
  ).get('') ?? {
    received: 0,
    decisions: zero(),
    valueGranted: [],
    valueRefused: [],
  }
  expect(strip(actual.total)).toEqual(total)
}

const SCOPES: [string, ReportScope][] = [
  ['EU', { kind: 'eu' }],
  ['FR', { kind: 'member_state', memberState: 'FR' }],
  ['de-bafa', { kind: 'authority', authorityId: 'de-bafa' }],
  ['gb-ecju', { kind: 'authority', authorityId: 'gb-ecju' }],
]

describe.each(SCOPES)('the annual report for %s', (_name, scope) => {
  let report: AnnualReport
  beforeAll(async () => {
    report = await buildAnnualReport(database.db, {
      year: YEAR,
      scope,
      now: new Date('2026-02-01T10:00:00Z'),
    })
  })

  it('has the totals of the year and of the year before', () => {
    const total = expectedBreakdown(YEAR, scope, () => '').get('')
    expect(strip(report.totals)).toEqual(total)
    const previous = expectedBreakdown(YEAR - 1, scope, () => '').get('')
    expect(report.previousYear === null ? null : strip(report.previousYear)).toEqual(
      previous ?? null,
    )
    expect(report.generatedAt).toBe('2026-02-01T10:00:00.000Z')
    expect(report.year).toBe(YEAR)
    expect(report.investigations).toBeNull()
  })

  it('breaks the year down by control entry, technology, destination and issuing state', () => {
    expectBreakdown(report.byControlEntry, YEAR, scope, (_r, item) => item.controlEntry)
    expectBreakdown(report.byTechnology, YEAR, scope, (_r, item) => item.technology)
    expectBreakdown(report.byDestination, YEAR, scope, (r) => r.destination)
    expectBreakdown(report.byIssuingState, YEAR, scope, (r) => r.issuingState)
  })

  it('has the Art. 26(2) cyber-surveillance section with cyber items only', () => {
    const cyber = report.cyberSurveillance
    expectBreakdown(cyber.byControlEntry, YEAR, scope, (_r, item) => item.controlEntry, true)
    expectBreakdown(cyber.byIssuingState, YEAR, scope, (r) => r.issuingState, true)
    expectBreakdown(cyber.byDestination, YEAR, scope, (r) => r.destination, true)
  })

  it('counts general-authorisation use, EU001–EU008 always listed', () => {
    expectBreakdown(report.generalAuthorisations, YEAR, scope, (r) => r.gea)
    const keys = report.generalAuthorisations.rows.map((r) => r.key)
    expect(keys.slice(0, 8)).toEqual([
      'EU001',
      'EU002',
      'EU003',
      'EU004',
      'EU005',
      'EU006',
      'EU007',
      'EU008',
    ])
  })

  it('counts refusal and revocation grounds, by month and the denials', () => {
    const decisions = RECORDS.filter((r) => inScope(r, scope))
      .flatMap(decisionsOf)
      .filter((d) => inYear(d.on, YEAR))
    const kindOf = (o: Outcome) =>
      o === 'refused'
        ? 'refusal'
        : ['revoked', 'suspended', 'annulled'].includes(o)
          ? 'revocation'
          : undefined
    const reasons = new Map<string, number>()
    for (const d of decisions) {
      const kind = kindOf(d.outcome)
      if (!kind) continue
      for (const code of d.reasons)
        reasons.set(`${kind}:${code}`, (reasons.get(`${kind}:${code}`) ?? 0) + 1)
    }
    expect(
      Object.fromEntries(report.refusalsByReason.map((r) => [`${r.kind}:${r.code}`, r.count])),
    ).toEqual(Object.fromEntries(reasons))
    for (const r of report.refusalsByReason) expect(r.label.length).toBeGreaterThan(3)

    expect(report.decisionsByMonth.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`),
    )
    for (const month of report.decisionsByMonth) {
      const expected = zero()
      for (const d of decisions.filter((d) => d.on.startsWith(month.month)))
        expected[d.outcome] += 1
      expect(month.decisions, month.month).toEqual(expected)
    }

    const denials = decisions
      .filter((d) => ['refused', 'revoked', 'annulled'].includes(d.outcome))
      .map((d) => `${d.on} ${d.record.reference} ${d.outcome}`)
      .sort()
    expect(report.denials.map((d) => `${d.decidedOn} ${d.reference} ${d.outcome}`)).toEqual(denials)
    expect(decisions.length).toBeGreaterThan(0)
    expect(report.licenceCount).toBe(decisions.length)
  })

  it('streams exactly the decisions of the year, in order, in batches', async () => {
    const expected = RECORDS.filter((r) => inScope(r, scope))
      .flatMap(decisionsOf)
      .filter((d) => inYear(d.on, YEAR))
      .map((d) => `${d.on} ${d.record.reference} ${d.outcome}`)
      .sort()
    for (const batch of [1, 2, 5000]) {
      const rows: string[] = []
      for await (const row of streamLicenceRows(database.db, { year: YEAR, scope }, { batch })) {
        rows.push(`${row.decidedOn} ${row.reference} ${row.outcome}`)
      }
      expect(rows, `batch ${batch}`).toEqual(expected)
    }
    const first = await firstLicenceRows(database.db, { year: YEAR, scope }, 2)
    expect(first.map((row) => `${row.decidedOn} ${row.reference} ${row.outcome}`)).toEqual(
      expected.slice(0, 2),
    )
  })

  it('never names the natural person, in the report or the licence rows', async () => {
    const rows = []
    for await (const row of streamLicenceRows(database.db, { year: YEAR, scope })) rows.push(row)
    const text = JSON.stringify(report) + JSON.stringify(rows)
    expect(text).not.toContain('Secretperson')
    expect(text).not.toContain('Consignee')
  })
})

describe('the per-licence table', () => {
  it('has the briefing minimum fields, and "natural person" for an individual', async () => {
    const rows = []
    for await (const row of streamLicenceRows(database.db, { year: YEAR, scope: { kind: 'eu' } }))
      rows.push(row)
    const refused = rows.find((r) => r.reference === `RPT-${RUN}-02`)
    expect(refused).toEqual({
      reference: `RPT-${RUN}-02`,
      licenceNumber: null,
      authorityId: 'de-bafa',
      issuingState: 'DE',
      licenceType: 'individual',
      gea: null,
      outcome: 'refused',
      decidedOn: '2025-04-15',
      controlEntries: ['5A001.f.2'],
      technologies: ['mobile_interception'],
      itemDescriptions: ['Item 2.1', 'Item 2.2'],
      cyberSurveillance: true,
      exporter: 'Exporter 2 GmbH',
      endUser: 'National police 2',
      endUserType: 'government_police',
      endUserCountry: 'RU',
      destination: 'RU',
      intendedUse: 'Criminal investigations',
      governmentAgency: 'Ministry of the Interior',
      value: [
        { currency: 'EUR', minor: 250_000 },
        { currency: 'USD', minor: 1000 },
      ],
      reasons: ['CP2', 'CP7'],
      explanation: 'refuse 2025-04-15',
    })
    const person = rows.find((r) => r.reference === `RPT-${RUN}-03`)
    expect(person).toMatchObject({
      endUser: 'natural person',
      endUserType: 'individual',
      endUserCountry: 'US',
      licenceNumber: `RPT-${RUN}-03`,
      outcome: 'granted',
    })
  })
})

describe('report scopes', () => {
  it('reads EU, a member state and an authority id, and refuses anything else', async () => {
    const db = database.db
    expect(await parseScope(db, 'eu')).toEqual({ kind: 'eu' })
    expect(await parseScope(db, 'EU')).toEqual({ kind: 'eu' })
    expect(await parseScope(db, 'de')).toEqual({ kind: 'member_state', memberState: 'DE' })
    expect(await parseScope(db, 'de-bafa')).toEqual({ kind: 'authority', authorityId: 'de-bafa' })
    expect(await parseScope(db, 'gb-ecju')).toEqual({ kind: 'authority', authorityId: 'gb-ecju' })
    for (const bad of ['GB', 'US', 'xx-nowhere', '', 'DE; drop table', 'Europe']) {
      const error = await parseScope(db, bad).catch((e: unknown) => e)
      expect(error, bad).toBeInstanceOf(AppError)
      expect((error as AppError).status).toBe(400)
      expect((error as AppError).issues?.[0]?.field).toBe('scope')
      expect((error as AppError).issues?.[0]?.message).toContain("'EU'")
    }
  })

  it('gives keys for file names and titles', async () => {
    const db = database.db
    expect(scopeKey({ kind: 'eu' })).toBe('EU')
    expect(scopeKey({ kind: 'member_state', memberState: 'DE' })).toBe('DE')
    expect(scopeKey({ kind: 'authority', authorityId: 'de-bafa' })).toBe('de-bafa')
    expect(await scopeTitle(db, { kind: 'eu' }, 2025)).toBe('European Union, 2025')
    expect(await scopeTitle(db, { kind: 'member_state', memberState: 'DE' }, 2025)).toBe(
      'Germany, 2025',
    )
    expect(await scopeTitle(db, { kind: 'authority', authorityId: 'de-bafa' }, 2025)).toMatch(
      /^Germany — .+, 2025$/,
    )
  })
})
