// The monitor as a witness (C2SP tlog-cosignature): once it has verified a checkpoint and saved
// it, it cosigns it and hands the cosignature to the log, which publishes it with the checkpoint.
// Readers who trust this witness then know the log showed it the same history as everyone else.
import {
  cosignatureVerifierKeyOf,
  cosignNote,
  formatNote,
  parseNote,
  type Signer,
  type VerifierKey,
} from '../tlog/index.ts'
import { type LogClient, LogFetchError } from './log-client.ts'

export const COSIGNATURES_PATH = 'api/public/v1/log/cosignatures'

export type CosignatureOutcome =
  | { ok: true; witness: string; vkey: string; size: number; message: string }
  | { ok: false; witness: string; vkey: string; message: string }

/**
 * Cosigns `note` (a checkpoint already verified with `logKey`) at `now` and POSTs it. Only the
 * log's own signature is kept under ours: other witnesses' lines are theirs to hand in.
 */
export async function submitCosignature(
  client: LogClient,
  { note, logKey, witness, now }: { note: string; logKey: VerifierKey; witness: Signer; now: Date },
): Promise<CosignatureOutcome> {
  const parsed = parseNote(note)
  if (!parsed.ok) throw new TypeError(`cannot cosign: ${parsed.reason}`)
  const logOnly = formatNote({
    text: parsed.value.text,
    signatures: parsed.value.signatures.filter(
      (s) => s.name === logKey.name && s.keyId === logKey.keyId,
    ),
  })
  const cosigned = cosignNote(logOnly, witness, Math.floor(now.getTime() / 1000))
  // The key the log must know this witness by (GLASSHOUSE_LOG_WITNESSES): type 0x04, not 0x01.
  const vkey = cosignatureVerifierKeyOf(witness)
  let answer: { status: number; body: unknown }
  try {
    answer = await client.postText(COSIGNATURES_PATH, cosigned)
  } catch (error) {
    if (!(error instanceof LogFetchError)) throw error
    return {
      ok: false,
      witness: witness.name,
      vkey,
      message: `COSIGNATURE NOT DELIVERED: ${error.message}`,
    }
  }
  const body = answer.body as { size?: unknown; witnesses?: unknown; detail?: unknown } | string
  if (answer.status === 201 && typeof body === 'object' && typeof body.size === 'number') {
    return {
      ok: true,
      witness: witness.name,
      vkey,
      size: body.size,
      message: `COSIGNED: as witness ${witness.name}, this monitor cosigned the checkpoint of size ${body.size}; the log accepted it and publishes it with the checkpoint`,
    }
  }
  const detail =
    typeof body === 'object' && typeof body.detail === 'string'
      ? body.detail
      : String(typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 200)
  return {
    ok: false,
    witness: witness.name,
    vkey,
    message: `COSIGNATURE REFUSED: the log answered HTTP ${answer.status}: ${detail} (a log accepts the witnesses whose cosignature key it is configured with; this one's is ${vkey})`,
  }
}
