// Conformance: every vector in ../shared/data/tlog/vectors.json (RFC 6962 hashes and reference
// tree, upstream proofs, C2SP signed notes, checkpoints, cosignatures, tiles, proof bundle).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REQUIRE_SHARED_DATA, SHARED_DATA } from '../../../../test/test-database.ts'
import { formatCheckpoint, parseCheckpoint } from './checkpoint.ts'
import { fromBase64, fromHex, readUint32, toHex, utf8 } from './encoding.ts'
import { emptyRoot, hashChildren, hashLeaf } from './hash.ts'
import { cosignatureMessage, parseNote } from './note.ts'
import { formatTlogProof, parseTlogProof } from './proof-bundle.ts'
import {
  cosignatureVerifierKeyOf,
  cosignNote,
  parseSignerKey,
  signNote,
  verifierKeyOf,
} from './sign.ts'
import { tileIndexPath, tileLayout } from './tiles.ts'
import { MemoryTree } from './tree-math.ts'
import {
  hashChildrenAsync,
  hashLeafAsync,
  parseVerifierKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyNote,
  verifyTlogProof,
} from './verify.ts'

const FILE = join(SHARED_DATA, 'tlog/vectors.json')
const haveData = existsSync(FILE)

interface ProofVector {
  leafIndex: number
  treeSize: number
  leafHash: string
  root: string
  proof: string[]
}
interface ConsistencyVector {
  size1: number
  size2: number
  root1: string
  root2: string
  proof: string[]
}
interface NoteVector {
  desc: string
  vkey?: string
  vkeys?: string[]
  skey?: string
  text?: string
  note: string
  expect: string
}
interface Vectors {
  official: {
    rfc6962Hasher: { vectors: Record<string, string>[] }
    referenceTree: { leavesHex: string[]; rootsBySize: string[]; nodeHashesByLevel: string[][] }
    referenceProofs: { inclusion: ProofVector[]; consistency: ConsistencyVector[] }
    signedNotes: {
      vectors: NoteVector[]
      malformed: { vkey: string; notes: string[] }
      badVkeys: { vkeys: string[] }
      testKeys: { keys: { vkey: string; skey: string }[] }
    }
    checkpoints: {
      c2spExample: { note: string }
      sumdbFormatTree: {
        body: string
        rootIsRecordHashOf: string
        treeSize: number
        badBodies: string[]
      }
      formatsUnmarshal: {
        cases: {
          body: string
          formatsValid: boolean
          origin?: string
          size?: number
          rest?: string
          strictC2SP?: string
        }[]
      }
    }
    cosignature: {
      signatureB64: string
      keyIdHex: string
      timestamp: number
      c2spSignedMessageExample: string
    }
    tlogTiles: {
      tileIndexPathExample: { index: number; path: string }
      fullTileBytes: number
      fullTileHashes: number
      treeSize70000: Record<string, number>
      treeSize256: Record<string, number>
    }
  }
  derived: {
    allInclusionProofsReferenceTree: ProofVector[]
    allConsistencyProofsReferenceTree: ConsistencyVector[]
    signedCheckpoint: {
      logVkey: string
      logSkey: string
      witnessCosigVkey: string
      witnessSkey: string
      body: string
      note: string
    }
    tlogProof: { leafHex: string; text: string }
  }
}

const V: Vectors | undefined = haveData
  ? (JSON.parse(readFileSync(FILE, 'utf8')) as Vectors)
  : undefined
const vectors = (): Vectors => {
  if (V === undefined) throw new Error(`${FILE} is missing`)
  return V
}
const hex = (h: string): Uint8Array => {
  const b = fromHex(h)
  if (b === undefined) throw new Error(`bad hex ${h}`)
  return b
}

function referenceTree(): MemoryTree {
  const tree = new MemoryTree()
  for (const leaf of vectors().official.referenceTree.leavesHex) tree.appendLeaf(hex(leaf))
  return tree
}

