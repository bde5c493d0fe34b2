import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '../../../test/test-database.ts'
import {
  appendLeaves,
  checkpointAt,
  consistencyProofFor,
  inclusionProofFor,
  latestCheckpoint,
  leafAt,
  logSize,
  makeNodeReader,
  type NewLogLeaf,
  rootAt,
} from './log-store.ts'
import { signerFromKey } from './signer.ts'
import {
  bytesEqual,
  generateKeyPair,
  hashLeaf,
  inclusionProof,
  MemoryTree,
  makeLeaf,
  rootFromNodes,
  signCheckpoint,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from './tlog/index.ts'
import { verifyLog } from './verify-log.ts'

const ORIGIN = 'glasshouse.example/decision-log'
const { skey, vkey } = generateKeyPair(ORIGIN)
const { signer } = signerFromKey(skey)
const AT = new Date('2026-12-01T10:00:00Z')

const database = useTestDatabase({ seedPolicy: false })
const memory = new MemoryTree()
const leafBytes: Uint8Array[] = []
const checkpointSizes: number[] = []

function newLeaves(count: number): NewLogLeaf[] {
  return Array.from({ length: count }, () => {
    const n = leafBytes.length
    const leaf = makeLeaf(
      {
        type: 'decision',
        n,
        reference: `GH-2026-${String(n).padStart(5, '0')}`,
        note: 'ünïcødé ✓',
      },
      { applicant: `Applicant ${n}` },
      { applicant: new Uint8Array(32).fill(n % 256) },
    )
    leafBytes.push(leaf.bytes)
    memory.appendLeaf(leaf.bytes)
    // Alternate the two accepted forms: bytes and the canonical JSON string.
    return { kind: 'decision', subject: `GH-2026-${n}`, leaf: n % 2 === 0 ? leaf.bytes : leaf.json }
  })
}

async function append(count: number) {
  const leaves = newLeaves(count)
  const result = await database.db
    .transaction()
    .execute((trx) => appendLeaves(trx, signer, ORIGIN, leaves, AT))
  checkpointSizes.push(result.size)
  return result
}

async function counts() {
  const r = await sql<{ leaves: number; nodes: number; checkpoints: number; size: number }>`
    select (select count(*) from log_leaves)::int as leaves,
           (select count(*) from log_nodes)::int as nodes,
           (select count(*) from log_checkpoints)::int as checkpoints,
           (select size from log_state where id = 1)::int as size`.execute(database.db)
  return r.rows[0]
}

describe('decision log store', () => {
  it('starts empty and verifies', async () => {
    expect(await logSize(database.db)).toBe(0)
    expect(await latestCheckpoint(database.db)).toBeUndefined()
    expect(await verifyLog(database.db, [vkey])).toEqual({ ok: true, size: 0 })
  })

  it('refuses an empty batch and leaves that a text column cannot hold exactly', async () => {
    const tryAppend = (leaves: NewLogLeaf[]) =>
      database.db.transaction().execute((trx) => appendLeaves(trx, signer, ORIGIN, leaves, AT))
    await expect(tryAppend([])).rejects.toThrow(RangeError)
    await expect(
      tryAppend([{ kind: 'x', subject: 'y', leaf: new Uint8Array([0xff, 0xfe]) }]),
    ).rejects.toThrow(/UTF-8/)
    await expect(tryAppend([{ kind: 'x', subject: 'y', leaf: 'a\0b' }])).rejects.toThrow(/NUL/)
    await expect(tryAppend([{ kind: 'x', subject: 'y', leaf: '\ud800' }])).rejects.toThrow(
      /well-formed/,
    )
    expect(await logSize(database.db)).toBe(0)
  })

  it('appends one leaf, then batches, with roots equal to an in-memory tree', async () => {
    let expectedFirst = 0
    for (const count of [1, 1, 7, 64, 100]) {
      const before = (await counts())?.checkpoints ?? 0
      const result = await append(count)
      expect(result.firstIndex).toBe(expectedFirst)
      expectedFirst += count
      expect(result.size).toBe(memory.size)
      expect(result.leafHashes).toHaveLength(count)
      expect(bytesEqual(result.checkpoint.rootHash, await memory.root())).toBe(true)
      expect(bytesEqual(await rootAt(database.db, result.size), await memory.root())).toBe(true)
      // One checkpoint per call, whatever the batch size.
      expect((await counts())?.checkpoints).toBe(before + 1)
      const verified = await verifyCheckpoint(result.checkpoint.note, {
        logKeys: [vkey],
        origin: ORIGIN,
      })
      expect(verified.ok).toBe(true)
      if (verified.ok) {
        expect(verified.checkpoint.size).toBe(result.size)
        expect(bytesEqual(verified.checkpoint.rootHash, result.checkpoint.rootHash)).toBe(true)
      }
    }
    // 173 leaves, and exactly the complete nodes: Σ floor(173 / 2^L).
    const c = await counts()
    expect(c).toEqual({
      leaves: 173,
      nodes: 173 + 86 + 43 + 21 + 10 + 5 + 2 + 1,
      checkpoints: 5,
      size: 173,
    })
    for (let level = 0; 2 ** level <= 173; level++) {
      for (let index = 0; index < Math.floor(173 / 2 ** level); index++) {
        const stored = await makeNodeReader(database.db)(level, index)
        expect(bytesEqual(stored, memory.node(level, index) as Uint8Array)).toBe(true)
      }
    }
  })

  it('stores the exact leaf bytes and serves checkpoints', async () => {
    for (const index of [0, 1, 17, 172]) {
      const leaf = await leafAt(database.db, index)
      expect(leaf?.index).toBe(index)
      expect(leaf?.kind).toBe('decision')
      expect(leaf?.subject).toBe(`GH-2026-${index}`)
      expect(bytesEqual(leaf?.bytes as Uint8Array, leafBytes[index] as Uint8Array)).toBe(true)
      expect(
        bytesEqual(leaf?.leafHash as Uint8Array, hashLeaf(leafBytes[index] as Uint8Array)),
      ).toBe(true)
      expect(leaf?.appendedAt.toISOString()).toBe(AT.toISOString())
    }
    expect(await leafAt(database.db, 173)).toBeUndefined()
    expect((await latestCheckpoint(database.db))?.size).toBe(173)
    for (const size of checkpointSizes) {
      const cp = await checkpointAt(database.db, size)
      expect(cp?.size).toBe(size)
      expect(bytesEqual(cp?.rootHash as Uint8Array, await memory.root(size))).toBe(true)
    }
    expect(await checkpointAt(database.db, 5)).toBeUndefined()
  })

  it('serves inclusion proofs that verify against every stored checkpoint', async () => {
    for (const size of checkpointSizes) {
      const cp = await checkpointAt(database.db, size)
      const verified = await verifyCheckpoint(cp?.note as string, {
        logKeys: [vkey],
        origin: ORIGIN,
      })
      if (!verified.ok) throw new Error(verified.reason)
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProofFor(database.db, index, size)
        expect(proof).toEqual(await memory.inclusionProof(index, size))
        const leafHash = hashLeaf(leafBytes[index] as Uint8Array)
        const result = await verifyInclusion(
          leafHash,
          index,
          size,
          proof,
          verified.checkpoint.rootHash,
        )
        expect(result).toEqual({ ok: true })
      }
    }
    // The node reader works with the generic tree-math functions too.
    const read = makeNodeReader(database.db)
    expect(await inclusionProof(17, 173, read)).toEqual(await memory.inclusionProof(17, 173))
    expect(bytesEqual(await rootFromNodes(100, read), await memory.root(100))).toBe(true)
    await expect(inclusionProofFor(database.db, 173, 173)).rejects.toThrow(RangeError)
    await expect(inclusionProofFor(database.db, 0, 200)).rejects.toThrow(/no complete node/)
  })

  it('serves consistency proofs between every pair of checkpoints', async () => {
    for (const m of checkpointSizes) {
      for (const n of checkpointSizes) {
        if (m > n) continue
        const old = await checkpointAt(database.db, m)
        const cur = await checkpointAt(database.db, n)
        const proof = await consistencyProofFor(database.db, m, n)
        expect(proof).toEqual(await memory.consistencyProof(m, n))
        const result = await verifyConsistency(
          m,
          n,
          proof,
          old?.rootHash as Uint8Array,
          cur?.rootHash as Uint8Array,
        )
        expect(result).toEqual({ ok: true })
      }
    }
    // Any intermediate sizes work too (the proof is over stored nodes).
    for (const [m, n] of [
      [1, 173],
      [13, 100],
      [64, 65],
      [127, 172],
    ] as const) {
      expect(await consistencyProofFor(database.db, m, n)).toEqual(
        await memory.consistencyProof(m, n),
      )
    }
  })

  it('verifies the whole log, in pages of any size', async () => {
    expect(await verifyLog(database.db, [vkey], { origin: ORIGIN })).toEqual({
      ok: true,
      size: 173,
    })
    for (const pageSize of [1, 3, 16, 100]) {
      expect(await verifyLog(database.db, [vkey], { pageSize })).toEqual({ ok: true, size: 173 })
    }
    const other = generateKeyPair(ORIGIN).vkey
    const wrongKey = await verifyLog(database.db, [other])
    expect(wrongKey.ok).toBe(false)
    if (!wrongKey.ok) expect(wrongKey.problem).toMatch(/^checkpoint 1: note does not verify/)
    const wrongOrigin = await verifyLog(database.db, [vkey], { origin: 'elsewhere.example/log' })
    expect(wrongOrigin.ok).toBe(false)
  })

  it('leaves the log exactly as before when the transaction throws', async () => {
    const before = await counts()
    const latest = await latestCheckpoint(database.db)
    await expect(
      database.db.transaction().execute(async (trx) => {
        const result = await appendLeaves(
          trx,
          signer,
          ORIGIN,
          [
            { kind: 'decision', subject: 'GH-X', leaf: '{"a":1}' },
            { kind: 'decision', subject: 'GH-Y', leaf: '{"a":2}' },
            { kind: 'decision', subject: 'GH-Z', leaf: '{"a":3}' },
          ],
          AT,
        )
        expect(result.size).toBe(176)
        throw new Error('the decision failed')
      }),
    ).rejects.toThrow('the decision failed')
    expect(await counts()).toEqual(before)
    expect((await latestCheckpoint(database.db))?.note).toBe(latest?.note)
    expect(await verifyLog(database.db, [vkey])).toEqual({ ok: true, size: 173 })
  })

  it('serialises concurrent appends', async () => {
    const batches = [newLeaves(3), newLeaves(3), newLeaves(3), newLeaves(3)]
    // Leaf order across concurrent transactions is decided by the lock, so compare as sets.
    const results = await Promise.all(
      batches.map((leaves) =>
        database.db.transaction().execute((trx) => appendLeaves(trx, signer, ORIGIN, leaves, AT)),
      ),
    )
    const firsts = results.map((r) => r.firstIndex).sort((a, b) => a - b)
    expect(firsts).toEqual([173, 176, 179, 182])
    expect(await logSize(database.db)).toBe(185)
    expect(await verifyLog(database.db, [vkey])).toEqual({ ok: true, size: 185 })
  })

  it('appends a batch of 1,000 leaves under one checkpoint', async () => {
    const before = (await counts())?.checkpoints ?? 0
    const leaves = Array.from({ length: 1000 }, (_, i) => ({
      kind: 'report',
      subject: `report-${i}`,
      leaf: `{"i":${i}}`,
    }))
    const result = await database.db
      .transaction()
      .execute((trx) => appendLeaves(trx, signer, ORIGIN, leaves, AT))
    expect(result).toMatchObject({ firstIndex: 185, size: 1185 })
    expect((await counts())?.checkpoints).toBe(before + 1)
    expect(await verifyLog(database.db, [vkey], { pageSize: 256 })).toEqual({
      ok: true,
      size: 1185,
    })
  })
})

