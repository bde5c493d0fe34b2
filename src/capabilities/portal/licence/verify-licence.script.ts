import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export type BuiltScript = { code: string; etag: string }

/** The entry next to this file: .ts when run from source (tsx, Vitest), .js from a tsc build. */
function entryPath(): string {
  const ts = fileURLToPath(new URL('./verify-licence.entry.ts', import.meta.url))
  return existsSync(ts) ? ts : ts.replace(/\.ts$/, '.js')
}

async function buildScript(): Promise<BuiltScript> {
  // Imported here so that a server which never serves the page never loads esbuild.
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [entryPath()],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'chrome120',
    minify: true,
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]?.text
  if (code === undefined) throw new Error('esbuild produced no output for verify-licence.js')
  const etag = `"${createHash('sha256').update(code).digest('base64url').slice(0, 22)}"`
  return { code, etag }
}

let built: Promise<BuiltScript> | undefined

/**
 * /static/verify-licence.js, built once on first request and kept in memory (a few tens of kB).
 * A failed build is not cached, so the next request tries again.
 */
export function verifyLicenceScript(): Promise<BuiltScript> {
  built ??= buildScript().catch((error: unknown) => {
    built = undefined
    throw error
  })
  return built
}
