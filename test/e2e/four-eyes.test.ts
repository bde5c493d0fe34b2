import { beforeAll, describe, expect, it } from 'vitest'
import { createApiToken } from '../../src/capabilities/accounts/api-tokens.ts'
import { setPassword } from '../../src/capabilities/accounts/user.repository.ts'
import { TRANSITIONS } from '../../src/capabilities/licensing/lifecycle.ts'
import { exporterBody, type TestUser, testApp } from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

// Four-eyes without gaps: nothing overtakes a proposal alone, a state change voids what it
// overtook, concurrent decisions have one winner, and the second pair of eyes is a person.
// Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL (real concurrency for the races).
const database = useTestDatabase()

type Application = {
  reference: string
  state: string
  pendingConfirmation: { id: number; action: string; proposedBy: string } | null
  proposals: {
    id: number
    action: string
    status: string
    summary: string
    voidedByDecision: number | null
  }[]
  history: { id: number; action: string; actor: string; confirmedBy: string | null }[]
}

let t: ReturnType<typeof testApp>
beforeAll(() => {
  t = testApp(database.db)
})

const officer = () => t.callAs('officer')
const second = () => t.callAs('secondOfficer')
const senior = () => t.callAs('senior')

const path = (reference: string, step: string) => `/api/v1/applications/${reference}/${step}`
const REVOKE = { reasons: ['NEW_EVIDENCE'], explanation: 'Diversion reported' }
const SUSPEND = { reasons: ['NEW_EVIDENCE'], explanation: 'Under examination' }
const ANNUL = { reasons: ['NON_COMPLIANCE'], explanation: 'False end-user statement' }
const GRANT = {
  decision: 'granted',
  reasons: ['NO_SIGNIFICANT_RISK'],
  justification: 'End-use assurances verified on site',
}
const REFUSE = { decision: 'refused', reasons: ['CP2'], explanation: 'Risk of internal repression' }

async function read(reference: string, as = officer()): Promise<Application> {
  const response = await as('GET', `/api/v1/applications/${reference}`)
  expect(response.status).toBe(200)
  return (await response.json()) as Application
}

async function expectStatus(response: Response, status: number, code?: string) {
  const text = await response.clone().text()
  expect(response.status, text).toBe(status)
  if (code) expect(((await response.json()) as { code: string }).code).toBe(code)
}

/** An exporter's application (assessed high: an intelligence end user), under review. */
async function underReview(): Promise<string> {
  const created = await t.callAs('exporter')('POST', '/api/v1/applications', exporterBody())
  await expectStatus(created, 201)
  const { reference } = (await created.json()) as { reference: string }
  await expectStatus(await t.callAs('exporter')('POST', path(reference, 'submit')), 200)
  await expectStatus(await officer()('POST', path(reference, 'review')), 200)
  return reference
}

/** Proposes (officer) and confirms (second officer) one four-eyes decision. */
async function twoOfficers(reference: string, step: string, body: unknown) {
  await expectStatus(await officer()('POST', path(reference, step), body), 202)
  await expectStatus(
    await second()('POST', path(reference, 'confirmation'), { confirm: true }),
    200,
  )
}

async function granted(): Promise<string> {
  const reference = await underReview()
  await twoOfficers(reference, 'decision', GRANT)
  expect((await read(reference)).state).toBe('granted')
  return reference
}

