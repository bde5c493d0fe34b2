// `log verify` checks the register against the log both ways. Each test rewrites the database as
// an attacker with database access would (the append-only triggers disabled), asks the verifier,
// and rolls the change back; the verifier must name the kind of mismatch and the row it hits.
import { createHash } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { proofBundleFor } from '../../src/capabilities/decision-log/proof-bundle-for.ts'
import { verifyProofBundle } from '../../src/capabilities/decision-log/verify-proof-bundle.ts'
import { importLicenceRows } from '../../src/capabilities/licensing/interchange/import-licences.ts'
import { readLicenceCsv } from '../../src/capabilities/licensing/interchange/read-licence-file.ts'
import { type Verification, verifyLogAndRegister } from '../../src/cli/verify-log-and-register.ts'
import type { Database } from '../../src/platform/db/schema.ts'
import {
  applicationBody,
  grantWithFourEyes,
  TEST_LOG_KEY,
  TEST_LOG_ORIGIN,
  testApp,
  testDecisionLog,
  uniqueReference,
} from '../factories.ts'
import { csvRow, csvText, stream } from '../licence-csv-fixtures.ts'
import { useTestDatabase } from '../test-database.ts'

const database = useTestDatabase()
const verify = (db = database.db) =>
  verifyLogAndRegister(db, { vkeys: [TEST_LOG_KEY.vkey], origin: TEST_LOG_ORIGIN })

const refs = { refused: '', granted: '', imported: '', importedRefused: '' }
let importSha = ''

async function decided(t: ReturnType<typeof testApp>, decision: 'refused' | 'granted') {
  const body = applicationBody()
  expect((await t.call('POST', '/api/v1/applications', body)).status).toBe(201)
  for (const step of ['submit', 'review'])
    expect((await t.call('POST', `/api/v1/applications/${body.reference}/${step}`)).status).toBe(
      200,
    )
  const answer =
    decision === 'granted'
      ? await grantWithFourEyes(t, body.reference, { justification: 'Assurances obtained' })
      : await t.call('POST', `/api/v1/applications/${body.reference}/decision`, {
          decision: 'refused',
          reasons: ['CP2'],
          explanation: 'Clear risk of internal repression',
          publicReason: 'A clear risk that the items serve internal repression',
          justification: 'The risk outweighs the assurances',
        })
  expect(answer.status, await answer.clone().text()).toBe(200)
  return body.reference
}

/** Runs the tampering and the verifier in one transaction that is always rolled back. */
async function tampered(change: (trx: Transaction<Database>) => Promise<void>) {
  return database.db
    .transaction()
    .execute(async (trx) => {
      for (const table of [
        'decisions',
        'log_leaves',
        'log_nodes',
        'annual_report_files',
        'policy_versions',
        'assessments',
      ])
        await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx)
      await change(trx)
      const result = await verify(trx)
      throw Object.assign(new Error('roll back'), { result })
    })
    .catch((e: { result?: Verification }) => {
      if (!e.result) throw e
      return e.result
    })
}

const idOf = (reference: string) =>
  sql<{ id: number }>`(select id from applications where reference = ${reference})`

beforeAll(async () => {
  const t = testApp(database.db)
  refs.refused = await decided(t, 'refused')
  refs.granted = await decided(t, 'granted')
  refs.imported = uniqueReference('IMP')
  refs.importedRefused = uniqueReference('IMP')
  const csv = csvText([
    csvRow({ reference: refs.imported }),
    csvRow({
      reference: refs.importedRefused,
      decision: 'refused',
      decision_reasons: 'CP2',
      control_entry: '5A001.f',
    }),
  ])
  importSha = createHash('sha256').update(csv).digest('hex')
  await importLicenceRows(database.db, readLicenceCsv(stream(csv)), {
    actor: 'test',
    log: testDecisionLog(),
    sourceSha256: importSha,
  })
  const year = new Date().getUTCFullYear()
  expect((await t.call('POST', '/api/v1/reports', { year, scope: 'DE' })).status).toBe(201)
})

