import { OpenAPIHono } from '@hono/zod-openapi'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDecisionLogRoutes } from '../../src/capabilities/decision-log/decision-log.routes.ts'
import { createDecisionLog } from '../../src/capabilities/decision-log/decision-log.ts'
import { signerFromKey } from '../../src/capabilities/decision-log/signer.ts'
import {
  canonicalJson,
  fromBase64,
  generateKeyPair,
  hashLeaf,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusionInCheckpoint,
  verifyTlogProof,
} from '../../src/capabilities/decision-log/tlog/index.ts'
import { verifyProofBundle } from '../../src/capabilities/decision-log/verify-proof-bundle.ts'
import { fixedClock } from '../../src/platform/clock.ts'
import { createErrorHandler, problemResponse } from '../../src/platform/http/problem.ts'
import { silentLogger } from '../../src/platform/logger.ts'
import { useTestDatabase } from '../test-database.ts'

const ORIGIN = 'glasshouse.example/decision-log'
const key = signerFromKey(generateKeyPair(ORIGIN).skey)
const log = createDecisionLog({ key, origin: ORIGIN, clock: fixedClock('2026-12-01T10:00:00Z') })
const database = useTestDatabase({ seedPolicy: false })
const policy = { logKeys: [key.vkey], origin: ORIGIN }

let app: OpenAPIHono
const get = (path: string) => app.request(`/api/public/v1${path}`)
const b64 = (s: string) => fromBase64(s) as Uint8Array

const leaf = (reference: string, action: string) => ({
  kind: 'decision',
  subject: reference,
  leaf: canonicalJson({ type: 'decision', reference, action, note: 'ünïcødé' }),
})

beforeAll(() => {
  app = new OpenAPIHono()
  app.onError(createErrorHandler(silentLogger))
  app.notFound((c) => problemResponse(c, 404, 'not_found', `Nothing at ${c.req.path}`))
  app.route(
    '/api/public/v1',
    createDecisionLogRoutes({ db: database.db, origin: ORIGIN, vkey: key.vkey }),
  )
})

