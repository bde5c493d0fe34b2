// Art. 12(3) (issue 17, item 7): individual and global authorisations run up to two years unless
// the authority decides otherwise; a large-project authorisation up to four, longer only in duly
// justified circumstances. Glasshouse: two years by default, editable; four with the
// large-project flag; anything longer only with a justification, which is then recorded.
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyLogAndRegister } from '../../src/cli/verify-log-and-register.ts'
import {
  applicationBody,
  grantWithFourEyes,
  TEST_LOG_KEY,
  TEST_LOG_ORIGIN,
  testApp,
} from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()
let t: ReturnType<typeof testApp>
const today = new Date().toISOString().slice(0, 10)
const yearsFromToday = (years: number, days = 0) => {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

beforeAll(() => {
  t = testApp(database.db)
})

/**
 * A new application under review, of the given licence type, that the risk assessment
 * recommends approving (so a grant needs no justification for that).
 */
async function underReview(licenceType = 'individual') {
  const body = applicationBody({
    licenceType,
    destination: 'NO',
    consignee: { name: 'Fjord Nett AS', country: 'NO' },
    endUser: {
      name: 'Fjord Nett AS',
      country: 'NO',
      type: 'telecom_operator',
      description: 'Mobile network operator',
    },
    governmentAgency: null,
    intendedUse: 'Encryption of backbone links',
    items: [
      {
        controlEntry: '5A002.a',
        description: 'Link encryptor',
        quantity: '10',
        value: '50000.00',
        currency: 'EUR',
      },
    ],
  })
  const created = await t.call('POST', '/api/v1/applications', body)
  expect(created.status, await created.clone().text()).toBe(201)
  for (const step of ['submit', 'review'])
    expect((await t.call('POST', `/api/v1/applications/${body.reference}/${step}`)).status).toBe(
      200,
    )
  return body.reference
}

async function licenceOf(reference: string) {
  const answer = await t.call('GET', `/api/v1/applications/${reference}`)
  return ((await answer.json()) as { licence: Record<string, unknown> | null }).licence
}

async function refusedWith(reference: string, body: Record<string, unknown>) {
  const answer = await grantWithFourEyes(t, reference, body)
  expect(answer.status).toBe(400)
  const problem = (await answer.json()) as { issues: { field: string; message: string }[] }
  // Nothing changed: still under review, no licence.
  expect(await licenceOf(reference)).toBeNull()
  return problem.issues
}

describe('licence validity (Art. 12(3))', () => {
  it('runs two years by default, and up to two when chosen', async () => {
    const byDefault = await underReview()
    expect((await grantWithFourEyes(t, byDefault)).status).toBe(200)
    expect(await licenceOf(byDefault)).toMatchObject({
      validFrom: today,
      validUntil: yearsFromToday(2, -1),
      largeProject: false,
    })
    const chosen = await underReview()
    expect((await grantWithFourEyes(t, chosen, { validUntil: yearsFromToday(2) })).status).toBe(200)
    expect(await licenceOf(chosen)).toMatchObject({ validUntil: yearsFromToday(2) })
  })

  it('refuses longer than two years without a justification, naming the field and the rule', async () => {
    const reference = await underReview()
    const errors = await refusedWith(reference, { validUntil: yearsFromToday(3) })
    expect(errors).toEqual([
      { field: 'validUntil', message: expect.stringContaining('at most two years (Art. 12(3))') },
    ])
  })

  it('grants longer with a justification, and records it', async () => {
    const reference = await underReview()
    const justification = 'Delivery in three phases over thirty months'
    const answer = await grantWithFourEyes(t, reference, {
      validUntil: yearsFromToday(3),
      justification,
    })
    expect(answer.status).toBe(200)
    expect(await licenceOf(reference)).toMatchObject({ validUntil: yearsFromToday(3) })
    const recorded = await sql<{ justification: string | null }>`
      select d.justification from decisions d join applications a on a.id = d.application_id
      where a.reference = ${reference} and d.action = 'grant'`.execute(database.db)
    expect(recorded.rows[0]?.justification).toBe(justification)
  })

  it('runs a large-project authorisation up to four years, longer only with a justification', async () => {
    const four = await underReview()
    expect(
      (await grantWithFourEyes(t, four, { largeProject: true, validUntil: yearsFromToday(4) }))
        .status,
    ).toBe(200)
    expect(await licenceOf(four)).toMatchObject({
      validUntil: yearsFromToday(4),
      largeProject: true,
    })
    const five = await underReview('global')
    expect(await refusedWith(five, { largeProject: true, validUntil: yearsFromToday(5) })).toEqual([
      {
        field: 'validUntil',
        message: expect.stringContaining('a large-project authorisation runs at most four years'),
      },
    ])
    const justified = await grantWithFourEyes(t, five, {
      largeProject: true,
      validUntil: yearsFromToday(5),
      justification: 'The project’s construction runs five years',
    })
    expect(justified.status).toBe(200)
  })

  it('refuses a large project that is not an individual or global grant, and ten years or more', async () => {
    const brokering = await underReview('brokering')
    expect(await refusedWith(brokering, { largeProject: true })).toEqual([
      { field: 'largeProject', message: expect.stringContaining('not brokering (Art. 12(3))') },
    ])
    const refusal = await t.call('POST', `/api/v1/applications/${brokering}/decision`, {
      decision: 'refused',
      reasons: ['CP2'],
      explanation: 'Risk of diversion',
      justification: 'The broker’s record outweighs the assessment',
      largeProject: true,
    })
    expect(refusal.status).toBe(400)
    expect(JSON.stringify(await refusal.json())).toContain(
      'largeProject: only a grant issues a large-project authorisation',
    )
    const decade = await underReview()
    expect(
      await refusedWith(decade, {
        largeProject: true,
        validUntil: yearsFromToday(10, 1),
        justification: 'A very long project',
      }),
    ).toEqual([{ field: 'validUntil', message: 'at most ten years after the decision' }])
  })

  it('keeps the log verifying, the justifications committed', async () => {
    const verified = await verifyLogAndRegister(database.db, {
      vkeys: [TEST_LOG_KEY.vkey],
      origin: TEST_LOG_ORIGIN,
    })
    expect(verified.problems).toEqual([])
  })
})
