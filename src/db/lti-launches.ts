// One LTI launch's rows: its login state and nonce, the LMS user's learner, the launch itself.
import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm'
import type { Db } from './client'
import { attempts, type LtiLaunchRow, learners, ltiLaunches, ltiNonces, ltiUsers } from './schema'

// --- Login state and nonces ---------------------------------------------------

export type LoginState = typeof ltiNonces.$inferSelect

/** Stores a login's state and nonce, and prunes logins that expired. */
export async function insertLogin(db: Db, login: Omit<LoginState, 'usedAt'>, now: number): Promise<void> {
  await db.batch([
    db.delete(ltiNonces).where(lt(ltiNonces.expiresAt, now - 24 * 60 * 60 * 1000)),
    db.insert(ltiNonces).values(login),
  ])
}

export async function findLoginByState(db: Db, state: string): Promise<LoginState | null> {
  const [row] = await db.select().from(ltiNonces).where(eq(ltiNonces.state, state))
  return row ?? null
}

/**
 * Uses a nonce up: true only for the first caller while it is unexpired.
 * The check and the write are one statement, so two racing launches cannot both win.
 */
export async function consumeNonce(db: Db, nonce: string, now: number): Promise<boolean> {
  const used = await db
    .update(ltiNonces)
    .set({ usedAt: now })
    .where(and(eq(ltiNonces.nonce, nonce), isNull(ltiNonces.usedAt), gt(ltiNonces.expiresAt, now)))
    .returning({ nonce: ltiNonces.nonce })
  return used.length > 0
}

// --- LTI users and launches ---------------------------------------------------

/** The Cited learner who stands for an LMS user, created on their first launch. */
export async function ensureLtiLearner(
  db: Db,
  platformId: string,
  sub: string,
  now: number,
): Promise<string> {
  const mine = and(eq(ltiUsers.platformId, platformId), eq(ltiUsers.sub, sub))
  const [existing] = await db.select({ learnerId: ltiUsers.learnerId }).from(ltiUsers).where(mine)
  if (existing) return existing.learnerId
  const learnerId = crypto.randomUUID()
  const [, , linked] = await db.batch([
    db.insert(learners).values({ id: learnerId }),
    db.insert(ltiUsers).values({ platformId, sub, learnerId, createdAt: now }).onConflictDoNothing(),
    // A racing first launch may have linked another learner: theirs wins.
    db.select({ learnerId: ltiUsers.learnerId }).from(ltiUsers).where(mine),
  ])
  return linked[0]?.learnerId ?? learnerId
}

export type NewLaunch = Omit<
  LtiLaunchRow,
  'passbackStatus' | 'passbackTries' | 'passbackError' | 'passbackAt'
>

export async function insertLaunch(db: Db, launch: NewLaunch): Promise<void> {
  await db.insert(ltiLaunches).values(launch)
}

/** The unfinished attempt this user started from this link, if any (a relaunch resumes it). */
export async function findOpenLaunch(
  db: Db,
  platformId: string,
  resourceLinkId: string,
  sub: string,
  setSlug: string,
): Promise<LtiLaunchRow | null> {
  const [row] = await db
    .select({ launch: ltiLaunches })
    .from(ltiLaunches)
    .innerJoin(attempts, eq(attempts.id, ltiLaunches.attemptId))
    .where(
      and(
        eq(ltiLaunches.platformId, platformId),
        eq(ltiLaunches.resourceLinkId, resourceLinkId),
        eq(ltiLaunches.userSub, sub),
        eq(attempts.setSlug, setSlug),
        isNull(attempts.completedAt),
      ),
    )
    .orderBy(desc(ltiLaunches.createdAt))
    .limit(1)
  return row?.launch ?? null
}

/** A relaunch may carry a new line item (the instructor changed the grade column). */
export async function updateLaunchLineItem(
  db: Db,
  launchId: string,
  lineItemUrl: string | null,
): Promise<void> {
  await db.update(ltiLaunches).set({ lineItemUrl }).where(eq(ltiLaunches.id, launchId))
}
