/**
 * Bench-only instrumentation: wraps a D1 binding (or a D1 session) so one
 * request's D1 work can be counted without changing what it does. Used by the
 * db middleware only when `CITED_BENCH_D1_LOG` is "true" and the request asks
 * with the `X-Cited-D1` header (see docs/benchmarks.md, "D1 trips").
 */

/** What one request asked of D1. */
export type D1Counts = {
  /** Statements executed: one per first/all/run/raw, one per statement of a batch, exec's own count. */
  queries: number
  /** Sequential round trips: calls that overlap in time count as one (see `countD1`). */
  trips: number
  /** Calls that wrote (ran a statement other than `select`): a batch counts once, being one transaction. */
  writes: number
  /** Sum of `meta.rows_read` / `meta.rows_written` over every result that carries meta. */
  rowsRead: number
  rowsWritten: number
  /** Statements whose result carried no meta (a write read with raw() or first()), so rows are missing. */
  unmetered: number
}

/** The request and response header that carries the counts in bench mode. */
export const D1_COUNT_HEADER = 'X-Cited-D1'

/** Bench mode is on only when the `CITED_BENCH_D1_LOG` var is exactly "true" (wrangler.toml says "false"). */
export const isD1LogOn = (env: { CITED_BENCH_D1_LOG?: string }) => env.CITED_BENCH_D1_LOG === 'true'

/** The parts of a D1 binding or session the wrapper needs; both real ones fit. */
type D1Like = { prepare(query: string): object; batch(statements: never[]): Promise<unknown> }

type Meta = { rowsRead: number; rowsWritten: number }

/** `meta.rows_read` / `rows_written` of a D1 result, or null when it has none (first(), raw()). */
function metaOf(result: unknown): Meta | null {
  if (typeof result !== 'object' || result === null || !('meta' in result)) return null
  const meta = result.meta
  if (typeof meta !== 'object' || meta === null) return null
  const read = 'rows_read' in meta && typeof meta.rows_read === 'number' ? meta.rows_read : 0
  const written = 'rows_written' in meta && typeof meta.rows_written === 'number' ? meta.rows_written : 0
  return { rowsRead: read, rowsWritten: written }
}

// A select, or a `with ... select` whose text has no write keyword (progress reads through a CTE).
const READ_ONLY = /^\s*(select\b|with\b(?![\s\S]*\b(insert|update|delete|replace)\b))/i
const EXECUTES = new Set(['first', 'all', 'run', 'raw'])

/**
 * Wraps `d1` so every statement it runs is counted. Round trips: a trip
 * starts when a call starts while no other call is in flight, so statements
 * awaited together (`Promise.all`, one `batch`) count once and awaits one
 * after another count each; that is the number of sequential D1 trips on the
 * request's critical path. `first()` and `raw()` (Drizzle reads with raw())
 * return no meta, so for a read-only statement (`select ...`) the wrapper runs
 * it once more with `run()`, concurrently and counted as the same statement,
 * to learn its rows read; a write read that way counts as `unmetered`.
 * @example const counter = countD1(env.DB); createDb(counter.d1); ...; counter.counts()
 */
