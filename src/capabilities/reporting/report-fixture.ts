import type {
  AnnualReport,
  Breakdown,
  BreakdownRow,
  LicenceRow,
  MoneyTotal,
  MonthlyDecisions,
  Outcome,
  OutcomeCounts,
} from './annual-report.ts'

/**
 * A hand-made, realistic annual report (EU, 2025) and the first rows of its per-licence table,
 * for rendering tests and for anyone who needs an AnnualReport without a database. The numbers
 * are fictional. Each breakdown's `total` is the sum of its rows; breakdowns are not forced to
 * agree with one another (an application with two technologies counts under both).
 */

function counts(partial: Partial<OutcomeCounts> = {}): OutcomeCounts {
  return {
    granted: 0,
    refused: 0,
    withdrawn: 0,
    revoked: 0,
    suspended: 0,
    annulled: 0,
    ...partial,
  }
}

function eur(units: number): MoneyTotal {
  return { currency: 'EUR', minor: Math.round(units * 100) }
}

function sek(units: number): MoneyTotal {
  return { currency: 'SEK', minor: Math.round(units * 100) }
}

function row(
  key: string,
  label: string,
  received: number,
  decisions: Partial<OutcomeCounts>,
  valueGranted: MoneyTotal[] = [],
  valueRefused: MoneyTotal[] = [],
): BreakdownRow {
  return { key, label, received, decisions: counts(decisions), valueGranted, valueRefused }
}

function addMoney(into: Map<string, number>, list: MoneyTotal[]): void {
  for (const m of list) into.set(m.currency, (into.get(m.currency) ?? 0) + m.minor)
}

function moneyList(map: Map<string, number>): MoneyTotal[] {
  return [...map]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => ({ currency, minor }))
}

function sum(key: string, label: string, rows: BreakdownRow[]): BreakdownRow {
  const decisions = counts()
  const granted = new Map<string, number>()
  const refused = new Map<string, number>()
  let received = 0
  for (const r of rows) {
    received += r.received
    for (const o of Object.keys(decisions) as Outcome[]) decisions[o] += r.decisions[o]
    addMoney(granted, r.valueGranted)
    addMoney(refused, r.valueRefused)
  }
  return {
    key,
    label,
    received,
    decisions,
    valueGranted: moneyList(granted),
    valueRefused: moneyList(refused),
  }
}

function breakdown(rows: BreakdownRow[]): Breakdown {
  return { rows, total: sum('total', 'Total', rows) }
}

const byDestination = breakdown([
  row(
    'AE',
    'United Arab Emirates',
    14,
    { granted: 9, refused: 3, withdrawn: 1 },
    [eur(4_850_000), sek(1_200_000)],
    [eur(2_100_000)],
  ),
  row('SA', 'Saudi Arabia', 11, { granted: 5, refused: 5 }, [eur(3_400_000)], [eur(5_250_000.5)]),
  row('US', 'United States of America', 19, { granted: 18, withdrawn: 1 }, [
    eur(6_120_000),
    sek(3_400_000),
  ]),
  row('CN', 'China', 9, { granted: 2, refused: 6, revoked: 1 }, [eur(310_000)], [eur(1_980_000)]),
  row('IN', 'India', 8, { granted: 6, refused: 1, suspended: 1 }, [eur(1_450_000)], [eur(220_000)]),
  row('TR', 'Türkiye', 7, { granted: 4, refused: 2 }, [eur(990_000)], [eur(640_000)]),
  row('EG', 'Egypt', 6, { granted: 1, refused: 5 }, [eur(120_000)], [eur(2_400_000)]),
  row('SG', 'Singapore', 6, { granted: 6 }, [eur(870_000), sek(250_000)]),
  row('BR', 'Brazil', 5, { granted: 4, withdrawn: 1 }, [eur(540_000)]),
  row('MX', 'Mexico', 5, { granted: 2, refused: 2, annulled: 1 }, [eur(260_000)], [eur(730_000)]),
  row('GB', 'United Kingdom', 5, { granted: 5 }, [eur(1_100_000)]),
  row('KZ', 'Kazakhstan', 4, { granted: 1, refused: 3 }, [eur(90_000)], [eur(1_150_000)]),
  row('ID', 'Indonesia', 4, { granted: 3, refused: 1 }, [eur(410_000)], [eur(95_000)]),
  row('MA', 'Morocco', 3, { granted: 1, refused: 2 }, [eur(75_000)], [eur(480_000)]),
  row('QA', 'Qatar', 3, { granted: 3 }, [eur(2_250_000)]),
  row('RS', 'Serbia', 2, { granted: 1, refused: 1 }, [sek(180_000)], [sek(320_000)]),
  row('VN', 'Viet Nam', 2, { refused: 2 }, [], [eur(350_000)]),
  row('NG', 'Nigeria', 1, { granted: 1 }, [eur(42_000)]),
])

