import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest'
import { inThePGlitePass } from '../../../test/pglite-pass.ts'
import { openPGlite } from './database.ts'

const root = mkdtempSync(join(tmpdir(), 'glasshouse-data-dir-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** The process umask, read without the deprecated argument-less call. */
function currentUmask(): number {
  const mask = process.umask(0o022)
  process.umask(mask)
  return mask
}

let umaskBefore = 0
beforeEach(() => {
  umaskBefore = currentUmask()
})
afterEach(() => {
  process.umask(umaskBefore)
})

/** Every directory and file under `dir` (itself included) with its permission bits, in octal. */
function modes(dir: string): { path: string; kind: 'dir' | 'file'; mode: string }[] {
  const found: { path: string; kind: 'dir' | 'file'; mode: string }[] = []
  const walk = (path: string) => {
    const stat = lstatSync(path)
    const kind = stat.isDirectory() ? 'dir' : 'file'
    found.push({
      path: path.slice(dir.length) || '.',
      kind,
      mode: (stat.mode & 0o7777).toString(8),
    })
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }
  walk(dir)
  return found
}

function loose(dir: string) {
  return modes(dir).filter((e) => e.mode !== (e.kind === 'dir' ? '700' : '600'))
}

async function openWriteClose(dataDir: string, checkWhileOpen = false) {
  const opened = await openPGlite(dataDir)
  await sql`create table if not exists notes (id serial primary key, body text)`.execute(opened.db)
  await sql`insert into notes (body) select 'note ' || n from generate_series(1, 2000) n`.execute(
    opened.db,
  )
  await sql`checkpoint`.execute(opened.db)
  const whileOpen = checkWhileOpen ? loose(dataDir) : []
  await opened.close()
  return whileOpen
}

inThePGlitePass('the PGlite data directory', () => {
  for (const umask of [0o022, 0o000]) {
    it(`is owner-only, every directory 0700 and every file 0600, under umask ${umask.toString(8).padStart(3, '0')}`, async () => {
      process.umask(umask)
      const dataDir = join(root, `fresh-${umask.toString(8)}`, 'data')
      const whileOpen = await openWriteClose(dataDir, true)
      const tree = modes(dataDir)
      expect(tree.filter((e) => e.kind === 'file').length).toBeGreaterThan(100)
      expect(whileOpen).toEqual([])
      expect(loose(dataDir)).toEqual([])
      // Reopening the same files (startup rewrites some of them) keeps it so.
      await openWriteClose(dataDir)
      expect(loose(dataDir)).toEqual([])
      // The umask the process had is given back.
      expect(currentUmask()).toBe(umask)
    })
  }

  it('is tightened when an older directory with loose modes is opened', async () => {
    process.umask(0o022)
    const dataDir = join(root, 'older', 'data')
    await openWriteClose(dataDir)
    // What an older Glasshouse left behind: PGlite's own 0666 files, 0755 directories, a stray file.
    for (const entry of modes(dataDir))
      chmodSync(join(dataDir, entry.path), entry.kind === 'dir' ? 0o755 : 0o666)
    mkdirSync(join(dataDir, 'notes'), { mode: 0o777 })
    writeFileSync(join(dataDir, 'notes', 'readme.txt'), 'hello', { mode: 0o644 })
    expect(loose(dataDir).length).toBeGreaterThan(100)

    const opened = await openPGlite(dataDir)
    expect(loose(dataDir)).toEqual([])
    const rows = await sql<{ n: number }>`select count(*)::int as n from notes`.execute(opened.db)
    expect(rows.rows[0]?.n).toBe(2000)
    await opened.close()
    expect(loose(dataDir)).toEqual([])
  })
})
