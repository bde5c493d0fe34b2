// `glasshouse log monitor URL`: a monitor anyone can run against a Glasshouse instance, like a
// Certificate Transparency monitor. It trusts only the log key the user pins, checks that the
// log only ever grew from what it saw last time, and recomputes the tree from the published
// tiles. With --cosign it also acts as a witness. Exit 0 verified (state saved), 1 a problem
// (state left as it was), 2 usage error.
import { readFileSync } from 'node:fs'
import { createLogClient } from '../capabilities/decision-log/monitor/log-client.ts'
import { monitorLog } from '../capabilities/decision-log/monitor/monitor-log.ts'
import {
  type MonitorState,
  MonitorStateError,
  readMonitorState,
  writeMonitorState,
} from '../capabilities/decision-log/monitor/monitor-state.ts'
import {
  type CosignatureOutcome,
  submitCosignature,
} from '../capabilities/decision-log/monitor/submit-cosignature.ts'
import {
  KEY_TYPE_ED25519,
  parseSignerKey,
  parseVerifierKey,
  type Signer,
  toBase64,
  type VerifierKey,
} from '../capabilities/decision-log/tlog/index.ts'
import { createProgress, type Progress } from './progress.ts'
import { CliUsageError } from './watchlist-commands.ts'

type Out = (human: string, data: object) => void

export const DEFAULT_MONITOR_STATE = 'glasshouse-monitor.json'

/** Below this many new leaves a run is quick; a progress bar would only flicker. */
const PROGRESS_FROM = 10_000

export interface MonitorCommandOptions {
  url: string | undefined
  stateFile?: string | undefined
  vkey?: string | undefined
  vkeyFile?: string | undefined
  /** A witness signer key file (PRIVATE+KEY+…): cosign what was verified. */
  cosignKeyFile?: string | undefined
  json: boolean
  now?: () => Date
  timeoutMs?: number
}

/** Runs one check and prints its result; resolves to the exit code (0 or 1). */
export async function logMonitor(out: Out, options: MonitorCommandOptions): Promise<number> {
  const url = baseUrlOf(options.url)
  const logKey = await pinnedKey(options)
  const witness = options.cosignKeyFile ? witnessKey(options.cosignKeyFile) : undefined
  const stateFile = options.stateFile ?? DEFAULT_MONITOR_STATE
  const now = options.now ?? (() => new Date())

  let previous: MonitorState | undefined
  const fail = (message: string, data: object) => {
    if (options.json) out(message, { ok: false, message, stateFile, stateSaved: false, ...data })
    else
      console.error(
        previous
          ? `${message}\nThe state in ${stateFile} (size ${previous.size}) was left as it was.`
          : `${message}\nNo state was saved.`,
      )
    return 1
  }

  try {
    previous = await readMonitorState(stateFile)
  } catch (error) {
    if (error instanceof MonitorStateError)
      return fail(`ERROR: ${error.message}`, { kind: 'state' })
    throw error
  }
  if (previous && previous.origin !== logKey.name)
    throw new CliUsageError(
      `${stateFile} watches the log ${previous.origin}, but the key you pinned is for ${logKey.name}; give another --state FILE`,
    )

  const client = createLogClient({
    baseUrl: url,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  })
  let progress: Progress | undefined
  const outcome = await monitorLog({
    client,
    logKey,
    previous,
    now: now(),
    onProgress: (done, total) => {
      if (options.json || total < PROGRESS_FROM) return
      progress ??= createProgress('leaves checked', total)
      progress.update(done)
    },
  })
  progress?.stop()
  const tiles = client.fetched.filter((p) => p.startsWith('tile/'))
  const facts = {
    kind: outcome.kind,
    origin: logKey.name,
    url,
    previousSize: outcome.previous?.size ?? null,
    size: outcome.checkpoint?.checkpoint.size ?? null,
    rootHash: outcome.checkpoint ? toBase64(outcome.checkpoint.checkpoint.rootHash) : null,
    tilesFetched: tiles,
  }
  if (!outcome.ok) return fail(outcome.message, facts)

  try {
    await writeMonitorState(stateFile, outcome.state)
  } catch (error) {
    if (error instanceof MonitorStateError)
      return fail(`ERROR: verified, but ${error.message}`, facts)
    throw error
  }
  // Only now, with the checkpoint on disk, may a witness vouch for it (C2SP tlog-witness).
  let cosignature: CosignatureOutcome | undefined
  if (witness)
    cosignature = await submitCosignature(client, {
      note: outcome.state.checkpoint,
      logKey,
      witness,
      now: now(),
    })
  const human = [
    `${outcome.message}; state saved to ${stateFile}`,
    ...(cosignature ? [cosignature.message] : []),
  ].join('\n')
  const data = {
    ok: cosignature?.ok ?? true,
    ...facts,
    message: outcome.message,
    stateFile,
    stateSaved: true,
    ...(cosignature ? { cosignature } : {}),
  }
  if (cosignature && !cosignature.ok && !options.json) {
    console.log(human.split('\n')[0])
    console.error(cosignature.message)
  } else out(human, data)
  return cosignature && !cosignature.ok ? 1 : 0
}

function baseUrlOf(text: string | undefined): string {
  if (!text) throw new CliUsageError('log monitor needs the URL of a Glasshouse instance')
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new CliUsageError(`${text} is not a URL (e.g. https://register.example)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliUsageError(`${text} is not an http(s) URL`)
  if (url.search || url.hash) throw new CliUsageError(`${text}: give the base URL, without ? or #`)
  return url.toString()
}

/** The key the user trusts. Never the server's own: a monitor that asks the log for it proves nothing. */
async function pinnedKey(options: MonitorCommandOptions): Promise<VerifierKey> {
  if (options.vkey && options.vkeyFile)
    throw new CliUsageError('give the log key once: --vkey or --vkey-file, not both')
  let text = options.vkey
  if (options.vkeyFile) text = readText(options.vkeyFile, '--vkey-file')
  if (!text?.trim())
    throw new CliUsageError(
      "log monitor needs the log key you trust: --vkey VKEY or --vkey-file FILE (from the authority's own publication; a monitor that trusts the server's key proves nothing)",
    )
  const parsed = await parseVerifierKey(text.trim())
  if (!parsed.ok) throw new CliUsageError(`the pinned log key is not usable: ${parsed.reason}`)
  if (parsed.value.type !== KEY_TYPE_ED25519)
    throw new CliUsageError('the pinned log key is a witness key (type 0x04), not a log key')
  return parsed.value
}

function witnessKey(file: string): Signer {
  try {
    return parseSignerKey(readText(file, '--cosign').trim())
  } catch (error) {
    if (error instanceof CliUsageError) throw error
    throw new CliUsageError(`--cosign ${file}: ${(error as Error).message}`)
  }
}

function readText(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new CliUsageError(`${option}: cannot read ${file}: ${(error as Error).message}`)
  }
}
