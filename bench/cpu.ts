import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'

/**
 * Where the CPU time of a phase went, from /proc (Linux): this Node process, the PostgreSQL server
 * (postmaster, its backends, and those it reaped), the app server process, every other process on
 * the machine (say, a test suite running at the same time), and kernel threads (disk writeback).
 */
export type CpuSplit = {
  wallSeconds: number
  cores: number
  /** CPU seconds the machine was busy, all processes together (at most wall × cores). */
  machineSeconds: number
  benchSeconds: number
  postgresSeconds: number | null
  serverSeconds: number | null
  otherProcessesSeconds: number
  kernelSeconds: number
}

export type CpuSources = { postmasterPid?: number | undefined; serverPid?: number | undefined }

type ProcessTimes = { ppid: number; own: number; reaped: number }
type Snapshot = { at: number; machine: number; processes: Map<number, ProcessTimes> }

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

/** utime + stime, cutime + cstime (seconds) and the parent of one process, if it still exists. */
function processTimes(pid: number): ProcessTimes | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const at = (i: number) => Number(fields[i] ?? 0) / clockTicks()
    return { ppid: Number(fields[1]), own: at(11) + at(12), reaped: at(13) + at(14) }
  } catch {
    return undefined
  }
}

function snapshot(): Snapshot {
  const processes = new Map<number, ProcessTimes>()
  let entries: string[] = []
  try {
    entries = readdirSync('/proc')
  } catch {
    // not Linux: only the machine total is known
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const times = processTimes(Number(entry))
    if (times) processes.set(Number(entry), times)
  }
  let busy = 0
  for (const cpu of cpus()) busy += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq
  return { at: performance.now(), machine: busy / 1000, processes }
}

type Bucket = 'bench' | 'postgres' | 'server' | 'kernel' | 'other'

/** Starts measuring; `stop()` returns the split since the start. */
export function measureCpu(sources: CpuSources): { stop(): CpuSplit } {
  const start = snapshot()
  return {
    stop() {
      const end = snapshot()
      const bucketOf = (pid: number, t: ProcessTimes): Bucket => {
        if (pid === process.pid) return 'bench'
        const inTree = (root: number | undefined) =>
          root !== undefined && (pid === root || t.ppid === root)
        if (inTree(sources.postmasterPid)) return 'postgres'
        if (inTree(sources.serverPid)) return 'server'
        return pid === 2 || t.ppid === 2 ? 'kernel' : 'other'
      }
      // Our own children (none while measuring) do not count for the bench process.
      const total = (pid: number, t: ProcessTimes) => t.own + (pid === process.pid ? 0 : t.reaped)
      const spent: Record<Bucket, number> = {
        bench: 0,
        postgres: 0,
        server: 0,
        kernel: 0,
        other: 0,
      }
      for (const [pid, t] of end.processes) {
        const before = start.processes.get(pid)
        spent[bucketOf(pid, t)] += total(pid, t) - (before ? total(pid, before) : 0)
      }
      // A process that ended was reaped into its parent's total with its whole lifetime; take back
      // the part it had used before the phase began.
      for (const [pid, t] of start.processes)
        if (!end.processes.has(pid)) spent[bucketOf(pid, t)] -= total(pid, t)
      const seconds = (bucket: Bucket) => Math.max(0, spent[bucket])
      return {
        wallSeconds: (end.at - start.at) / 1000,
        cores: cpus().length,
        machineSeconds: end.machine - start.machine,
        benchSeconds: seconds('bench'),
        postgresSeconds: sources.postmasterPid === undefined ? null : seconds('postgres'),
        serverSeconds: sources.serverPid === undefined ? null : seconds('server'),
        otherProcessesSeconds: seconds('other'),
        kernelSeconds: seconds('kernel'),
      }
    },
  }
}

/** How busy the machine is before anything starts: the share of all cores used over `ms`. */
export async function backgroundLoad(ms = 3000): Promise<number> {
  const cpu = measureCpu({})
  await new Promise((resolve) => setTimeout(resolve, ms))
  const split = cpu.stop()
  return split.machineSeconds / (split.wallSeconds * split.cores)
}
