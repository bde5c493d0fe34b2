import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { createOfficial, testDecisionLog } from '../../../test/factories.ts'
import { useTestDatabase } from '../../../test/test-database.ts'
import { fixedClock } from '../../platform/clock.ts'
import { AppError } from '../../platform/http/errors.ts'
import type { Principal } from '../accounts/principal.ts'
import type { RegisterRecord } from './application.ts'
import { createLicensingService } from './licensing.service.ts'
import {
  type ApplicationState,
  ApplicationStateSchema,
  type LifecycleAction,
  LifecycleActionSchema,
  TRANSITIONS,
} from './lifecycle.ts'
import { writeRecords } from './register-writer.ts'

const database = useTestDatabase()
const clock = fixedClock('2026-06-01T12:00:00Z')
let officer: Principal
let secondOfficer: Principal
beforeAll(async () => {
  officer = await createOfficial(database.db, 'se-isp')
  secondOfficer = await createOfficial(database.db, 'se-isp')
})

/** Puts an application straight into `state` (as an import would), with a licence where one exists. */
async function applicationIn(state: ApplicationState): Promise<string> {
  const reference = `LC-${state}-${randomBytes(4).toString('hex')}`
  const decided = !['draft', 'submitted', 'under_review'].includes(state)
  const record: RegisterRecord = {
    reference,
    authorityId: 'se-isp',
    issuingState: 'SE',
    licenceType: 'individual',
    gea: null,
    exporter: { name: 'Kestrel Signals AB', country: 'SE', id: null },
    consignee: { name: `Consignee ${reference}`, country: 'KZ' },
    endUser: {
      name: `End user ${reference}`,
      country: 'KZ',
      type: 'government_police',
      description: 'Police',
    },
    parties: [],
    governmentAgency: null,
    destination: 'KZ',
    intendedUse: 'Investigations',
    items: [
      {
        controlEntry: '5A001.f.2',
        description: 'IMSI catcher',
        quantity: '1',
        valueMinor: 100,
        currency: 'SEK',
      },
    ],
    state,
    submittedOn: state === 'draft' ? null : '2024-01-10',
    decidedOn: decided ? '2024-02-01' : null,
    decisionReasons: [],
    decisionExplanation: null,
  }
  await database.db.transaction().execute((trx) =>
    writeRecords(
      trx,
      [
        {
          ...record,
          licence: { number: reference, validFrom: '2024-02-01', validUntil: '2026-01-31' },
        },
      ],
      { actor: 'test', origin: 'import', log: testDecisionLog() },
    ),
  )
  return reference
}

const INPUT: Record<LifecycleAction, { reasons: string[]; explanation?: string }> = {
  submit: { reasons: [] },
  start_review: { reasons: [] },
  grant: { reasons: ['CONDITIONS'] },
  refuse: { reasons: ['CP2'], explanation: 'Clear risk of internal repression' },
  withdraw: { reasons: [] },
  suspend: { reasons: ['NEW_EVIDENCE'], explanation: 'Under examination' },
  reinstate: { reasons: [] },
  revoke: { reasons: ['POLICY_CHANGE'], explanation: 'Moratorium' },
  annul: { reasons: ['NON_COMPLIANCE'], explanation: 'False end-user statement' },
  expire: { reasons: [] },
}

/** Four-eyes under the default policy: every revocation, annulment and suspension. */
const FOUR_EYES: readonly LifecycleAction[] = ['revoke', 'annul', 'suspend']

const MATRIX = ApplicationStateSchema.options.flatMap((state) =>
  LifecycleActionSchema.options.map((action) => [state, action] as const),
)

describe('every lifecycle transition through the service', () => {
  it.each(MATRIX)('%s --%s-->', async (state, action) => {
    const service = createLicensingService({
      db: database.db,
      clock,
      decisionLog: testDecisionLog(),
    })
    const reference = await applicationIn(state)
    const allowed = TRANSITIONS[action].from.includes(state)
    if (allowed) {
      let after = await service.act(reference, action, INPUT[action], officer)
      if (FOUR_EYES.includes(action)) {
        // Four-eyes: the decision waits for a second officer, and the first cannot confirm it.
        expect(after.state).toBe(state)
        expect(after.pendingConfirmation).toMatchObject({ action, proposedBy: officer.userId })
        await expect(service.confirm(reference, { confirm: true }, officer)).rejects.toMatchObject({
          status: 403,
        })
        after = await service.confirm(reference, { confirm: true }, secondOfficer)
        expect(after.pendingConfirmation).toBeNull()
      }
      expect(after.state).toBe(TRANSITIONS[action].to)
      expect(after.history.at(-1)).toMatchObject({
        action,
        fromState: state,
        toState: after.state,
        actor: officer.userId,
        confirmedBy: FOUR_EYES.includes(action) ? secondOfficer.userId : null,
        reasons: INPUT[action].reasons,
      })
      if (action === 'grant') expect(after.licence?.validUntil).toBe('2028-05-31')
      return
    }
    const error = await service
      .act(reference, action, INPUT[action], officer)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ status: 409, code: 'invalid_transition' })
    const unchanged = await service.get(reference, officer)
    expect(unchanged.state).toBe(state)
    expect(unchanged.history.map((h) => h.action)).toEqual(['import'])
  })

  it('creates a denial notice for refusals, revocations and annulments only', async () => {
    const service = createLicensingService({
      db: database.db,
      clock,
      decisionLog: testDecisionLog(),
    })
    for (const [state, action, expected] of [
      ['under_review', 'refuse', 1],
      ['granted', 'revoke', 1],
      ['granted', 'annul', 1],
      ['granted', 'suspend', 0],
      ['under_review', 'withdraw', 0],
    ] as const) {
      const reference = await applicationIn(state)
      await service.act(reference, action, INPUT[action], officer)
      if (FOUR_EYES.includes(action))
        await service.confirm(reference, { confirm: true }, secondOfficer)
      const notices = await database.db
        .selectFrom('denial_notices as n')
        .innerJoin('applications as a', 'a.id', 'n.application_id')
        .select('n.kind')
        .where('a.reference', '=', reference)
        .execute()
      expect(notices, `${state} ${action}`).toHaveLength(expected)
    }
  })

  it('will not expire a licence before its validity ends, nor decide in the future', async () => {
    const service = createLicensingService({
      db: database.db,
      clock: fixedClock('2025-06-01T00:00:00Z'),
      decisionLog: testDecisionLog(),
    })
    const reference = await applicationIn('granted')
    await expect(service.act(reference, 'expire', { reasons: [] }, officer)).rejects.toMatchObject({
      code: 'licence_still_valid',
    })
    await expect(
      service.act(reference, 'suspend', { ...INPUT.suspend, decidedOn: '2025-07-01' }, officer),
    ).rejects.toMatchObject({ status: 400, issues: [{ field: 'decidedOn' }] })
  })

  it('keeps the decision log append-only in the database', async () => {
    await expect(
      database.db.updateTable('decisions').set({ actor: 'someone else' }).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(database.db.deleteFrom('decisions').execute()).rejects.toThrow(/append-only/)
  })
})