const byTechnology = breakdown([
  row(
    'intrusion',
    'Intrusion software',
    21,
    { granted: 9, refused: 10, revoked: 1, annulled: 1 },
    [eur(3_900_000)],
    [eur(8_600_000)],
  ),
  row(
    'mobile_interception',
    'Mobile telecommunications interception',
    17,
    { granted: 10, refused: 6, withdrawn: 1 },
    [eur(5_300_000)],
    [eur(3_900_000)],
  ),
  row(
    'ip_network_surveillance',
    'IP network surveillance',
    24,
    { granted: 16, refused: 6, suspended: 1 },
    [eur(7_150_000), sek(2_100_000)],
    [eur(2_950_000), sek(320_000)],
  ),
  row(
    'li_analysis',
    'Lawful-interception analysis',
    9,
    { granted: 6, refused: 2 },
    [eur(2_400_000)],
    [eur(1_145_000.5)],
  ),
  row(
    'forensic_extraction',
    'Digital forensics',
    15,
    { granted: 13, refused: 1, withdrawn: 1 },
    [eur(2_150_000), sek(1_400_000)],
    [eur(90_000)],
  ),
  row('cryptography', 'Cryptography', 26, { granted: 25, withdrawn: 1 }, [
    eur(4_900_000),
    sek(1_530_000),
  ]),
  row('other', 'Other', 2, { refused: 1, withdrawn: 0 }, [], [eur(50_000)]),
])

const byControlEntry = breakdown([
  row(
    '4A005',
    '4A005 Systems for generation, command and control, or delivery of intrusion software',
    8,
    { granted: 3, refused: 4, revoked: 1 },
    [eur(1_400_000)],
    [eur(3_200_000)],
  ),
  row(
    '4D004',
    '4D004 Software for generation, command and control, or delivery of intrusion software',
    13,
    { granted: 6, refused: 6, annulled: 1 },
    [eur(2_500_000)],
    [eur(5_400_000)],
  ),
  row(
    '5A001.f',
    '5A001.f Mobile telecommunications interception or jamming equipment',
    17,
    { granted: 10, refused: 6, withdrawn: 1 },
    [eur(5_300_000)],
    [eur(3_900_000)],
  ),
  row(
    '5A001.j',
    '5A001.j IP network communications surveillance systems',
    24,
    { granted: 16, refused: 6, suspended: 1 },
    [eur(7_150_000), sek(2_100_000)],
    [eur(2_950_000), sek(320_000)],
  ),
  row('5A002.a', '5A002.a Information security (cryptography)', 26, { granted: 25, withdrawn: 1 }, [
    eur(4_900_000),
    sek(1_530_000),
  ]),
  row(
    '5A004.b',
    '5A004.b Items for defeating cryptographic mechanisms (forensics)',
    15,
    { granted: 13, refused: 1, withdrawn: 1 },
    [eur(2_150_000), sek(1_400_000)],
    [eur(90_000)],
  ),
  row(
    'ART5',
    'Art. 5 catch-all (non-listed cyber-surveillance item)',
    9,
    { granted: 6, refused: 3 },
    [eur(2_400_000)],
    [eur(1_195_000.5)],
  ),
])

