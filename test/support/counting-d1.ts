/**
 * A D1 binding that records every statement it is asked to prepare, and can
 * refuse them all: route tests pass it to `app.request(path, init, { ...env,
 * DB })` to prove a page makes no D1 query. Reuse one per test: the server key
 * and the anonymous quiz list are cached per binding.
 */
export class CountingD1 implements D1Database {
  /** The SQL of every statement prepared so far, in order. */
  readonly statements: string[] = []
  /** While true, every statement throws, as a D1 outage would. */
  refuse = false

  constructor(private readonly inner: D1Database) {}

  prepare(query: string): D1PreparedStatement {
    this.statements.push(query)
    if (this.refuse) throw new Error(`D1 was queried: ${query}`)
    return this.inner.prepare(query)
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return this.inner.batch<T>(statements)
  }

  exec(query: string): Promise<D1ExecResult> {
    this.statements.push(query)
    if (this.refuse) throw new Error(`D1 was queried: ${query}`)
    return this.inner.exec(query)
  }

  withSession(constraintOrBookmark?: D1SessionBookmark | D1SessionConstraint): D1DatabaseSession {
    const session = this.inner.withSession(constraintOrBookmark)
    return {
      prepare: (query) => {
        this.statements.push(query)
        if (this.refuse) throw new Error(`D1 was queried: ${query}`)
        return session.prepare(query)
      },
      batch: (statements) => session.batch(statements),
      getBookmark: () => session.getBookmark(),
    }
  }

  dump(): Promise<ArrayBuffer> {
    return this.inner.dump()
  }

  /** Forgets what was counted so far. */
  reset(): void {
    this.statements.length = 0
  }
}