describe('log verify, both ways', () => {
  it('verifies an untouched register: every row has its leaf, every leaf its row', async () => {
    const result = await verify()
    expect(result.problems).toEqual([])
    expect(result).toMatchObject({ ok: true, policies: 1, reports: 1 })
    expect(result.decisions).toBeGreaterThanOrEqual(4)
  })

  it('logs imported decisions with the file’s SHA-256, and their proof bundles verify offline', async () => {
    for (const reference of [refs.imported, refs.importedRefused]) {
      const bundle = await proofBundleFor(database.db, reference, {
        origin: TEST_LOG_ORIGIN,
        vkey: TEST_LOG_KEY.vkey,
      })
      expect(bundle).toBeDefined()
      expect(await verifyProofBundle(bundle, { vkey: TEST_LOG_KEY.vkey })).toMatchObject({
        ok: true,
        checked: 1,
      })
      const leaf = JSON.parse(bundle?.leaves[0]?.leaf ?? '{}')
      expect(leaf).toMatchObject({
        action: 'import',
        imported: true,
        origin: 'import',
        sourceSha256: importSha,
      })
    }
  })

  it('names a deleted decision', async () => {
    const result = await tampered(async (trx) => {
      await sql`delete from identical_transaction_flags`.execute(trx)
      await sql`delete from denial_notices where application_id = ${idOf(refs.refused)}`.execute(
        trx,
      )
      await sql`delete from decisions where application_id = ${idOf(refs.refused)} and action = 'refuse'`.execute(
        trx,
      )
    })
    expect(result.ok).toBe(false)
    expect(result.problems).toContainEqual({
      kind: 'leaf without its decision',
      message: expect.stringContaining(`decision on ${refs.refused}`),
    })
  })

  it('names a refusal rewritten into a grant with its log_index nulled', async () => {
    const result = await tampered(async (trx) => {
      await sql`update decisions set log_index = null, action = 'grant', to_state = 'granted'
        where application_id = ${idOf(refs.refused)} and action = 'refuse'`.execute(trx)
      await sql`update applications set state = 'granted' where reference = ${refs.refused}`.execute(
        trx,
      )
    })
    const kinds = result.problems.map((p) => p.kind)
    expect(kinds).toContain('unlogged decision')
    expect(kinds).toContain('leaf without its decision')
    expect(result.problems.find((p) => p.kind === 'unlogged decision')?.message).toContain(
      refs.refused,
    )
  })

  it('names an inserted decision that was never logged', async () => {
    const result = await tampered(async (trx) => {
      await sql`insert into decisions (application_id, action, from_state, to_state, actor, decided_on, origin)
        values (${idOf(refs.granted)}, 'revoke', 'granted', 'revoked', 'nobody', current_date, 'api')`.execute(
        trx,
      )
    })
    expect(result.problems).toContainEqual({
      kind: 'unlogged decision',
      message: expect.stringContaining(`${refs.granted} revoke) has no leaf`),
    })
  })

  it('names an application whose register state was changed', async () => {
    const result = await tampered(async (trx) => {
      await sql`update applications set state = 'granted' where reference = ${refs.refused}`.execute(
        trx,
      )
    })
    expect(result.problems).toEqual([
      {
        kind: 'state not what the log leads to',
        message: `${refs.refused}: the register shows granted, but its logged decisions lead to refused`,
      },
    ])
  })

  it('names a licence whose validity was changed', async () => {
    for (const reference of [refs.granted, refs.imported]) {
      const result = await tampered(async (trx) => {
        await sql`update licences set valid_until = valid_until + interval '10 years'
          where application_id = ${idOf(reference)}`.execute(trx)
      })
      expect(result.problems).toEqual([
        {
          kind: 'licence differs from its grant',
          message: expect.stringMatching(new RegExp(`^${reference}: the register says validity`)),
        },
      ])
    }
  })

  it('names a denial notice deleted or edited', async () => {
    const deleted = await tampered(async (trx) => {
      await sql`delete from identical_transaction_flags`.execute(trx)
      await sql`delete from denial_notices where application_id = ${idOf(refs.importedRefused)}`.execute(
        trx,
      )
    })
    expect(deleted.problems).toEqual([
      {
        kind: 'denial notice differs from its decision',
        message: expect.stringContaining('denial notice is missing'),
      },
    ])
    const edited = await tampered(async (trx) => {
      await sql`update denial_notices set reason_codes = '{CP7}'
        where application_id = ${idOf(refs.refused)}`.execute(trx)
    })
    expect(edited.problems).toEqual([
      {
        kind: 'denial notice differs from its decision',
        message: expect.stringContaining('says reason_codes ["CP7"]'),
      },
    ])
    const withdrawn = await tampered(async (trx) => {
      await sql`update denial_notices set status = 'withdrawn'
        where application_id = ${idOf(refs.refused)}`.execute(trx)
    })
    expect(withdrawn.problems[0]?.message).toContain('says status "withdrawn"')
  })

  it('names a deleted leaf', async () => {
    const result = await tampered(async (trx) => {
      await sql`delete from log_leaves where index = (select max(index) from log_leaves)`.execute(
        trx,
      )
    })
    expect(result.problems).toEqual([{ kind: 'log tree', message: expect.stringMatching(/leaf/) }])
  })

  it('names a decision leaf whose bytes were rewritten (hashed by the register check)', async () => {
    const result = await tampered(async (trx) => {
      await sql`update log_leaves set leaf = replace(leaf, '"destination":"', '"destination":"X')
        where index = (select max(log_index) from decisions
                       where application_id = ${idOf(refs.granted)})`.execute(trx)
    })
    expect(result.problems).toEqual([
      {
        kind: 'log tree',
        message: expect.stringMatching(/^leaf \d+: stored hash does not match its bytes$/),
      },
    ])
  })

  it('names an altered report file', async () => {
    const result = await tampered(async (trx) => {
      await sql`update annual_report_files set content = convert_to('altered', 'UTF8')
        where name = 'report.json'`.execute(trx)
    })
    expect(result.problems).toContainEqual({
      kind: 'policy or report',
      message: expect.stringMatching(/^report DE \d{4} v1: the record says files/),
    })
  })

  it('names a policy version deleted after it was logged', async () => {
    const result = await tampered(async (trx) => {
      await sql`delete from assessments`.execute(trx)
      await sql`delete from policy_versions where version = 1`.execute(trx)
    })
    expect(result.problems).toContainEqual({
      kind: 'policy or report',
      message: expect.stringContaining('records policy-1, but no policy version points to it'),
    })
  })

  it('names a public reason rewritten in the decision or in the published register', async () => {
    const inDecision = await tampered(async (trx) => {
      await sql`update decisions set public_reason = 'No risk at all'
        where application_id = ${idOf(refs.refused)} and action = 'refuse'`.execute(trx)
    })
    expect(inDecision.problems).toContainEqual({
      kind: 'decision differs from its leaf',
      message: expect.stringContaining('publicReason no longer matches the commitment'),
    })
    const published = await tampered(async (trx) => {
      await sql`update applications set decision_public_reason = 'No risk at all'
        where id = ${idOf(refs.refused)}`.execute(trx)
    })
    expect(published.problems).toEqual([
      {
        kind: 'published reason differs from its decision',
        message: `${refs.refused}: the register publishes the reason "No risk at all", its latest decision "A clear risk that the items serve internal repression"`,
      },
    ])
  })

  it('names a decision whose public fields were changed', async () => {
    const result = await tampered(async (trx) => {
      await sql`update decisions set decided_on = '2020-01-01'
        where application_id = ${idOf(refs.imported)}`.execute(trx)
    })
    expect(result.problems).toContainEqual({
      kind: 'decision differs from its leaf',
      message: expect.stringContaining('the register says decidedOn "2020-01-01"'),
    })
  })
})
