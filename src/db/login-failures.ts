import { and, desc, eq, gt, inArray, lte } from 'drizzle-orm'
import type { Db } from './client'
import { loginFailures } from './schema'

/** Failure times (ms) per key since `since`, newest first; keys without failures are absent. */
export async function recentFailures(db: Db, keys: string[], since: number): Promise<Map<string, number[]>> {
  const rows = await db
    .select({ key: loginFailures.key, failedAt: loginFailures.failedAt })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keys), gt(loginFailures.failedAt, since)))
    .orderBy(desc(loginFailures.failedAt))
    .limit(500)
  const byKey = new Map<string, number[]>()
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row.failedAt])
  return byKey
}

/**
 * Records one failure under each key and, in the same transaction, forgets
 * every failure that has left the window (`staleBefore`), whatever its key.
 */
export async function recordFailure(db: Db, keys: string[], now: number, staleBefore: number): Promise<void> {
  await db.batch([
    db.delete(loginFailures).where(lte(loginFailures.failedAt, staleBefore)),
    db.insert(loginFailures).values(keys.map((key) => ({ key, failedAt: now }))),
  ])
}

/** Forgets the failures of one key (a successful sign-in clears its account's count). */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key))
}
