import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'

/**
 * Where the CPU time of a phase went, from /proc (Linux): this Node process, the PostgreSQL server
 * (postmaster, its live backends and the ones it already reaped), an optional child process, and
 * everything else on the machine (for instance a test suite running at the same time).
 */
export type CpuSplit = {
  wallSeconds: number
  cores: number
  /** CPU seconds the machine was busy, all processes together (at most wall × cores). */
  machineSeconds: number
  benchSeconds: number
  postgresSeconds: number | null
  serverSeconds: number | null
  otherSeconds: number
}

type Snapshot = {
  at: number
  machine: number
  bench: number
  postgres: number | null
  server: number | null
}

export type CpuSources = { postmasterPid?: number | undefined; serverPid?: number | undefined }

let ticksPerSecond: number | undefined

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** utime, stime, cutime, cstime (seconds) and the parent pid of one process, if it exists. */
function processTimes(pid: number | 'self') {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const at = (i: number) => Number(fields[i] ?? 0) / clockTicks()
    return { ppid: Number(fields[1]), own: at(11) + at(12), reaped: at(13) + at(14) }
  } catch {
    return undefined
  }
}

function treeSeconds(rootPid: number): number | null {
  const root = processTimes(rootPid)
  if (!root) return null
  let total = root.own + root.reaped
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const child = processTimes(Number(entry))
    if (child?.ppid === rootPid) total += child.own + child.reaped
  }
  return total
}

function machineBusySeconds(): number {
  let busy = 0
  for (const cpu of cpus()) busy += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq
  return busy / 1000
}

function snapshot(sources: CpuSources): Snapshot {
  const self = processTimes('self')
  return {
    at: performance.now(),
    machine: machineBusySeconds(),
    bench: self ? self.own : process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    postgres: sources.postmasterPid ? treeSeconds(sources.postmasterPid) : null,
    server: sources.serverPid ? treeSeconds(sources.serverPid) : null,
  }
}

/** Starts measuring; `stop()` returns the split since the start. */
export function measureCpu(sources: CpuSources): { stop(): CpuSplit } {
  const start = snapshot(sources)
  return {
    stop() {
      const end = snapshot(sources)
      const delta = (a: number | null, b: number | null) =>
        a === null || b === null ? null : Math.max(0, b - a)
      const machineSeconds = end.machine - start.machine
      const benchSeconds = end.bench - start.bench
      const postgresSeconds = delta(start.postgres, end.postgres)
      const serverSeconds = delta(start.server, end.server)
      return {
        wallSeconds: (end.at - start.at) / 1000,
        cores: cpus().length,
        machineSeconds,
        benchSeconds,
        postgresSeconds,
        serverSeconds,
        otherSeconds: Math.max(
          0,
          machineSeconds - benchSeconds - (postgresSeconds ?? 0) - (serverSeconds ?? 0),
        ),
      }
    },
  }
}

/** How busy the machine is before anything starts: fraction of all cores over `ms`. */
export async function backgroundLoad(ms = 3000): Promise<number> {
  const before = machineBusySeconds()
  await new Promise((resolve) => setTimeout(resolve, ms))
  return (machineBusySeconds() - before) / ((ms / 1000) * cpus().length)
}
