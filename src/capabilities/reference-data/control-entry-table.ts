import type { ControlEntry, TechnologyCategory } from './control-entries.ts'
import type { Verification } from './verification.ts'

// Sources, named once. The section numbers refer to design/research/domain-facts.md.
const ANNEX_I =
  'Reg. (EU) 2021/821 Annex I, EN consolidated text 15.11.2025 (transcription in ' +
  'github.com/dkmcustoms-web/dual-use-v1, data/annex_i_en_2025-11.json); domain-facts §1.11'
const LISTED_CS =
  'listed as a cyber-surveillance item by the Commission guidelines, Rec. (EU) 2024/2659 ' +
  '(natlawreview.com summary [S])'
const ANNEX_I_UNREAD =
  'Reg. (EU) 2021/821 Annex I; wording condensed from memory and third-party paraphrase, not read ' +
  'in the legal text (domain-facts §1.11 [U]) — check'
export function row(
  code: string,
  title: string,
  cyberSurveillance: boolean,
  technology: TechnologyCategory,
  verification: Verification,
  source: string,
): ControlEntry {
  return Object.freeze({ code, title, cyberSurveillance, technology, source, verification })
}

/*
 * cyberSurveillance, decided per entry:
 * - true for the seven listed cyber-surveillance entries of Rec. 2024/2659 and their sub-items
 *   (4A005, 4D004, 5A001.f and f.1–f.4, 5A001.j, 5A004.b, 5D002.a.3.b, 5D002.c.3.b);
 * - true for 4E001.c (technology for the development of "intrusion software" itself) and 5D001.e
 *   (law-enforcement monitoring/analysis software): their whole scope meets the Art 2(20) test, and
 *   the encoding cheat-sheet (domain-facts §7) classes both as listed cyber-surveillance;
 * - false for parents and for software/technology entries whose scope is broader than the listed
 *   items (4E001.a: technology for all of 4A/4D; 5D001.a/.c: software for all of 5A001; 5E001.a:
 *   technology for all of 5A001). They are cyber-surveillance only "where they relate" to the
 *   listed items (cheat-sheet [S]); the code alone cannot tell, so the licensing side must ask.
 * - 5E002 is false: its Note excludes technology for 5A004.b/5D002.a.3.b/5D002.c.3.b, so Annex I
 *   has no technology control for the forensics items.
 */
