import type { z } from '@hono/zod-openapi'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { type Authority, COMPETENT_AUTHORITIES } from './authorities.ts'
import { CONTROL_ENTRIES, type ControlEntry } from './control-entries.ts'
import { COUNTRIES, type Country } from './countries.ts'
import { GENERAL_AUTHORISATIONS, type GeneralAuthorisation } from './general-authorisations.ts'
import { REASON_CODES, type ReasonCodeInfo } from './reason-codes.ts'
import {
  AuthoritySchema,
  ControlEntrySchema,
  CountrySchema,
  GeneralAuthorisationSchema,
  ReasonCodeInfoSchema,
} from './reference-data.schema.ts'

describe('reference-data schemas', () => {
  it('accept every row of the tables they describe', () => {
    for (const row of COUNTRIES) expect(CountrySchema.safeParse(row).success, row.alpha2).toBe(true)
    for (const row of CONTROL_ENTRIES) {
      expect(ControlEntrySchema.safeParse(row).success, row.code).toBe(true)
    }
    for (const row of GENERAL_AUTHORISATIONS) {
      expect(GeneralAuthorisationSchema.safeParse(row).success, row.code).toBe(true)
    }
    for (const row of REASON_CODES) {
      expect(ReasonCodeInfoSchema.safeParse(row).success, row.code).toBe(true)
    }
    for (const row of COMPETENT_AUTHORITIES) {
      expect(AuthoritySchema.safeParse(row).success, row.id).toBe(true)
    }
  })

  it('reject rows that break the contract', () => {
    const de = { alpha2: 'DE', alpha3: 'DEU', name: 'Germany', euMember: true }
    expect(CountrySchema.safeParse({ ...de, alpha2: 'de' }).success).toBe(false)
    const entry = CONTROL_ENTRIES[0]
    expect(ControlEntrySchema.safeParse({ ...entry, technology: 'spyware' }).success).toBe(false)
    const gea = GENERAL_AUTHORISATIONS[0]
    expect(GeneralAuthorisationSchema.safeParse({ ...gea, validFrom: '9.9.2021' }).success).toBe(
      false,
    )
    expect(GeneralAuthorisationSchema.safeParse({ ...gea, destinations: 'all' }).success).toBe(
      false,
    )
    expect(AuthoritySchema.safeParse({ ...COMPETENT_AUTHORITIES[0], id: 'BAFA' }).success).toBe(
      false,
    )
  })

  it('produce the domain types', () => {
    expectTypeOf<z.infer<typeof CountrySchema>>().toEqualTypeOf<Country>()
    expectTypeOf<z.infer<typeof ControlEntrySchema>>().toEqualTypeOf<ControlEntry>()
    expectTypeOf<z.infer<typeof ReasonCodeInfoSchema>>().toEqualTypeOf<ReasonCodeInfo>()
    expectTypeOf<z.infer<typeof AuthoritySchema>>().toEqualTypeOf<Authority>()
    expectTypeOf<GeneralAuthorisation>().toExtend<z.infer<typeof GeneralAuthorisationSchema>>()
  })
})
