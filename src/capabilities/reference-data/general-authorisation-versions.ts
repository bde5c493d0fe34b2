import type { GeneralAuthorisation } from './general-authorisations.ts'

// Versions of the Union general export authorisations (Reg. (EU) 2021/821 Annex II, Sections
// A–H). Section numbers refer to design/research/domain-facts.md. Item scopes use Annex I codes
// with prefix semantics: a category root ('5') covers the category, a product group ('5D') covers
// all its entries, any other code covers itself and its sub-items.

const REG_START = '2021-09-09' // Reg. 2021/821 applies from 9.9.2021 (§1.1 [V])
// Delegated Reg. (EU) 2022/699 of 3.5.2022, OJ L 130, 4.5.2022, in force the day after
// publication; removed Russia from EU003, EU004 and EU005 (§1.1 [S]).
const AMENDED_2022_699 = '2022-05-05'
const REG_2022_699 =
  'Delegated Reg. (EU) 2022/699 (esu.ulg.ac.be; complianceconcourse.willkie.com; catts.eu) [S]'

const ANNEX_I_ALL = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']

/** Common Part 3 conditions of every GEA ([V] EU001 Part 3 and 428/2009 EU005 Part 3). */
const COMMON_CONDITIONS = [
  'Not usable if the exporter has been informed by its competent authority that the items are ' +
    'or may be intended for a catch-all use under Art 4(1) (WMD, military end-use, …)',
  'Not usable if the exporter is aware that the items are intended for such a use',
  'Not usable if the items go to a customs-free zone or free warehouse (full list not retrieved)',
  'Register or notify the competent authority as its national rules require (e.g. Denmark: ' +
    'EU001–EU006 no later than 30 days after the first export; EU007 30 days before; EU008 10 ' +
    'days before) and keep a list of exports made under the GEA',
]
const COMMON_UNVERIFIED = [
  'full list of common Part 3 conditions (customs-free zones etc.)',
  'whether information received under Art 5(1) (cyber-surveillance) also blocks GEA use',
]
const COMMON_SOURCES = [
  'Reg. (EU) 2021/821 Annex II (gesetze.legal/eu/vo_eu_2021_821/anhang_ii) [V]; domain-facts §1.10',
  'eksportkontrol.erhvervsstyrelsen.dk/eu-tilladelser (notification deadlines) [S]',
]

const EU001: GeneralAuthorisation = {
  code: 'EU001',
  version: '2021/821',
  validFrom: REG_START,
  title:
    'Exports to Australia, Canada, Iceland, Japan, New Zealand, Norway, Switzerland (incl. ' +
    'Liechtenstein), United Kingdom and United States',
  items: {
    include: ANNEX_I_ALL,
    // Believed contents of Annex II Section I (successor of 428/2009 Annex IIg): unverified.
    exclude: ['0C001', '0C002', '0D001', '0E001', '1A102', '1C351', '7E104', '9A009.a', '9A117'],
    note:
      'All Annex I items except those in Annex II Section I (all Annex IV items and certain ' +
      'nuclear, chemical/biological and missile entries). Section I was not retrieved; the exclude ' +
      'list is a partial recollection. Whether listed cyber-surveillance entries are excluded is ' +
      'unverified (believed not).',
  },
  destinations: ['AU', 'CA', 'IS', 'JP', 'NZ', 'NO', 'CH', 'LI', 'GB', 'US'],
  conditions: COMMON_CONDITIONS,
  sources: COMMON_SOURCES,
  verification: { items: 'unverified', destinations: 'verified' },
  unverified: ['contents of Annex II Section I (the item exclusions)', ...COMMON_UNVERIFIED],
}

const EU002: GeneralAuthorisation = {
  code: 'EU002',
  version: '2021/821',
  validFrom: REG_START,
  title: 'Export of certain dual-use items to certain destinations',
  items: { include: [], exclude: [], note: 'A limited list of Wassenaar items; not retrieved.' },
  // Older list (Reg. 1232/2011 via dbei.gov.ie [S]): AR, HR, IS, ZA, KR, TR. Croatia is now a
  // member state and Iceland is an EU001 destination, so probably AR, ZA, KR, TR [U].
  destinations: ['AR', 'ZA', 'KR', 'TR'],
  conditions: COMMON_CONDITIONS,
  sources: [...COMMON_SOURCES, 'dbei.gov.ie (older 1232/2011 destination list) [S]'],
  verification: { items: 'unverified', destinations: 'unverified' },
  unverified: [
    'item list',
    'destination list under 2021/821 (derived from the 1232/2011 list AR, HR, IS, ZA, KR, TR)',
    ...COMMON_UNVERIFIED,
  ],
}

