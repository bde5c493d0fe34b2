import { describe, expect, it } from 'vitest'
import type { PublicDecisionRow } from './licence-page.repository.ts'
import { VerifySection } from './licence-verify.tsx'

const LOG = {
  origin: 'test.glasshouse/decision-log',
  vkey: 'test.glasshouse/decision-log+abcd1234+AAAA',
}

function row(fields: Partial<PublicDecisionRow> & Pick<PublicDecisionRow, 'action'>) {
  return {
    fromState: null,
    toState: 'granted',
    decidedOn: '2026-01-15',
    reasonCodes: [],
    publicReason: null,
    againstRecommendation: false,
    logIndex: null,
    mark: null,
    ...fields,
  } satisfies PublicDecisionRow
}

const submitted = row({ action: 'submit', toState: 'submitted', decidedOn: '2025-11-02' })
const reviewed = row({ action: 'start_review', toState: 'under_review', decidedOn: '2025-11-03' })

/** The section's HTML, and its text as a reader sees it (inline tags dropped, entities decoded). */
function render(history: PublicDecisionRow[], log: typeof LOG | null = LOG) {
  const html = String(
    <VerifySection reference="DE-2026-000001" log={log ?? undefined} history={history} />,
  )
  const text = html
    .replace(/<\/?(code|strong|a)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
  return { html, text }
}

describe(VerifySection.name, () => {
  it('offers Verify for logged decisions, counting them', () => {
    const { html, text } = render([
      submitted,
      reviewed,
      row({ action: 'grant', fromState: 'under_review', logIndex: 7 }),
    ])
    expect(html).toContain('data-verify-button')
    expect(html).toContain('/static/verify-licence.js')
    expect(text).toContain('that the logged decision above is in the log')
    expect(text).not.toContain('recorded before this register logged every decision')
    expect(text).not.toContain('"origin": "demo"')
  })

  it('says an application with no decision yet has nothing in the log', () => {
    for (const history of [[], [submitted], [submitted, reviewed]]) {
      const { html, text } = render(history)
      expect(text).toContain('Pending: nothing has been decided, so nothing is in the log yet.')
      expect(html).not.toContain('data-verify-button')
      expect(html).not.toContain('/static/verify-licence.js')
    }
  })

  it('names a decision recorded before the log covered every decision, with its date, and offers no Verify', () => {
    const { html, text } = render([
      row({ action: 'import', toState: 'refused', decidedOn: '2019-06-30', mark: 'imported' }),
    ])
    expect(text).toContain(
      'The decision of 2019-06-30 (imported as refused) was recorded before this register logged every decision; the authority has not yet brought it into the log.',
    )
    expect(html).not.toContain('data-verify-button')
    expect(html).not.toContain('/static/verify-licence.js')
  })

  it('offers Verify for the logged decisions and names each one not yet brought into the log', () => {
    const { html, text } = render([
      submitted,
      reviewed,
      row({ action: 'grant', fromState: 'under_review', decidedOn: '2024-02-01' }),
      row({ action: 'suspend', toState: 'suspended', decidedOn: '2024-09-10' }),
      row({ action: 'reinstate', toState: 'granted', decidedOn: '2027-01-05', logIndex: 41 }),
    ])
    expect(html).toContain('data-verify-button')
    expect(text).toContain('that the logged decision above is in the log')
    expect(text).toContain(
      'The decision of 2024-02-01 (granted) and the decision of 2024-09-10 (suspended) were recorded before this register logged every decision; the authority has not yet brought them into the log. Verify cannot check them until it does.',
    )
  })

  it('says how the log marks imported and demo decisions', () => {
    const imported = render([row({ action: 'import', logIndex: 3, mark: 'imported' })]).text
    expect(imported).toContain('marked "imported": true, with the SHA-256 of the file')
    expect(imported).not.toContain('demo')
    const demo = render([
      row({ action: 'grant', fromState: 'under_review', logIndex: 4, mark: 'demo' }),
      row({ action: 'revoke', toState: 'revoked', logIndex: 5, mark: 'demo' }),
    ]).text
    expect(demo).toContain('that the 2 logged decisions above are in the log')
    expect(demo).toContain(
      'This is fictional demo data: its log records are marked "origin": "demo".',
    )
  })

  it('says the log is not enabled, whatever the history', () => {
    const { html, text } = render([row({ action: 'grant', logIndex: 1 })], null)
    expect(text).toContain('The public decision log is not enabled on this server')
    expect(html).not.toContain('data-verify-button')
  })
})
