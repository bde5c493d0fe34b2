import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { applicationBody } from '../factories.ts'
import { glasshouse } from '../glasshouse-cli.ts'
import { inThePGlitePass } from '../pglite-pass.ts'
import { api, killMidBurst, officialToken, serve } from '../serve-child.ts'

inThePGlitePass('the decision log after a SIGKILL', () => {
  it('restarts to a log that verifies and holds exactly the committed decisions', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'glasshouse-kill-')), 'data')
    const port = 18000 + Math.floor(Math.random() * 2000)
    const token = await officialToken(dataDir)
    const server = await serve(dataDir, port)
    const call = api(port, token)
    const references: string[] = []
    for (let i = 0; i < 30; i++) {
      const body = applicationBody()
      expect((await call('POST', '/api/v1/applications', body)).status).toBe(201)
      for (const step of ['submit', 'review'])
        expect((await call('POST', `/api/v1/applications/${body.reference}/${step}`)).status).toBe(
          200,
        )
      references.push(body.reference)
    }

    // A burst of refusals; the server is killed while they are in flight.
    // Kill once a few have been acknowledged, so some are committed and some are in flight.
    const acknowledged = await killMidBurst(
      server,
      references.map((reference) =>
        call('POST', `/api/v1/applications/${reference}/decision`, {
          decision: 'refused',
          reasons: ['CP2'],
          explanation: 'Risk of internal repression',
        }),
      ),
      200,
      3,
      2000,
    )

    // Restarted, the log verifies, and every leaf is one committed decision: none lost, none extra.
    const verified = await glasshouse(['log', 'verify', '--json'], dataDir)
    expect(verified.code, verified.stderr).toBe(0)
    const result = JSON.parse(verified.stdout) as {
      leaves: number
      decisions: number
      policies: number
    }
    // Policy version 1, logged at first start, and one leaf per committed decision.
    expect(result.policies).toBe(1)
    expect(result.leaves).toBe(result.decisions + result.policies)
    expect(result.decisions).toBeGreaterThanOrEqual(acknowledged)
    expect(result.decisions).toBeLessThan(references.length)
  }, 120_000)
})
