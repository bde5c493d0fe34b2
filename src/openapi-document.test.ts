import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from './openapi-document.ts'

describe('openapi.json', () => {
  const document = openApiDocument()

  it('matches the committed snapshot (run `npm run openapi` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'))
    expect(JSON.parse(JSON.stringify(document))).toEqual(committed)
  })

  it('gives every operation a unique operationId', () => {
    const ids = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId),
    )
    expect(ids.length).toBeGreaterThan(20)
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
