// `glasshouse log verify`, `glasshouse log prove REF`, `glasshouse log check FILE` and
// `glasshouse keys generate`.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import type { LogDb } from '../capabilities/decision-log/log-store.ts'
import { proofBundleFor } from '../capabilities/decision-log/proof-bundle-for.ts'
import { generateKeyPair, isValidKeyName } from '../capabilities/decision-log/tlog/index.ts'
import { verifyProofBundle } from '../capabilities/decision-log/verify-proof-bundle.ts'
import { verifyLogAndRegister } from './verify-log-and-register.ts'
import { CliUsageError } from './watchlist-commands.ts'

type Out = (human: string, data: object) => void

/**
 * Recomputes every leaf and node, checks every checkpoint's root, signature and consistency with
 * the one before, then the register, policies and reports against the leaves, both ways. Exit 1
 * naming each kind of mismatch with the first row it hits.
 */
export async function logVerify(
  db: LogDb,
  out: Out,
  options: {
    vkeys: readonly string[]
    origin: string
    json: boolean
    /** Witness keys: stored cosignatures must verify with them. */
    witnesses?: readonly string[]
    postgresUrl?: string | undefined
  },
): Promise<void> {
  if (options.vkeys.length === 0) throw new CliUsageError('log verify needs the log verifier key')
  const result = await verifyLogAndRegister(db, options)
  if (!result.ok) {
    console.error('Log verification FAILED:')
    for (const p of result.problems) console.error(`  ${p.kind}: ${p.message}`)
    if (options.json)
      console.log(
        JSON.stringify({
          ok: false,
          problem: result.problems[0]?.message,
          problems: result.problems,
        }),
      )
    process.exitCode = 1
    return
  }
  out(
    `Log verified: ${result.leaves} leaves, ${result.checkpoints} checkpoints. Against them: ${result.decisions} decisions of ${result.applications} applications, ${result.licences} licences and ${result.notices} denial notices; ${result.policies} policy versions and ${result.reports} published reports. Every row has its leaf and every leaf its row.`,
    { ...result, origin: options.origin },
  )
}

/** Prints the offline proof bundle for a licence reference (JSON). Exit 1 if nothing is logged. */
export async function logProve(
  db: LogDb,
  out: Out,
  options: { reference: string | undefined; origin: string; vkey: string; json: boolean },
): Promise<void> {
  const reference = options.reference?.trim()
  if (!reference)
    throw new CliUsageError('log prove needs a REF (a licence or application reference)')
  const bundle = await proofBundleFor(db, reference, { origin: options.origin, vkey: options.vkey })
  if (bundle === undefined) {
    console.error(`Nothing about ${reference} is in the decision log.`)
    if (options.json) console.log(JSON.stringify({ ok: false, reference }))
    process.exitCode = 1
    return
  }
  out(JSON.stringify(bundle, null, 2), bundle)
}

/**
 * Checks a proof bundle offline, as a reader who distrusts the server would: the same check the
 * portal's Verify button runs in the browser. Exit 1 naming what failed.
 */
export async function logCheck(
  out: Out,
  options: { file: string | undefined; vkey: string | undefined; json: boolean },
): Promise<void> {
  if (!options.file) throw new CliUsageError('log check needs a FILE (or - for standard input)')
  let text: string
  try {
    text = readFileSync(options.file === '-' ? 0 : options.file, 'utf8')
  } catch (error) {
    throw new CliUsageError(`cannot read ${options.file}: ${(error as Error).message}`)
  }
  let bundle: unknown
  try {
    bundle = JSON.parse(text)
  } catch {
    bundle = undefined
  }
  const result = await verifyProofBundle(bundle, options.vkey ? { vkey: options.vkey.trim() } : {})
  if (!result.ok) {
    process.exitCode = 1
    out(`NOT VERIFIED: ${result.reason} (${result.checked} record(s) checked before it)`, result)
    return
  }
  const b = bundle as { reference: string; origin: string; checkpoint: { size: number } }
  out(
    `Verified: ${result.checked} logged record(s) about ${b.reference} are in the log ${b.origin}, ` +
      `checkpoint of size ${b.checkpoint.size} signed by its key${options.vkey ? ' (the key you gave)' : ' (the key in the bundle: pin it with --vkey)'}.`,
    result,
  )
}

/**
 * Generates an Ed25519 log key pair named after the origin. With outFile, the private key goes
 * there (mode 0600, never overwriting) and only the vkey is printed; without, both are printed
 * and a warning goes to stderr.
 */
export function keysGenerate(
  out: Out,
  options: { origin: string; outFile?: string | undefined; json: boolean },
): void {
  if (!isValidKeyName(options.origin))
    throw new CliUsageError('the log origin must be non-empty, without spaces or +')
  const { skey, vkey } = generateKeyPair(options.origin)
  if (options.outFile === undefined) {
    console.error(
      'WARNING: printing the PRIVATE signer key; store it as a secret and give --out FILE next time.',
    )
    out(`${skey}\n${vkey}`, { origin: options.origin, vkey, skey })
    return
  }
  try {
    writeFileSync(options.outFile, `${skey}\n`, { mode: 0o600, flag: 'wx' })
    chmodSync(options.outFile, 0o600)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'EEXIST'
        ? `${options.outFile} already exists; refusing to overwrite a key`
        : `cannot write ${options.outFile}: ${(error as Error).message}`
    console.error(why)
    if (options.json) console.log(JSON.stringify({ ok: false, error: why }))
    process.exitCode = 1
    return
  }
  out(
    `Wrote the signer key to ${options.outFile} (mode 0600).\nVerifier key (publish this):\n${vkey}`,
    {
      origin: options.origin,
      vkey,
      keyFile: options.outFile,
    },
  )
}
