/**
 * The part of autocannon 9's programmatic API the bench uses. autocannon ships
 * no types and adding `@types/autocannon` would change package.json, so the
 * shapes are declared here from its README and lib/ sources.
 */
declare module 'autocannon' {
  type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD'

  /** One request in the `requests` cycle. `setupRequest` may rewrite it per send. */
  export type RequestSpec = {
    method?: Method
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
    setupRequest?: (request: RequestSpec, context: Record<string, unknown>) => RequestSpec | null
    onResponse?: (
      status: number,
      body: string,
      context: Record<string, unknown>,
      headers: Record<string, string | string[]>,
    ) => void
  }

  export type Options = {
    url: string
    connections?: number
    /** Seconds. */
    duration?: number
    method?: Method
    headers?: Record<string, string>
    body?: string | Buffer
    requests?: RequestSpec[]
    /** Seconds before a request counts as timed out. */
    timeout?: number
    title?: string
  }

  /** Histogram summary: `average` is per-second samples for `requests`, milliseconds for `latency`. */
  export type Histogram = {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p50: number
    p90: number
    p97_5: number
    p99: number
  }

  export type Result = {
    title?: string
    url: string
    connections: number
    /** Seconds. */
    duration: number
    errors: number
    timeouts: number
    mismatches: number
    non2xx: number
    resets: number
    '1xx': number
    '2xx': number
    '3xx': number
    '4xx': number
    '5xx': number
    statusCodeStats: Record<string, { count: number }>
    latency: Histogram
    requests: Histogram & { sent: number }
    throughput: Histogram
  }

  export type Instance = PromiseLike<Result> & {
    stop(): void
    on(event: 'reqError', listener: (error: Error) => void): Instance
  }

  function autocannon(options: Options): Instance
  export default autocannon
}
