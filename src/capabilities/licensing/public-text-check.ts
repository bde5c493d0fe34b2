// Before a decision publishes an application, every free text the register will publish is
// checked for names that must not be published: the texts written for publication (the
// decision's public reason, the exporter's intended-use summary) for the application's
// confidential parties (consignee, end user, intermediaries, agents), and every published text
// (those two, item descriptions, the end-user description, the government agency) for any
// natural person the authority's register holds. The officer is warned and may rewrite the text
// or publish anyway (`acknowledgePublicText`); the check never rewrites text itself.
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { AppError, type FieldIssue } from '../../platform/http/errors.ts'

export type PublicTexts = { publicReason: string | null; intendedUsePublic: string | null }

/** 422: the decision would publish a name; nothing was changed. */
export class PublicTextWarning extends AppError {
  constructor(issues: FieldIssue[]) {
    super(
      422,
      'public_text_warning',
      `The public text names a party or a natural person: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}. Rewrite it, or publish anyway with acknowledgePublicText`,
      { issues },
    )
  }
}

/** Names shorter than this (normalised) are too likely to be ordinary words to warn about. */
const SHORTEST_NAME = 4

/**
 * Lower case, accents and punctuation gone, one space between words, a space at each end: a
 * name is in a text when its normalised form is a run of whole words of the text's.
 */
export function normaliseForNames(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
  return ` ${words.join(' ')} `
}

/** The names from `names` that appear in `text` as whole words. */
export function namesIn(text: string, names: readonly string[]): string[] {
  const haystack = normaliseForNames(text)
  const found: string[] = []
  for (const name of names) {
    const needle = normaliseForNames(name)
    if (needle.length - 2 < SHORTEST_NAME) continue
    if (haystack.includes(needle) && !found.includes(name)) found.push(name)
  }
  return found
}

/**
 * Warnings for the application's public texts, one per field and kind of name. Runs in the
 * officer's tenant transaction: only the authority's own register is searched, so a warning
 * never reveals another authority's records.
 */
export async function checkPublicTexts(
  trx: Db,
  applicationId: number,
  texts: PublicTexts,
): Promise<FieldIssue[]> {
  const app = await trx
    .selectFrom('applications')
    .select([
      'consignee_name',
      'end_user_name',
      'end_user_type',
      'end_user_description',
      'government_agency',
    ])
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const [parties, items] = await Promise.all([
    trx
      .selectFrom('application_parties')
      .select('name')
      .where('application_id', '=', applicationId)
      .execute(),
    trx
      .selectFrom('application_items')
      .select(['line_no', 'description'])
      .where('application_id', '=', applicationId)
      .orderBy('line_no')
      .execute(),
  ])
  // Every free text the register publishes about the application. The two texts written for
  // publication may name no party; the descriptive fields (which may rightly name the end user
  // or the agency) may name no natural person.
  const published: { field: string; text: string | null; noParties: boolean }[] = [
    { field: 'publicReason', text: texts.publicReason, noParties: true },
    { field: 'intendedUsePublic', text: texts.intendedUsePublic, noParties: true },
    { field: 'governmentAgency', text: app.government_agency, noParties: false },
    // An individual end user's description is never published ("natural person").
    ...(app.end_user_type === 'individual'
      ? []
      : [{ field: 'endUser.description', text: app.end_user_description, noParties: false }]),
    ...items.map((item) => ({
      field: `items.${item.line_no - 1}.description`,
      text: item.description,
      noParties: false,
    })),
  ]
  const ownParties = [app.consignee_name, app.end_user_name, ...parties.map((p) => p.name)]
  const issues: FieldIssue[] = []
  for (const { field, text, noParties } of published) {
    if (!text?.trim()) continue
    const named = noParties ? namesIn(text, ownParties) : []
    if (named.length > 0)
      issues.push({
        field,
        message: `names a party of this application (${named.join(', ')}), which the register does not publish`,
      })
    const people = namesIn(text, await naturalPersonsNamedIn(trx, text))
    if (people.length > 0)
      issues.push({
        field,
        message: `names a natural person in the register (${people.join(', ')}); natural persons are never named in public`,
      })
  }
  return issues
}

/**
 * Natural persons of the register whose name occurs in the text (a first cut by the database,
 * case-insensitive; `namesIn` then keeps whole-word matches). End users and other parties of
 * the type 'individual'.
 */
async function naturalPersonsNamedIn(trx: Db, text: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct end_user_name as name from applications
    where end_user_type = 'individual' and length(end_user_name) >= ${SHORTEST_NAME}
      and strpos(lower(${text}), lower(end_user_name)) > 0
    union
    select distinct name from application_parties
    where party_type = 'individual' and length(name) >= ${SHORTEST_NAME}
      and strpos(lower(${text}), lower(name)) > 0
    limit 20`.execute(trx)
  return rows.map((r) => r.name)
}
