// PostgreSQL's own client programs (pg_dump, pg_restore): finding one that can talk to the
// server's major version, and running it without ever putting the password on a command line.
import { execFile, spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type PgTool = { path: string; version: string; major: number }

export class PgToolError extends Error {}

/** A URL with its password replaced by ***, for anything printed or logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.password && !parsed.searchParams.has('password')) return url
    if (parsed.password) parsed.password = '***'
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***')
    return parsed.toString()
  } catch {
    return '(an unparsable database URL)'
  }
}

/**
 * The URL without its password, and the environment that carries the password instead: a command
 * line is visible to every user of the machine (ps), the environment of a process only to its owner.
 */
export function connectionFor(url: string): { dbname: string; env: Record<string, string> } {
  const parsed = new URL(url)
  const password = parsed.password
    ? decodeURIComponent(parsed.password)
    : (parsed.searchParams.get('password') ?? undefined)
  parsed.password = ''
  parsed.searchParams.delete('password')
  return {
    dbname: parsed.toString(),
    env: password === undefined ? {} : { PGPASSWORD: password },
  }
}

/** "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → 15.18 and 15. */
export function parseToolVersion(output: string): { version: string; major: number } | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output)
  if (!match?.[1]) return undefined
  return { version: match[2] ? `${match[1]}.${match[2]}` : match[1], major: Number(match[1]) }
}

async function probe(path: string): Promise<PgTool | undefined> {
  try {
    const { stdout } = await run(path, ['--version'])
    const parsed = parseToolVersion(stdout)
    return parsed ? { path, ...parsed } : undefined
  } catch {
    return undefined
  }
}

/**
 * Finds `name` (pg_dump or pg_restore) able to work with a server of `serverMajor`: in binDir when
 * given; else Debian's /usr/lib/postgresql/<major>/bin, the server's own major first, then newer
 * ones; else the one on PATH. A tool older than the server cannot read it (pg_dump refuses), so
 * none older is taken.
 */
export async function findPgTool(
  name: 'pg_dump' | 'pg_restore',
  serverMajor: number,
  binDir?: string,
): Promise<PgTool> {
  const newEnough = (tool: PgTool) => tool.major >= serverMajor
  if (binDir !== undefined) {
    const tool = await probe(join(binDir, name))
    if (tool && newEnough(tool)) return tool
    throw new PgToolError(
      tool
        ? `${tool.path} is version ${tool.version}, older than the server (${serverMajor}): give --pg-bin a directory of version ${serverMajor} or newer`
        : `no ${name} in ${binDir} (--pg-bin)`,
    )
  }
  const root = '/usr/lib/postgresql'
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((entry) => /^\d+$/.test(entry))
        .map(Number)
        .filter((major) => major >= serverMajor)
        .sort((a, b) => a - b)
    : []
  for (const major of majors) {
    const tool = await probe(join(root, String(major), 'bin', name))
    if (tool && newEnough(tool)) return tool
  }
  const onPath = await probe(name)
  if (onPath && newEnough(onPath)) return onPath
  throw new PgToolError(
    `${name} for PostgreSQL ${serverMajor} or newer not found${onPath ? ` (${name} on PATH is ${onPath.version})` : ''}: install the PostgreSQL ${serverMajor} client programs (Debian: postgresql-client-${serverMajor}) or give --pg-bin DIR`,
  )
}

/**
 * Runs a PostgreSQL client program, against `url` when given (its password through the
 * environment), handing each line of its standard error to onLine; rejects with the last lines.
 */
export function runPgTool(
  tool: PgTool,
  args: readonly string[],
  options: { url?: string; onLine?: (line: string) => void },
): Promise<void> {
  const connection = options.url === undefined ? undefined : connectionFor(options.url)
  const argv = connection ? [...args, `--dbname=${connection.dbname}`] : [...args]
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, argv, {
      // biome-ignore lint/style/noProcessEnv: the program inherits ours (PATH, PGSSLMODE…), plus the password
      env: { ...process.env, ...connection?.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const tail: string[] = []
    let pending = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        tail.push(line)
        if (tail.length > 20) tail.shift()
        options.onLine?.(line)
      }
    })
    child.on('error', (error) =>
      reject(new PgToolError(`${tool.path} could not run: ${error.message}`)),
    )
    child.on('close', (code, signal) => {
      if (pending) tail.push(pending)
      if (code === 0) resolve()
      else
        reject(
          new PgToolError(
            `${tool.path.split('/').pop()} failed (${signal ?? `exit ${code}`}):\n${tail.join('\n')}`,
          ),
        )
    })
  })
}