const byIssuingState = breakdown([
  row(
    'DE',
    'Germany',
    38,
    { granted: 28, refused: 8, withdrawn: 1, revoked: 1 },
    [eur(10_400_000)],
    [eur(6_900_000)],
  ),
  row(
    'FR',
    'France',
    22,
    { granted: 14, refused: 7, annulled: 1 },
    [eur(6_850_000)],
    [eur(5_100_000.5)],
  ),
  row(
    'IT',
    'Italy',
    17,
    { granted: 10, refused: 6, suspended: 1 },
    [eur(3_600_000)],
    [eur(2_900_000)],
  ),
  row(
    'NL',
    'Netherlands',
    12,
    { granted: 9, refused: 2, withdrawn: 1 },
    [eur(2_200_000)],
    [eur(1_350_000)],
  ),
  row(
    'SE',
    'Sweden',
    9,
    { granted: 7, refused: 1, withdrawn: 1 },
    [sek(5_030_000)],
    [sek(320_000)],
  ),
  row('DK', 'Denmark', 6, { granted: 4, refused: 2 }, [eur(1_827_000)], [eur(1_195_000)]),
])

const cyberRows = (b: Breakdown, keys: string[]) =>
  breakdown(b.rows.filter((r) => keys.includes(r.key)))

const generalAuthorisations = breakdown([
  row(
    'EU001',
    'EU001 Exports to Australia, Canada, Iceland, Japan, New Zealand, Norway, Switzerland, Liechtenstein, UK and USA',
    31,
    { granted: 31 },
  ),
  row('EU003', 'EU003 Export after repair or replacement', 4, { granted: 4 }),
  row('EU005', 'EU005 Telecommunications', 7, { granted: 7 }),
  row('EU008', 'EU008 Encryption', 12, { granted: 12 }),
])

function month(m: number, c: Partial<OutcomeCounts>): MonthlyDecisions[number] {
  return { month: `2025-${String(m).padStart(2, '0')}`, decisions: counts(c) }
}

const decisionsByMonth: MonthlyDecisions = [
  month(1, { granted: 5, refused: 2 }),
  month(2, { granted: 6, refused: 3, withdrawn: 1 }),
  month(3, { granted: 8, refused: 2 }),
  month(4, { granted: 5, refused: 4, revoked: 1 }),
  month(5, { granted: 7, refused: 3 }),
  month(6, { granted: 6, refused: 2, withdrawn: 1 }),
  month(7, { granted: 4, refused: 3 }),
  month(8, { granted: 3, refused: 2 }),
  month(9, { granted: 9, refused: 4, suspended: 1 }),
  month(10, { granted: 6, refused: 3, withdrawn: 1 }),
  month(11, { granted: 7, refused: 3, annulled: 1 }),
  month(12, { granted: 6, refused: 2 }),
]

function licence(
  partial: Partial<LicenceRow> & Pick<LicenceRow, 'reference' | 'outcome'>,
): LicenceRow {
  return {
    licenceNumber: null,
    authorityId: 'de-bafa',
    issuingState: 'DE',
    licenceType: 'individual',
    gea: null,
    decidedOn: '2025-03-14',
    controlEntries: ['5A001.j'],
    technologies: ['ip_network_surveillance'],
    itemDescriptions: ['IP network monitoring probe with deep packet inspection'],
    cyberSurveillance: true,
    exporter: 'Netzwacht Systems GmbH',
    endUser: 'National telecommunications regulator',
    endUserType: 'government',
    endUserCountry: 'AE',
    destination: 'AE',
    intendedUse: 'Lawful interception at the national gateway',
    governmentAgency: 'Telecommunications and Digital Government Regulatory Authority',
    value: [eur(850_000)],
    reasons: ['NO_SIGNIFICANT_RISK'],
    explanation: null,
    ...partial,
  }
}

