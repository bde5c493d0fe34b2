import type { ReasonCode } from '../../reference-data/reason-codes.ts'
import type { EndUseFlag } from '../assessment-input.ts'
import { cite, finding, LEGAL, unknownFinding } from './helpers.ts'
import type { Rule } from './rule.ts'

type FlagInfo = { words: string; reasonCodes: ReasonCode[]; basis: string }

const UNVERIFIED = `${LEGAL.guidelines2024} red flag believed to be listed (unverified: the full red-flag list was not read, domain-facts §2)`
const BRIEFING = 'Amnesty International Pegasus Project briefing'

/** Each structured flag in plain language, with the codes an officer would cite and its source. */
export const FLAG_INFO: Record<EndUseFlag, FlagInfo> = {
  covert_capability: {
    words: 'the items are offered or wanted for their covert surveillance capability',
    reasonCodes: ['CP2', 'CP2A'],
    basis: `${LEGAL.guidelines2024} red flag "marketing materials emphasising covert surveillance capabilities" (domain-facts §2 [S])`,
  },
  mass_interception: {
    words: 'mass interception of communications is intended',
    reasonCodes: ['CP2', 'CP2A'],
    basis: `${BRIEFING} (systemic, large-scale abuse); ${UNVERIFIED}`,
  },
  targeted_interception: {
    words: 'targeted interception of individuals is intended',
    reasonCodes: ['CP2'],
    basis: `${BRIEFING} (unlawful targeted surveillance); ${UNVERIFIED}`,
  },
  no_independent_oversight: {
    words: 'the interception is not subject to independent (judicial) oversight',
    reasonCodes: ['CP2', 'CP2A'],
    basis: `${BRIEFING} (safeguards per Roman Zakharov v. Russia and the Necessary and Proportionate Principles); ${UNVERIFIED}`,
  },
  customised_for_covert_use: {
    words: 'the items are customised for covert use',
    reasonCodes: ['CP2', 'CP2A'],
    basis: UNVERIFIED,
  },
  end_use_not_disclosed: {
    words: 'the customer is reluctant to disclose the end use',
    reasonCodes: ['DIVERSION'],
    basis: UNVERIFIED,
  },
  end_user_not_disclosed: {
    words: 'the customer is reluctant to disclose the end user',
    reasonCodes: ['DIVERSION'],
    basis: UNVERIFIED,
  },
  unusual_routing: {
    words: 'the shipment is routed unusually',
    reasonCodes: ['DIVERSION'],
    basis: UNVERIFIED,
  },
  unusual_payment: {
    words: 'the payment arrangements are unusual',
    reasonCodes: ['DIVERSION'],
    basis: UNVERIFIED,
  },
}

/** The structured end-use red flags declared by the exporter or set by the officer. */
export const endUseRedFlags: Rule = {
  id: 'end-use.red-flags',
  title: 'End-use red flags (Rec. 2024/2659 and the briefing)',
  legalBasis: cite(LEGAL.criterion2, LEGAL.diversion, LEGAL.guidelines2024),
  evaluate(input, policy) {
    if (input.endUseFlags === null) {
      return [
        unknownFinding(
          endUseRedFlags,
          'End-use red flags not answered',
          'The exporter was not asked about, or did not answer, the end-use red flags (covert capability, interception, oversight, disclosure, routing, payment).',
        ),
      ]
    }
    return [...new Set(input.endUseFlags)].map((flag) => {
      const info = FLAG_INFO[flag]
      return finding(endUseRedFlags, {
        severity: policy.endUse.flag,
        title: `Red flag: ${info.words}`,
        evidence: `Red flag "${flag}" is set on the application: ${info.words}.`,
        legalBasis: cite(info.basis, codeBasis(info.reasonCodes)),
        reasonCodes: info.reasonCodes,
        public: true,
      })
    })
  },
}

function codeBasis(codes: readonly ReasonCode[]): string {
  if (codes.includes('CP2A')) return LEGAL.criterion2WithA
  if (codes.includes('CP2')) return LEGAL.criterion2
  return LEGAL.diversion
}
