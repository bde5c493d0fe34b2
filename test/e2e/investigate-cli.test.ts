import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openPGlite } from '../../src/platform/db/database.ts'
import { glasshouse } from '../glasshouse-cli.ts'
import { inThePGlitePass } from '../pglite-pass.ts'

const BIN = new URL('../../bin/glasshouse.js', import.meta.url).pathname

inThePGlitePass('glasshouse investigate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-investigate-'))
  const dataDir = join(dir, 'data')

  /** No partial page: the counters are the rows', and no row lies beyond the cursor. */
  async function expectWholePages(id: number) {
    const opened = await openPGlite(dataDir)
    try {
      const run = await opened.db
        .selectFrom('investigations')
        .select(['cursor_application_id', 'findings_count', 'proposals_count', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      const rows = async (table: 'investigation_findings' | 'revocation_proposals') =>
        opened.db
          .selectFrom(table)
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            eb.fn.max('application_id').as('last'),
          ])
          .where('investigation_id', '=', id)
          .executeTakeFirstOrThrow()
      const findings = await rows('investigation_findings')
      const proposals = await rows('revocation_proposals')
      expect(Number(findings.n)).toBe(Number(run.findings_count))
      expect(Number(proposals.n)).toBe(Number(run.proposals_count))
      for (const last of [findings.last, proposals.last])
        if (last !== null)
          expect(Number(last)).toBeLessThanOrEqual(Number(run.cursor_application_id))
    } finally {
      await opened.close()
    }
  }

  it('explains itself; a register under a moratorium to investigate', async () => {
    const help = await glasshouse(['investigate', '--help'], dataDir)
    expect(help.stdout).toContain('glasshouse investigate --resume ID')
    expect((await glasshouse(['demo', '--applications', '1000'], dataDir)).code).toBe(0)
    expect(
      (await glasshouse(['policy', 'moratorium', 'on', '--reason', 'Moratorium adopted'], dataDir))
        .code,
    ).toBe(0)
  })

  it('refuses bad scopes, naming the key or the field', async () => {
    const unknownKey = await glasshouse(
      ['investigate', '--reason', 'x y z', '--scope', 'colour=red'],
      dataDir,
    )
    expect(unknownKey.code).toBe(2)
    expect(unknownKey.stderr).toContain('colour=red')
    const badValue = await glasshouse(
      ['investigate', '--reason', 'x y z', '--scope', 'destination=Narnia'],
      dataDir,
    )
    expect(badValue.code).toBe(1)
    expect(badValue.stderr).toContain('scope.destinations.0')
    expect((await glasshouse(['investigate'], dataDir)).code).toBe(2)
  })

  let id = 0
  it('re-screens the granted licences in scope with a progress bar', async () => {
    const run = await glasshouse(
      [
        'investigate',
        '--reason',
        'Moratorium adopted: German licences re-screened',
        '--scope',
        'issuing_state=DE',
        '--page-size',
        '10',
        '--json',
      ],
      dataDir,
    )
    expect(run.code, run.stderr).toBe(0)
    const done = JSON.parse(run.stdout) as {
      id: number
      status: string
      progress: { inScope: number; licencesDone: number; proposals: number }
    }
    expect(done.status).toBe('completed')
    expect(done.progress.inScope).toBeGreaterThan(0)
    expect(done.progress.licencesDone).toBe(done.progress.inScope)
    expect(done.progress.proposals).toBeGreaterThan(0)
    id = done.id
  })

  it('only reports a completed investigation on --resume, and writes its report', async () => {
    const done = { id }
    // Resuming a completed one only reports it.
    const again = await glasshouse(['investigate', '--resume', String(done.id)], dataDir)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(`Investigation ${done.id} (completed)`)

    const csvFile = join(dir, 'report.csv')
    const report = await glasshouse(
      ['investigate', 'report', String(done.id), '--format', 'csv', '--out', csvFile],
      dataDir,
    )
    expect(report.code, report.stderr).toBe(0)
    const lines = readFileSync(csvFile, 'utf8').trim().split('\r\n')
    expect(lines[0]).toMatch(/^reference,issuing_state,authority/)
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'DE')).toBe(true)
    expect(lines.some((l) => l.includes('moratorium_applies'))).toBe(true)
  })

  it('killed mid-run (SIGKILL), resumes to the same findings as an uninterrupted run', async () => {
    const reason = 'Kill and resume'
    // The killed runs: SIGKILL at a random moment after a run reports progress, so the kill
    // lands between pages or inside one (assessing, or committing its findings and cursor).
    // After each, the log verifies and the investigation holds whole pages only.
    const killed = async (args: string[]) => {
      const child = spawn(process.execPath, [BIN, 'investigate', ...args, '--data-dir', dataDir], {
        env: { ...process.env, DATABASE_URL: '' },
      })
      let stderr = ''
      const id = await new Promise<number>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString()
          const match = /investigation (\d+):/.exec(stderr)
          if (match) {
            setTimeout(() => child.kill('SIGKILL'), Math.random() * 300)
            resolve(Number(match[1]))
          }
        })
        child.on('exit', () => reject(new Error(`ended before reporting progress: ${stderr}`)))
      })
      await new Promise((resolve) => child.once('exit', resolve))
      const verified = await glasshouse(['log', 'verify'], dataDir)
      expect(verified.code, verified.stderr).toBe(0)
      await expectWholePages(id)
      return id
    }
    const killedId = await killed(['--reason', reason, '--page-size', '3'])
    await killed(['--resume', String(killedId)])
    await killed(['--resume', String(killedId)])

    const resumed = await glasshouse(
      ['investigate', '--resume', String(killedId), '--json'],
      dataDir,
    )
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(JSON.parse(resumed.stdout)).toMatchObject({ id: killedId, status: 'completed' })
    const whole = await glasshouse(
      ['investigate', '--reason', reason, '--page-size', '3', '--json'],
      dataDir,
    )
    const wholeId = (JSON.parse(whole.stdout) as { id: number }).id
    const licences = async (reportId: number) => {
      const report = await glasshouse(['investigate', 'report', String(reportId)], dataDir)
      return (JSON.parse(report.stdout) as { licences: unknown[] }).licences
    }
    const expected = await licences(wholeId)
    expect(expected.length).toBeGreaterThan(0)
    expect(await licences(killedId)).toEqual(expected)
  })
})
