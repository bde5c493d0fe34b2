// One changed byte anywhere — a leaf, a proof element, a root, a checkpoint body, a signature —
// must be caught; signing round-trips; malformed notes and garbage input are refused, not thrown.
import { describe, expect, it } from 'vitest'
import { formatCheckpoint } from './checkpoint.ts'
import { fromBase64, toBase64, utf8 } from './encoding.ts'
import { hashLeaf } from './hash.ts'
import { parseNote } from './note.ts'
import { generateKeyPair, signCheckpoint, signNote } from './sign.ts'
import { MemoryTree } from './tree-math.ts'
import { verifyCheckpoint, verifyConsistency, verifyInclusion, verifyNote } from './verify.ts'

const ORIGIN = 'register.example.org/export-decisions'
const N = 21
const leaves = Array.from({ length: N }, (_, i) => utf8(`{"licence":"GH-${i}","type":"grant"}`))
const tree = new MemoryTree()
for (const leaf of leaves) tree.appendLeaf(leaf)

const flip = (b: Uint8Array, i: number, bit = 1): Uint8Array => {
  const c = b.slice()
  c[i] = (c[i] ?? 0) ^ bit
  return c
}

describe('tamper detection in proofs', () => {
  it('catches one flipped bit in the leaf, any proof element or the root', async () => {
    const root = await tree.root()
    for (const index of [0, 5, 16, 20]) {
      const proof = await tree.inclusionProof(index)
      const leaf = leaves[index] as Uint8Array
      expect(await verifyInclusion(hashLeaf(leaf), index, N, proof, root)).toEqual({ ok: true })
      for (let i = 0; i < leaf.length; i++) {
        expect((await verifyInclusion(hashLeaf(flip(leaf, i)), index, N, proof, root)).ok).toBe(
          false,
        )
      }
      for (const [e, element] of proof.entries()) {
        for (let i = 0; i < 32; i++) {
          const bad = proof.map((p, j) => (j === e ? flip(element, i, 0x80) : p))
          const r = await verifyInclusion(hashLeaf(leaf), index, N, bad, root)
          expect(r).toEqual({
            ok: false,
            reason: 'inclusion proof does not lead to the checkpoint root',
          })
        }
      }
      for (let i = 0; i < 32; i++) {
        expect((await verifyInclusion(hashLeaf(leaf), index, N, proof, flip(root, i))).ok).toBe(
          false,
        )
      }
    }
  })

  it('catches one flipped bit in a consistency proof or either root', async () => {
    const [m, n] = [6, N]
    const [oldRoot, newRoot] = [await tree.root(m), await tree.root(n)]
    const proof = await tree.consistencyProof(m, n)
    expect(await verifyConsistency(m, n, proof, oldRoot, newRoot)).toEqual({ ok: true })
    for (const [e, element] of proof.entries()) {
      const bad = proof.map((p, j) => (j === e ? flip(element, 3) : p))
      expect((await verifyConsistency(m, n, bad, oldRoot, newRoot)).ok).toBe(false)
    }
    expect(await verifyConsistency(m, n, proof, flip(oldRoot, 0), newRoot)).toEqual({
      ok: false,
      reason: 'consistency proof does not lead to the old root',
    })
    expect(await verifyConsistency(m, n, proof, oldRoot, flip(newRoot, 31))).toEqual({
      ok: false,
      reason: 'consistency proof does not lead to the new root',
    })
  })

  it('never throws on garbage, and says what is wrong', async () => {
    const h = new Uint8Array(32)
    const junk = [
      verifyInclusion(h, -1, 4, [], h),
      verifyInclusion(h, 0.5, 4, [], h),
      verifyInclusion(h, 0, Number.NaN, [], h),
      verifyInclusion(h, 0, 2n ** 64n, [], h),
      verifyInclusion(h, 0, 2, ['x'] as unknown as Uint8Array[], h),
      verifyInclusion(h, 0, 2, [new Uint8Array(31)], h),
      verifyInclusion(null as unknown as Uint8Array, 0, 2, [h], h),
      verifyInclusion(h, 0, 2, [h], null as unknown as Uint8Array),
      verifyConsistency(1, 2, 'nope' as unknown as Uint8Array[], h, h),
      verifyConsistency(1, 2, [h], undefined as unknown as Uint8Array, h),
      verifyNote(42 as unknown as string, []),
      verifyNote('a\n\n— k AAAAAAA=\n', ['not a vkey']),
      verifyCheckpoint('x', { logKeys: null as unknown as string[] }),
    ]
    for (const r of await Promise.all(junk)) {
      expect(r.ok).toBe(false)
      expect(!r.ok && r.reason.length).toBeGreaterThan(5)
    }
    expect(await verifyInclusion(h, 0, 2, [new Uint8Array(31)], h)).toEqual({
      ok: false,
      reason: 'proof element 0 is 31 bytes, not 32',
    })
  })
})