describe('while a proposal waits, no officer overtakes it alone', () => {
  it('refuses annulling or suspending a licence whose revocation waits (409), and keeps the proposal', async () => {
    const reference = await granted()
    await expectStatus(await officer()('POST', path(reference, 'revoke'), REVOKE), 202)
    // The same officer, and a colleague, try to end the matter alone.
    await expectStatus(
      await officer()('POST', path(reference, 'annul'), ANNUL),
      409,
      'confirmation_pending',
    )
    await expectStatus(
      await senior()('POST', path(reference, 'suspend'), SUSPEND),
      409,
      'confirmation_pending',
    )
    const waiting = await read(reference)
    expect(waiting.state).toBe('granted')
    expect(waiting.pendingConfirmation).toMatchObject({ action: 'revoke' })
    // The proposal can still be answered, and is carried out.
    await expectStatus(
      await second()('POST', path(reference, 'confirmation'), { confirm: true }),
      200,
    )
    const revoked = await read(reference)
    expect(revoked.state).toBe('revoked')
    expect(revoked.proposals.map((p) => p.status)).toEqual(['confirmed', 'confirmed'])
  })

  it('refuses reinstating a suspended licence whose revocation waits', async () => {
    const reference = await granted()
    await twoOfficers(reference, 'suspend', SUSPEND)
    await expectStatus(await officer()('POST', path(reference, 'revoke'), REVOKE), 202)
    await expectStatus(
      await senior()('POST', path(reference, 'reinstate'), {}),
      409,
      'confirmation_pending',
    )
    expect((await read(reference)).state).toBe('suspended')
  })

  it('makes annulment and suspension proposals under the default policy, and keeps the proposer from confirming', async () => {
    const reference = await granted()
    const proposed = await officer()('POST', path(reference, 'annul'), ANNUL)
    await expectStatus(proposed, 202)
    expect(((await proposed.json()) as Application).pendingConfirmation).toMatchObject({
      action: 'annul',
    })
    expect(
      (await officer()('POST', path(reference, 'confirmation'), { confirm: true })).status,
    ).toBe(403)
    // Rejected: the licence stays as it was, and can be suspended (again four-eyes).
    await expectStatus(
      await second()('POST', path(reference, 'confirmation'), { confirm: false }),
      200,
    )
    expect((await read(reference)).state).toBe('granted')
    await twoOfficers(reference, 'suspend', SUSPEND)
    const after = await read(reference)
    expect(after.state).toBe('suspended')
    expect(after.history.at(-1)).toMatchObject({
      action: 'suspend',
      confirmedBy: expect.any(String),
    })
    // Reinstatement is one officer's by default.
    await expectStatus(await officer()('POST', path(reference, 'reinstate'), {}), 200)
  })
})

describe('a state change voids the proposals it overtook', () => {
  it('voids a grant proposal when the exporter withdraws, shows why, and answers a late confirmation with 409', async () => {
    const reference = await underReview()
    await expectStatus(await officer()('POST', path(reference, 'decision'), GRANT), 202)
    const proposal = (await read(reference)).pendingConfirmation
    await expectStatus(await t.callAs('exporter')('POST', path(reference, 'withdraw')), 200)

    const after = await read(reference)
    expect(after.state).toBe('withdrawn')
    expect(after.pendingConfirmation).toBeNull()
    const withdrawal = after.history.at(-1)
    expect(withdrawal?.action).toBe('withdraw')
    expect(after.proposals).toEqual([
      expect.objectContaining({
        id: proposal?.id,
        status: 'voided',
        voidedByDecision: withdrawal?.id,
        summary: expect.stringMatching(
          /^Proposal to grant voided: the application was withdrawn on \d{4}-\d{2}-\d{2}$/,
        ),
      }),
    ])
    // The exporter never sees the authority's proposals.
    expect((await read(reference, t.callAs('exporter'))).proposals).toEqual([])
    // The case page shows it in the history.
    const page = await (await second()('GET', `/workspace/cases/${reference}`)).text()
    expect(page).toContain('Proposal to grant voided: the application was withdrawn on')

    const late = await second()('POST', path(reference, 'confirmation'), {
      confirm: true,
      proposalId: proposal?.id,
    })
    await expectStatus(late, 409, 'proposal_voided')
    expect(await read(reference)).toMatchObject({ state: 'withdrawn' })
  })

  it('refuses an answer to a proposal that was replaced meanwhile', async () => {
    const reference = await underReview()
    await expectStatus(await officer()('POST', path(reference, 'decision'), GRANT), 202)
    const first = (await read(reference)).pendingConfirmation
    await expectStatus(
      await senior()('POST', path(reference, 'confirmation'), { confirm: false }),
      200,
    )
    await expectStatus(await officer()('POST', path(reference, 'decision'), GRANT), 202)
    // The second officer still has the first proposal on screen.
    const stale = await second()('POST', path(reference, 'confirmation'), {
      confirm: true,
      proposalId: first?.id,
    })
    await expectStatus(stale, 409, 'proposal_answered')
    expect((await read(reference)).state).toBe('under_review')
  })
})

