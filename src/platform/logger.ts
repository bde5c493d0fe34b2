/**
 * A small structured logger writing JSON lines to stderr. Callers pass identifiers, never names of
 * people: application logs must not carry personal data.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
export type Logger = Record<Exclude<LogLevel, 'silent'>, (msg: string, fields?: object) => void>

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

export function createLogger(level: LogLevel = 'info'): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: object) => {
    if (ORDER[at] < ORDER[level]) return
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields })}\n`,
    )
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

export const silentLogger: Logger = createLogger('silent')