export const SAMPLE_LICENCES: LicenceRow[] = [
  licence({
    reference: 'DE-2025-000143',
    licenceNumber: 'BAFA-AG-2025-0143',
    outcome: 'granted',
    decidedOn: '2025-01-21',
  }),
  licence({
    reference: 'DE-2025-000167',
    outcome: 'refused',
    decidedOn: '2025-02-03',
    controlEntries: ['4A005', '4D004'],
    technologies: ['intrusion'],
    itemDescriptions: ['Remote device exploitation platform', 'Implant management software'],
    endUser: 'Ministry of Interior, technical directorate',
    endUserCountry: 'EG',
    destination: 'EG',
    intendedUse: 'Criminal investigations',
    governmentAgency: 'Ministry of Interior',
    value: [eur(1_650_000)],
    reasons: ['CP2', 'CP2C'],
    explanation:
      'Clear risk that the items would be used for internal repression of journalists and human-rights defenders.',
  }),
  licence({
    reference: 'FR-2025-00892',
    licenceNumber: 'SBDU-2025-892',
    authorityId: 'fr-sbdu',
    issuingState: 'FR',
    outcome: 'granted',
    decidedOn: '2025-02-19',
    controlEntries: ['5A004.b'],
    technologies: ['forensic_extraction'],
    itemDescriptions: ['Mobile device forensic extraction kit'],
    exporter: 'Médiane Forensique SAS',
    endUser: 'Federal police forensic laboratory',
    endUserCountry: 'BR',
    destination: 'BR',
    intendedUse: 'Extraction of evidence from seized devices under court order',
    governmentAgency: 'Polícia Federal',
    value: [eur(120_000)],
    reasons: ['CONDITIONS'],
    explanation: 'Granted with end-use monitoring and a post-shipment verification.',
  }),
  licence({
    reference: 'SE-2025-0031',
    licenceNumber: 'ISP-2025-31',
    authorityId: 'se-isp',
    issuingState: 'SE',
    outcome: 'granted',
    decidedOn: '2025-04-08',
    controlEntries: ['5A002.a'],
    technologies: ['cryptography'],
    itemDescriptions: ['Encrypted radio core network'],
    cyberSurveillance: false,
    exporter: 'natural person',
    endUser: 'Port authority',
    endUserType: 'state_owned_enterprise',
    endUserCountry: 'SG',
    destination: 'SG',
    intendedUse: 'Secure operational communications',
    governmentAgency: null,
    value: [sek(250_000)],
    reasons: ['NO_SIGNIFICANT_RISK'],
  }),
  licence({
    reference: 'IT-2025-0412',
    authorityId: 'it-uama',
    issuingState: 'IT',
    outcome: 'refused',
    decidedOn: '2025-05-27',
    controlEntries: ['5A001.f'],
    technologies: ['mobile_interception'],
    itemDescriptions: ['IMSI catcher, vehicle-mounted'],
    exporter: 'Intercetta S.p.A.',
    endUser: 'State security service',
    endUserCountry: 'KZ',
    destination: 'KZ',
    intendedUse: 'Public order',
    governmentAgency: 'National Security Committee',
    value: [eur(780_000)],
    reasons: ['CP2', 'DIVERSION'],
    explanation: 'Risk of use against peaceful protesters; risk of re-export.',
  }),
  licence({
    reference: 'DE-2025-000388',
    licenceNumber: 'BAFA-AG-2025-0388',
    outcome: 'revoked',
    decidedOn: '2025-06-30',
    controlEntries: ['4D004'],
    technologies: ['intrusion'],
    itemDescriptions: ['Exploit delivery framework'],
    exporter: 'Kryptik Labs GmbH',
    endUser: 'Cyber command of the armed forces',
    endUserCountry: 'CN',
    destination: 'CN',
    intendedUse: 'Defensive cyber operations (stated)',
    governmentAgency: 'Ministry of National Defence',
    value: [eur(310_000)],
    reasons: ['NEW_EVIDENCE'],
    explanation: 'New evidence of transfer to a listed end user.',
  }),
  licence({
    reference: 'NL-2025-0077',
    authorityId: 'nl-cdiu',
    issuingState: 'NL',
    outcome: 'withdrawn',
    decidedOn: '2025-07-02',
    controlEntries: ['5A001.j'],
    exporter: 'Polder Analytics B.V.',
    endUser: 'Internet service provider',
    endUserType: 'commercial',
    endUserCountry: 'BR',
    destination: 'BR',
    intendedUse: 'Network traffic management',
    governmentAgency: null,
    value: [eur(95_000)],
    reasons: [],
  }),
  licence({
    reference: 'FR-2025-01204',
    authorityId: 'fr-sbdu',
    issuingState: 'FR',
    outcome: 'annulled',
    decidedOn: '2025-11-12',
    controlEntries: ['4D004'],
    technologies: ['intrusion'],
    itemDescriptions: ['Zero-click mobile intrusion suite'],
    exporter: 'Hexagone Cyber SA',
    endUser: 'Presidential guard',
    endUserCountry: 'MX',
    destination: 'MX',
    intendedUse: 'Counter-terrorism',
    governmentAgency: 'Secretaría de la Defensa Nacional',
    value: [eur(730_000)],
    reasons: ['OTHER'],
    explanation: 'Annulled by the administrative court: the grant did not assess Art. 5 risks.',
  }),
  licence({
    reference: 'DK-2025-0019',
    authorityId: 'dk-erst',
    issuingState: 'DK',
    outcome: 'granted',
    decidedOn: '2025-09-16',
    gea: null,
    controlEntries: ['ART5'],
    technologies: ['li_analysis'],
    itemDescriptions: ['Lawful-interception analytics platform'],
    exporter: 'Nordlys Data ApS',
    endUser: 'Telecoms operator (LI compliance unit)',
    endUserType: 'commercial',
    endUserCountry: 'QA',
    destination: 'QA',
    intendedUse: 'Lawful interception compliance',
    governmentAgency: 'State Security Bureau (requesting agency)',
    value: [eur(1_125_000)],
    reasons: ['CONDITIONS'],
  }),
  licence({
    reference: 'DE-2025-000512',
    outcome: 'suspended',
    decidedOn: '2025-09-29',
    controlEntries: ['5A001.j'],
    exporter: 'Netzwacht Systems GmbH',
    endUser: 'Telecommunications operator',
    endUserType: 'commercial',
    endUserCountry: 'IN',
    destination: 'IN',
    intendedUse: 'Network monitoring',
    governmentAgency: null,
    value: [eur(220_000)],
    reasons: ['NON_COMPLIANCE'],
    explanation: 'Suspended pending the exporter\u2019s end-use report.',
  }),
]

