import type { ReasonCode } from '../../reference-data/reason-codes.ts'
import type { CountryEvidence } from '../evidence/country-evidence.ts'
import type { Severity } from '../finding.ts'
import type { Policy } from '../policy/policy.schema.ts'
import {
  cite,
  countryLabel,
  finding,
  LEGAL,
  reasonLegalBasis,
  verifiedMark,
  worstSeverity,
} from './helpers.ts'
import type { Rule } from './rule.ts'

const BANS_BASIS =
  'Common Position 2008/944/CFSP Criterion Two (a) (internal repression): the bans on repression and monitoring equipment'

type Embargo = CountryEvidence['embargoes'][number]
type ArmsScope = 'full' | 'partial' | 'none'

/**
 * 'full arms embargo' → full; 'partial', 'non-state actors only' and unrecognised scopes → partial
 * (the cautious reading); a row that is only a ban on repression or monitoring equipment → none.
 */
export function armsScope(embargo: Embargo): ArmsScope {
  const scope = embargo.scope.toLowerCase()
  if (scope.includes('full')) return 'full'
  const banOnly = /repression|monitoring|interception/.test(scope)
  if (banOnly && (embargo.internalRepressionBan || embargo.monitoringEquipmentBan)) return 'none'
  return 'partial'
}

/** A binding act (Council decision or regulation, UN Security Council resolution) is a sanction. */
function isBinding(embargo: Embargo): boolean {
  return embargo.regime === 'UN' || /decision|regulation|resolution|unscr/i.test(embargo.instrument)
}

function weigh(embargo: Embargo, policy: Policy): { severity: Severity; parts: string[] } {
  const weights = policy.destination.embargo
  const severities: Severity[] = []
  const parts: string[] = []
  const scope = armsScope(embargo)
  if (scope !== 'none') {
    severities.push(scope === 'full' ? weights.full : weights.partial)
    parts.push(scope === 'full' ? 'full arms embargo' : `partial arms embargo (${embargo.scope})`)
  }
  if (embargo.internalRepressionBan) {
    severities.push(weights.internalRepressionBan)
    parts.push('ban on equipment that might be used for internal repression')
  }
  if (embargo.monitoringEquipmentBan) {
    severities.push(weights.monitoringEquipmentBan)
    parts.push('ban on equipment and software for monitoring or intercepting telecommunications')
  }
  return { severity: worstSeverity(severities) ?? weights.partial, parts }
}

/** EU and UN arms embargoes and the EU bans on repression and monitoring equipment. */
export const destinationEmbargo: Rule = {
  id: 'destination.embargo',
  title: 'Arms embargo or ban on repression or monitoring equipment for the destination',
  legalBasis: cite(reasonLegalBasis('CP1'), LEGAL.sanctions),
  evaluate(input, policy) {
    const country = countryLabel(input.destination)
    const cyber = input.items.some((item) => item.cyberSurveillance)
    return input.destinationEvidence.embargoes.map((embargo) => {
      const { severity, parts } = weigh(embargo, policy)
      const codes: ReasonCode[] = ['CP1']
      if (isBinding(embargo)) codes.push('SANCTIONS')
      if (embargo.internalRepressionBan || embargo.monitoringEquipmentBan) codes.push('CP2A')
      const since = embargo.since === null ? '' : ` since ${embargo.since}`
      const direct =
        embargo.monitoringEquipmentBan && cyber
          ? ' The monitoring-equipment ban is directly about cyber-surveillance items like those applied for.'
          : ''
      return finding(destinationEmbargo, {
        severity,
        title: `${embargo.regime} restrictive measures on ${country}: ${parts.join('; ')}`,
        evidence: `${embargo.regime} ${embargo.instrument}${since}: ${parts.join('; ')} — ${embargo.source}${verifiedMark(embargo.verified)}.${direct}`,
        reasonCodes: codes,
        legalBasis: codes.includes('CP2A')
          ? cite(destinationEmbargo.legalBasis, BANS_BASIS)
          : destinationEmbargo.legalBasis,
        public: true,
      })
    })
  },
}
