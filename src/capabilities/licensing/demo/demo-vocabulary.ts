import type { TechnologyCategory } from '../../reference-data/control-entries.ts'
import type { PartyType } from '../fields.ts'

/** Fictional words for the demo register. Every company and person here is invented. */

export const NAME_STEMS = [
  'Nordlicht',
  'Aurora',
  'Blauwal',
  'Castellan',
  'Delfin',
  'Eisvogel',
  'Falkenrot',
  'Granit',
  'Helios',
  'Iberis',
  'Jadeit',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nebula',
  'Orion',
  'Polaris',
  'Quarzit',
  'Rubin',
  'Sirius',
  'Tannen',
  'Umbra',
  'Vesper',
  'Wolkenstein',
  'Xylon',
  'Yarrow',
  'Zephyr',
  'Argent',
  'Borealis',
  'Corvid',
  'Dune',
  'Ember',
  'Fjord',
  'Glacier',
  'Harbour',
  'Isthmus',
  'Juniper',
  'Kite',
  'Lagoon',
  'Mistral',
]

export const NAME_TAILS = [
  'Systems',
  'Networks',
  'Signals',
  'Technologies',
  'Labs',
  'Security',
  'Analytics',
  'Communications',
  'Digital',
  'Solutions',
  'Cyber',
  'Intelligence Tools',
  'Data Works',
  'Forensics',
  'Telematics',
]

/** A plausible legal form per member state. */
export const LEGAL_FORMS: Record<string, string> = {
  AT: 'GmbH',
  BE: 'NV',
  BG: 'EOOD',
  HR: 'd.o.o.',
  CY: 'Ltd',
  CZ: 's.r.o.',
  DK: 'ApS',
  EE: 'OÜ',
  FI: 'Oy',
  FR: 'SAS',
  DE: 'GmbH',
  GR: 'S.A.',
  HU: 'Kft.',
  IE: 'Ltd',
  IT: 'S.r.l.',
  LV: 'SIA',
  LT: 'UAB',
  LU: 'S.à r.l.',
  MT: 'Ltd',
  NL: 'B.V.',
  PL: 'Sp. z o.o.',
  PT: 'Lda',
  RO: 'S.R.L.',
  SK: 's.r.o.',
  SI: 'd.o.o.',
  ES: 'S.L.',
  SE: 'AB',
}

/** Currencies an exporter in that state might quote; the rest use EUR. */
export const NATIONAL_CURRENCY: Record<string, string> = {
  SE: 'SEK',
  PL: 'PLN',
  CZ: 'CZK',
  DK: 'DKK',
  HU: 'HUF',
  RO: 'RON',
}

export type ItemTemplate = {
  entry: string
  technology: TechnologyCategory
  description: string
  min: number
  max: number
}

export const ITEMS: ItemTemplate[] = [
  {
    entry: '4A005',
    technology: 'intrusion',
    description: 'Command-and-control server for remote device exploitation',
    min: 200_000,
    max: 8_000_000,
  },
  {
    entry: '4D004',
    technology: 'intrusion',
    description: 'Software for the delivery of intrusion software to mobile handsets',
    min: 500_000,
    max: 12_000_000,
  },
  {
    entry: '4E001.c',
    technology: 'intrusion',
    description: 'Technology for the development of intrusion software (training package)',
    min: 80_000,
    max: 1_500_000,
  },
  {
    entry: '5A001.f.1',
    technology: 'mobile_interception',
    description: 'Tactical GSM/LTE interception system',
    min: 150_000,
    max: 3_000_000,
  },
  {
    entry: '5A001.f.2',
    technology: 'mobile_interception',
    description: 'IMSI catcher, vehicle-mounted',
    min: 100_000,
    max: 1_800_000,
  },
  {
    entry: '5A001.f.4',
    technology: 'mobile_interception',
    description: 'RF monitoring equipment for detecting interception devices',
    min: 30_000,
    max: 400_000,
  },
  {
    entry: '5A001.j',
    technology: 'ip_network_surveillance',
    description: 'Carrier-grade IP network communications surveillance system',
    min: 1_000_000,
    max: 25_000_000,
  },
  {
    entry: '5D001.e',
    technology: 'li_analysis',
    description: 'Lawful-interception analysis and link-mapping software',
    min: 250_000,
    max: 6_000_000,
  },
  {
    entry: '5A004.b',
    technology: 'forensic_extraction',
    description: 'Mobile forensic extraction kit bypassing device authentication',
    min: 20_000,
    max: 600_000,
  },
  {
    entry: '5D002.c.3.b',
    technology: 'forensic_extraction',
    description: 'Forensic extraction software for locked handsets',
    min: 15_000,
    max: 450_000,
  },
  {
    entry: '5A002',
    technology: 'cryptography',
    description: 'Network encryption appliance',
    min: 5_000,
    max: 900_000,
  },
  {
    entry: '5D002',
    technology: 'cryptography',
    description: 'Encryption software licences',
    min: 2_000,
    max: 300_000,
  },
  {
    entry: 'ART5',
    technology: 'other',
    description: 'Social-media monitoring platform (non-listed cyber-surveillance item)',
    min: 100_000,
    max: 4_000_000,
  },
  {
    entry: 'ART5',
    technology: 'other',
    description: 'Facial-recognition video analytics for CCTV networks (non-listed)',
    min: 300_000,
    max: 9_000_000,
  },
]

