// Codes as a reader sees them: reason codes, control entries and countries with their labels.
import { resolveControlEntry } from '../../reference-data/control-entries.ts'
import { countryName } from '../../reference-data/countries.ts'
import { REASON_CODES } from '../../reference-data/reason-codes.ts'

const reasonTitles = new Map(REASON_CODES.map((r) => [r.code as string, r.title]))

export const reasonTitle = (code: string): string => reasonTitles.get(code) ?? code

/** '5A001.j' → the title of its nearest listed entry; undefined when the code does not resolve. */
export const controlEntryTitle = (code: string): string | undefined =>
  resolveControlEntry(code)?.entry.title

/** 'AE' → 'United Arab Emirates'; the code itself when unknown. */
export const countryLabel = (code: string): string => countryName(code.toUpperCase()) ?? code

/** snake_case values (states, actions, types) as words. */
export const words = (value: string): string => value.replaceAll('_', ' ')

/** What each lifecycle action means in the history table. */
const ACTION_WORDS: Record<string, string> = {
  submit: 'Submitted',
  start_review: 'Review started',
  grant: 'Granted',
  refuse: 'Refused',
  withdraw: 'Withdrawn',
  suspend: 'Suspended',
  reinstate: 'Reinstated',
  revoke: 'Revoked',
  annul: 'Annulled',
  expire: 'Expired',
}

export const actionLabel = (action: string): string => ACTION_WORDS[action] ?? words(action)
