import { D1_COUNT_HEADER, type D1Counts, parseD1Counts } from '../src/db/d1-counter'

/**
 * D1 work per request, counted by the Worker itself: wrangler dev runs with
 * CITED_BENCH_D1_LOG=true, and a request sent with the X-Cited-D1 header
 * comes back with its statements, round trips and rows in that header
 * (src/db/d1-counter.ts). Only these probe requests are counted, so the load
 * figures measure the app as it runs in production.
 */

export type D1Probe = { name: string; request: string; status: number; d1: D1Counts | null }

export type ProbeRequest = { path: string; method?: string; headers?: Record<string, string>; body?: string }

/** Sends one request asking for its D1 counts; null counts when the Worker did not report them. */
export async function probeD1(
  origin: string,
  request: ProbeRequest,
): Promise<{ status: number; d1: D1Counts | null }> {
  const response = await fetch(`${origin}${request.path}`, {
    method: request.method ?? 'GET',
    headers: { ...request.headers, [D1_COUNT_HEADER]: 'count' },
    body: request.body,
    redirect: 'manual',
  })
  await response.arrayBuffer()
  return { status: response.status, d1: parseD1Counts(response.headers.get(D1_COUNT_HEADER)) }
}

/**
 * "2 queries, 1 trip, 1 write, 40 rows read, 0 written" for a table cell.
 * Rows of statements without D1 metadata are missing, and said so.
 */
export function describeD1(d1: D1Counts | null): string {
  if (!d1) return 'not reported'
  const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`
  const unmetered = d1.unmetered ? ` (+${d1.unmetered} without row counts)` : ''
  return `${plural(d1.queries, 'query', 'queries')}, ${plural(d1.trips, 'trip')}, ${plural(d1.writes, 'write')}, ${d1.rowsRead} rows read, ${d1.rowsWritten} written${unmetered}`
}