describe('tamper detection', () => {
  // Each tamper runs in a transaction that disables the trigger, changes a row, runs verifyLog
  // on the same transaction and rolls back, so the log (and its triggers) are left untouched.
  async function tampered(statements: string[]): Promise<string> {
    let problem = ''
    await expect(
      database.db.transaction().execute(async (trx) => {
        for (const table of ['log_leaves', 'log_nodes', 'log_checkpoints']) {
          await sql.raw(`alter table ${table} disable trigger ${table}_append_only`).execute(trx)
        }
        for (const statement of statements) await sql.raw(statement).execute(trx)
        const result = await verifyLog(trx, [vkey], { pageSize: 64 })
        problem = result.ok ? 'ok' : result.problem
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    return problem
  }

  const flipByte = (column: string, at = 0) =>
    `${column} = set_byte(${column}, ${at}, get_byte(${column}, ${at}) # 1)`

  it('names a changed byte in a stored leaf', async () => {
    expect(
      await tampered([
        `update log_leaves set leaf = overlay(leaf placing 'X' from 3 for 1) where index = 17`,
      ]),
    ).toBe('leaf 17: stored hash does not match its bytes')
  })

  it('names a changed stored leaf hash', async () => {
    expect(
      await tampered([`update log_leaves set ${flipByte('leaf_hash', 5)} where index = 9`]),
    ).toBe('leaf 9: stored hash does not match its bytes')
  })

  it('names a leaf rewritten together with its hash through the node above it', async () => {
    const leaf = '{"forged":true}'
    expect(
      await tampered([
        `update log_leaves set leaf = '${leaf}', leaf_hash = sha256('\\x00'::bytea || convert_to('${leaf}', 'UTF8')) where index = 17`,
        `update log_nodes set hash = sha256('\\x00'::bytea || convert_to('${leaf}', 'UTF8')) where level = 0 and index = 17`,
      ]),
    ).toBe('node 1/8: stored hash does not match its children')
  })

  it('names a changed node hash', async () => {
    expect(
      await tampered([`update log_nodes set ${flipByte('hash')} where level = 0 and index = 30`]),
    ).toBe('node 0/30: stored hash does not match leaf 30')
    expect(
      await tampered([
        `update log_nodes set ${flipByte('hash', 31)} where level = 2 and index = 5`,
      ]),
    ).toBe('node 2/5: stored hash does not match its children')
    expect(
      await tampered([`update log_nodes set ${flipByte('hash')} where level = 10 and index = 0`]),
    ).toBe('node 10/0: stored hash does not match its children')
  })

  it('names a stored hash of the wrong length, which breaks a page of stored hashes apart', async () => {
    expect(
      await tampered([
        `update log_nodes set hash = '\\x0102'::bytea where level = 1 and index = 3`,
      ]),
    ).toBe('node 1/3: stored hash does not match its children')
    expect(
      await tampered([
        `update log_leaves set leaf_hash = leaf_hash || '\\x00'::bytea where index = 70`,
      ]),
    ).toBe('leaf 70: stored hash does not match its bytes')
    // Two half hashes side by side, which would read as one whole hash in the page's string.
    expect(
      await tampered([
        `update log_nodes set hash = substring(hash from 1 for 16) where level = 0 and index in (65, 66)`,
      ]),
    ).toBe('node 0/65: stored hash does not match leaf 65')
  })

  it('names a missing leaf or node, and extra rows', async () => {
    expect(await tampered(['delete from log_leaves where index = 40'])).toBe('leaf 40: missing')
    expect(await tampered(['delete from log_nodes where level = 3 and index = 2'])).toBe(
      'node 3/2: missing',
    )
    expect(
      await tampered([
        `insert into log_nodes (level, index, hash) values (0, 5000, sha256('x'::bytea))`,
      ]),
    ).toMatch(/^log_nodes holds \d+ rows/)
  })

  it('names a changed checkpoint root', async () => {
    expect(
      await tampered([`update log_checkpoints set ${flipByte('root_hash', 7)} where size = 9`]),
    ).toBe('checkpoint 9: stored root does not match the tree')
  })

  it('names a changed byte in a checkpoint note', async () => {
    // The size line: "9" → "8" in the signed body.
    expect(
      await tampered([
        `update log_checkpoints set note = replace(note, E'\\n9\\n', E'\\n8\\n') where size = 9`,
      ]),
    ).toMatch(/^checkpoint 9: note does not verify/)
    // A byte of the signature line.
    expect(
      await tampered([
        `update log_checkpoints set note = overlay(note placing (case when substr(note, length(note) - 5, 1) = 'A' then 'B' else 'A' end) from length(note) - 5 for 1) where size = 73`,
      ]),
    ).toMatch(/^checkpoint 73: note does not verify/)
  })

  it('names a validly signed checkpoint whose root is not the tree’s', async () => {
    // A forger holding the key re-signs checkpoint 9 over another root: the signature verifies,
    // the stored root column is left alone, but the note's root is not the tree's.
    const forged = signCheckpoint(
      { origin: ORIGIN, size: 9, rootHash: new Uint8Array(32), extensions: [] },
      [signer],
    )
    expect(
      await tampered([
        `update log_checkpoints set note = '${forged.replace(/'/g, "''")}' where size = 9`,
      ]),
    ).toBe('checkpoint 9: note root does not match the tree')
  })

  it('reports the first mismatch in log order', async () => {
    expect(
      await tampered([
        `update log_leaves set leaf = overlay(leaf placing 'X' from 3 for 1) where index = 150`,
        `update log_nodes set ${flipByte('hash')} where level = 1 and index = 20`,
        `update log_checkpoints set ${flipByte('root_hash')} where size = 173`,
      ]),
    ).toBe('node 1/20: stored hash does not match its children')
  })

  it('left the log intact', async () => {
    expect(await verifyLog(database.db, [vkey])).toEqual({ ok: true, size: 1185 })
  })
})

describe('append-only tables', () => {
  const refused = async (statement: string) => {
    // TRUNCATE of a table others reference (checkpoints ← cosignatures) fails on the foreign key
    // before its trigger runs: refused either way.
    await expect(sql.raw(statement).execute(database.db)).rejects.toThrow(
      /append-only|only grows|referenced in a foreign key/,
    )
  }

  it('refuses UPDATE, DELETE and TRUNCATE on every log table', async () => {
    await refused(`update log_leaves set subject = 'x' where index = 0`)
    await refused('delete from log_leaves where index = 0')
    await refused('truncate log_leaves')
    await refused(`update log_nodes set hash = sha256('x'::bytea) where level = 0 and index = 0`)
    await refused('delete from log_nodes')
    await refused('truncate log_nodes')
    await refused(`update log_checkpoints set note = 'x' where size = 1`)
    await refused('delete from log_checkpoints where size = 1')
    await refused('truncate log_checkpoints')
    await refused('update log_state set size = 0 where id = 1')
    await refused('delete from log_state')
    await refused('truncate log_state')
    await refused('truncate log_cosignatures')
    expect(await verifyLog(database.db, [vkey])).toEqual({ ok: true, size: 1185 })
  })
})
