import { sql } from 'drizzle-orm'
import type { Db } from './client'

/** One trivial query: proves D1 answers, and is the cheapest request that reaches it (the bench's D1 floor). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.run(sql`select 1`)
}
