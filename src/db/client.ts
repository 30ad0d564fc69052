import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1'

/**
 * What Drizzle's D1 driver calls on its client: `prepare` and `batch`, and
 * nothing else (drizzle-orm 0.45, d1/session.js). Both the D1 binding and a
 * D1 session (`DB.withSession(...)`, see http/database.ts) have them.
 */
export type D1Queries = Pick<D1DatabaseSession, 'prepare' | 'batch'>

/** The Drizzle handle every query function takes first. */
export type Db = DrizzleD1Database & {
  /** Where raw queries go: the request's D1 session, or the binding itself in scripts and tests. */
  $client: D1Queries
  /**
   * The database `$client` reaches: the same object for every request an
   * isolate serves, while sessions are new each time, so per-database caches
   * key on it (services/app-secret.ts). Only a key: queries go through
   * `$client`, which keeps the session's read-your-writes.
   */
  $database: object
}

/**
 * A Drizzle handle on `database`, sending its queries through `queries`: a
 * session of it for a request, or the binding itself.
 * @example createDb(env.DB, env.DB.withSession('first-unconstrained'))
 */
export function createDb(database: D1Database, queries: D1Queries = database): Db {
  // drizzle() asks for a whole D1Database, but only calls prepare() and batch()
  // on it; a session lacks only exec(), dump() and withSession(), which Drizzle
  // never calls. `Db` types $client as what it really is.
  // No `schema`: Cited writes no relational queries (`db.query`), and with one
  // drizzle() walks every table to build their relations, on every request
  // (a handle is per request, as its D1 session is).
  const db = drizzle(queries as D1Database)
  return Object.assign(db, { $database: database })
}
