import cliProgress from 'cli-progress'

export type Progress = { update(done: number, total?: number): void; stop(): void }

/** A bar on a terminal; plain "label: N" lines (at most every 2 s) when output is piped or logged. */
export function createProgress(label: string, total?: number): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}${total ? '/{total}' : ''}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    )
    bar.start(total ?? 0, 0)
    return {
      update: (done, newTotal) => {
        if (newTotal !== undefined && newTotal !== bar.getTotal()) bar.setTotal(newTotal)
        else if (total === undefined && done > bar.getTotal()) bar.setTotal(done)
        bar.update(done)
      },
      stop: () => bar.stop(),
    }
  }
  let last = 0
  return {
    update: (done, newTotal) => {
      const now = Date.now()
      if (now - last < 2000) return
      last = now
      process.stderr.write(
        `${label}: ${done}${(newTotal ?? total) ? `/${newTotal ?? total}` : ''}\n`,
      )
    },
    stop: () => {},
  }
}
