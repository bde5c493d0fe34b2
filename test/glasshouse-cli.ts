import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)
const BIN = new URL('../bin/glasshouse.js', import.meta.url).pathname

/**
 * Runs the real `glasshouse` binary against its own PGlite directory (never the PostgreSQL of
 * TEST_DATABASE_URL), and returns its exit code and output.
 */
export async function glasshouse(args: string[], dataDir: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args, '--data-dir', dataDir], {
      env: { ...process.env, DATABASE_URL: '' },
      maxBuffer: 64 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
