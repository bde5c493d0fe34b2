// The monitor's memory between runs: which log it watches, the last checkpoint it verified and
// the compact range of that tree, so the next run checks that the log only grew and fetches only
// the new leaves. Written atomically (temporary file, fsync, rename; mode 0600) so a run killed
// half-way leaves the previous state, never a torn file.
import { randomBytes } from 'node:crypto'
import { open, readFile, rename, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { bytesEqual, fromBase64, parseCheckpoint, parseNote, toBase64 } from '../tlog/index.ts'
import { type CompactRange, isWellFormedRange, rangeRoot } from './compact-range.ts'

export const MONITOR_STATE_FORMAT = 'glasshouse-monitor/v1'

export interface MonitorState {
  origin: string
  /** The log key the checkpoint was verified with. */
  vkey: string
  /** Where it was fetched from (the origin, not the URL, names the log). */
  url: string
  size: number
  rootHash: Uint8Array
  /** The signed checkpoint note, as served (cosignatures included). */
  checkpoint: string
  range: CompactRange
  verifiedAt: Date
}

const StateFileSchema = z.object({
  format: z.literal(MONITOR_STATE_FORMAT),
  origin: z.string().min(1),
  vkey: z.string().min(1),
  url: z.string(),
  size: z.number().int().nonnegative(),
  rootHash: z.string(),
  checkpoint: z.string(),
  compactRange: z.array(z.string()),
  verifiedAt: z.iso.datetime(),
})

export class MonitorStateError extends Error {}

/** The state in `path`, or undefined when there is none yet (a first run). */
export async function readMonitorState(path: string): Promise<MonitorState | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new MonitorStateError(`cannot read ${path}: ${(error as Error).message}`)
  }
  const damaged = (why: string) =>
    new MonitorStateError(
      `${path} is not a usable monitor state (${why}); it was left as it is — move it away to start over`,
    )
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw damaged('not JSON')
  }
  const parsed = StateFileSchema.safeParse(json)
  if (!parsed.success) throw damaged(parsed.error.issues.map((i) => i.path.join('.')).join(', '))
  const s = parsed.data
  const rootHash = fromBase64(s.rootHash)
  const hashes = s.compactRange.map(fromBase64)
  if (rootHash === undefined || hashes.some((h) => h === undefined)) throw damaged('bad base64')
  const range = { size: s.size, hashes: hashes as Uint8Array[] }
  // The file vouches for itself: its range must fold to its root, and its checkpoint say both.
  if (!isWellFormedRange(range) || !bytesEqual(rangeRoot(range), rootHash))
    throw damaged('its compact range does not lead to its root hash')
  const note = parseNote(s.checkpoint)
  const checkpoint = note.ok ? parseCheckpoint(note.value.text) : note
  if (
    !checkpoint.ok ||
    checkpoint.value.origin !== s.origin ||
    checkpoint.value.size !== s.size ||
    !bytesEqual(checkpoint.value.rootHash, rootHash)
  )
    throw damaged('its checkpoint does not match its origin, size and root')
  return {
    origin: s.origin,
    vkey: s.vkey,
    url: s.url,
    size: s.size,
    rootHash,
    checkpoint: s.checkpoint,
    range,
    verifiedAt: new Date(s.verifiedAt),
  }
}

export async function writeMonitorState(path: string, state: MonitorState): Promise<void> {
  const body: z.infer<typeof StateFileSchema> = {
    format: MONITOR_STATE_FORMAT,
    origin: state.origin,
    vkey: state.vkey,
    url: state.url,
    size: state.size,
    rootHash: toBase64(state.rootHash),
    checkpoint: state.checkpoint,
    compactRange: state.range.hashes.map(toBase64),
    verifiedAt: state.verifiedAt.toISOString(),
  }
  // Same directory as the target, so the rename is atomic (one file system).
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.monitor-state.tmp`)
  try {
    const handle = await open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(`${JSON.stringify(body, null, 2)}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw new MonitorStateError(`cannot write ${path}: ${(error as Error).message}`)
  }
}