describe.skipIf(!haveData && !REQUIRE_SHARED_DATA)('vectors.json', () => {
  it('is present when REQUIRE_SHARED_DATA=1', () => {
    expect(existsSync(FILE), `${FILE} is missing`).toBe(true)
  })

  describe('RFC 6962 hashing and the reference tree', () => {
    it('matches the 4 hasher known answers, sync and Web Crypto', async () => {
      const [empty, emptyLeaf, ascii, children] = vectors().official.rfc6962Hasher.vectors
      expect(toHex(emptyRoot())).toBe(empty?.emptyRoot)
      expect(toHex(hashLeaf(new Uint8Array()))).toBe(emptyLeaf?.leafHash)
      expect(toHex(await hashLeafAsync(new Uint8Array()))).toBe(emptyLeaf?.leafHash)
      expect(toHex(hashLeaf(utf8(ascii?.leafAscii ?? '')))).toBe(ascii?.leafHash)
      expect(toHex(await hashLeafAsync(utf8(ascii?.leafAscii ?? '')))).toBe(ascii?.leafHash)
      const [l, r] = [utf8(children?.leftAscii ?? ''), utf8(children?.rightAscii ?? '')]
      expect(toHex(hashChildren(l, r))).toBe(children?.nodeHash)
      expect(toHex(await hashChildrenAsync(l, r))).toBe(children?.nodeHash)
    })

    it('reproduces the roots for sizes 0–8 and every complete node', async () => {
      const { rootsBySize, nodeHashesByLevel } = vectors().official.referenceTree
      const tree = referenceTree()
      expect(rootsBySize).toHaveLength(9)
      for (const [size, root] of rootsBySize.entries())
        expect(toHex(await tree.root(size))).toBe(root)
      for (const [level, row] of nodeHashesByLevel.entries()) {
        for (const [index, h] of row.entries())
          expect(toHex(tree.node(level, index) ?? new Uint8Array())).toBe(h)
        expect(tree.node(level, row.length)).toBeUndefined()
      }
    })
  })

  const checkInclusion = async (v: ProofVector, tree: MemoryTree) => {
    expect((await tree.inclusionProof(v.leafIndex, v.treeSize)).map(toHex)).toEqual(v.proof)
    expect(toHex(tree.node(0, v.leafIndex) ?? new Uint8Array())).toBe(v.leafHash)
    const r = await verifyInclusion(
      hex(v.leafHash),
      v.leafIndex,
      v.treeSize,
      v.proof.map(hex),
      hex(v.root),
    )
    expect(r).toEqual({ ok: true })
  }
  const checkConsistency = async (v: ConsistencyVector, tree: MemoryTree) => {
    expect((await tree.consistencyProof(v.size1, v.size2)).map(toHex)).toEqual(v.proof)
    const r = await verifyConsistency(
      v.size1,
      v.size2,
      v.proof.map(hex),
      hex(v.root1),
      hex(v.root2),
    )
    expect(r).toEqual({ ok: true })
  }

  it('generates and verifies the 5 + 5 upstream reference proofs exactly', async () => {
    const { inclusion, consistency } = vectors().official.referenceProofs
    expect([inclusion.length, consistency.length]).toEqual([5, 5])
    const tree = referenceTree()
    for (const v of inclusion) await checkInclusion(v, tree)
    for (const v of consistency) await checkConsistency(v, tree)
  })

  it('generates and verifies all 36 inclusion and 28 consistency proofs of the reference tree', async () => {
    const { allInclusionProofsReferenceTree: inc, allConsistencyProofsReferenceTree: con } =
      vectors().derived
    expect([inc.length, con.length]).toEqual([36, 28])
    const tree = referenceTree()
    for (const v of inc) await checkInclusion(v, tree)
    for (const v of con) await checkConsistency(v, tree)
  })

  describe('signed notes', () => {
    it('verifies or rejects the 6 notes as stated', async () => {
      const notes = vectors().official.signedNotes.vectors
      expect(notes).toHaveLength(6)
      const [spec, peter, oneOfTwo, twoOfTwo, none, sumdb] = notes as [
        NoteVector,
        NoteVector,
        NoteVector,
        NoteVector,
        NoteVector,
        NoteVector,
      ]

      const a = await verifyNote(spec.note, [spec.vkey ?? ''])
      expect(a.ok && a.verified.map((s) => s.name)).toEqual(['example.com/foo'])

      const b = await verifyNote(peter.note, [peter.vkey ?? ''])
      expect(b.ok && b.note.text).toBe(peter.text)
      // Ed25519 is deterministic: signing reproduces the upstream note byte for byte.
      expect(signNote(peter.text ?? '', [peter.skey ?? ''])).toBe(peter.note)
      expect(verifierKeyOf(peter.skey ?? '')).toBe(peter.vkey)

      const c = await verifyNote(oneOfTwo.note, oneOfTwo.vkeys ?? [])
      expect(c.ok && c.verified.map((s) => s.name)).toEqual(['PeterNeumann'])
      expect(c.ok && c.unverified.map((s) => s.name)).toEqual(['EnochRoot'])

      const d = await verifyNote(twoOfTwo.note, twoOfTwo.vkeys ?? [])
      expect(d.ok && d.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot'])

      expect(await verifyNote(none.note, none.vkeys ?? [])).toEqual({
        ok: false,
        reason: 'note has no signature from a known key',
      })

      const e = await verifyNote(sumdb.note, [sumdb.vkey ?? ''])
      expect(e.ok).toBe(true)
      const cp = parseCheckpoint(e.ok ? e.note.text : '')
      expect(cp.ok && [cp.value.origin, cp.value.size]).toEqual(['go.sum database tree', 6476701])
      const viaPolicy = await verifyCheckpoint(sumdb.note, {
        logKeys: [sumdb.vkey ?? ''],
        origin: 'go.sum database tree',
      })
      expect(viaPolicy.ok).toBe(true)
    })

    it('rejects the 7 malformed notes as malformed', async () => {
      const { vkey, notes } = vectors().official.signedNotes.malformed
      expect(notes).toHaveLength(7)
      for (const [i, note] of notes.entries()) {
        // Entry 4 is upstream the raw byte 0xff (invalid UTF-8), transcribed as U+00FF.
        const input =
          i === 4 ? Buffer.concat([Buffer.from([0xff]), Buffer.from(note.slice(1))]) : note
        const r = await verifyNote(input, [vkey])
        expect(r.ok, `malformed[${i}]`).toBe(false)
        expect(!r.ok && r.reason, `malformed[${i}]`).toMatch(/^malformed note/)
      }
      // The U+00FF transcription itself is well-formed but signs a different text.
      const r = await verifyNote(notes[4] ?? '', [vkey])
      expect(!r.ok && r.reason).toMatch(/does not verify/)
    })

    it('rejects the 2 bad vkeys, every proper substring and every byte increment of a good one', async () => {
      const { badVkeys, malformed } = vectors().official.signedNotes
      expect(badVkeys.vkeys).toHaveLength(2)
      for (const v of badVkeys.vkeys) expect((await parseVerifierKey(v)).ok, v).toBe(false)
      const good = malformed.vkey
      expect((await parseVerifierKey(good)).ok).toBe(true)
      for (let i = 0; i < good.length; i++) {
        for (let j = i + 1; j <= good.length; j++) {
          if (i === 0 && j === good.length) continue
          expect((await parseVerifierKey(good.slice(i, j))).ok, good.slice(i, j)).toBe(false)
        }
        const bumped =
          good.slice(0, i) + String.fromCharCode(good.charCodeAt(i) + 1) + good.slice(i + 1)
        expect((await parseVerifierKey(bumped)).ok, bumped).toBe(false)
      }
    })

    it('derives each of the 4 test vkeys from its skey', async () => {
      const { keys } = vectors().official.signedNotes.testKeys
      expect(keys).toHaveLength(4)
      for (const { vkey, skey } of keys) {
        expect(verifierKeyOf(skey)).toBe(vkey)
        const parsed = await parseVerifierKey(vkey)
        expect(parsed.ok && parsed.value.keyId).toBe(parseSignerKey(skey).keyId)
      }
    })
  })

  describe('checkpoints', () => {
    it('parses the C2SP example (parse only: no published key)', () => {
      const note = parseNote(vectors().official.checkpoints.c2spExample.note)
      expect(note.ok).toBe(true)
      const cp = parseCheckpoint(note.ok ? note.value.text : '')
      expect(cp.ok && [cp.value.origin, cp.value.size, cp.value.extensions]).toEqual([
        'example.com/behind-the-sofa',
        20852163,
        [],
      ])
    })

    it('parses and formats the sumdb tree, rejecting its 3 bad bodies', () => {
      const { body, rootIsRecordHashOf, treeSize, badBodies } =
        vectors().official.checkpoints.sumdbFormatTree
      const cp = parseCheckpoint(body, { origin: 'go.sum database tree' })
      if (!cp.ok) throw new Error(cp.reason)
      expect(cp.value.size).toBe(treeSize)
      expect(toHex(cp.value.rootHash)).toBe(toHex(hashLeaf(utf8(rootIsRecordHashOf))))
      expect(formatCheckpoint(cp.value)).toBe(body)
      expect(badBodies).toHaveLength(3)
      for (const bad of badBodies)
        expect(parseCheckpoint(bad, { origin: 'go.sum database tree' }).ok, bad).toBe(false)
    })

    it('answers the 12 transparency-dev/formats cases as a strict C2SP parser should', () => {
      const { cases } = vectors().official.checkpoints.formatsUnmarshal
      expect(cases).toHaveLength(12)
      for (const c of cases) {
        // Strict: every case is invalid (lenient-valid ones only because of a non-32-byte root).
        expect(parseCheckpoint(c.body).ok, c.body).toBe(false)
        if (!c.formatsValid) continue
        // With the root length relaxed, the lenient-valid ones parse as upstream says, except
        // the empty extension lines, which C2SP forbids.
        const rootLen = fromBase64(c.body.split('\n')[2] ?? '')?.length ?? 0
        const relaxed = parseCheckpoint(c.body, { hashSize: rootLen })
        if (c.rest === '\n\n\n') {
          expect(relaxed.ok).toBe(false)
          continue
        }
        if (!relaxed.ok) throw new Error(relaxed.reason)
        if (c.origin !== undefined) expect(relaxed.value.origin).toBe(c.origin)
        if (c.size !== undefined) expect(relaxed.value.size).toBe(c.size)
        expect(relaxed.value.extensions.map((l) => `${l}\n`).join('')).toBe(c.rest ?? '')
      }
    })
  })

  it('lays out the cosignature bytes and message as tlog-cosignature says', () => {
    const { signatureB64, keyIdHex, timestamp, c2spSignedMessageExample } =
      vectors().official.cosignature
    const sig = fromBase64(signatureB64) ?? new Uint8Array()
    expect(sig).toHaveLength(4 + 8 + 64)
    expect(readUint32(sig).toString(16).padStart(8, '0')).toBe(keyIdHex)
    expect(readUint32(sig, 4) * 2 ** 32 + readUint32(sig, 8)).toBe(timestamp)
    const body = parseNote(vectors().official.checkpoints.c2spExample.note)
    expect(cosignatureMessage(body.ok ? body.value.text : '', 1679315147)).toBe(
      c2spSignedMessageExample,
    )
  })

  it('computes the tlog-tiles examples', () => {
    const t = vectors().official.tlogTiles
    expect(tileIndexPath(t.tileIndexPathExample.index)).toBe(t.tileIndexPathExample.path)
    expect(t.fullTileHashes * 32).toBe(t.fullTileBytes)
    expect(tileLayout(70000)).toEqual([
      {
        level: 0,
        fullTiles: t.treeSize70000.fullLevel0Tiles,
        partialWidth: t.treeSize70000.partialLevel0Width,
      },
      {
        level: 1,
        fullTiles: t.treeSize70000.fullLevel1Tiles,
        partialWidth: t.treeSize70000.partialLevel1Width,
      },
      { level: 2, fullTiles: 0, partialWidth: t.treeSize70000.partialLevel2Width },
    ])
    expect(tileLayout(256)).toEqual([
      { level: 0, fullTiles: t.treeSize256.fullLevel0Tiles, partialWidth: 0 },
      { level: 1, fullTiles: 0, partialWidth: t.treeSize256.partialLevel1Width },
    ])
  })

  it('reproduces and verifies the derived signed and cosigned checkpoint', async () => {
    const d = vectors().derived.signedCheckpoint
    const tree = referenceTree()
    const body = formatCheckpoint({
      origin: 'Log',
      size: 8,
      rootHash: await tree.root(),
      extensions: [],
    })
    expect(body).toBe(d.body)
    expect(cosignatureVerifierKeyOf(d.witnessSkey)).toBe(d.witnessCosigVkey)
    expect(verifierKeyOf(d.logSkey)).toBe(d.logVkey)
    expect(cosignNote(signNote(body, [d.logSkey]), d.witnessSkey, 1700000000)).toBe(d.note)
    const r = await verifyCheckpoint(d.note, {
      logKeys: [d.logVkey],
      origin: 'Log',
      witnessKeys: [d.witnessCosigVkey],
      witnessQuorum: 1,
    })
    if (!r.ok) throw new Error(r.reason)
    expect(r.checkpoint.size).toBe(8)
    expect(r.logSignatures.map((s) => s.name)).toEqual(['Log'])
    expect(r.cosignatures).toEqual([
      { name: 'Known', keyId: 0xfdd35892, type: 4, timestamp: 1700000000 },
    ])
  })

  it('verifies the derived tlog-proof bundle end to end and reproduces it', async () => {
    const { tlogProof, signedCheckpoint: d } = vectors().derived
    const leafHash = hashLeaf(hex(tlogProof.leafHex))
    const policy = {
      logKeys: [d.logVkey],
      origin: 'Log',
      witnessKeys: [d.witnessCosigVkey],
      witnessQuorum: 1,
    }
    const r = await verifyTlogProof(tlogProof.text, leafHash, policy)
    expect(r.ok && r.index).toBe(5)
    const parsed = parseTlogProof(tlogProof.text)
    if (!parsed.ok) throw new Error(parsed.reason)
    expect(formatTlogProof(parsed.value)).toBe(tlogProof.text)
    const tree = referenceTree()
    const rebuilt = formatTlogProof({
      index: 5,
      proof: await tree.inclusionProof(5),
      checkpoint: d.note,
    })
    expect(rebuilt).toBe(tlogProof.text)
    const wrongLeaf = await verifyTlogProof(tlogProof.text, hashLeaf(hex('00')), policy)
    expect(wrongLeaf).toEqual({
      ok: false,
      reason: 'inclusion proof does not lead to the checkpoint root',
    })
  })
})
