// The portal runs verify.ts (and the verify-*.ts files it re-exports) in a browser: guard that it
// (transitively) imports only sibling modules and never node:* or a package, and uses no Node
// globals.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const here = new URL('./', import.meta.url)

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const source = readFileSync(new URL(file, here), 'utf8')
  for (const [, spec] of source.matchAll(/from '([^']+)'/g)) {
    if (spec === undefined) continue
    expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[a-z-]+\.ts$/)
    closure(spec.slice(2), seen)
  }
  return seen
}

describe('the standalone verifier', () => {
  it('imports nothing from outside tlog/ and uses no Node APIs', () => {
    const files = closure('verify.ts')
    expect([...files].sort()).toEqual([
      'checkpoint.ts',
      'encoding.ts',
      'note.ts',
      'proof-bundle.ts',
      'result.ts',
      'verify-bundle.ts',
      'verify-note.ts',
      'verify-proofs.ts',
      'verify.ts',
    ])
    for (const f of files) {
      const code = readFileSync(new URL(f, here), 'utf8').replace(/\/\/.*$/gm, '')
      expect(code, f).not.toMatch(/\b(Buffer|process|require)\b|node:/)
    }
  })
})
