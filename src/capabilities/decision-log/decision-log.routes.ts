import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts'
import { json, problem } from '../../platform/http/openapi.ts'
import { validationProblem } from '../../platform/http/problem.ts'
import { ReferenceParamSchema } from '../licensing/fields.ts'
import { addCosignature, cosignedNote } from './cosignatures.ts'
import {
  CheckpointSchema,
  ConsistencyProofSchema,
  ConsistencyQuerySchema,
  InclusionProofSchema,
  InclusionQuerySchema,
  IndexParamSchema,
  LeafSchema,
  LogKeySchema,
  ProofBundleSchema,
  SizeParamSchema,
} from './decision-log.schema.ts'
import {
  checkpointAt,
  consistencyProofFor,
  inclusionProofFor,
  type LogDb,
  latestCheckpoint,
  leafAt,
  type StoredCheckpoint,
} from './log-store.ts'
import { checkpointJson, proofBundleFor, tlogProofFor } from './proof-bundle-for.ts'
import { toBase64 } from './tlog/index.ts'

const tags = ['Decision log']
const ERRORS = { 400: problem('Invalid parameters; `issues` names each one') }
const NOT_FOUND = { 404: problem('Nothing logged there') }
const text = (description: string) => ({
  content: { 'text/plain': { schema: { type: 'string' as const } } },
  description,
})
const TEXT = { 'content-type': 'text/plain; charset=utf-8' }

/**
 * The public decision log under /api/public/v1 (no auth): signed checkpoints, leaves, inclusion
 * and consistency proofs, the log key, and per-licence proof bundles that verify offline.
 */