const denials = SAMPLE_LICENCES.filter(
  (l) => l.outcome === 'refused' || l.outcome === 'revoked' || l.outcome === 'annulled',
)

export const SAMPLE_REPORT: AnnualReport = {
  year: 2025,
  scope: { kind: 'eu' },
  title: 'European Union, 2025',
  generatedAt: '2026-02-01T09:30:00.000Z',
  totals: byDestination.total,
  byControlEntry,
  byTechnology,
  byDestination,
  byIssuingState,
  cyberSurveillance: {
    byControlEntry: cyberRows(byControlEntry, ['4A005', '4D004', '5A001.f', '5A001.j', 'ART5']),
    byIssuingState: breakdown([
      row(
        'DE',
        'Germany',
        27,
        { granted: 18, refused: 7, withdrawn: 1, revoked: 1 },
        [eur(7_300_000)],
        [eur(6_100_000)],
      ),
      row(
        'FR',
        'France',
        15,
        { granted: 8, refused: 6, annulled: 1 },
        [eur(4_200_000)],
        [eur(4_950_000.5)],
      ),
      row(
        'IT',
        'Italy',
        14,
        { granted: 8, refused: 5, suspended: 1 },
        [eur(2_750_000)],
        [eur(2_700_000)],
      ),
      row('DK', 'Denmark', 5, { granted: 3, refused: 2 }, [eur(1_125_000)], [eur(1_195_000)]),
    ]),
    byDestination: cyberRows(byDestination, ['AE', 'SA', 'CN', 'EG', 'KZ', 'MX', 'TR', 'VN', 'IN']),
  },
  generalAuthorisations,
  refusalsByReason: [
    {
      code: 'CP2',
      label: 'Risk of internal repression or serious violations of human rights',
      kind: 'refusal',
      count: 17,
    },
    {
      code: 'CP2C',
      label: 'Risk of serious violations of international humanitarian law',
      kind: 'refusal',
      count: 3,
    },
    { code: 'ART5', label: 'Art. 5 cyber-surveillance catch-all', kind: 'refusal', count: 6 },
    { code: 'DIVERSION', label: 'Risk of diversion or re-export', kind: 'refusal', count: 5 },
    { code: 'SANCTIONS', label: 'Restrictive measures', kind: 'refusal', count: 2 },
    { code: 'OTHER', label: 'Other', kind: 'refusal', count: 1 },
  ],
  denials,
  denialCount: denials.length,
  decisionsByMonth,
  previousYear: row(
    'total',
    'Total',
    101,
    { granted: 62, refused: 21, withdrawn: 4, revoked: 2, suspended: 0, annulled: 0 },
    [eur(19_850_000), sek(3_900_000)],
    [eur(11_300_000)],
  ),
  licenceCount: 114,
  investigations: null,
}
