// Issue 17, item 3: a software or technology line names the equipment entry it is for, and
// both EU005's scope and the cyber-surveillance classification (hence the Art. 26 counts, the
// risk rules and the moratorium, which read the stored flag) use it.
import { describe, expect, it } from 'vitest'
import { buildAnnualReport } from '../../src/capabilities/reporting/report-data.ts'
import { applicationBody, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()

type Item = { controlEntry: string; forEntry: string | null; cyberSurveillance: boolean }
type Finding = { rule: string; title: string; evidence: string }

const eu005Software = (forEntry: string | undefined) =>
  applicationBody({
    licenceType: 'eu_general',
    gea: 'EU005',
    destination: 'CN',
    consignee: { name: 'Shenzhen Backbone Co', country: 'CN' },
    endUser: {
      name: 'Shenzhen Backbone Co',
      country: 'CN',
      type: 'telecom_operator',
      description: 'Fixed network operator',
    },
    governmentAgency: null,
    intendedUse: 'Software for the operator’s network equipment',
    items: [
      {
        controlEntry: '5D001.a',
        ...(forEntry ? { forEntry } : {}),
        description: 'Software for the equipment',
        quantity: '1',
        value: '90000.00',
        currency: 'EUR',
      },
    ],
  })

async function registered(body: ReturnType<typeof applicationBody>) {
  const { call } = testApp(database.db)
  const created = await call('POST', '/api/v1/applications', body)
  expect(created.status, await created.clone().text()).toBe(201)
  const { items } = (await created.json()) as { items: Item[] }
  expect((await call('POST', `/api/v1/applications/${body.reference}/submit`)).status).toBe(200)
  const list = await call('GET', `/api/v1/applications/${body.reference}/assessments`)
  const [assessment] = ((await list.json()) as { items: { findings: Finding[] }[] }).items
  const scope = (assessment?.findings ?? []).filter((f) => f.rule === 'authorisation.general-scope')
  return { items, scope }
}

describe('what an item line is for', () => {
  it('flags 5D001.a for 5A001.j under EU005 and counts it as cyber-surveillance', async () => {
    const { items, scope } = await registered(eu005Software('5A001.j'))
    expect(items[0]).toMatchObject({ forEntry: '5A001.j', cyberSurveillance: true })
    expect(scope).toHaveLength(1)
    expect(scope[0]?.title).toBe('EU005 does not cover the item 5D001.a')
    expect(scope[0]?.evidence).toContain('this line is for 5A001.j')
  })

  it('lets 5D001.a for 5A001.c use EU005, not counted as cyber-surveillance', async () => {
    const { items, scope } = await registered(eu005Software('5a001.c'))
    expect(items[0]).toMatchObject({ forEntry: '5A001.c', cyberSurveillance: false })
    expect(scope).toEqual([])
  })

  it('flags EU005 software that does not say what it is for', async () => {
    const { scope } = await registered(eu005Software(undefined))
    expect(scope[0]?.title).toBe('EU005 does not cover the item 5D001.a')
    expect(scope[0]?.evidence).toContain('does not say what it is for')
  })

  it('refuses a purpose that cannot be, naming the line and the field', async () => {
    const { call } = testApp(database.db)
    const body = applicationBody({
      items: [
        {
          controlEntry: '5A001.j',
          forEntry: '5A001.c',
          description: 'Equipment is not "for" anything',
          quantity: '1',
          value: '10.00',
          currency: 'EUR',
        },
      ],
    })
    const refused = await call('POST', '/api/v1/applications', body)
    expect(refused.status).toBe(400)
    const { issues } = (await refused.json()) as { issues: { field: string; message: string }[] }
    expect(issues).toEqual([
      {
        field: 'items.0.forEntry',
        message: 'only a software (D) or technology (E) line names the entry it is for',
      },
    ])
  })

  it('counts software for surveillance equipment in the Art. 26 cyber-surveillance tables, and only that', async () => {
    const year = new Date().getUTCFullYear()
    const scope = { kind: 'authority' as const, authorityId: 'de-bafa' }
    const counts = async () => {
      const report = await buildAnnualReport(database.db, { year, scope })
      const received = (rows: { key: string; received: number }[]) =>
        rows.find((r) => r.key === '5D001.a')?.received ?? 0
      return {
        all: received(report.byControlEntry.rows),
        cyber: received(report.cyberSurveillance.byControlEntry.rows),
        cyberTotal: report.cyberSurveillance.byControlEntry.total.received,
      }
    }
    const before = await counts()
    const individual = (forEntry: string) =>
      applicationBody({ ...eu005Software(forEntry), licenceType: 'individual', gea: null })
    await registered(individual('5A001.j'))
    await registered(individual('5A001.c'))
    const after = await counts()
    expect(after.all - before.all).toBe(2)
    expect(after.cyber - before.cyber).toBe(1)
    expect(after.cyberTotal - before.cyberTotal).toBe(1)
  })
})