type Amendment = { version: string; validFrom: string; extraSources: string[] }
const ORIGINAL: Amendment = { version: '2021/821', validFrom: REG_START, extraSources: [] }
const AFTER_2022_699: Amendment = {
  version: '2021/821 as amended by 2022/699',
  validFrom: AMENDED_2022_699,
  extraSources: [REG_2022_699],
}

function eu003(at: Amendment, destinations: string[]): GeneralAuthorisation {
  return {
    code: 'EU003',
    version: at.version,
    validFrom: at.validFrom,
    title: 'Export after repair or replacement',
    items: {
      include: ANNEX_I_ALL,
      exclude: [...'0123456789']
        .flatMap((category) => [`${category}D`, `${category}E`])
        .concat(['1A002.a', '1C012.a']),
      note:
        'Excludes all Annex IV items, all software (D) and technology (E) items and a list ' +
        'of specific entries, of which only 1A002.a and 1C012.a were retrieved.',
    },
    destinations,
    conditions: [
      ...COMMON_CONDITIONS,
      'Original export under an individual or general authorisation not annulled, suspended or ' +
        'revoked; re-export to the original consignee(s)',
      'Items re-imported for maintenance, repair or replacement and re-exported unchanged (or ' +
        'replaced by the same quality and number) within 5 years of the original authorisation',
    ],
    sources: [
      ...COMMON_SOURCES,
      'dbei.gov.ie (older 1232/2011 destination list) [S]',
      'eksportkontrol.erhvervsstyrelsen.dk/udfoerselstilladelse-eu003 (conditions) [S]',
      ...at.extraSources,
    ],
    verification: { items: 'unverified', destinations: 'unverified' },
    unverified: [
      'full list of excluded entries (Annex IV items and the specific list)',
      'destination list under 2021/821 (derived from the 1232/2011 list; Iceland unclear; ' +
        'French overseas territories not encoded)',
      ...COMMON_UNVERIFIED,
    ],
  }
}

function eu004(at: Amendment): GeneralAuthorisation {
  return {
    code: 'EU004',
    version: at.version,
    validFrom: at.validFrom,
    title: 'Temporary export for exhibition or fair',
    items: { include: [], exclude: [], note: 'Item scope not retrieved.' },
    destinations: [],
    conditions: [
      ...COMMON_CONDITIONS,
      'Items re-imported within 120 days, complete and unmodified',
      'Not for items the exporter knows are classified CONFIDENTIEL UE/EU CONFIDENTIAL or higher',
      'Not where return in the original state cannot be guaranteed, or where a technology ' +
        'transfer is linked to the presentation',
      'Not for private presentations or demonstrations (e.g. in-house showrooms), nor for items ' +
        'to be incorporated into a production process (list continues; not retrieved)',
    ],
    sources: [
      ...COMMON_SOURCES,
      'eksportkontrol.erhvervsstyrelsen.dk/udfoerselstilladelse-eu004 [S]',
      ...at.extraSources,
    ],
    verification: { items: 'unverified', destinations: 'unverified' },
    unverified: [
      'item scope',
      at === ORIGINAL ? 'destination list' : 'destination list (Russia removed by 2022/699 [S])',
      'rest of the conditions',
      ...COMMON_UNVERIFIED,
    ],
  }
}

