/*
 * Lists taken from the Amnesty International "Briefing on recommendations to the European Union
 * to end unlawful targeted surveillance" (Pegasus Project), design/briefing.md. They are
 * allegations reported by that briefing, used for screening flags, not legal findings.
 */

const BRIEFING =
  'Amnesty International, "Briefing on recommendations to the European Union to end unlawful targeted surveillance" (Pegasus Project)'

/** States the Pegasus Project identified as having selected persons of interest for targeting. */
// biome-ignore format: country codes read better on few lines
export const PEGASUS_PROJECT_STATES: readonly string[] = Object.freeze([
  'AZ', 'BH', 'HU', 'IN', 'KZ', 'MX', 'MA', 'RW', 'SA', 'TG', 'AE',
])

export const PEGASUS_PROJECT_STATES_SOURCE = `${BRIEFING}: "The Pegasus Project identified individuals who were persons of interest who were selected for potential targeting by the following countries: Azerbaijan, Bahrain, Hungary, India, Kazakhstan, Mexico, Morocco, Rwanda, Saudi Arabia, Togo, and the United Arab Emirates."`

/** The third country whose export licences for NSO Group the briefing asks to be revoked. */
export const NSO_EXPORTING_STATE = 'IL'

export const NSO_EXPORTING_STATE_SOURCE = `${BRIEFING}: "EU member states must call on Israel and any other exporting states in third countries to immediately revoke all marketing and export licences issued to NSO Group"`

/** EU member states where NSO Group has a corporate presence (LU) or exports from (BG, CY). */
export const NSO_EU_PRESENCE: readonly string[] = Object.freeze(['LU', 'BG', 'CY'])

export const NSO_EU_PRESENCE_SOURCE = `${BRIEFING}: "NSO Group has a corporate presence in Luxembourg and according to the NSO Group's 2021 Transparency and Responsibility Report the company also exports its products from Bulgaria and Cyprus."`

const pegasusSet = new Set(PEGASUS_PROJECT_STATES)

/** Exact upper-case alpha-2 code, as elsewhere in reference-data. */
export function isPegasusProjectState(alpha2: string): boolean {
  return pegasusSet.has(alpha2)
}