export const CONTROL_ENTRY_ROWS: readonly ControlEntry[] = Object.freeze([
  row(
    '4A005',
    'Systems, equipment and components specially designed or modified for the generation, ' +
      'command and control, or delivery of "intrusion software"',
    true,
    'intrusion',
    'verified',
    `${ANNEX_I}; ${LISTED_CS}`,
  ),
  row(
    '4D004',
    '"Software" specially designed or modified for the generation, command and control, or ' +
      'delivery of "intrusion software" (Note: authorised updates/upgrades excluded [S])',
    true,
    'intrusion',
    'verified',
    `${ANNEX_I}; ${LISTED_CS}; Note content per eccnfinder (US twin ECCN) [S]`,
  ),
  row(
    '4E001',
    '"Technology" for items in Category 4 (4E001.a–.c)',
    false,
    'other',
    'verified',
    ANNEX_I,
  ),
  row(
    '4E001.a',
    '"Technology" for the "development", "production" or "use" of equipment or "software" in 4A ' +
      'or 4D (incl. 4A005/4D004); excludes "vulnerability disclosure" and "cyber incident response"',
    false,
    'intrusion',
    'verified',
    ANNEX_I,
  ),
  row(
    '4E001.c',
    '"Technology" for the "development" of "intrusion software"; excludes "vulnerability ' +
      'disclosure" and "cyber incident response"',
    true,
    'intrusion',
    'verified',
    `${ANNEX_I}; classed as listed cyber-surveillance in domain-facts §7 [S]`,
  ),
  row(
    '5A001',
    'Telecommunications systems, equipment, components and accessories',
    false,
    'other',
    'unverified',
    ANNEX_I_UNREAD,
  ),
  row(
    '5A001.f',
    'Mobile telecommunications interception or jamming equipment, and monitoring equipment ' +
      'therefor',
    true,
    'mobile_interception',
    'unverified',
    `${ANNEX_I_UNREAD}; ${LISTED_CS}`,
  ),
  row(
    '5A001.f.1',
    'Interception equipment designed for the extraction of voice or data transmitted over the ' +
      'air interface (not PMR/WLAN, operator or development equipment)',
    true,
    'mobile_interception',
    'unverified',
    `${ANNEX_I_UNREAD}; existence and Note [V]; ${LISTED_CS}`,
  ),
  row(
    '5A001.f.2',
    'Interception equipment not in 5A001.f.1 extracting client device or subscriber identifiers ' +
      '(e.g. IMSI, TIMSI, IMEI), signalling or other metadata over the air ("IMSI catchers")',
    true,
    'mobile_interception',
    'unverified',
    `${ANNEX_I_UNREAD}; existence and Note [V]; ${LISTED_CS}`,
  ),
  row(
    '5A001.f.3',
    'Jamming equipment specially designed or modified to intentionally and selectively interfere ' +
      'with, deny, inhibit, degrade or seduce mobile telecommunication services',
    true,
    'mobile_interception',
    'unverified',
    `${ANNEX_I_UNREAD}; ${LISTED_CS}`,
  ),
  row(
    '5A001.f.4',
    'Radio-frequency monitoring equipment designed or modified to identify the operation of ' +
      '5A001.f.1, f.2 or f.3 items',
    true,
    'mobile_interception',
    'unverified',
    `${ANNEX_I_UNREAD}; existence [V] (govuk.cln.exportcontroldigital.dev); ${LISTED_CS}`,
  ),
  row(
    '5A001.j',
    'Internet Protocol (IP) network communications surveillance systems or equipment on carrier ' +
      'class IP networks (layer-7 analysis, extraction, indexing; "hard selector" searches and ' +
      'relational mapping); not for marketing, QoS or QoE',
    true,
    'ip_network_surveillance',
    'verified',
    `${ANNEX_I}; ${LISTED_CS}`,
  ),
  row(
    '5B001',
    'Telecommunications test, inspection and production equipment, components and accessories',
    false,
    'other',
    'secondary',
    'Reg. (EC) 428/2009 Annex IIe (EU005 item list), legislation.gov.uk; domain-facts §1.10',
  ),
  row(
    '5D001',
    '"Software" for telecommunications (5D001.a–.e)',
    false,
    'other',
    'verified',
    ANNEX_I,
  ),
  row(
    '5D001.a',
    '"Software" specially designed or modified for the "development", "production" or "use" of ' +
      'equipment, functions or features specified in 5A001',
    false,
    'other',
    'verified',
    ANNEX_I,
  ),
  row(
    '5D001.c',
    'Specific "software" specially designed or modified to provide characteristics, functions or ' +
      'features of equipment specified in 5A001 or 5B001',
    false,
    'other',
    'verified',
    ANNEX_I,
  ),
  row(
    '5D001.e',
    '"Software" (other than 5D001.a/.c) for monitoring or analysis for law enforcement purposes: ' +
      '"hard selector" searches of content or metadata from a \'handover interface\' and mapping ' +
      'of relational networks or tracking of movement or location of targeted individuals',
    true,
    'li_analysis',
    'verified',
    `${ANNEX_I}; classed as listed cyber-surveillance in domain-facts §7 [S]`,
  ),
  row(
    '5E001',
    '"Technology" for telecommunications (5E001.a–.e)',
    false,
    'other',
    'verified',
    ANNEX_I,
  ),
  row(
    '5E001.a',
    '"Technology" for the "development", "production" or "use" (excluding operation) of ' +
      'equipment, functions or features in 5A001 or "software" in 5D001.a or 5D001.e',
    false,
    'other',
    'verified',
    ANNEX_I,
  ),
  row(
    '5A002',
    '"Information security" systems, equipment and components (cryptography for data ' +
      'confidentiality, activation tokens, QKD, cryptographic code generation)',
    false,
    'cryptography',
    'verified',
    ANNEX_I,
  ),
  row(
    '5A004',
    'Systems, equipment and components for defeating, weakening or bypassing "information security"',
    false,
    'other',
    'verified',
    ANNEX_I,
  ),
  row(
    '5A004.a',
    "Items designed or modified to perform 'cryptanalytic functions' (incl. by reverse " +
      'engineering)',
    false,
    'cryptography',
    'verified',
    ANNEX_I,
  ),
  row(
    '5A004.b',
    "Items, not in 4A005 or 5A004.a, designed to 'extract raw data' from a computing or " +
      'communications device and circumvent its "authentication" or authorisation controls ' +
      '(digital forensics / phone extraction)',
    true,
    'forensic_extraction',
    'verified',
    `${ANNEX_I}; ${LISTED_CS}`,
  ),
  row(
    '5D002',
    '"Software" for "information security" (5D002.a–.c)',
    false,
    'cryptography',
    'verified',
    ANNEX_I,
  ),
  row(
    '5D002.a.3.b',
    '"Software" for the "development", "production" or "use" of equipment in 5A004.b or ' +
      '"software" in 5D002.c.3.b',
    true,
    'forensic_extraction',
    'verified',
    `${ANNEX_I}; ${LISTED_CS}`,
  ),
  row(
    '5D002.c.3.b',
    '"Software" having the characteristics of, or performing or simulating the functions of, ' +
      'equipment in 5A004.b (does not control "intrusion software")',
    true,
    'forensic_extraction',
    'verified',
    `${ANNEX_I}; ${LISTED_CS}`,
  ),
  row(
    '5E002',
    '"Technology" for 5A002, 5A003, 5A004, 5B002 equipment or 5D002.a/.c software (not for ' +
      '5A004.b, 5D002.a.3.b or 5D002.c.3.b)',
    false,
    'cryptography',
    'verified',
    ANNEX_I,
  ),
])
