const started = performance.now()

/** One progress line, prefixed with the time since the bench started. */
export function log(message: string): void {
  const seconds = (performance.now() - started) / 1000
  const m = Math.floor(seconds / 60)
  const s = (seconds % 60).toFixed(1).padStart(4, '0')
  console.log(`[${String(m).padStart(2, '0')}:${s}] ${message}`)
}

/** A logger that prints at most once every `everyMs` (and always when `force` is set). */
export function throttledLog(everyMs = 5000): (message: string, force?: boolean) => void {
  let last = 0
  return (message, force = false) => {
    const now = performance.now()
    if (!force && now - last < everyMs) return
    last = now
    log(message)
  }
}

/** Samples this process's resident set size every 500 ms until stopped; returns the peak. */
export function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 500)
  timer.unref()
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage().rss)
    },
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now()
  const value = await work()
  return { value, seconds: (performance.now() - start) / 1000 }
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`
export const count = (n: number) => n.toLocaleString('en-GB')
