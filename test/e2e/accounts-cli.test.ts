import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { activateAccount } from '../../src/capabilities/accounts/activation.ts'
import { createLogin } from '../../src/capabilities/accounts/login.ts'
import { findUserByEmail } from '../../src/capabilities/accounts/user.repository.ts'
import { systemClock } from '../../src/platform/clock.ts'
import { openMigratedDatabase } from '../../src/platform/db/open-migrated.ts'
import { glasshouse } from '../glasshouse-cli.ts'
import { inThePGlitePass } from '../pglite-pass.ts'

const BIN = new URL('../../bin/glasshouse.js', import.meta.url).pathname

/** Runs the binary with a password piped on stdin, as an operator would. */
function withStdin(args: string[], dataDir: string, input: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args, '--data-dir', dataDir],
      { env: { ...process.env, DATABASE_URL: '' } },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        }),
    )
    child.stdin?.end(input)
  })
}

inThePGlitePass('glasshouse users', () => {
  it('creates the first administrator with a piped password, changes it, and refuses bad input', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'glasshouse-users-')), 'data')
    const first = 'the first long password'
    const added = await withStdin(
      [
        'users',
        'add',
        '--role',
        'admin',
        '--email',
        'Admin@Example.org',
        '--password-stdin',
        '--json',
      ],
      dataDir,
      `${first}\n`,
    )
    expect(added.code, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ email: 'admin@example.org', role: 'admin' })
    expect(added.stdout).not.toContain(first)

    const changed = await withStdin(
      ['users', 'set-password', 'admin@example.org'],
      dataDir,
      'a new long password\n',
    )
    expect(changed.code, changed.stderr).toBe(0)
    const short = await withStdin(
      ['users', 'set-password', 'admin@example.org'],
      dataDir,
      'short\n',
    )
    expect(short.code).toBe(1)
    expect(short.stderr).toContain('password')
    // Longer than any password may be: refused without reading the rest or hashing it.
    const huge = await withStdin(
      ['users', 'set-password', 'admin@example.org'],
      dataDir,
      `${'p'.repeat(20_000)}\n`,
    )
    expect(huge.code).toBe(2)
    expect(huge.stderr).toContain('longer than 1,024 characters')

    const officer = await glasshouse(
      ['users', 'add', '--role', 'officer', '--email', 'o@example.org'],
      dataDir,
    )
    expect(officer.code).toBe(1)
    expect(officer.stderr).toContain('authority')
    // An officer gets no password from the administrator: a one-time link for its owner instead.
    const invited = await glasshouse(
      ['users', 'add', '--role', 'officer', '--authority', 'de-bafa', '--email', 'o@example.org'],
      dataDir,
    )
    expect(invited.code, invited.stderr).toBe(0)
    expect(invited.stdout).toMatch(/Activation link .*: \/activate\?token=[\w-]{43} on the server/)
    const relinked = await glasshouse(
      ['users', 'activation-link', 'o@example.org', '--json'],
      dataDir,
    )
    expect(relinked.code, relinked.stderr).toBe(0)
    const { activation } = JSON.parse(relinked.stdout) as { activation: { token: string } }
    const listed = await glasshouse(['users', 'list'], dataDir)
    expect(listed.stdout).toMatch(/o@example\.org .* \(not activated by its owner\)/)

    const { db, close } = await openMigratedDatabase({ kind: 'pglite', dataDir })
    try {
      const { login } = createLogin({ db, clock: systemClock })
      expect(await login('admin@example.org', first, 'cli-test')).toMatchObject({ ok: false })
      expect(await login('admin@example.org', 'a new long password', 'cli-test')).toMatchObject({
        ok: true,
      })
      // The newer link replaced the first; the owner sets their own password with it.
      const officerRow = await findUserByEmail(db, 'o@example.org')
      await activateAccount(db, activation.token, 'the officer chose this', new Date())
      expect(await findUserByEmail(db, 'o@example.org')).toMatchObject({
        password_set_by: 'owner',
        activated_at: expect.any(Date),
      })
      const trail = await db
        .selectFrom('audit_events')
        .select('action')
        .where('subject', '=', officerRow?.id ?? '')
        .orderBy('id')
        .execute()
      expect(trail.map((e) => e.action)).toEqual([
        'user.create',
        'user.activation_link',
        'user.activation_link',
        'user.activate',
      ])
    } finally {
      await close()
    }
  }, 120_000)
})