export function countD1<T extends D1Like>(d1: T): { d1: T; counts: () => D1Counts } {
  const counts: D1Counts = { queries: 0, trips: 0, writes: 0, rowsRead: 0, rowsWritten: 0, unmetered: 0 }
  let inFlight = 0
  // batch() needs the binding's own statements, not the wrappers.
  const originals = new WeakMap<object, object>()

  const add = (meta: Meta | null, statements: number) => {
    if (!meta) {
      counts.unmetered += statements
      return
    }
    counts.rowsRead += meta.rowsRead
    counts.rowsWritten += meta.rowsWritten
  }

  async function track<R>(call: () => Promise<R>): Promise<R> {
    if (inFlight === 0) counts.trips++
    inFlight++
    try {
      return await call()
    } finally {
      inFlight--
    }
  }

  const call = (target: object, name: string | symbol, args: unknown[]): unknown => {
    const method: unknown = Reflect.get(target, name)
    if (typeof method !== 'function') throw new TypeError(`D1 has no method ${String(name)}`)
    return method.apply(target, args)
  }

  // The SQL of each wrapper, so a batch knows whether it writes.
  const sqlOf = new WeakMap<object, string>()

  function wrapStatement(statement: object, sql: string): object {
    const wrapper = new Proxy(statement, {
      get(target, name) {
        if (name === 'bind')
          return (...values: unknown[]) => {
            const bound = call(target, 'bind', values)
            return typeof bound === 'object' && bound !== null ? wrapStatement(bound, sql) : bound
          }
        if (typeof name === 'string' && EXECUTES.has(name))
          return (...args: unknown[]) =>
            track(async () => {
              counts.queries++
              if (!READ_ONLY.test(sql)) counts.writes++
              const result = call(target, name, args)
              const hasMeta = name === 'all' || name === 'run'
              if (hasMeta || !READ_ONLY.test(sql)) {
                const settled = await result
                add(hasMeta ? metaOf(settled) : null, 1)
                return settled
              }
              const [settled, measured] = await Promise.all([result, call(target, 'run', [])])
              add(metaOf(measured), 1)
              return settled
            })
        const value: unknown = Reflect.get(target, name)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    originals.set(wrapper, statement)
    sqlOf.set(wrapper, sql)
    return wrapper
  }

  const wrapped = new Proxy(d1, {
    get(target, name) {
      if (name === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql)
      if (name === 'batch')
        return (statements: object[]) =>
          track(async () => {
            counts.queries += statements.length
            if (statements.some((statement) => !READ_ONLY.test(sqlOf.get(statement) ?? ''))) counts.writes++
            const results = await call(target, 'batch', [
              statements.map((statement) => originals.get(statement) ?? statement),
            ])
            if (Array.isArray(results)) for (const result of results) add(metaOf(result), 1)
            return results
          })
      if (name === 'exec')
        return (sql: string) =>
          track(async () => {
            const result = await call(target, 'exec', [sql])
            const count =
              typeof result === 'object' && result !== null && 'count' in result ? Number(result.count) : 1
            counts.queries += count
            counts.writes++
            // exec's result has no rows read or written.
            counts.unmetered += count
            return result
          })
      const value: unknown = Reflect.get(target, name)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { d1: wrapped, counts: () => ({ ...counts }) }
}

/**
 * The header value for `counts`.
 * @example formatD1Counts(counts) // "queries=3; trips=2; writes=0; read=120; written=0; unmetered=0"
 */
export function formatD1Counts(counts: D1Counts): string {
  return `queries=${counts.queries}; trips=${counts.trips}; writes=${counts.writes}; read=${counts.rowsRead}; written=${counts.rowsWritten}; unmetered=${counts.unmetered}`
}

/** The counts in a header value written by `formatD1Counts`, or null when it is not one. */
export function parseD1Counts(value: string | null): D1Counts | null {
  if (!value) return null
  const fields = new Map(
    value.split(';').map((part) => {
      const [name = '', number = ''] = part.trim().split('=')
      return [name, Number(number)] as const
    }),
  )
  const read = (name: string) => {
    const number = fields.get(name)
    return number !== undefined && Number.isInteger(number) && number >= 0 ? number : null
  }
  const [queries, trips, writes, rowsRead, rowsWritten, unmetered] = [
    'queries',
    'trips',
    'writes',
    'read',
    'written',
    'unmetered',
  ].map(read)
  if (
    queries == null ||
    trips == null ||
    writes == null ||
    rowsRead == null ||
    rowsWritten == null ||
    unmetered == null
  )
    return null
  return { queries, trips, writes, rowsRead, rowsWritten, unmetered }
}
