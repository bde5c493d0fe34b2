import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../../test/test-database.ts'
import { seedDemoAccountsIfNone } from './seed-demo-accounts.ts'

const database = useTestDatabase()
const dir = mkdtempSync(join(tmpdir(), 'glasshouse-demo-accounts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe(seedDemoAccountsIfNone.name, () => {
  it('writes the random passwords to a file only the owner can read, even under umask 000, once', async () => {
    const umask = process.umask(0o000)
    try {
      const file = await seedDemoAccountsIfNone(database.db, dir)
      expect(file).toBe(join(dir, 'demo-accounts.txt'))
      expect(statSync(join(dir, 'demo-accounts.txt')).mode & 0o7777).toBe(0o600)
      expect(readFileSync(join(dir, 'demo-accounts.txt'), 'utf8')).toMatch(
        /admin@demo\.invalid\s+\S{16}/,
      )
      expect(await seedDemoAccountsIfNone(database.db, dir)).toBeNull()
    } finally {
      process.umask(umask)
    }
  })
})