/** EU005 items: telecommunications equipment it covers (never 5A001.f or .j). */
export const EU005_ITEM: ItemTemplate = {
  entry: '5A001.c',
  technology: 'other',
  description: 'Optical fibre transmission equipment for a backbone upgrade',
  min: 50_000,
  max: 2_000_000,
}

/** The Pegasus Project's states outside the Union (Hungary, a member state, is no export destination). */
export const PEGASUS_DESTINATIONS = ['AZ', 'BH', 'IN', 'KZ', 'MX', 'MA', 'RW', 'SA', 'TG', 'AE']
export const OTHER_DESTINATIONS = [
  'US',
  'GB',
  'CH',
  'NO',
  'JP',
  'AU',
  'CA',
  'KR',
  'SG',
  'IL',
  'TR',
  'EG',
  'VN',
  'TH',
  'NG',
  'KE',
  'PH',
  'ID',
  'CO',
  'PE',
  'BR',
  'ZA',
  'CN',
  'MY',
  'QA',
  'OM',
  'JO',
  'PK',
  'BD',
  'UG',
  'ET',
  'UZ',
  'RS',
  'UA',
  'AR',
]
export const EU001_DESTINATIONS = ['US', 'GB', 'CH', 'NO', 'JP', 'AU', 'CA']
export const EU005_DESTINATIONS = ['AR', 'CN', 'IN', 'ZA', 'KR', 'TR', 'UA']

export const END_USERS: {
  type: PartyType
  names: string[]
  description: string
  agency: boolean
}[] = [
  {
    type: 'government_intelligence',
    names: [
      'General Intelligence Directorate',
      'State Security Service',
      'National Intelligence Agency',
    ],
    description: 'National intelligence service',
    agency: true,
  },
  {
    type: 'government_police',
    names: [
      'National Police Cybercrime Unit',
      'Criminal Investigation Department',
      'Federal Police Technical Branch',
    ],
    description: 'Police service, investigations unit',
    agency: true,
  },
  {
    type: 'government_military',
    names: ['Signals Intelligence Regiment', 'Armed Forces Cyber Command'],
    description: 'Military signals and cyber unit',
    agency: true,
  },
  {
    type: 'government_other',
    names: ['Ministry of Interior', 'Telecommunications Regulatory Authority'],
    description: 'Government ministry',
    agency: true,
  },
  {
    type: 'telecom_operator',
    names: ['Telecom', 'Mobile Networks', 'Broadband'],
    description: 'Licensed telecommunications operator',
    agency: false,
  },
  {
    type: 'private_company',
    names: ['Security Consulting', 'Risk Services'],
    description: 'Private security company',
    agency: false,
  },
  {
    type: 'research',
    names: ['University Computer Science Department', 'National Cyber Research Centre'],
    description: 'University research group',
    agency: false,
  },
  {
    type: 'individual',
    names: ['Private purchaser'],
    description: 'Private individual',
    agency: false,
  },
]

export const INTENDED_USES: Record<TechnologyCategory, string[]> = {
  intrusion: [
    'Targeted access to devices of suspects in serious crime investigations',
    'Counter-terrorism device exploitation capability',
  ],
  mobile_interception: [
    'Locating mobile phones of suspects in kidnapping cases',
    'Tactical interception during counter-terrorism operations',
  ],
  ip_network_surveillance: [
    'Lawful interception at the national internet exchange',
    'Monitoring of international IP traffic',
  ],
  li_analysis: [
    'Analysis of lawfully intercepted communications',
    'Link analysis for organised-crime investigations',
  ],
  forensic_extraction: [
    'Extraction of evidence from seized phones',
    'Digital forensics laboratory equipment',
  ],
  cryptography: ['Securing the operator’s backbone links', 'Protecting government communications'],
  other: ['Open-source monitoring of online media', 'City-wide video analytics'],
}
