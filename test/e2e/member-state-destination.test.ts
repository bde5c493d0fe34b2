// Issue 17, item 1 (in part): an export leaves the Union's customs territory (Art. 2(2) of
// Regulation (EU) 2021/821), so a member state's authority takes no export licence application
// for another member state; a transfer within the Union is Art. 11's (Annex IV items only).
import { beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()
let t: ReturnType<typeof testApp>

beforeAll(() => {
  t = testApp(database.db)
})

const toHungary = applicationBody({
  destination: 'HU',
  consignee: { name: 'Danube Integrator Kft', country: 'HU' },
})

async function applicationCount() {
  const { count } = await database.db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(count)
}

describe('an export licence to a member state', () => {
  it('is refused naming the destination and the article, and nothing is written', async () => {
    const before = await applicationCount()
    const refused = await t.call('POST', '/api/v1/applications', toHungary)
    expect(refused.status).toBe(400)
    const problem = (await refused.json()) as { issues: { field: string; message: string }[] }
    expect(problem.issues).toEqual([
      {
        field: 'destination',
        message: expect.stringMatching(
          /^HU is a member state of the Union: .*Art\. 2\(2\).*Art\. 11/,
        ),
      },
    ])
    expect(await applicationCount()).toBe(before)
  })

  it('cannot be made by editing a draft to a member state either', async () => {
    const created = await t.call('POST', '/api/v1/applications', applicationBody())
    expect(created.status).toBe(201)
    const { reference } = (await created.json()) as { reference: string }
    const edited = await t.call('PUT', `/api/v1/applications/${reference}`, {
      ...applicationBody(),
      reference,
      destination: 'FR',
    })
    expect(edited.status, await edited.clone().text()).toBe(400)
    expect(await edited.text()).toContain('FR is a member state of the Union')
    const kept = (await (await t.call('GET', `/api/v1/applications/${reference}`)).json()) as {
      destination: string
    }
    expect(kept.destination).toBe(applicationBody().destination)
  })

  it('is still an export for a third country: the same destination from outside the Union is not refused by this rule', async () => {
    const { intraUnionDestinationProblem } = await import(
      '../../src/capabilities/licensing/fields.ts'
    )
    expect(intraUnionDestinationProblem('GB', 'HU')).toBeNull()
    expect(intraUnionDestinationProblem('DE', 'CH')).toBeNull()
    expect(intraUnionDestinationProblem('DE', 'HU')).toMatch(/member state/)
  })
})
