import { describe, expect, it } from 'vitest'
import { applicationBody, testApp } from '../../../test/factories.ts'
import { useTestDatabase } from '../../../test/test-database.ts'

const database = useTestDatabase()

async function draft(body = applicationBody()) {
  const { call } = testApp(database.db)
  const response = await call('POST', '/api/v1/applications', body)
  expect(response.status).toBe(201)
  return (await response.json()) as { reference: string; state: string }
}

describe('applications API', () => {
  it('creates a draft with classified items and derives the issuing state from the authority', async () => {
    const created = (await draft()) as unknown as {
      state: string
      issuingState: string
      items: { technology: string; cyberSurveillance: boolean; valueMinor: number }[]
    }
    expect(created.state).toBe('draft')
    expect(created.issuingState).toBe('DE')
    expect(created.items[0]).toMatchObject({
      technology: 'ip_network_surveillance',
      cyberSurveillance: true,
      valueMinor: 250000000,
    })
  })

  it('generates a reference when none is given', async () => {
    const { reference: _, ...body } = applicationBody()
    const created = await draft(body as ReturnType<typeof applicationBody>)
    expect(created.reference).toMatch(/^DE-\d{4}-\d{6}$/)
  })

  it('walks a licence through its life: submit, review, grant, suspend, reinstate, revoke', async () => {
    const { call, callAs, users } = testApp(database.db)
    const { reference } = await draft()
    const steps: [string, unknown, string][] = [
      ['submit', undefined, 'submitted'],
      ['review', undefined, 'under_review'],
      [
        'decision',
        {
          decision: 'granted',
          reasons: ['NO_SIGNIFICANT_RISK'],
          justification: 'Assurances from the end user outweigh the findings',
        },
        'granted',
      ],
      ['suspend', { reasons: ['NEW_EVIDENCE'], explanation: 'Reports of misuse' }, 'suspended'],
      ['reinstate', {}, 'granted'],
      ['revoke', { reasons: ['NEW_EVIDENCE'], explanation: 'Misuse confirmed' }, 'revoked'],
    ]
    for (const [step, body, state] of steps) {
      let response = await call('POST', `/api/v1/applications/${reference}/${step}`, body)
      // A revocation (and a grant assessed high) waits for a second officer's confirmation.
      if (step === 'revoke') expect(response.status).toBe(202)
      if (response.status === 202)
        response = await callAs('secondOfficer')(
          'POST',
          `/api/v1/applications/${reference}/confirmation`,
          { confirm: true },
        )
      expect(response.status, step).toBe(200)
      expect(((await response.json()) as { state: string }).state).toBe(state)
    }
    const final = (await (await call('GET', `/api/v1/applications/${reference}`)).json()) as {
      history: { action: string; actor: string }[]
      licence: { number: string; validUntil: string }
    }
    expect(final.history.map((h) => h.action)).toEqual([
      'submit',
      'start_review',
      'grant',
      'suspend',
      'reinstate',
      'revoke',
    ])
    const { senior } = await users()
    expect(final.history.every((h) => h.actor === senior.principal.userId)).toBe(true)
    expect(final.licence.number).toMatch(/^DE-L-\d{4}-\d{6}$/)
  })

  it('refuses an invalid transition with 409 invalid_transition and changes nothing', async () => {
    const { call } = testApp(database.db)
    const { reference } = await draft()
    const response = await call('POST', `/api/v1/applications/${reference}/revoke`, {
      reasons: ['NEW_EVIDENCE'],
      explanation: 'x',
    })
    expect(response.status).toBe(409)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(await response.json()).toMatchObject({ code: 'invalid_transition', status: 409 })
    const after = (await (await call('GET', `/api/v1/applications/${reference}`)).json()) as {
      state: string
      history: unknown[]
    }
    expect(after).toMatchObject({ state: 'draft', history: [] })
  })

  it('requires reasons of the right kind for decisions', async () => {
    const { call } = testApp(database.db)
    const { reference } = await draft()
    await call('POST', `/api/v1/applications/${reference}/submit`)
    await call('POST', `/api/v1/applications/${reference}/review`)
    const none = await call('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'refused',
      explanation: 'Risk',
    })
    expect(none.status).toBe(400)
    expect(await none.json()).toMatchObject({ issues: [{ field: 'reasons' }] })
    const wrong = await call('POST', `/api/v1/applications/${reference}/decision`, {
      decision: 'refused',
      reasons: ['NO_SIGNIFICANT_RISK'],
      explanation: 'Risk',
    })
    expect(await wrong.json()).toMatchObject({
      status: 400,
      issues: [{ field: 'reasons', message: expect.stringMatching(/not a refusal reason/) }],
    })
  })

  it('edits drafts only', async () => {
    const { call } = testApp(database.db)
    const body = applicationBody()
    const { reference } = await draft(body)
    const edited = await call('PUT', `/api/v1/applications/${reference}`, {
      ...body,
      intendedUse: 'Changed use',
    })
    expect(edited.status).toBe(200)
    expect(((await edited.json()) as { intendedUse: string }).intendedUse).toBe('Changed use')
    await call('POST', `/api/v1/applications/${reference}/submit`)
    const late = await call('PUT', `/api/v1/applications/${reference}`, body)
    expect(late.status).toBe(409)
    expect(await late.json()).toMatchObject({ code: 'not_a_draft' })
  })

  it.each([
    ['destination', { destination: 'XX' }, 'destination', 'unknown country "XX"'],
    [
      'control entry',
      {
        items: [
          { controlEntry: '5Z999', description: 'x', quantity: '1', value: '1', currency: 'EUR' },
        ],
      },
      'items.0.controlEntry',
      'unknown control-list entry',
    ],
    [
      'negative value',
      {
        items: [
          {
            controlEntry: '5A001.j',
            description: 'x',
            quantity: '1',
            value: '-5',
            currency: 'EUR',
          },
        ],
      },
      'items.0.value',
      'negative',
    ],
    [
      'non-numeric value',
      {
        items: [
          {
            controlEntry: '5A001.j',
            description: 'x',
            quantity: '1',
            value: 'lots',
            currency: 'EUR',
          },
        ],
      },
      'items.0.value',
      'decimal',
    ],
    [
      'currency',
      {
        items: [
          { controlEntry: '5A001.j', description: 'x', quantity: '1', value: '1', currency: 'XYZ' },
        ],
      },
      'items.0.currency',
      'unknown currency',
    ],
    ['gea missing', { licenceType: 'eu_general' }, 'gea', 'required'],
    [
      'end user type',
      { endUser: { name: 'x', country: 'AE', type: 'spy', description: 'x' } },
      'endUser.type',
      '',
    ],
    ['unknown field', { colour: 'red' }, 'colour', 'unknown field'],
    ['no items', { items: [] }, 'items', 'at least one item'],
  ])('rejects a bad %s with 400 naming the field', async (_, override, field, message) => {
    const { call } = testApp(database.db)
    const response = await call('POST', '/api/v1/applications', applicationBody(override))
    expect(response.status).toBe(400)
    const problem = (await response.json()) as {
      code: string
      issues: { field: string; message: string }[]
    }
    expect(problem.code).toBe('validation_failed')
    expect(problem.issues).toContainEqual(
      expect.objectContaining({ field, message: expect.stringContaining(message) }),
    )
  })

  it('answers malformed JSON, unknown authorities and missing tokens without a 500', async () => {
    const { call } = testApp(database.db)
    const malformed = await call('POST', '/api/v1/applications', '{"reference": ')
    expect(malformed.status).toBe(400)
    const authority = await call(
      'POST',
      '/api/v1/applications',
      applicationBody({ authorityId: 'zz-nobody' }),
    )
    expect(authority.status).toBe(400)
    expect(await authority.json()).toMatchObject({ issues: [{ field: 'authorityId' }] })
    const anonymous = await call('GET', '/api/v1/applications', undefined, { authorization: '' })
    expect(anonymous.status).toBe(401)
    const missing = await call('GET', '/api/v1/applications/NOPE-1')
    expect(missing.status).toBe(404)
  })
})
