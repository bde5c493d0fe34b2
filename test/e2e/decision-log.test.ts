import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { verifyCosignatures } from '../../src/capabilities/decision-log/cosignatures.ts'
import {
  cosignNote,
  generateKeyPair,
  parseSignerKey,
  verifyCheckpoint,
} from '../../src/capabilities/decision-log/tlog/index.ts'
import { verifyLog } from '../../src/capabilities/decision-log/verify-log.ts'
import {
  type ProofBundle,
  verifyProofBundle,
} from '../../src/capabilities/decision-log/verify-proof-bundle.ts'
import { verifyLogAndRegister } from '../../src/cli/verify-log-and-register.ts'
import {
  applicationBody,
  TEST_LOG_KEY,
  TEST_LOG_ORIGIN,
  TEST_WITNESS,
  TEST_WITNESS_NAME,
  TEST_WITNESS_VKEY,
  testApp,
} from '../factories.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()

async function decide(reference: string) {
  const { call } = testApp(database.db)
  for (const step of ['submit', 'review'])
    expect((await call('POST', `/api/v1/applications/${reference}/${step}`)).status).toBe(200)
  const refused = await call('POST', `/api/v1/applications/${reference}/decision`, {
    decision: 'refused',
    reasons: ['CP2'],
    explanation: 'Clear risk of use in internal repression',
  })
  expect(refused.status).toBe(200)
}

describe('the public decision log', () => {
  it('logs every decision and policy change in its transaction, verifiably', async () => {
    const { app, call } = testApp(database.db)
    const body = applicationBody()
    await call('POST', '/api/v1/applications', body)
    await decide(body.reference)
    await call('POST', '/api/v1/policy/moratorium', { active: true, reason: 'Moratorium adopted' })

    // Submission and the start of review are not decisions; policy version 1 (seeded at start),
    // the refusal and the policy change are.
    const checkpoint = (await (await app.request('/api/public/v1/log/checkpoint.json')).json()) as {
      size: number
      note: string
    }
    expect(checkpoint.size).toBe(3)
    expect(checkpoint.note).toContain(TEST_LOG_ORIGIN)

    const bundle = (await (
      await app.request(`/api/public/v1/licences/${body.reference}/proof`)
    ).json()) as ProofBundle
    const verified = await verifyProofBundle(bundle, { vkey: TEST_LOG_KEY.vkey })
    expect(verified).toMatchObject({ ok: true, checked: 1 })

    expect(await verifyLog(database.db, [TEST_LOG_KEY.vkey], { origin: TEST_LOG_ORIGIN })).toEqual({
      ok: true,
      size: 3,
    })
    expect(await verifyLogAndRegister(database.db, { vkeys: [TEST_LOG_KEY.vkey] })).toMatchObject({
      ok: true,
      decisions: 1,
      policies: 2,
      reports: 0,
    })

    // No personal data in the leaf: the explanation and the officer are commitments.
    const leaf = (await (await app.request('/api/public/v1/log/leaves/1')).json()) as {
      leaf: string
    }
    expect(leaf.leaf).not.toContain('internal repression')
    expect(leaf.leaf).not.toContain('officer-1')
    expect(JSON.parse(leaf.leaf)).toMatchObject({
      type: 'decision',
      reference: body.reference,
      action: 'refuse',
      reasonCodes: ['CP2'],
    })
  })

  it('names a decision record changed after it was logged, even with the trigger disabled', async () => {
    const body = applicationBody()
    const { call } = testApp(database.db)
    await call('POST', '/api/v1/applications', body)
    await decide(body.reference)
    const problem = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table decisions disable trigger decisions_append_only`.execute(trx)
        await sql`update decisions set explanation = 'No risk at all'
        where action = 'refuse' and application_id =
          (select id from applications where reference = ${body.reference})`.execute(trx)
        const result = await verifyLogAndRegister(trx, { vkeys: [TEST_LOG_KEY.vkey] })
        await sql`alter table decisions enable trigger decisions_append_only`.execute(trx)
        throw Object.assign(new Error('roll back'), { result })
      })
      .catch((e: { result: Awaited<ReturnType<typeof verifyLogAndRegister>> }) => e.result)
    expect(problem).toMatchObject({
      ok: false,
      problems: [
        {
          kind: 'decision differs from its leaf',
          message: expect.stringMatching(
            /explanation no longer matches the commitment in log leaf/,
          ),
        },
      ],
    })
    expect(await verifyLogAndRegister(database.db, { vkeys: [TEST_LOG_KEY.vkey] })).toMatchObject({
      ok: true,
    })
  })

  it('rolls the leaf back with a decision that fails', async () => {
    const { app, call } = testApp(database.db)
    const before = (await (await app.request('/api/public/v1/log/checkpoint.json')).json()) as {
      size: number
    }
    const body = applicationBody()
    await call('POST', '/api/v1/applications', body)
    for (const step of ['submit', 'review'])
      await call('POST', `/api/v1/applications/${body.reference}/${step}`)
    const bad = await call('POST', `/api/v1/applications/${body.reference}/decision`, {
      decision: 'granted',
      reasons: ['NO_SIGNIFICANT_RISK'],
      validUntil: '2099-01-01',
      justification: 'x',
    })
    expect(bad.status).toBe(400)
    const after = (await (await app.request('/api/public/v1/log/checkpoint.json')).json()) as {
      size: number
    }
    expect(after.size).toBe(before.size)
  })
})

describe('witness cosignatures', () => {
  it('keeps a configured witness’s cosignature and serves the checkpoint with it', async () => {
    const { app, call } = testApp(database.db)
    const body = applicationBody()
    await call('POST', '/api/v1/applications', body)
    await decide(body.reference)
    const note = await (await app.request('/api/public/v1/log/checkpoint')).text()

    const cosigned = cosignNote(note, TEST_WITNESS, 1_764_000_000)
    const kept = await app.request('/api/public/v1/log/cosignatures', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: cosigned,
    })
    expect(kept.status).toBe(201)
    expect(await kept.json()).toMatchObject({ witnesses: [TEST_WITNESS_NAME] })

    const served = await (await app.request('/api/public/v1/log/checkpoint')).text()
    const checked = await verifyCheckpoint(served, {
      logKeys: [TEST_LOG_KEY.vkey],
      witnessKeys: [TEST_WITNESS_VKEY],
      witnessQuorum: 1,
    })
    expect(checked.ok).toBe(true)
    expect(
      await verifyCosignatures(database.db, {
        logVkey: TEST_LOG_KEY.vkey,
        witnessKeys: [TEST_WITNESS_VKEY],
      }),
    ).toEqual({ ok: true, cosignatures: 1 })
    expect(
      await verifyCosignatures(database.db, { logVkey: TEST_LOG_KEY.vkey, witnessKeys: [] }),
    ).toMatchObject({ ok: false })

    // An unknown witness, or a body that is not one of our checkpoints, is refused.
    const stranger = parseSignerKey(generateKeyPair('stranger.example/witness').skey)
    const unknown = await app.request('/api/public/v1/log/cosignatures', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: cosignNote(note, stranger, 1_764_000_000),
    })
    expect(unknown.status).toBe(400)
    const forged = await app.request('/api/public/v1/log/cosignatures', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: cosigned.replace(/\n\d+\n/, '\n999\n'),
    })
    expect(forged.status).toBe(400)
  })
})
