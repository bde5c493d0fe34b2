import { z } from 'zod'

/**
 * Structured end-use red flags an exporter declares (or an officer sets) on an application: the
 * warning signs of the Commission's guidelines (EU) 2024/2659 on cyber-surveillance items and of
 * the briefing (covert capability, interception without oversight, reluctance to disclose).
 */
export const END_USE_FLAGS = [
  'covert_capability',
  'mass_interception',
  'targeted_interception',
  'no_independent_oversight',
  'customised_for_covert_use',
  'end_use_not_disclosed',
  'end_user_not_disclosed',
  'unusual_routing',
  'unusual_payment',
] as const
export type EndUseFlag = (typeof END_USE_FLAGS)[number]
export const EndUseFlagSchema = z.enum(END_USE_FLAGS)

export const END_USE_FLAG_LABELS: Record<EndUseFlag, string> = {
  covert_capability: 'the item is designed to operate covertly',
  mass_interception: 'mass interception of communications',
  targeted_interception: 'targeted interception of individuals',
  no_independent_oversight: 'interception without independent (judicial) oversight',
  customised_for_covert_use: 'customised for covert use by the end user',
  end_use_not_disclosed: 'reluctance to disclose the end use',
  end_user_not_disclosed: 'reluctance to disclose the end user',
  unusual_routing: 'unusual shipping route or consignee',
  unusual_payment: 'unusual payment terms',
}

export const END_USE_FLAGS_SOURCE =
  'Commission Recommendation (EU) 2024/2659 (guidelines on cyber-surveillance items, red flags) [U: flag wording summarised, not quoted]; Amnesty briefing on the spyware trade'
