// The manifest beside every backup (FILE.json): what was dumped, with what, and what the database
// held, so a restore can prove it restored exactly that. The dump itself stays in its tool's own
// format (pg_restore and tar read it as they are).
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { CliUsageError } from '../watchlist-commands.ts'

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/)
const CountSchema = z.number().int().nonnegative()

export const BackupManifestSchema = z.object({
  format: z.literal('glasshouse-backup'),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  database: z.enum(['pglite', 'postgres']),
  dump: z.object({
    /** The dump's file name, beside this manifest. */
    file: z.string().min(1),
    /** pg_dump's custom format, or PGlite's gzipped tarball of its data directory. */
    format: z.enum(['pg_dump-custom', 'pglite-data-dir-tgz']),
    tool: z.string(),
    bytes: CountSchema,
    sha256: Sha256Schema,
  }),
  serverVersion: z.string(),
  migration: z.string().nullable(),
  tables: z.record(z.string(), CountSchema),
  log: z.object({
    size: CountSchema,
    checkpointSize: CountSchema,
    checkpointRoot: z.string().nullable(),
    /** The keys that signed the latest checkpoint ("name+keyid"), to name a wrong key early. */
    signedBy: z.array(z.string()),
  }),
})
export type BackupManifest = z.infer<typeof BackupManifestSchema>

export const manifestPathOf = (dumpFile: string) => `${dumpFile}.json`

/** Reads FILE.json; a usage error when it is missing, an error naming what is wrong otherwise. */
export function readManifest(dumpFile: string): BackupManifest {
  const path = manifestPathOf(dumpFile)
  if (!existsSync(path))
    throw new CliUsageError(
      `no manifest ${path} beside ${dumpFile}: glasshouse backup writes both, and restore needs both`,
    )
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new BackupError(`${path} is not a backup manifest: ${(error as Error).message}`)
  }
  if ((json as { format?: unknown } | null)?.format !== 'glasshouse-backup')
    throw new BackupError(
      `${path} is not a Glasshouse backup manifest (no "format": "glasshouse-backup")`,
    )
  const parsed = BackupManifestSchema.safeParse(json)
  if (!parsed.success)
    throw new BackupError(
      `${path} is not a Glasshouse backup manifest:\n${z.prettifyError(parsed.error)}`,
    )
  return parsed.data
}

/** A backup or restore that cannot go ahead (a corrupted or foreign file, a refusal): exit 1. */
export class BackupError extends Error {}
