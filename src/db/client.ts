import { drizzle } from 'drizzle-orm/d1'
import * as schema from './schema'

/** The Drizzle handle every query function takes first. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema })
}

export type Db = ReturnType<typeof createDb>
