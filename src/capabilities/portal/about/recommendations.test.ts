import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testApp } from '../../../../test/factories.ts'
import { useTestDatabase } from '../../../../test/test-database.ts'

// Issue 17, item 9: /recommendations lists every recommendation of the briefing, each with what
// Glasshouse does about it; none is called "in progress".
const BRIEFING = new URL('../../../../../shared/design/briefing.md', import.meta.url)

/** The bold lead of every top-level recommendation, as the briefing words it. */
function briefingRecommendations(): string[] {
  return readFileSync(BRIEFING, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('- **'))
    .map((line) => line.slice(4, line.indexOf('**', 4)))
}

const decoded = (html: string) =>
  html
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('’', "'")

describe('/recommendations', () => {
  const database = useTestDatabase()

  it('quotes every recommendation of the briefing, and calls nothing "in progress"', async () => {
    const leads = briefingRecommendations()
    expect(leads).toHaveLength(13)
    const html = decoded(await (await testApp(database.db).app.request('/recommendations')).text())
    for (const lead of leads) expect(html, lead).toContain(decoded(lead).slice(0, 60))
    expect(html).not.toMatch(/in progress/i)
  })
})
