import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm'
import type { Limit } from '../auth/rate-limit'
import type { Db } from './client'
import { rateLimits } from './schema'

/**
 * Reserves one attempt in every bucket of `limits`, or in none: the rows are
 * inserted only if every bucket has fewer than its limit of attempts inside
 * its window, counted by the same statement. D1 runs one statement at a time,
 * so of any number of parallel requests at most `limit` get through, which a
 * read-then-write could not promise. Rows past their window are pruned
 * first. Returns the ids of the reserved rows, or null if refused.
 */
export async function reserveAttempt(
  db: Db,
  limits: readonly Limit[],
  now: number,
): Promise<number[] | null> {
  if (limits.length === 0) return []
  const wanted = sql.join(
    limits.map(
      ({ bucket, limit, windowMs }) => sql`(${bucket}, ${limit}, ${now - windowMs}, ${now + windowMs})`,
    ),
    sql`, `,
  )
  await db.delete(rateLimits).where(lte(rateLimits.expiresAt, now))
  const reserved = await db.all<{ id: number }>(sql`
    WITH wanted (bucket, cap, since, expires_at) AS (VALUES ${wanted})
    INSERT INTO rate_limits (bucket, at, expires_at)
    SELECT bucket, ${now}, expires_at FROM wanted
    WHERE NOT EXISTS (
      SELECT 1 FROM wanted AS candidate
      WHERE (SELECT count(*) FROM rate_limits AS counted
             WHERE counted.bucket = candidate.bucket AND counted.at > candidate.since) >= candidate.cap
    )
    RETURNING id`)
  return reserved.length ? reserved.map((row) => row.id) : null
}

/** Attempt times (ms) per bucket since `since`, newest first; buckets without any are absent. */
export async function recentAttempts(
  db: Db,
  buckets: string[],
  since: number,
): Promise<Map<string, number[]>> {
  const rows = await db
    .select({ bucket: rateLimits.bucket, at: rateLimits.at })
    .from(rateLimits)
    .where(and(inArray(rateLimits.bucket, buckets), gt(rateLimits.at, since)))
    .orderBy(sql`${rateLimits.at} desc`)
    .limit(1000)
  const byBucket = new Map<string, number[]>()
  for (const row of rows) byBucket.set(row.bucket, [...(byBucket.get(row.bucket) ?? []), row.at])
  return byBucket
}

/** Gives back reserved attempts that should not count (e.g. a claim that found its code). */
export async function releaseAttempts(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.delete(rateLimits).where(inArray(rateLimits.id, [...ids]))
}

/** Forgets every attempt of one bucket (a successful sign-in clears its account's count). */
export async function clearBucket(db: Db, bucket: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.bucket, bucket))
}