describe('concurrent decisions: the first to commit wins, the other gets 409', () => {
  const ROUNDS = 4

  /** Exactly one success, one 409, and no proposal left waiting on a decided application. */
  async function oneWinner(reference: string, a: Promise<Response>, b: Promise<Response>) {
    const responses = await Promise.all([a, b])
    const statuses = responses.map((r) => r.status)
    const wins = statuses.filter((s) => s === 200 || s === 202)
    expect(wins, JSON.stringify(statuses)).toHaveLength(1)
    expect(
      statuses.filter((s) => s === 409),
      JSON.stringify(statuses),
    ).toHaveLength(1)
    const after = await read(reference)
    if (after.state !== 'under_review') expect(after.pendingConfirmation).toBeNull()
    return { after, responses }
  }

  it('a grant proposal against a refusal', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const reference = await underReview()
      const { after } = await oneWinner(
        reference,
        officer()('POST', path(reference, 'decision'), GRANT),
        second()('POST', path(reference, 'decision'), REFUSE),
      )
      if (after.state === 'refused') expect(after.proposals).toEqual([])
      else expect(after.pendingConfirmation).toMatchObject({ action: 'grant' })
    }
  })

  it('a confirmation against a refusal', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const reference = await underReview()
      await expectStatus(await officer()('POST', path(reference, 'decision'), GRANT), 202)
      const { after } = await oneWinner(
        reference,
        second()('POST', path(reference, 'confirmation'), { confirm: true }),
        senior()('POST', path(reference, 'decision'), REFUSE),
      )
      // While the grant waits, a refusal is refused: the confirmation always wins.
      expect(after.state).toBe('granted')
    }
  })

  it("a confirmation against the exporter's withdrawal", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const reference = await underReview()
      await expectStatus(await officer()('POST', path(reference, 'decision'), GRANT), 202)
      const { after, responses } = await oneWinner(
        reference,
        second()('POST', path(reference, 'confirmation'), { confirm: true }),
        t.callAs('exporter')('POST', path(reference, 'withdraw')),
      )
      if (after.state === 'withdrawn') {
        const [lateConfirmation] = responses as [Response, Response]
        expect(((await lateConfirmation.json()) as { code: string }).code).toBe('proposal_voided')
        expect(after.proposals.map((p) => p.status)).toEqual(['voided'])
      } else expect(after.state).toBe('granted')
    }
  })

  it('leaves no proposal waiting that its application can no longer take', async () => {
    const rows = await database.db
      .selectFrom('decision_confirmations as c')
      .innerJoin('applications as a', 'a.id', 'c.application_id')
      .select(['a.reference', 'a.state', 'c.action'])
      .where('c.status', '=', 'pending')
      .execute()
    for (const row of rows)
      expect(TRANSITIONS[row.action].from, `${row.reference}: ${row.action} waits`).toContain(
        row.state,
      )
  })
})

