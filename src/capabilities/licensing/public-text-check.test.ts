import { describe, expect, it } from 'vitest'
import { applicationBody, testApp } from '../../../test/factories.ts'
import { useTestDatabase } from '../../../test/test-database.ts'
import { namesIn } from './public-text-check.ts'

const database = useTestDatabase()

// Names no sentence of a test could contain by chance.
const PERSON = 'Ysolde Marchetti-Abara'
const OTHER_PERSON = 'Teodor Quennell'

type T = ReturnType<typeof testApp>

async function underReview(t: T, overrides: Record<string, unknown> = {}) {
  const created = await t.call('POST', '/api/v1/applications', applicationBody(overrides))
  expect(created.status, await created.clone().text()).toBe(201)
  const { reference } = (await created.json()) as { reference: string }
  for (const step of ['submit', 'review'])
    expect((await t.call('POST', `/api/v1/applications/${reference}/${step}`)).status).toBe(200)
  return reference
}

async function logSize() {
  const row = await database.db.selectFrom('log_state').select('size').executeTakeFirstOrThrow()
  return Number(row.size)
}

describe('namesIn', () => {
  it('finds a name as whole words, whatever the case, accents and punctuation', () => {
    expect(
      namesIn('Refused: the buyer, JOSÉ   garcía-lópez, lied.', ['José García López']),
    ).toEqual(['José García López'])
    expect(namesIn('Refused for Josefina Garcíano', ['José García'])).toEqual([])
    expect(namesIn('No risk found', ['No'])).toEqual([]) // too short to warn about
  })
})

describe('the public-text check before a decision publishes an application', () => {
  it('warns (422, naming the field) when the public reason names a party, and changes nothing', async () => {
    const t = testApp(database.db)
    const reference = await underReview(t)
    const before = await logSize()
    const refused = await t.call('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'refused',
      reasons: ['CP2'],
      explanation: 'Internal: discussed with the end user',
      publicReason: 'Gulf Secure Networks LLC could pass the items on',
    })
    expect(refused.status).toBe(422)
    const problem = (await refused.json()) as {
      code: string
      issues: { field: string; message: string }[]
    }
    expect(problem.code).toBe('public_text_warning')
    expect(problem.issues).toEqual([
      {
        field: 'publicReason',
        message: expect.stringContaining(
          'names a party of this application (Gulf Secure Networks LLC)',
        ),
      },
    ])
    const after = await t.call('GET', `/api/v1/applications/${reference}`)
    expect(((await after.json()) as { state: string }).state).toBe('under_review')
    expect(await logSize()).toBe(before)
  })

  it('publishes anyway when the officer acknowledges the warning, and says so in the audit', async () => {
    const t = testApp(database.db)
    const reference = await underReview(t)
    const refused = await t.call('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'refused',
      reasons: ['CP2'],
      explanation: 'Internal note',
      publicReason: 'The consignee Gulf Secure Networks LLC is a known diverter',
      acknowledgePublicText: true,
    })
    expect(refused.status, await refused.clone().text()).toBe(200)
    const view = (await (
      await t.callAnonymously('GET', `/api/public/v1/licences/${reference}`)
    ).json()) as { publicReason: string | null }
    expect(view.publicReason).toBe('The consignee Gulf Secure Networks LLC is a known diverter')
    const audit = await database.db
      .selectFrom('audit_events')
      .select('detail')
      .where('subject', '=', reference)
      .where('action', '=', 'application.refuse')
      .executeTakeFirstOrThrow()
    expect(audit.detail).toEqual({ publicTextWarningAcknowledged: true })
  })

  it('warns when any published text names a natural person of the register', async () => {
    const t = testApp(database.db)
    // A natural person elsewhere in the authority's register.
    await underReview(t, {
      endUser: { name: OTHER_PERSON, country: 'AE', type: 'individual', description: 'A person' },
      governmentAgency: null,
    })
    const reference = await underReview(t, {
      intendedUsePublic: `Monitoring ordered against ${OTHER_PERSON}`,
      items: [
        {
          controlEntry: '5A001.j',
          description: `Probe configured for ${PERSON.toUpperCase()}`,
          quantity: '1',
          value: '1000.00',
          currency: 'EUR',
        },
      ],
    })
    // The item names a natural person who is in the register too.
    await underReview(t, {
      endUser: { name: PERSON, country: 'AE', type: 'individual', description: 'A person' },
      governmentAgency: null,
    })
    const granted = await t.call('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'granted',
      reasons: ['NO_SIGNIFICANT_RISK'],
      publicReason: 'No clear risk found.',
      justification: 'Assurances',
    })
    expect(granted.status).toBe(422)
    const { issues } = (await granted.json()) as { issues: { field: string; message: string }[] }
    expect(issues.map((i) => i.field).sort()).toEqual(['intendedUsePublic', 'items.0.description'])
    expect(issues.find((i) => i.field === 'intendedUsePublic')?.message).toContain(
      `names a natural person in the register (${OTHER_PERSON})`,
    )
  })

  it('keeps the public texts apart from the confidential ones in every public output', async () => {
    const t = testApp(database.db)
    const reference = await underReview(t, {
      intendedUse: 'Confidential detail: interception at the gateway in Sector 7',
      intendedUsePublic: 'Lawful interception',
    })
    const refused = await t.call('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'refused',
      reasons: ['CP2'],
      explanation: 'Internal: the end user admitted to targeting reporters',
      publicReason: 'A clear risk of use for internal repression',
    })
    expect(refused.status, await refused.clone().text()).toBe(200)
    const outputs = await Promise.all(
      [
        `/api/public/v1/licences/${reference}`,
        `/licences/${reference}`,
        '/register/licences.csv',
        '/register/licences.json',
      ].map(async (path) => [path, await (await t.callAnonymously('GET', path)).text()] as const),
    )
    for (const [path, body] of outputs) {
      expect(body, path).toContain('A clear risk of use for internal repression')
      expect(body, path).toContain('Lawful interception')
      expect(body, path).not.toContain('Sector 7')
      expect(body, path).not.toContain('admitted to targeting')
    }
    // The officer's own view keeps both.
    const own = (await (await t.call('GET', `/api/v1/applications/${reference}`)).json()) as {
      intendedUse: string
      intendedUsePublic: string
      decisionExplanation: string
      decisionPublicReason: string
    }
    expect(own).toMatchObject({
      intendedUse: 'Confidential detail: interception at the gateway in Sector 7',
      intendedUsePublic: 'Lawful interception',
      decisionExplanation: 'Internal: the end user admitted to targeting reporters',
      decisionPublicReason: 'A clear risk of use for internal repression',
    })
  })
})
