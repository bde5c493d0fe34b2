// Owner-only directories and files (0700, 0600), for the data directory and what is kept in it:
// nobody but its owner may read them, whatever the umask of the shell that started the process.
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `dir` (and any missing parents) if absent and makes the directory itself owner-only. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  if ((statSync(dir).mode & 0o7777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE)
}

/**
 * Sets `root` and, when it is a directory, everything under it to owner-only: directories 0700,
 * files 0600. Symbolic links are left alone and not followed; entries that vanish are skipped.
 */
export function makePrivate(root: string): void {
  const walk = (path: string) => {
    let stat: ReturnType<typeof lstatSync>
    try {
      stat = lstatSync(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    if (stat.isSymbolicLink()) return
    const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE
    if ((stat.mode & 0o7777) !== wanted) chmodSync(path, wanted)
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }
  walk(root)
}

/**
 * Runs `work` with the process umask narrowed to owner-only (keeping any stricter bits), then
 * restores it. Node creates directories through the umask, so whatever `work` creates starts private.
 */
export async function withPrivateUmask<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.umask(0o077)
  process.umask(previous | 0o077)
  try {
    return await work()
  } finally {
    process.umask(previous)
  }
}
