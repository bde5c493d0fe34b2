import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../test/test-database.ts'
import { fixedClock } from '../../platform/clock.ts'
import { createDecisionLog } from './decision-log.ts'
import { proofBundleFor } from './proof-bundle-for.ts'
import { signerFromKey } from './signer.ts'
import { fromBase64 } from './tlog/encoding.ts'
import { canonicalJson, generateKeyPair, toBase64, verifyTlogProof } from './tlog/index.ts'
import { type ProofBundle, verifyProofBundle } from './verify-proof-bundle.ts'

const ORIGIN = 'glasshouse.example/decision-log'
const key = signerFromKey(generateKeyPair(ORIGIN).skey)
const log = createDecisionLog({ key, origin: ORIGIN, clock: fixedClock('2026-12-01T10:00:00Z') })
const database = useTestDatabase({ seedPolicy: false })

const leaf = (reference: string, action: string) => ({
  kind: 'decision',
  subject: reference,
  leaf: canonicalJson({ type: 'decision', reference, action }),
})

async function append(leaves: ReturnType<typeof leaf>[]) {
  await database.db.transaction().execute((trx) => log.append(trx, leaves))
}

const clone = (b: ProofBundle): ProofBundle => structuredClone(b)
const nth = (b: ProofBundle, i: number) => {
  const l = b.leaves[i]
  if (l === undefined) throw new Error(`no leaf #${i}`)
  return l
}

describe('proofBundleFor / verifyProofBundle', () => {
  it('returns undefined on an empty log and for an unknown reference', async () => {
    expect(await proofBundleFor(database.db, 'GH-1', log)).toBeUndefined()
    await append([leaf('GH-1', 'submit'), leaf('GH-2', 'submit')])
    await append([leaf('GH-3', 'submit')])
    await append([leaf('GH-1', 'grant'), leaf('GH-2', 'refuse'), leaf('GH-1', 'revoke')])
    await append([leaf('GH-4', 'submit')])
    expect(await proofBundleFor(database.db, 'GH-404', log)).toBeUndefined()
  })

  it('bundles every leaf about a reference against the latest checkpoint and verifies offline', async () => {
    const bundle = await proofBundleFor(database.db, 'GH-1', log)
    if (bundle === undefined) throw new Error('no bundle')
    expect(bundle.checkpoint.size).toBe(7)
    expect(bundle.leaves.map((l) => l.index)).toEqual([0, 3, 5])
    expect(bundle.vkey).toBe(key.vkey)
    // JSON round trip: what a browser receives.
    const received = JSON.parse(JSON.stringify(bundle)) as unknown
    expect(await verifyProofBundle(received)).toEqual({ ok: true, checked: 3 })
    expect(await verifyProofBundle(received, { vkey: key.vkey, origin: ORIGIN })).toEqual({
      ok: true,
      checked: 3,
    })
    // Each leaf's tlog-proof text verifies with the library too.
    for (const l of bundle.leaves) {
      const hash = fromBase64(l.leafHash) as Uint8Array
      const r = await verifyTlogProof(l.tlogProof, hash, { logKeys: [key.vkey], origin: ORIGIN })
      expect(r.ok, l.tlogProof).toBe(true)
    }
  })

  it('fails, with a reason, on any tampering', async () => {
    const bundle = (await proofBundleFor(database.db, 'GH-1', log)) as ProofBundle
    const flip = (text: string, at: number) =>
      text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1)
    const flipHash = (b64: string) => {
      const bytes = fromBase64(b64) as Uint8Array
      bytes[0] = (bytes[0] as number) ^ 1
      return toBase64(bytes)
    }
    const cases: [string, (b: ProofBundle) => void, RegExp][] = [
      ['a leaf byte', (b) => (nth(b, 1).leaf = flip(nth(b, 1).leaf, 20)), /leaf 3: leaf hash/],
      [
        'a leaf and its hash',
        (b) => {
          nth(b, 1).leaf = nth(b, 1).leaf.replace('grant', 'refus')
          nth(b, 1).leafHash = nth(b, 0).leafHash
        },
        /leaf 3/,
      ],
      [
        'a proof element',
        (b) => (nth(b, 2).proof[0] = flipHash(nth(b, 2).proof[0] as string)),
        /leaf 5: inclusion proof/,
      ],
      ['a dropped proof element', (b) => nth(b, 0).proof.pop(), /leaf 0:/],
      ['the index', (b) => (nth(b, 0).index = 1), /leaf 1:/],
      [
        'the checkpoint note',
        (b) => (b.checkpoint.note = b.checkpoint.note.replace('\n7\n', '\n8\n')),
        /checkpoint:/,
      ],
      [
        'the checkpoint root',
        (b) => (b.checkpoint.rootHash = flipHash(b.checkpoint.rootHash)),
        /root hash/,
      ],
      ['the subject', (b) => (nth(b, 0).subject = 'GH-2'), /subject/],
      ['the reference', (b) => (b.reference = 'GH-2'), /subject is not GH-2/],
      ['the vkey', (b) => (b.vkey = generateKeyPair(ORIGIN).vkey), /checkpoint:/],
      ['the tlog proof', (b) => (nth(b, 0).tlogProof = nth(b, 1).tlogProof), /tlogProof/],
      ['no leaves', (b) => (b.leaves = []), /no leaves/],
    ]
    for (const [what, tamper, reason] of cases) {
      const b = clone(bundle)
      tamper(b)
      const r = await verifyProofBundle(b)
      expect(r.ok, what).toBe(false)
      expect(r.ok ? '' : r.reason, what).toMatch(reason)
    }
    const r = await verifyProofBundle(bundle, { vkey: generateKeyPair(ORIGIN).vkey })
    expect(r).toMatchObject({ ok: false, reason: /trusted key/ })
    expect(await verifyProofBundle(null)).toMatchObject({ ok: false, checked: 0 })
    expect(await verifyProofBundle('{}')).toMatchObject({ ok: false })
  })

  it('a leaf about another reference is refused even with a matching subject label', async () => {
    await append([
      { kind: 'decision', subject: 'GH-9', leaf: canonicalJson({ reference: 'GH-8' }) },
    ])
    const b = (await proofBundleFor(database.db, 'GH-9', log)) as ProofBundle
    expect(await verifyProofBundle(b)).toMatchObject({ ok: false, reason: /about GH-8/ })
  })
})

describe('verify-proof-bundle.ts', () => {
  it('is browser-safe: imports only the tlog verifier closure and no Node APIs', () => {
    const here = new URL('./', import.meta.url)
    const source = readFileSync(new URL('verify-proof-bundle.ts', here), 'utf8')
    const allowed = [
      './tlog/encoding.ts',
      './tlog/proof-bundle.ts',
      './tlog/result.ts',
      './tlog/verify.ts',
    ]
    for (const [, spec] of source.matchAll(/from '([^']+)'/g)) expect(allowed).toContain(spec)
    expect(source.replace(/\/\/.*$/gm, '')).not.toMatch(/\b(Buffer|process|require)\b|node:/)
  })
})
