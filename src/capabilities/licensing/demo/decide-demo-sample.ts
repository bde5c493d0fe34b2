import type { Db } from '../../../platform/db/database.ts'
import { findUserByEmail, principalOf } from '../../accounts/user.repository.ts'
import type { LicensingService } from '../licensing.service.ts'

/** How many of the demo queue's applications are decided at start, through the lifecycle. */
const SAMPLE = 8

/**
 * The demo register is history written in bulk (logged, marked as demo). So that the log also
 * holds decisions taken as officers take them, a few of the demo queue's applications are decided
 * once at first start: through the licensing service (four-eyes, reasons, the assessment's
 * recommendation), each appended to the signed log. Runs only while no officer has decided
 * anything yet and the demo officers exist.
 */
export async function decideDemoSample(db: Db, licensing: LicensingService): Promise<number> {
  const decided = await db
    .selectFrom('decisions')
    .select('id')
    .where('origin', '=', 'api')
    .limit(1)
    .executeTakeFirst()
  if (decided) return 0
  const [officerRow, seniorRow] = await Promise.all([
    findUserByEmail(db, 'officer@demo.invalid'),
    findUserByEmail(db, 'senior@demo.invalid'),
  ])
  if (!officerRow || !seniorRow) return 0
  const officer = principalOf(officerRow)
  const senior = principalOf(seniorRow)
  const queue = await db
    .selectFrom('applications as a')
    .select(['a.reference', 'a.state'])
    .select((eb) =>
      eb
        .selectFrom('assessments as s')
        .select('s.recommendation')
        .whereRef('s.application_id', '=', 'a.id')
        .orderBy('s.id', 'desc')
        .limit(1)
        .as('recommendation'),
    )
    .where('a.authority_id', '=', 'de-bafa')
    .where('a.state', 'in', ['submitted', 'under_review'])
    .orderBy('a.id')
    .limit(SAMPLE)
    .execute()
  for (const [i, application] of queue.entries()) {
    if (application.state === 'submitted')
      await licensing.act(application.reference, 'start_review', { reasons: [] }, officer)
    const refuse = application.recommendation === 'refuse' || i % 3 === 2
    if (refuse) {
      await licensing.act(
        application.reference,
        'refuse',
        {
          reasons: ['CP2'],
          explanation:
            'A clear risk that the items might be used for internal repression (demo decision).',
          publicReason:
            'A clear risk that the items might be used for internal repression (criterion 2(c)).',
          ...(application.recommendation === 'refuse'
            ? {}
            : { justification: 'Refused on the officer’s own review of the end use (demo).' }),
        },
        officer,
      )
      continue
    }
    const proposed = await licensing.act(
      application.reference,
      'grant',
      {
        reasons: ['NO_SIGNIFICANT_RISK'],
        explanation: 'Granted with end-use assurances (demo decision).',
        publicReason: 'Granted with end-use assurances.',
        ...(application.recommendation === 'approve' ||
        application.recommendation === 'approve_with_conditions'
          ? {}
          : { justification: 'End-use assurances outweigh the findings (demo).' }),
      },
      officer,
    )
    if (proposed.pendingConfirmation)
      await licensing.confirm(application.reference, { confirm: true }, senior)
  }
  return queue.length
}
