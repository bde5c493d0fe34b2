import { z } from '@hono/zod-openapi'
import { PROOF_BUNDLE_FORMAT } from './verify-proof-bundle.ts'

/** A tree size or leaf index in a path or query: plain decimal digits, a safe integer. */
export const countText = (description: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/, 'must be a non-negative whole number')
    .transform(Number)
    .openapi({ type: 'string', description, example: '42' })

const Base64Hash = z.string().openapi({ description: 'SHA-256 hash, standard base64' })

export const SizeParamSchema = z.object({
  size: countText('Tree size').openapi({ param: { name: 'size', in: 'path' } }),
})

export const IndexParamSchema = z.object({
  index: countText('Leaf index (0-based)').openapi({ param: { name: 'index', in: 'path' } }),
})

export const InclusionQuerySchema = z.object({
  index: countText('Leaf index (0-based)'),
  size: countText('A checkpointed tree size; default: the latest checkpoint').optional(),
})

export const ConsistencyQuerySchema = z.object({
  from: countText('The older checkpointed tree size (at least 1)'),
  to: countText('The newer checkpointed tree size; default: the latest checkpoint').optional(),
})

export const LogKeySchema = z
  .object({
    origin: z.string().openapi({ description: 'The log origin (checkpoint first line)' }),
    vkey: z.string().openapi({ description: 'Ed25519 verifier key, c2sp.org/signed-note' }),
  })
  .openapi('DecisionLogKey')

export const CheckpointSchema = z
  .object({
    size: z.number().int(),
    rootHash: Base64Hash,
    note: z.string().openapi({ description: 'The signed c2sp.org/tlog-checkpoint note' }),
    signedAt: z.string(),
    origin: z.string(),
    vkey: z.string(),
  })
  .openapi('DecisionLogCheckpoint')

export const LeafSchema = z
  .object({
    index: z.number().int(),
    kind: z.string(),
    subject: z.string(),
    leaf: z.string().openapi({ description: 'The exact logged canonical JSON text' }),
    leafHash: Base64Hash,
    appendedAt: z.string(),
  })
  .openapi('DecisionLogLeaf')

export const InclusionProofSchema = z
  .object({
    index: z.number().int(),
    size: z.number().int(),
    leafHash: Base64Hash,
    proof: z.array(Base64Hash),
    checkpoint: z.string().openapi({ description: 'The signed checkpoint note for `size`' }),
  })
  .openapi('DecisionLogInclusionProof')

export const ConsistencyProofSchema = z
  .object({ from: z.number().int(), to: z.number().int(), proof: z.array(Base64Hash) })
  .openapi('DecisionLogConsistencyProof')

export const ProofBundleSchema = z
  .object({
    format: z.literal(PROOF_BUNDLE_FORMAT),
    reference: z.string(),
    origin: z.string(),
    vkey: z.string(),
    checkpoint: z.object({
      size: z.number().int(),
      rootHash: Base64Hash,
      note: z.string(),
      signedAt: z.string(),
    }),
    leaves: z.array(
      z.object({
        index: z.number().int(),
        kind: z.string(),
        subject: z.string(),
        appendedAt: z.string(),
        leaf: z.string(),
        leafHash: Base64Hash,
        proof: z.array(Base64Hash),
        tlogProof: z.string().openapi({ description: 'The same proof, c2sp.org/tlog-proof@v1' }),
      }),
    ),
  })
  .openapi('DecisionLogProofBundle', {
    description:
      'Every logged decision about one licence with its inclusion proof, the signed checkpoint and the log key: verifies offline',
  })
