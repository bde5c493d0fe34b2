import { describe, expect, it } from 'vitest'
import { applicationBody, testApp } from '../../../test/factories.ts'
import { useTestDatabase } from '../../../test/test-database.ts'

const database = useTestDatabase()

/** A refused licence, decided through the API, so it is published and in the decision log. */
async function refuse(t: ReturnType<typeof testApp>, overrides: Record<string, unknown> = {}) {
  const created = await t.call('POST', '/api/v1/applications', applicationBody(overrides))
  const { reference } = (await created.json()) as { reference: string }
  await t.call('POST', `/api/v1/applications/${reference}/submit`)
  await t.call('POST', `/api/v1/applications/${reference}/review`)
  const refused = await t.call('POST', `/api/v1/applications/${reference}/decision`, {
    decision: 'refused',
    reasons: ['CP2'],
    explanation: 'A clear risk of use for internal repression.',
  })
  expect(refused.status, await refused.clone().text()).toBe(200)
  return reference
}

describe('portal pages', () => {
  it('lists a decided licence on the register, linked to its page, and counts the matches', async () => {
    const t = testApp(database.db)
    const reference = await refuse(t, { destination: 'SA' })
    const page = await (await t.app.request('/register?destination=SA&decision=refused')).text()
    expect(page).toContain(`href="/licences/${reference}"`)
    expect(page).toMatch(/1–1 of 1 licences/)
    expect(page).toContain('<title>Register, to Saudi Arabia, refused — Glasshouse</title>')
    const none = await (await t.app.request('/register?destination=NO')).text()
    expect(none).toContain('No licences match')
  })

  it('answers a search it cannot run with 400 naming each wrong field, page or download', async () => {
    const t = testApp(database.db)
    const page = await t.app.request('/register?destination=Saudi&page=401&size=7')
    expect(page.status).toBe(400)
    const text = await page.text()
    expect(text).toContain('destination: ISO 3166-1 alpha-2')
    expect(text).toContain('page: at most 400')
    expect(text).toContain('size: one of 25, 50, 100')
    const download = await t.app.request('/register/licences.csv?year=next')
    expect(download.status).toBe(400)
    expect(await download.text()).toMatch(/^year: /)
  })

  it('streams the selection as CSV and JSON, public fields only', async () => {
    const t = testApp(database.db)
    const reference = await refuse(t, { destination: 'BH' })
    const csv = await t.app.request('/register/licences.csv?destination=BH')
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toContain('glasshouse-licences.csv')
    const lines = (await csv.text()).trim().split('\n')
    expect(lines[0]).toMatch(/^reference,issuing_state,/)
    expect(lines.slice(1).every((line) => line.startsWith(`${reference},`))).toBe(true)
    const json = (await (await t.app.request('/register/licences.json?destination=BH')).json()) as {
      reference: string
    }[]
    expect(json.map((l) => l.reference)).toEqual([reference])
  })

  it('gives public pages an ETag and answers a revalidation with 304 and no body', async () => {
    const t = testApp(database.db)
    for (const path of ['/', '/register', '/decision-log', '/open-data', '/recommendations']) {
      const first = await t.app.request(path)
      expect(first.status, path).toBe(200)
      const tag = first.headers.get('etag')
      expect(tag, path).toMatch(/^"[0-9a-f]+"$/)
      expect(first.headers.get('cache-control'), path).toBe('public, no-cache')
      const again = await t.app.request(path, { headers: { 'if-none-match': tag ?? '' } })
      expect(again.status, path).toBe(304)
      expect(await again.text()).toBe('')
      expect(again.headers.get('cache-control')).toBe('public, no-cache')
    }
    const download = await t.app.request('/register/licences.csv')
    expect(download.headers.get('etag')).toBeNull()
  })

  it('shows the latest signed checkpoint on the home page and the decision-log page', async () => {
    const t = testApp(database.db)
    await refuse(t)
    const home = await (await t.app.request('/')).text()
    expect(home).toMatch(/The latest signed checkpoint covers <strong>\d+<\/strong> logged records/)
    const log = await (await t.app.request('/decision-log')).text()
    expect(log).toContain('test.glasshouse/decision-log')
    expect(log).toContain('The most recent checkpoints')
    expect(log).toContain('glasshouse log check proof.json --vkey')
  })

  it('says what the decision log covers, what is not in it, and how anyone can check it', async () => {
    const t = testApp(database.db)
    const words = (html: string) =>
      html
        .replace(/<\/?(code|strong|a)\b[^>]*>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replaceAll('&quot;', '"')
        .replaceAll('&#39;', "'")
        .replace(/\s+/g, ' ')
    const home = words(await (await t.app.request('/')).text())
    expect(home).toContain('Every decision in this register is in the signed decision log')
    expect(home).toContain("imported from an authority's earlier records (marked as imported")
    expect(home).toContain('the fictional demo register (marked as demo)')
    expect(home).toContain('Drafts and applications not yet decided are not in it')
    expect(home).toContain('glasshouse log monitor')
    const log = words(await (await t.app.request('/decision-log')).text())
    expect(log).toContain('What the log covers')
    expect(log).toContain('marked "imported": true, with "sourceSha256"')
    expect(log).toContain('marked "origin": "demo"')
    expect(log).toContain("version 1 is the log's first policy record")
    expect(log).toContain('Every published annual report, with the SHA-256 of each of its files')
    expect(log).toContain('What is not in it')
    expect(log).toContain('Drafts, submissions and the start of a review')
    expect(log).toContain('only as salted SHA-256 commitments')
    expect(log).toContain('glasshouse log backfill')
    expect(log).toContain('npx glasshouse log monitor $SITE --vkey "$VKEY"')
    expect(log).toContain('--cosign witness.skey')
    expect(log).toContain('every decision has its record and every record its decision')
  })
})