// EU005 never covers the interception and surveillance entries 5A001.f and 5A001.j (§1.10);
// 5D001.e is excluded too, as it is not software for the 5A001.b.2/.c/.d items.
function eu005(at: Amendment, destinations: string[]): GeneralAuthorisation {
  return {
    code: 'EU005',
    version: at.version,
    validFrom: at.validFrom,
    title: 'Telecommunications',
    items: {
      include: ['5A001.b.2', '5A001.c', '5A001.d', '5B001', '5D001', '5E001.a'],
      exclude: ['5A001.f', '5A001.j', '5D001.e'],
      onlyFor: {
        lines: ['5B001', '5D001', '5E001.a'],
        equipment: ['5A001.b.2', '5A001.c', '5A001.d'],
      },
      note:
        '5A001.b.2, .c and .d incl. specially designed components and accessories; 5B001 ' +
        'and 5D001 only as test, inspection and production equipment and software for those ' +
        'items; 5E001.a only where required for installation, operation, maintenance or repair ' +
        'of those items for the same end-user.',
    },
    destinations,
    conditions: [
      ...COMMON_CONDITIONS,
      '5B001, 5D001 and 5E001.a only for the 5A001.b.2/.c/.d items; never for 5A001.f or 5A001.j',
    ],
    sources: [
      ...COMMON_SOURCES,
      'Reg. (EC) 428/2009 Annex IIe as retained in UK law ' +
        '(legislation.gov.uk/eur/2009/428/annex/IIe) [V]; the 2021/821 Section E list is derived ' +
        'from it [S]',
      ...at.extraSources,
    ],
    verification: { items: 'secondary', destinations: 'secondary' },
    unverified: [
      'exact 2021/821 Section E destination list (428/2009 Annex IIe minus HR; RU until ' +
        '2022/699) — check against the consolidated Annex II',
      ...COMMON_UNVERIFIED,
    ],
  }
}

// Older list of 24 (1232/2011, dbei.gov.ie [S]) without Croatia (now a member state) and without
// "French overseas territories" (no single country code). Iceland's presence is unverified.
// biome-ignore format: country codes read better on few lines
const EU003_DESTINATIONS = [
  'AL', 'AR', 'BA', 'BR', 'CL', 'CN', 'HK', 'MO', 'MK', 'IS', 'IN', 'KZ', 'MX', 'ME', 'MA', 'RU',
  'RS', 'SG', 'ZA', 'KR', 'TN', 'TR', 'UA', 'AE',
]
// 428/2009 Annex IIe minus Croatia; Russia was on it until 2022/699 ([S]; the entry removed from
// the UK text is "very likely" Russia).
const EU005_DESTINATIONS = ['AR', 'CN', 'HK', 'MO', 'IN', 'ZA', 'KR', 'TR', 'UA']
const withoutRussia = (codes: string[]): string[] => codes.filter((code) => code !== 'RU')

const SIMPLE_NEW: GeneralAuthorisation[] = [
  {
    code: 'EU006',
    version: '2021/821',
    validFrom: REG_START,
    title: 'Chemicals',
    items: { include: [], exclude: [], note: 'Chemical entries not retrieved.' },
    destinations: [],
    conditions: COMMON_CONDITIONS,
    sources: COMMON_SOURCES,
    verification: { items: 'unverified', destinations: 'unverified' },
    unverified: ['item list', 'destination list', ...COMMON_UNVERIFIED],
  },
  {
    code: 'EU007',
    version: '2021/821',
    validFrom: REG_START,
    title: 'Intra-group export of software and technology',
    items: { include: [], exclude: [], note: 'Software and technology; entries not retrieved.' },
    destinations: 'not_applicable',
    conditions: COMMON_CONDITIONS,
    sources: [...COMMON_SOURCES, 'essedi.com; sbdu.entreprises.gouv.fr (new in 2021/821) [S]'],
    verification: { items: 'unverified', destinations: 'unverified' },
    unverified: [
      'item list',
      'destination conditions (no list in the research)',
      ...COMMON_UNVERIFIED,
    ],
  },
  {
    code: 'EU008',
    version: '2021/821',
    validFrom: REG_START,
    title: 'Encryption',
    items: { include: [], exclude: [], note: 'Certain Category 5 Part 2 entries; not retrieved.' },
    destinations: 'not_applicable',
    conditions: COMMON_CONDITIONS,
    sources: [...COMMON_SOURCES, 'essedi.com (new in 2021/821) [S]'],
    verification: { items: 'unverified', destinations: 'unverified' },
    unverified: [
      'item list',
      'destination conditions (no list in the research)',
      ...COMMON_UNVERIFIED,
    ],
  },
]

export const GENERAL_AUTHORISATION_VERSIONS: readonly GeneralAuthorisation[] = [
  EU001,
  EU002,
  eu003(ORIGINAL, EU003_DESTINATIONS),
  eu003(AFTER_2022_699, withoutRussia(EU003_DESTINATIONS)),
  eu004(ORIGINAL),
  eu004(AFTER_2022_699),
  eu005(ORIGINAL, [...EU005_DESTINATIONS, 'RU']),
  eu005(AFTER_2022_699, EU005_DESTINATIONS),
  ...SIMPLE_NEW,
]