export function createDecisionLogRoutes({
  db,
  origin,
  vkey,
  witnessKeys = [],
}: {
  db: LogDb
  origin: string
  vkey: string
  /** Witnesses whose cosignatures the log accepts and publishes with its checkpoints. */
  witnessKeys?: readonly string[]
}) {
  const log = { origin, vkey }
  const app = new OpenAPIHono({
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error)),
  })

  const latest = async (): Promise<StoredCheckpoint> => {
    const cp = await latestCheckpoint(db)
    if (cp === undefined)
      throw new NotFoundError('log_empty', 'The decision log has no checkpoint yet')
    return { ...cp, note: await cosignedNote(db, cp.size, cp.note) }
  }
  const checkpointOfSize = async (size: number): Promise<StoredCheckpoint> => {
    const cp = await checkpointAt(db, size)
    if (cp === undefined)
      throw new NotFoundError('checkpoint_not_found', `No checkpoint was signed at size ${size}`)
    return { ...cp, note: await cosignedNote(db, cp.size, cp.note) }
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/log/cosignatures',
      operationId: 'addWitnessCosignature',
      summary:
        'A witness hands in its cosignature of one of our checkpoints (the cosigned note, text)',
      description:
        'The body is the checkpoint note with the witness cosignature line (c2sp.org/tlog-cosignature). It is kept when the body is exactly one of this log’s checkpoints and the cosignature verifies with a configured witness key; checkpoints are then served with it.',
      tags,
      request: {
        body: { content: { 'text/plain': { schema: z.string().max(8192) } }, required: true },
      },
      responses: {
        201: json(
          z.object({ size: z.number().int(), witnesses: z.array(z.string()) }),
          'Cosignature kept',
        ),
        400: problem('Not a cosigned checkpoint of this log, or no witness configured'),
      },
    }),
    async (c) => {
      const note = await c.req.text()
      return c.json(await addCosignature(db, { note, logVkey: vkey, witnessKeys }, new Date()), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/checkpoint',
      operationId: 'getLatestCheckpointNote',
      summary: 'The latest signed checkpoint (c2sp.org/tlog-checkpoint note, text)',
      tags,
      responses: { 200: text('The signed checkpoint note'), ...NOT_FOUND },
    }),
    async (c) => c.body((await latest()).note, 200, TEXT) as never,
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/checkpoint.json',
      operationId: 'getLatestCheckpoint',
      summary: 'The latest signed checkpoint, with its size, root hash and the log key',
      tags,
      responses: { 200: json(CheckpointSchema, 'The latest checkpoint'), ...NOT_FOUND },
    }),
    async (c) => c.json(checkpointJson(await latest(), log), 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/checkpoints/{size}',
      operationId: 'getCheckpoint',
      summary: 'The checkpoint signed at a tree size (every one is kept)',
      tags,
      request: { params: SizeParamSchema },
      responses: { 200: json(CheckpointSchema, 'The checkpoint'), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) =>
      c.json(checkpointJson(await checkpointOfSize(c.req.valid('param').size), log), 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/leaves/{index}',
      operationId: 'getLogLeaf',
      summary: 'One leaf: the exact logged canonical JSON and its RFC 9162 leaf hash',
      tags,
      request: { params: IndexParamSchema },
      responses: { 200: json(LeafSchema, 'The leaf'), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { index } = c.req.valid('param')
      const leaf = await leafAt(db, index)
      if (leaf === undefined) throw new NotFoundError('leaf_not_found', `No leaf at index ${index}`)
      return c.json(
        {
          index: leaf.index,
          kind: leaf.kind,
          subject: leaf.subject,
          leaf: leaf.leaf,
          leafHash: toBase64(leaf.leafHash),
          appendedAt: leaf.appendedAt.toISOString(),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/leaves/{index}/tlog-proof',
      operationId: 'getLogLeafTlogProof',
      summary: 'A c2sp.org/tlog-proof@v1 bundle for one leaf against the latest checkpoint',
      tags,
      request: { params: IndexParamSchema },
      responses: { 200: text('The tlog-proof text'), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { index } = c.req.valid('param')
      const cp = await latest()
      if (index >= cp.size)
        throw new NotFoundError(
          'leaf_not_found',
          `No leaf at index ${index} in the latest checkpoint`,
        )
      return c.body(await tlogProofFor(db, index, cp), 200, TEXT) as never
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/proofs/inclusion',
      operationId: 'getInclusionProof',
      summary: 'RFC 9162 inclusion proof of a leaf in a checkpointed tree',
      tags,
      request: { query: InclusionQuerySchema },
      responses: {
        200: json(InclusionProofSchema, 'The proof and the checkpoint it leads to'),
        ...ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const cp = q.size === undefined ? await latest() : await checkpointOfSize(q.size)
      if (q.index >= cp.size) {
        throw new ValidationError(`index must be less than the tree size ${cp.size}`, [
          { field: 'index', message: `must be less than ${cp.size}` },
        ])
      }
      const leaf = await leafAt(db, q.index)
      if (leaf === undefined)
        throw new NotFoundError('leaf_not_found', `No leaf at index ${q.index}`)
      const proof = await inclusionProofFor(db, q.index, cp.size)
      return c.json(
        {
          index: q.index,
          size: cp.size,
          leafHash: toBase64(leaf.leafHash),
          proof: proof.map(toBase64),
          checkpoint: cp.note,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/proofs/consistency',
      operationId: 'getConsistencyProof',
      summary: 'RFC 9162 consistency proof between two checkpointed tree sizes',
      tags,
      request: { query: ConsistencyQuerySchema },
      responses: {
        200: json(ConsistencyProofSchema, 'The proof'),
        ...ERRORS,
        ...NOT_FOUND,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      if (q.from < 1) {
        throw new ValidationError('from must be at least 1', [
          { field: 'from', message: 'must be at least 1 (an empty tree proves nothing)' },
        ])
      }
      const to = q.to === undefined ? await latest() : await checkpointOfSize(q.to)
      if (q.from > to.size) {
        throw new ValidationError(`from must not exceed to (${to.size})`, [
          { field: 'from', message: `must not exceed ${to.size}` },
        ])
      }
      await checkpointOfSize(q.from)
      const proof = await consistencyProofFor(db, q.from, to.size)
      return c.json({ from: q.from, to: to.size, proof: proof.map(toBase64) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/key',
      operationId: 'getLogKey',
      summary: "The log's origin and Ed25519 verifier key (c2sp.org/signed-note vkey)",
      tags,
      responses: { 200: json(LogKeySchema, 'The key') },
    }),
    (c) => c.json(log, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/log/key.txt',
      operationId: 'getLogKeyText',
      summary: "The log's verifier key as one line of text",
      tags,
      responses: { 200: text('The vkey') },
    }),
    (c) => c.body(`${vkey}\n`, 200, TEXT) as never,
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/licences/{reference}/proof',
      operationId: 'getLicenceProofBundle',
      summary: 'Every logged decision about a licence, with proofs that verify offline',
      description:
        'Each leaf carries its inclusion proof against the latest signed checkpoint (also as c2sp.org/tlog-proof@v1 text); the bundle carries the checkpoint note and the log key.',
      tags,
      request: { params: ReferenceParamSchema },
      responses: { 200: json(ProofBundleSchema, 'The proof bundle'), ...ERRORS, ...NOT_FOUND },
    }),
    async (c) => {
      const { reference } = c.req.valid('param')
      const bundle = await proofBundleFor(db, reference, log)
      if (bundle === undefined)
        throw new NotFoundError('not_logged', `Nothing about ${reference} is in the decision log`)
      return c.json(bundle, 200)
    },
  )
  return app
}
