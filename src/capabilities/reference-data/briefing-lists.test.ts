import { describe, expect, it } from 'vitest'
import {
  isPegasusProjectState,
  NSO_EU_PRESENCE,
  NSO_EU_PRESENCE_SOURCE,
  NSO_EXPORTING_STATE,
  NSO_EXPORTING_STATE_SOURCE,
  PEGASUS_PROJECT_STATES,
  PEGASUS_PROJECT_STATES_SOURCE,
} from './briefing-lists.ts'
import { countryName, findCountry } from './countries.ts'

describe('Pegasus Project states', () => {
  it('are the eleven states named in the briefing, each named in the quoted source', () => {
    expect(PEGASUS_PROJECT_STATES).toHaveLength(11)
    for (const code of PEGASUS_PROJECT_STATES) {
      const name = countryName(code)
      expect(name).toBeDefined()
      // the briefing writes "the United Arab Emirates"; ISO names match the other ten directly
      expect(PEGASUS_PROJECT_STATES_SOURCE).toContain(code === 'AE' ? 'United Arab Emirates' : name)
    }
  })

  it('include Hungary, an EU member state, and exclude states not named', () => {
    expect(isPegasusProjectState('HU')).toBe(true)
    expect(findCountry('HU')?.euMember).toBe(true)
    expect(isPegasusProjectState('MA')).toBe(true)
    expect(isPegasusProjectState('IL')).toBe(false)
    expect(isPegasusProjectState('DE')).toBe(false)
    expect(isPegasusProjectState('hu')).toBe(false)
  })
})

describe('NSO Group', () => {
  it('exports from Israel per the briefing', () => {
    expect(NSO_EXPORTING_STATE).toBe('IL')
    expect(NSO_EXPORTING_STATE_SOURCE).toContain('Israel')
  })

  it('is present in Luxembourg, Bulgaria and Cyprus, all EU member states', () => {
    expect([...NSO_EU_PRESENCE].sort()).toEqual(['BG', 'CY', 'LU'])
    for (const code of NSO_EU_PRESENCE) {
      expect(findCountry(code)?.euMember).toBe(true)
      expect(NSO_EU_PRESENCE_SOURCE).toContain(countryName(code))
    }
  })
})
