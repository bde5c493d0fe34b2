import { DEFAULT_FOUR_EYES, type Policy } from './policy.schema.ts'

/**
 * The policy a new installation starts with (version 1). Figures are Glasshouse's defaults, set so
 * the briefing's cases come out as it expects; an authority publishes its own with
 * `glasshouse policy set FILE`.
 */
export const DEFAULT_POLICY: Policy = {
  name: 'Glasshouse default policy',
  levels: { mediumFindingsForHigh: 3 },
  items: {
    technology: {
      intrusion: 'high',
      mobile_interception: 'high',
      ip_network_surveillance: 'high',
      li_analysis: 'medium',
      forensic_extraction: 'medium',
      cryptography: 'info',
      other: 'low',
    },
    art5: 'high',
  },
  destination: {
    freedomHouse: { highBelow: 35, mediumBelow: 70 },
    vdemLiberalDemocracy: { highBelow: 0.2, mediumBelow: 0.4 },
    vdemCivilLiberties: { highBelow: 0.5, mediumBelow: 0.75 },
    rsf: { highBelow: 40, mediumBelow: 55 },
    pegasusProject: 'high',
    spyware: { strong: 'high', weak: 'medium', civilSocietyTargeted: 'prohibitive' },
    embargo: {
      full: 'prohibitive',
      partial: 'high',
      internalRepressionBan: 'prohibitive',
      monitoringEquipmentBan: 'prohibitive',
    },
  },
  endUser: {
    type: {
      government_intelligence: 'high',
      government_police: 'medium',
      government_military: 'medium',
      government_other: 'low',
      telecom_operator: 'low',
    },
    naturalPerson: 'high',
    intermediaryInThirdCountry: 'medium',
  },
  screening: { prohibitiveFrom: 0.85 },
  endUse: { flag: 'high', textCue: 'medium' },
  history: { identicalDenial: 'high', exporterDenial: 'medium', vendorAbuse: 'prohibitive' },
  dueDiligence: { missingForCyberSurveillance: 'medium', globalWithoutIcp: 'high' },
  authorisation: { generalOutsideScope: 'prohibitive' },
  moratorium: {
    active: false,
    scope: ['export', 'brokering', 'technical_assistance', 'transit'],
    items: 'all-cyber-surveillance',
    effect: 'refuse',
    legalBasis:
      'Briefing: "EU member states must immediately put in place a moratorium on the sale, transfer, and use of cybersurveillance technologies" until a human-rights compliant regulatory framework is in place; Reg. (EU) 2021/821 Art 9 (national measures) and Art 15.',
    since: null,
  },
  fourEyes: DEFAULT_FOUR_EYES,
}
