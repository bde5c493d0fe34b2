import type { ParsedList, WatchlistEntity } from '../watchlist-entity.ts'

/**
 * Companies publicly restricted for enabling surveillance abuse, authored in this repository
 * because no single published list gathers them. Companies only: the individuals designated
 * alongside them (e.g. in OFAC's Intellexa actions) are left to the official lists, so no
 * natural person is named here. Each entry cites the public action; `verified: false` marks a
 * detail (an alias, a date) taken from secondary reporting rather than the official text.
 *
 * Bump LIST_DATE whenever an entry changes: the store records the new version and its diff.
 */
export const BUILT_IN_SOURCE = 'glasshouse-surveillance-vendors'
export const BUILT_IN_LIST_DATE = '2026-11-28'

export type PublicAction = {
  date: string
  action: string
  citation: string
  url: string
  verified: boolean
}

type Vendor = {
  id: string
  name: string
  aliases: string[]
  country: string
  actions: PublicAction[]
}

const ENTITY_LIST_2021: PublicAction = {
  date: '2021-11-03',
  action:
    'US Entity List (BIS): added for supplying spyware used by foreign governments to target officials, journalists, activists and others',
  citation: '86 FR 60759 (4 November 2021), "Addition of Certain Entities to the Entity List"',
  url: 'https://www.hstoday.us/subject-matter-areas/cybersecurity/united-states-adds-foreign-companies-to-entity-list-for-malicious-cyber-activities/',
  verified: true,
}

const ENTITY_LIST_2023: PublicAction = {
  date: '2023-07-18',
  action:
    'US Entity List (BIS): added for trafficking in cyber exploits used to gain access to information systems; licence applications presumed denied',
  citation: '88 FR 46064 (18 July 2023), "Additions to the Entity List"',
  url: 'https://techcrunch.com/2023/07/18/us-government-adds-two-more-spyware-makers-on-deny-list/',
  verified: false,
}

const OFAC_2024_03: PublicAction = {
  date: '2024-03-05',
  action:
    'OFAC (US Treasury) designation: Intellexa Consortium, over the Predator spyware used against US officials, journalists and others (EO 14093 / CYBER2)',
  citation: 'US Treasury press release JY2155 (5 March 2024)',
  url: 'https://www.axios.com/2024/03/05/treasury-spyware-sanctions-intellexa',
  verified: true,
}

const OFAC_2024_09: PublicAction = {
  date: '2024-09-16',
  action: 'OFAC (US Treasury) designation: further entities of the Intellexa Consortium',
  citation: 'US Treasury press release (16 September 2024)',
  url: 'http://stage.exportcompliancedaily.com/topic/drawback?BC=bc_673a7b22e4d28&p=103&search_id=33',
  verified: true,
}

const VENDORS: Vendor[] = [
  {
    id: 'nso-group',
    name: 'NSO Group Technologies Ltd',
    aliases: ['NSO Group', 'NSO Group Technologies'],
    country: 'IL',
    actions: [ENTITY_LIST_2021],
  },
  {
    id: 'candiru',
    name: 'Candiru',
    aliases: ['Saito Tech Ltd'],
    country: 'IL',
    actions: [ENTITY_LIST_2021],
  },
  {
    id: 'positive-technologies',
    name: 'Positive Technologies',
    aliases: [],
    country: 'RU',
    actions: [ENTITY_LIST_2021],
  },
  {
    id: 'coseinc',
    name: 'Computer Security Initiative Consultancy PTE. LTD.',
    aliases: ['COSEINC'],
    country: 'SG',
    actions: [ENTITY_LIST_2021],
  },
  {
    id: 'intellexa-sa',
    name: 'Intellexa S.A.',
    aliases: [],
    country: 'GR',
    actions: [ENTITY_LIST_2023, OFAC_2024_03],
  },
  {
    id: 'intellexa-limited',
    name: 'Intellexa Limited',
    aliases: [],
    country: 'IE',
    actions: [ENTITY_LIST_2023, OFAC_2024_03],
  },
  {
    id: 'cytrox-ad',
    name: 'Cytrox AD',
    aliases: [],
    country: 'MK',
    actions: [ENTITY_LIST_2023, OFAC_2024_03],
  },
  {
    id: 'cytrox-holdings',
    name: 'Cytrox Holdings Zrt',
    aliases: ['Cytrox Holdings Crt'],
    country: 'HU',
    actions: [ENTITY_LIST_2023, OFAC_2024_03],
  },
  {
    id: 'thalestris-limited',
    name: 'Thalestris Limited',
    aliases: [],
    country: 'IE',
    actions: [OFAC_2024_03],
  },
  {
    id: 'aliada-group',
    name: 'Aliada Group Inc.',
    aliases: [],
    country: 'VG',
    actions: [OFAC_2024_09],
  },
]

function toEntity(vendor: Vendor): WatchlistEntity {
  return {
    entityId: vendor.id,
    schema: 'Company',
    names: [
      { value: vendor.name, quality: 'primary', kind: null },
      ...vendor.aliases.map((alias) => ({ value: alias, quality: 'good' as const, kind: 'aka' })),
    ],
    countries: [vendor.country],
    birthDates: [],
    identifiers: [],
    programmes: [...new Set(['SURVEILLANCE-ABUSE', ...vendor.actions.map(programmeOf)])],
    listedOn: vendor.actions.map((a) => a.date).sort()[0] ?? null,
    addresses: [],
    remarks: vendor.actions
      .map(
        (a) =>
          `${a.date}: ${a.action}. ${a.citation}. Source: ${a.url}${a.verified ? '' : ' (detail not checked against the official text)'}`,
      )
      .join('\n'),
  }
}

function programmeOf(action: PublicAction): string {
  return action.action.startsWith('US Entity List') ? 'US-ENTITY-LIST' : 'OFAC-CYBER'
}

export function builtInSurveillanceList(): ParsedList {
  return { source: BUILT_IN_SOURCE, listDate: BUILT_IN_LIST_DATE, entities: VENDORS.map(toEntity) }
}
