// Score passback to the LMS: what a passback needs, how each try went, the owner's recent ones.
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import type { Db } from './client'
import {
  attempts,
  type LtiLaunchRow,
  type LtiPlatformRow,
  ltiLaunches,
  ltiPlatforms,
  type PassbackStatus,
} from './schema'

export type LaunchForPassback = {
  launch: LtiLaunchRow
  platform: LtiPlatformRow
  attempt: { score: number; total: number; completedAt: Date | null }
}

/** What a score passback needs for an attempt started from an LMS, or null for other attempts. */
export async function findLaunchForPassback(
  db: Db,
  where: { attemptId: string } | { launchId: string },
): Promise<LaunchForPassback | null> {
  const [row] = await db
    .select({ launch: ltiLaunches, platform: ltiPlatforms, attempt: attempts })
    .from(ltiLaunches)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiLaunches.platformId))
    .innerJoin(attempts, eq(attempts.id, ltiLaunches.attemptId))
    .where(
      'attemptId' in where ? eq(ltiLaunches.attemptId, where.attemptId) : eq(ltiLaunches.id, where.launchId),
    )
  if (!row) return null
  const { attempt } = row
  return {
    launch: row.launch,
    platform: row.platform,
    attempt: { score: attempt.score, total: attempt.questionIds.length, completedAt: attempt.completedAt },
  }
}

/** Records how a passback went; every finished try counts, so repeated failures are visible. */
export async function recordPassback(
  db: Db,
  launchId: string,
  outcome: { status: PassbackStatus; error: string | null; at: number },
): Promise<void> {
  await db
    .update(ltiLaunches)
    .set({
      passbackStatus: outcome.status,
      passbackError: outcome.error,
      passbackAt: outcome.at,
      passbackTries:
        outcome.status === 'pending' ? ltiLaunches.passbackTries : sql`${ltiLaunches.passbackTries} + 1`,
    })
    .where(eq(ltiLaunches.id, launchId))
}

export type PassbackRow = {
  launchId: string
  platformName: string
  userSub: string | null
  setSlug: string
  status: PassbackStatus
  tries: number
  error: string | null
  at: number | null
  score: number
  total: number
}

/** The owner's most recent score passbacks (sent, failed or pending), newest first. */
export async function listPassbacks(db: Db, ownerId: string, limit = 20): Promise<PassbackRow[]> {
  const rows = await db
    .select({
      launchId: ltiLaunches.id,
      platformName: ltiPlatforms.name,
      userSub: ltiLaunches.userSub,
      setSlug: attempts.setSlug,
      status: ltiLaunches.passbackStatus,
      tries: ltiLaunches.passbackTries,
      error: ltiLaunches.passbackError,
      at: ltiLaunches.passbackAt,
      score: attempts.score,
      questionIds: attempts.questionIds,
    })
    .from(ltiLaunches)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiLaunches.platformId))
    .innerJoin(attempts, eq(attempts.id, ltiLaunches.attemptId))
    .where(
      and(
        eq(ltiPlatforms.ownerId, ownerId),
        isNotNull(ltiLaunches.passbackAt),
        inArray(ltiLaunches.passbackStatus, ['sent', 'failed', 'pending']),
      ),
    )
    .orderBy(desc(ltiLaunches.passbackAt))
    .limit(limit)
  return rows.map(({ questionIds, ...row }) => ({ ...row, total: questionIds.length }))
}
