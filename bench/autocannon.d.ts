// autocannon 9 ships no types; this covers the programmatic use in bench/register-load.ts.
declare module 'autocannon' {
  /** An hdr-histogram summary; latency values are in milliseconds. */
  export type Histogram = {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total?: number
    p1: number
    p2_5: number
    p10: number
    p25: number
    p50: number
    p75: number
    p90: number
    p97_5: number
    p99: number
    p99_9: number
  }

  export type Options = {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    timeout?: number
    headers?: Record<string, string>
    /** Requests sent in turn on each connection. */
    requests?: { method?: string; path?: string; body?: string; headers?: Record<string, string> }[]
  }

  export type Result = {
    url: string
    requests: Histogram
    latency: Histogram
    throughput: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    connections: number
    statusCodeStats: Record<string, { count: number }>
  }

  /** Without a callback the returned tracker is also a promise of the result. */
  export default function autocannon(options: Options): PromiseLike<Result>
}
