import type { Db } from '../../platform/db/database.ts'
import { ValidationError } from '../../platform/http/errors.ts'
import { checkpointAt } from './log-store.ts'
import { formatSignatureLine, parseNote, verifyCheckpoint } from './tlog/index.ts'

/**
 * Witnesses (C2SP tlog-witness) check that the log only grows and cosign its checkpoints; a reader
 * who trusts any of them knows the log showed everyone the same history. A witness sends the
 * checkpoint note carrying its cosignature line; it is kept when the body is exactly one of our
 * checkpoints and the line verifies with a configured witness key.
 */
export async function addCosignature(
  db: Db,
  { note, logVkey, witnessKeys }: { note: string; logVkey: string; witnessKeys: readonly string[] },
  at: Date,
): Promise<{ size: number; witnesses: string[] }> {
  if (witnessKeys.length === 0)
    throw new ValidationError('No witness is configured (GLASSHOUSE_LOG_WITNESSES)', [
      { field: 'note', message: 'no witness keys are configured' },
    ])
  const checked = await verifyCheckpoint(note, { logKeys: [logVkey], witnessKeys })
  if (!checked.ok) throw invalid(checked.reason)
  const ours = await checkpointAt(db, checked.checkpoint.size)
  const parsedOurs = ours ? parseNote(ours.note) : null
  if (!parsedOurs?.ok || parsedOurs.value.text !== checked.text)
    throw invalid(`no checkpoint of this log has that body (size ${checked.checkpoint.size})`)
  if (checked.cosignatures.length === 0) throw invalid('the note carries no witness cosignature')
  const parsed = parseNote(note)
  if (!parsed.ok) throw invalid(parsed.reason)
  const lines = checked.cosignatures.map((c) => {
    const sig = parsed.value.signatures.find((s) => s.name === c.name && s.keyId === c.keyId)
    return {
      witness: c.name,
      line: formatSignatureLine(c.name, c.keyId, sig?.signature ?? new Uint8Array()),
    }
  })
  await db
    .insertInto('log_cosignatures')
    .values(
      lines.map((l) => ({
        size: checked.checkpoint.size,
        witness: l.witness,
        line: l.line,
        received_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['size', 'witness']).doNothing())
    .execute()
  return { size: checked.checkpoint.size, witnesses: lines.map((l) => l.witness) }
}

/** The checkpoint note with every cosignature received for it appended. */
export async function cosignedNote(db: Db, size: number, note: string): Promise<string> {
  const rows = await db
    .selectFrom('log_cosignatures')
    .select('line')
    .where('size', '=', size)
    .orderBy('witness')
    .execute()
  return note + rows.map((r) => r.line).join('')
}

function invalid(reason: string): ValidationError {
  return new ValidationError(`note: ${reason}`, [{ field: 'note', message: reason }])
}

/** Every stored cosignature still verifies against its checkpoint and a configured witness key. */
export async function verifyCosignatures(
  db: Db,
  { logVkey, witnessKeys }: { logVkey: string; witnessKeys: readonly string[] },
): Promise<{ ok: true; cosignatures: number } | { ok: false; problem: string }> {
  const counts = await db
    .selectFrom('log_cosignatures')
    .select(['size', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('size')
    .orderBy('size')
    .execute()
  let total = 0
  for (const { size, n } of counts) {
    const cp = await checkpointAt(db, Number(size))
    if (!cp) return { ok: false, problem: `cosignatures for size ${size}: no such checkpoint` }
    const checked = await verifyCheckpoint(await cosignedNote(db, cp.size, cp.note), {
      logKeys: [logVkey],
      witnessKeys,
      witnessQuorum: Number(n),
    })
    if (!checked.ok)
      return { ok: false, problem: `cosignatures of checkpoint ${size}: ${checked.reason}` }
    total += Number(n)
  }
  return { ok: true, cosignatures: total }
}
