/**
 * What every answer to a fuzzed request must be: never a 5xx, and an error is a problem+json
 * or an HTML page (or a plain/empty body for 304-style answers), never a stack trace.
 */
export async function verdictOf(response: Response): Promise<string | null> {
  const status = response.status
  const type = response.headers.get('content-type') ?? ''
  const text = await response.text()
  if (status >= 500) return `status ${status}: ${text.slice(0, 300)}`
  if (/\n\s+at .+:\d+:\d+/.test(text) || /\bat [\w.<>]+ \(file:\/\//.test(text))
    return `status ${status} with a stack trace in the body`
  if (status >= 400 && text.length > 0 && !/^(application\/problem\+json|text\/html)/.test(type))
    return `status ${status} answered as "${type}": ${text.slice(0, 200)}`
  return null
}

/** FUZZ_SEED and FUZZ_RUNS from the environment, or the fixed defaults CI runs with. */
export function fuzzSettings(defaultRuns: number): { seed: number; runs: number } {
  const seed = Number(process.env.FUZZ_SEED ?? 20_261_207)
  const runs = Number(process.env.FUZZ_RUNS ?? defaultRuns)
  return { seed, runs }
}
