import type { CountryEvidence } from '../evidence/country-evidence.ts'
import type { Severity } from '../finding.ts'
import type { Policy } from '../policy/policy.schema.ts'
import { cite, countryLabel, finding, LEGAL, unknownFinding, worstSeverity } from './helpers.ts'
import type { Rule } from './rule.ts'

type Thresholds = { highBelow: number; mediumBelow: number }

/** 'high' below highBelow, 'medium' below mediumBelow, otherwise 'info' (no concern). */
function band(value: number, thresholds: Thresholds): Severity {
  if (value < thresholds.highBelow) return 'high'
  if (value < thresholds.mediumBelow) return 'medium'
  return 'info'
}

const STATUS_WORDS = { F: 'Free', PF: 'Partly Free', NF: 'Not Free' } as const

type Reading = { severity: Severity; text: string }

function readings(
  indicators: CountryEvidence['indicators'],
  policy: Policy,
): { present: Reading[]; missing: string[] } {
  const present: Reading[] = []
  const missing: string[] = []
  const { freedomHouse: fh, vdem, rsf } = indicators
  const d = policy.destination
  if (fh === null) missing.push('Freedom House')
  else
    present.push({
      severity: band(fh.globalScore, d.freedomHouse),
      text: `Freedom House ${fh.edition}: '${STATUS_WORDS[fh.status]}', global score ${fh.globalScore}/100`,
    })
  if (vdem === null) missing.push('V-Dem')
  else {
    present.push({
      severity: band(vdem.liberalDemocracy, d.vdemLiberalDemocracy),
      text: `V-Dem ${vdem.year}: liberal democracy index ${vdem.liberalDemocracy.toFixed(2)}`,
    })
    present.push({
      severity: band(vdem.civilLiberties, d.vdemCivilLiberties),
      text: `V-Dem ${vdem.year}: civil liberties index ${vdem.civilLiberties.toFixed(2)}`,
    })
  }
  if (rsf === null) missing.push('RSF')
  else
    present.push({
      severity: band(rsf.score, d.rsf),
      text: `RSF World Press Freedom Index ${rsf.year}: score ${rsf.score}/100${rsf.rank === null ? '' : `, rank ${rsf.rank}`}`,
    })
  return { present, missing }
}

/**
 * Human-rights indicators of the destination against the policy's thresholds; the worst reading
 * decides. Freedom House weighs by its global score (the status is shown, not weighed separately).
 * All figures within the thresholds: an 'info' finding that records them.
 */
export const destinationIndicators: Rule = {
  id: 'destination.indicators',
  title: 'Human-rights indicators of the destination (Freedom House, V-Dem, RSF)',
  legalBasis: cite(LEGAL.criterion2, LEGAL.recital2),
  evaluate(input, policy) {
    const evidence = input.destinationEvidence
    const country = countryLabel(input.destination)
    const { present, missing } = readings(evidence.indicators, policy)
    if (present.length === 0) {
      return [
        unknownFinding(
          destinationIndicators,
          `No human-rights indicators for ${country}`,
          `No Freedom House, V-Dem or RSF figures are on record for ${country}; assess the human-rights situation by hand.`,
        ),
      ]
    }
    const severity = worstSeverity(present.map((reading) => reading.severity)) ?? 'info'
    const worst = present.filter((reading) => reading.severity === severity)
    const title =
      severity === 'info'
        ? `Human-rights indicators for ${country} within the policy thresholds`
        : `Poor human-rights indicators for ${country} (${worst.map((r) => r.text.split(':')[0]).join(', ')})`
    const missingText =
      missing.length === 0 ? '' : ` No figures on record from: ${missing.join(', ')}.`
    const attribution =
      evidence.indicators.attribution === '' ? '' : ` Sources: ${evidence.indicators.attribution}.`
    return [
      finding(destinationIndicators, {
        severity,
        title,
        evidence: `${present.map((reading) => reading.text).join('; ')}.${missingText}${attribution}`,
        reasonCodes: severity === 'info' ? [] : ['CP2'],
        public: true,
      }),
    ]
  },
}
