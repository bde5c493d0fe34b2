import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { PLANTED_FORMULAS } from '../../../test/csv-formula-fixtures.ts'
import { investigationReportCsv, type ReportLicence } from './investigation-report.ts'

const PLANTED = PLANTED_FORMULAS

function licence(overrides: Partial<ReportLicence> = {}): ReportLicence {
  return {
    reference: 'DE-2025-000001',
    issuingState: 'DE',
    authorityId: 'de-bafa',
    licenceType: 'eu_general',
    gea: 'EU005',
    destination: 'AE',
    decidedOn: '2025-03-01',
    levelThen: 'low',
    levelNow: 'high',
    kinds: ['newly_significant_risk', 'gea_outside_scope'],
    confidentialFindings: 1,
    infringement: true,
    proposal: null,
    ...overrides,
  }
}

describe(investigationReportCsv.name, () => {
  it('writes RFC 4180 with CRLF, a header and one row per licence', () => {
    expect(investigationReportCsv({ licences: [licence()] })).toBe(
      'reference,issuing_state,authority,licence_type,gea,destination,decided_on,level_then,level_now,findings,confidential_findings,infringement,proposal\r\n' +
        'DE-2025-000001,DE,de-bafa,eu_general,EU005,AE,2025-03-01,low,high,newly_significant_risk;gea_outside_scope,1,yes,\r\n',
    )
  })

  it('neutralises text that starts like a spreadsheet formula (a quote in front)', () => {
    const text = investigationReportCsv({
      licences: PLANTED.map((value) =>
        licence({ reference: value, authorityId: value, gea: value }),
      ),
    })
    const records: Record<string, string>[] = parse(text, { columns: true })
    expect(records).toHaveLength(PLANTED.length)
    for (const [i, record] of records.entries()) {
      const value = `'${PLANTED[i]}`
      expect(record).toMatchObject({ reference: value, authority: value, gea: value })
      expect(record).toMatchObject({ issuing_state: 'DE', confidential_findings: '1' })
    }
  })
})