describe('the second pair of eyes is a person, not an account an administrator controls', () => {
  /** An officer account the administrator creates through the API, with a token to act with. */
  async function adminMadeOfficer(password?: string) {
    const created = await t.callAs('admin')('POST', '/api/v1/users', {
      email: `made-${crypto.randomUUID()}@de-bafa.test.example`,
      displayName: 'Officer made by the administrator',
      role: 'officer',
      authorityId: 'de-bafa',
      ...(password ? { password } : {}),
    })
    await expectStatus(created, 201)
    const user = (await created.json()) as { id: string; passwordSetBy: string | null }
    // Whoever holds the credentials can act as the account: here, the token stands for them.
    const { token } = await createApiToken(database.db, user.id, {
      name: 'as the account',
      scopes: ['read', 'write'],
    })
    return { user, as: t.callAs({ token } as TestUser) }
  }

  it('refuses a confirmer whose password the administrator chose, until its owner activates the account', async () => {
    const made = await adminMadeOfficer('chosen by the administrator')
    expect(made.user.passwordSetBy).toBe('administrator')
    const reference = await granted()
    await expectStatus(await officer()('POST', path(reference, 'revoke'), REVOKE), 202)

    const refused = await made.as('POST', path(reference, 'confirmation'), { confirm: true })
    await expectStatus(refused.clone(), 403, 'password_set_by_administrator')
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      'an administrator chose the password',
    )
    // Rejecting is answering too.
    expect(
      (await made.as('POST', path(reference, 'confirmation'), { confirm: false })).status,
    ).toBe(403)
    expect((await read(reference)).pendingConfirmation).toMatchObject({ action: 'revoke' })

    // The administrator hands over a one-time link; the owner sets their own password there.
    const link = await t.callAs('admin')('POST', `/api/v1/users/${made.user.id}/activation-link`)
    await expectStatus(link, 201)
    const { path: activation } = (await link.json()) as { path: string }
    expect((await t.app.request(activation)).status).toBe(200)
    const token = new URL(activation, 'http://localhost').searchParams.get('token') ?? ''
    const activate = (password: string) =>
      t.app.request('/activate', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://localhost',
        },
        body: new URLSearchParams({ token, password }).toString(),
      })
    expect((await activate('short')).status).toBe(400)
    const done = await activate('only the owner knows this one')
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('/login')
    expect((await activate('a second use of the link')).status).toBe(403)

    // Now the owner's account may confirm.
    await expectStatus(
      await made.as('POST', path(reference, 'confirmation'), { confirm: true }),
      200,
    )
    const revoked = await read(reference)
    expect(revoked.state).toBe('revoked')
    expect(revoked.history.at(-1)?.confirmedBy).toBe(made.user.id)

    // The audit trail: who created the account, who made the link, who activated it.
    const audit = (await (
      await t.callAs('admin')('GET', `/api/v1/audit?subject=${made.user.id}`)
    ).json()) as { items: { action: string; userId: string | null; detail: unknown }[] }
    const admin = (await t.users()).admin.principal.userId
    expect(audit.items.map((e) => [e.action, e.userId]).reverse()).toEqual([
      ['user.create', admin],
      ['user.activation_link', admin],
      ['user.activate', made.user.id],
    ])
    expect(audit.items[0]?.detail).toMatchObject({ via: 'activation_link', linkCreatedBy: admin })

    // An administrator who sets the password again takes the account out of four-eyes again.
    await setPassword(database.db, made.user.id, 'the administrator knows this one')
    const another = await granted()
    await expectStatus(await officer()('POST', path(another, 'revoke'), REVOKE), 202)
    await expectStatus(
      await made.as('POST', path(another, 'confirmation'), { confirm: true }),
      403,
      'password_set_by_administrator',
    )
  })

  it('refuses a confirmer its owner never activated (an account with only a token)', async () => {
    const made = await adminMadeOfficer()
    expect(made.user.passwordSetBy).toBeNull()
    const reference = await granted()
    await expectStatus(await officer()('POST', path(reference, 'revoke'), REVOKE), 202)
    await expectStatus(
      await made.as('POST', path(reference, 'confirmation'), { confirm: true }),
      403,
      'account_not_activated',
    )
  })
})

describe('the policy says which licence decisions are four-eyes', () => {
  it('follows a new policy version: suspension by one officer, reinstatement by two', async () => {
    const current = (await (await t.app.request('/api/public/v1/policy')).json()) as {
      policy: Record<string, unknown>
    }
    expect(current.policy.fourEyes).toEqual({ annul: true, suspend: true, reinstate: false })
    const changed = await senior()('PUT', '/api/v1/policy', {
      policy: { ...current.policy, fourEyes: { annul: true, suspend: false, reinstate: true } },
      reason: 'Suspensions must be quick; lifting one needs two officers',
    })
    await expectStatus(changed, 201)

    const reference = await granted()
    await expectStatus(await officer()('POST', path(reference, 'suspend'), SUSPEND), 200)
    const reinstated = await officer()('POST', path(reference, 'reinstate'), {})
    await expectStatus(reinstated, 202)
    expect(((await reinstated.json()) as Application).pendingConfirmation?.action).toBe('reinstate')
    await expectStatus(
      await second()('POST', path(reference, 'confirmation'), { confirm: true }),
      200,
    )
    expect((await read(reference)).state).toBe('granted')
  })
})
