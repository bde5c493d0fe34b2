import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from './settings.ts'

export type CodeVersion = { commit: string; uncommittedChanges: boolean; sourceHash: string }

/**
 * Which product code was measured: the commit, whether src/ had uncommitted changes, and a hash of
 * src/ so a run can tell that the code changed under it (the app server loads it later).
 */
export function codeVersion(): CodeVersion {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: PROJECT_ROOT, stdio: 'pipe' }).toString().trim()
    } catch {
      return ''
    }
  }
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    uncommittedChanges: git('status', '--porcelain', '--', 'src') !== '',
    sourceHash: hashTree(join(PROJECT_ROOT, 'src')),
  }
}

function hashTree(dir: string): string {
  const hash = createHash('sha256')
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(path, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) hash.update(full).update(readFileSync(full))
    }
  }
  walk(dir)
  return hash.digest('hex').slice(0, 16)
}