describe('the public decision-log API', () => {
  it('404s on an empty log, serves the key', async () => {
    expect((await get('/log/checkpoint')).status).toBe(404)
    expect((await get('/log/checkpoint.json')).status).toBe(404)
    expect((await get('/licences/GH-1/proof')).status).toBe(404)
    const k = await get('/log/key')
    expect(await k.json()).toEqual({ origin: ORIGIN, vkey: key.vkey })
    const t = await get('/log/key.txt')
    expect(t.headers.get('content-type')).toMatch(/^text\/plain/)
    expect((await t.text()).trim()).toBe(key.vkey)
  })

  it('serves a latest checkpoint that verifies with the vkey', async () => {
    for (const batch of [
      [leaf('GH-1', 'submit'), leaf('GH-2', 'submit')],
      [leaf('GH-3', 'submit')],
      [leaf('GH-1', 'grant'), leaf('GH-2', 'refuse'), leaf('GH-1', 'revoke')],
      [leaf('GH-4', 'submit')],
    ])
      await database.db.transaction().execute((trx) => log.append(trx, batch))
    const res = await get('/log/checkpoint')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const note = await res.text()
    const v = await verifyCheckpoint(note, policy)
    expect(v.ok && v.checkpoint.size).toBe(7)
    const j = (await (await get('/log/checkpoint.json')).json()) as Record<string, unknown>
    expect(j).toMatchObject({ size: 7, note, origin: ORIGIN, vkey: key.vkey })
    expect(v.ok && b64(j.rootHash as string)).toEqual(v.ok && v.checkpoint.rootHash)
    const at3 = await get('/log/checkpoints/3')
    expect(at3.status).toBe(200)
    const cp3 = (await at3.json()) as { size: number; note: string }
    expect(cp3.size).toBe(3)
    expect((await verifyCheckpoint(cp3.note, policy)).ok).toBe(true)
    expect((await get('/log/checkpoints/4')).status).toBe(404) // mid-batch: never signed
  })

  it('serves leaves with their exact text and hash', async () => {
    const res = await get('/log/leaves/3')
    expect(res.status).toBe(200)
    const l = (await res.json()) as Record<string, string>
    expect(l).toMatchObject({ index: 3, kind: 'decision', subject: 'GH-1' })
    expect(JSON.parse(l.leaf as string)).toMatchObject({ action: 'grant' })
    expect(b64(l.leafHash as string)).toEqual(hashLeaf(new TextEncoder().encode(l.leaf)))
    expect((await get('/log/leaves/7')).status).toBe(404)
  })

  it('serves inclusion proofs that verify with the tlog verifier', async () => {
    for (const [index, size] of [
      [0, undefined],
      [6, 7],
      [1, 2],
      [2, 3],
      [5, 6],
    ] as const) {
      const q = size === undefined ? `index=${index}` : `index=${index}&size=${size}`
      const res = await get(`/log/proofs/inclusion?${q}`)
      expect(res.status, q).toBe(200)
      const p = (await res.json()) as {
        index: number
        size: number
        leafHash: string
        proof: string[]
        checkpoint: string
      }
      expect(p.size).toBe(size ?? 7)
      const v = await verifyInclusionInCheckpoint(
        b64(p.leafHash),
        p.index,
        p.proof.map(b64),
        p.checkpoint,
        policy,
      )
      expect(v.ok, q).toBe(true)
    }
    const t = await get('/log/leaves/5/tlog-proof')
    expect(t.status).toBe(200)
    const leaf5 = (await (await get('/log/leaves/5')).json()) as { leafHash: string }
    expect((await verifyTlogProof(await t.text(), b64(leaf5.leafHash), policy)).ok).toBe(true)
  })

  it('serves consistency proofs that verify with the tlog verifier', async () => {
    const root = async (size: number) => {
      const cp = (await (await get(`/log/checkpoints/${size}`)).json()) as { rootHash: string }
      return b64(cp.rootHash)
    }
    for (const [from, to] of [
      [2, 7],
      [3, 6],
      [6, 7],
      [7, 7],
      [2, undefined],
    ] as const) {
      const q = to === undefined ? `from=${from}` : `from=${from}&to=${to}`
      const res = await get(`/log/proofs/consistency?${q}`)
      expect(res.status, q).toBe(200)
      const p = (await res.json()) as { from: number; to: number; proof: string[] }
      expect(p.to).toBe(to ?? 7)
      const v = await verifyConsistency(
        p.from,
        p.to,
        p.proof.map(b64),
        await root(p.from),
        await root(p.to),
      )
      expect(v.ok, q).toBe(true)
    }
  })

  it('serves a per-licence bundle that verifies offline, and a tampered one fails', async () => {
    const res = await get('/licences/GH-1/proof')
    expect(res.status).toBe(200)
    const bundle = (await res.json()) as {
      leaves: { index: number; leaf: string; proof: string[] }[]
      checkpoint: { note: string }
    }
    expect(bundle.leaves.map((l) => l.index)).toEqual([0, 3, 5])
    expect(await verifyProofBundle(bundle, { vkey: key.vkey, origin: ORIGIN })).toEqual({
      ok: true,
      checked: 3,
    })

    const tampered = [
      (b: typeof bundle) => {
        const l = b.leaves[0] as { leaf: string }
        l.leaf = l.leaf.replace('submit', 'submiT')
      },
      (b: typeof bundle) => {
        const l = b.leaves[1] as { proof: string[] }
        l.proof[0] = `A${(l.proof[0] as string).slice(1)}`
      },
      (b: typeof bundle) => {
        b.checkpoint.note = b.checkpoint.note.replace(ORIGIN, `${ORIGIN}x`)
      },
    ]
    for (const tamper of tampered) {
      const b = structuredClone(bundle)
      tamper(b)
      const r = await verifyProofBundle(b)
      expect(r.ok).toBe(false)
      expect(r.ok ? '' : r.reason).not.toBe('')
    }
  })

  it('answers bad parameters with problem+json 400 and unknown things with 404', async () => {
    for (const path of [
      '/log/checkpoints/abc',
      '/log/checkpoints/-1',
      '/log/checkpoints/1.5',
      '/log/leaves/99999999999999999999',
      '/log/leaves/x',
      '/log/proofs/inclusion',
      '/log/proofs/inclusion?index=',
      '/log/proofs/inclusion?index=a',
      '/log/proofs/inclusion?index=7',
      '/log/proofs/inclusion?index=3&size=3',
      '/log/proofs/consistency',
      '/log/proofs/consistency?from=0',
      '/log/proofs/consistency?from=7&to=3',
      '/log/proofs/consistency?from=x',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(400)
      expect(res.headers.get('content-type'), path).toBe('application/problem+json')
      const body = (await res.json()) as { code: string; issues?: unknown[] }
      expect(body.code, path).toBe('validation_failed')
    }
    for (const path of [
      '/log/checkpoints/4',
      '/log/checkpoints/100',
      '/log/leaves/100',
      '/log/leaves/100/tlog-proof',
      '/log/proofs/inclusion?index=1&size=4',
      '/log/proofs/consistency?from=4&to=7',
      '/log/proofs/consistency?from=2&to=100',
      '/licences/GH-404/proof',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toBe('application/problem+json')
    }
  })

  it('documents its routes in OpenAPI', () => {
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } })
    expect(Object.keys(doc.paths ?? {})).toContain('/api/public/v1/licences/{reference}/proof')
    expect(Object.keys(doc.paths ?? {})).toContain('/api/public/v1/log/proofs/inclusion')
  })
})
