import type { Verification } from './verification.ts'

export type Authority = {
  /** '<member state, lower-case>-<short name>' */
  id: string
  /** ISO alpha-2 code of the member state (GR for Greece). */
  memberState: string
  name: string
  source: string
  verification: Verification
}

const CHECK =
  'Commission list of competent authorities published in the OJ C series under Art 23(1) — check'

function unverified(id: string, memberState: string, name: string): Authority {
  return Object.freeze({ id, memberState, name, source: CHECK, verification: 'unverified' })
}

function secondary(id: string, memberState: string, name: string, source: string): Authority {
  return Object.freeze({ id, memberState, name, source, verification: 'secondary' })
}

/**
 * One competent authority for dual-use export authorisations per member state (27). Names are
 * from memory unless the research names the authority's own site ([S] rows); the others are
 * 'unverified' and must be checked against the Commission's published list. Ministries are
 * renamed often, so the names, not the member-state assignment, are what is uncertain.
 */
export const COMPETENT_AUTHORITIES: readonly Authority[] = Object.freeze([
  unverified(
    'at-bmwet',
    'AT',
    'Federal Ministry for Economy, Energy and Tourism (BMWET), Export Control Department',
  ),
  // Belgium: export licensing for dual-use items is regional (Flanders, Wallonia, Brussels-Capital,
  // each with its own authority). The Flemish authority is listed; add the others as needed.
  unverified(
    'be-csg',
    'BE',
    'Flemish Department of Foreign Affairs — Strategic Goods Control Unit (Dienst Controle ' +
      'Strategische Goederen), Flemish Region',
  ),
  unverified(
    'bg-icec',
    'BG',
    'Interministerial Commission for Export Control and Non-Proliferation of Weapons of Mass ' +
      'Destruction, Ministry of Economy and Industry',
  ),
  unverified('hr-mingo', 'HR', 'Ministry of Economy, Directorate for Trade Policy'),
  unverified(
    'cy-meci',
    'CY',
    'Ministry of Energy, Commerce and Industry — Trade Service (Import/Export Licensing)',
  ),
  unverified(
    'cz-ls',
    'CZ',
    'Ministry of Industry and Trade — Licensing Administration (Licenční správa)',
  ),
  secondary(
    'dk-dba',
    'DK',
    'Danish Business Authority (Erhvervsstyrelsen), Export Control',
    'eksportkontrol.erhvervsstyrelsen.dk (domain-facts §1.4, §1.10) [S]',
  ),
  unverified('ee-skk', 'EE', 'Strategic Goods Commission (Strateegilise kauba komisjon)'),
  unverified('fi-um', 'FI', 'Ministry for Foreign Affairs — Unit for Export Control'),
  secondary(
    'fr-sbdu',
    'FR',
    'Service des biens à double usage (SBDU), Ministry of the Economy',
    'sbdu.entreprises.gouv.fr (domain-facts §1.4) [S]',
  ),
  secondary(
    'de-bafa',
    'DE',
    'Federal Office for Economic Affairs and Export Control (BAFA)',
    "worldecr.com on BAFA's Art 5 leaflet (domain-facts §1.2) [S]",
  ),
  unverified('gr-mfa', 'GR', 'Ministry of Foreign Affairs — Directorate for Export Controls'),
  unverified(
    'hu-bfkh',
    'HU',
    'Government Office of the Capital City Budapest — Department of Trade, Defence Industry, ' +
      'Export Control and Precious Metal Assay',
  ),
  secondary(
    'ie-dete',
    'IE',
    'Department of Enterprise, Tourism and Employment — Export Control Unit',
    'enterprise.gov.ie; dbei.gov.ie (domain-facts §1.4, §1.10) [S]; department name from memory',
  ),
  unverified(
    'it-uama',
    'IT',
    'Ministry of Foreign Affairs and International Cooperation — Unit for the Authorisation of ' +
      'Armament Materials (UAMA)',
  ),
  unverified('lv-sgcc', 'LV', 'Control Committee for Strategic Goods, Ministry of Foreign Affairs'),
  unverified('lt-eimin', 'LT', 'Ministry of the Economy and Innovation — Export Control'),
  unverified(
    'lu-oceit',
    'LU',
    'Office for Export, Import and Transit Control (OCEIT), Ministry of Foreign Affairs',
  ),
  secondary(
    'mt-cd',
    'MT',
    'Commerce Department — Trade Services Directorate',
    'commercecms.gov.mt (domain-facts §1.4) [S]; directorate name from memory',
  ),
  unverified(
    'nl-cdiu',
    'NL',
    'Central Import and Export Office (CDIU), Customs, on behalf of the Minister for Foreign Trade',
  ),
  unverified(
    'pl-dots',
    'PL',
    'Ministry of Development and Technology — Department of Trade in Strategic Goods',
  ),
  unverified('pt-at', 'PT', 'Tax and Customs Authority (Autoridade Tributária e Aduaneira)'),
  unverified(
    'ro-ancex',
    'RO',
    'Ministry of Foreign Affairs — Department for Export Controls (ANCEX)',
  ),
  unverified('sk-mh', 'SK', 'Ministry of Economy — Licensing Department'),
  unverified('si-mgts', 'SI', 'Ministry of the Economy, Tourism and Sport'),
  unverified(
    'es-sgcmdu',
    'ES',
    'Secretariat of State for Trade — Subdirectorate-General for International Trade in Defence ' +
      'and Dual-Use Material',
  ),
  unverified('se-isp', 'SE', 'Inspectorate of Strategic Products (ISP)'),
])

const byId = new Map(COMPETENT_AUTHORITIES.map((authority) => [authority.id, authority]))

export function findAuthority(id: string): Authority | undefined {
  return byId.get(id)
}