describe('signed checkpoints', () => {
  const log = generateKeyPair(ORIGIN)
  const other = generateKeyPair('someone.else')

  const signed = async () =>
    signCheckpoint({ origin: ORIGIN, size: N, rootHash: await tree.root(), extensions: [] }, [
      log.skey,
    ])

  it('round-trips sign → verify', async () => {
    expect(log.skey).toMatch(
      /^PRIVATE\+KEY\+register\.example\.org\/export-decisions\+[0-9a-f]{8}\+/,
    )
    const r = await verifyCheckpoint(await signed(), { logKeys: [log.vkey], origin: ORIGIN })
    if (!r.ok) throw new Error(r.reason)
    expect(r.checkpoint.size).toBe(N)
    expect(r.checkpoint.rootHash).toEqual(await tree.root())
    expect(r.logSignatures).toHaveLength(1)
  })

  it('catches every flipped bit in the body', async () => {
    const note = utf8(await signed())
    const bodyLength = utf8(
      formatCheckpoint({ origin: ORIGIN, size: N, rootHash: await tree.root(), extensions: [] }),
    ).length
    for (let i = 0; i < bodyLength; i++) {
      for (const bit of [0x01, 0x20]) {
        const r = await verifyCheckpoint(flip(note, i, bit), {
          logKeys: [log.vkey],
          origin: ORIGIN,
        })
        expect(r.ok, `byte ${i} bit ${bit}`).toBe(false)
      }
    }
  })

  it('catches every flipped bit in the signature', async () => {
    const text = await signed()
    const parsed = parseNote(text)
    if (!parsed.ok) throw new Error(parsed.reason)
    const [sig] = parsed.value.signatures
    const raw = fromBase64(sig?.base64 ?? '') ?? new Uint8Array()
    for (let i = 0; i < raw.length; i++) {
      const forged = text.replace(sig?.base64 ?? '', toBase64(flip(raw, i)))
      const r = await verifyCheckpoint(forged, { logKeys: [log.vkey] })
      expect(r.ok, `signature byte ${i}`).toBe(false)
    }
  })

  it('rejects an unknown key, the wrong origin, a missing witness, a signature over other text', async () => {
    const note = await signed()
    expect(await verifyCheckpoint(note, { logKeys: [other.vkey] })).toEqual({
      ok: false,
      reason: 'note has no signature from a known key',
    })
    expect((await verifyCheckpoint(note, { logKeys: [log.vkey], origin: 'elsewhere' })).ok).toBe(
      false,
    )
    expect(
      await verifyCheckpoint(note, {
        logKeys: [log.vkey],
        witnessKeys: [other.vkey],
        witnessQuorum: 1,
      }),
    ).toEqual({ ok: false, reason: 'checkpoint has 0 witness cosignatures, needs 1' })
    // A genuine signature line moved onto another text.
    const sigLines = note.slice(note.lastIndexOf('\n\n') + 2)
    const moved = `${ORIGIN}\n${N + 1}\n${toBase64(await tree.root())}\n\n${sigLines}`
    const r = await verifyCheckpoint(moved, { logKeys: [log.vkey] })
    expect(!r.ok && r.reason).toMatch(/^signature by known key .* does not verify/)
    // Signed only by a witness-style other key: not the log.
    expect(
      await verifyCheckpoint(
        signNote(
          formatCheckpoint({
            origin: ORIGIN,
            size: 0,
            rootHash: new Uint8Array(32),
            extensions: [],
          }),
          [other.skey],
        ),
        {
          logKeys: [log.vkey],
          witnessKeys: [other.vkey],
        },
      ),
    ).toEqual({ ok: false, reason: 'checkpoint is not signed by the log' })
  })
})

describe('malformed notes', () => {
  const key = generateKeyPair('k')
  const good = signNote('hello\n', [key.skey])
  const line = good.slice('hello\n\n'.length)

  it('accepts the good note and ignores a repeated line', async () => {
    const r = await verifyNote(good, [key.vkey])
    expect(r.ok && r.verified).toHaveLength(1)
    const twice = await verifyNote(good + line, [key.vkey])
    expect(twice.ok && twice.verified).toHaveLength(1)
  })

  it.each([
    ['CRLF line endings', good.replaceAll('\n', '\r\n'), /control character/],
    ['no blank line', `hello\n${line}`, /no blank line/],
    ['no signature', 'hello\n\n', /no signature lines/],
    ['no final newline', good.slice(0, -1), /no newline/],
    ['bad base64', good.replace(/ (\S+)\n$/, ' $1!\n'), /bad base64/],
    ['hyphen instead of em dash', good.replace('\u2014', '-'), /does not start with/],
    ['space in key name', good.replace('\u2014 k ', '\u2014 k x '), /bad base64/],
    ['too many signatures', `hello\n\n${line.repeat(101)}`, /more than 100 signatures/],
    ['a trailing non-signature line', `${good}unexpected\n`, /does not start with/],
    ['a too-short signature', 'hello\n\n\u2014 k AAAA\n', /too short/],
  ])('rejects %s', async (_what, note, reason) => {
    const r = await verifyNote(note, [key.vkey])
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(reason)
  })

  it('accepts 100 signatures from unknown keys alongside a good one', async () => {
    const stranger = generateKeyPair('stranger')
    const strangerLines = Array.from({ length: 99 }, (_, i) =>
      signNote(`hello\n`, [stranger.skey]).slice(7).replace('stranger', `s${i}`),
    )
    const r = await verifyNote(`hello\n\n${line}${strangerLines.join('')}`, [key.vkey])
    expect(r.ok && r.unverified).toHaveLength(99)
  })

  it('refuses to sign what cannot be a note', () => {
    expect(() => signNote('no newline', [key.skey])).toThrow(/newline/)
    expect(() => signNote('tab\there\n', [key.skey])).toThrow(/control/)
    expect(() => generateKeyPair('has space')).toThrow()
  })
})
