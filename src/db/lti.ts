import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm'
import type { StoredToolKey } from '../lti/tool-keys'
import type { Db } from './client'
import {
  attempts,
  type LtiLaunchRow,
  type LtiPlatformRow,
  learners,
  ltiDeployments,
  ltiKeys,
  ltiLaunches,
  ltiNonces,
  ltiPlatforms,
  ltiUsers,
  type PassbackStatus,
} from './schema'

// --- Tool keys -------------------------------------------------------------

/** The newest key that is not retired, if any. */
export async function findActiveToolKey(db: Db): Promise<StoredToolKey | null> {
  const [row] = await db
    .select()
    .from(ltiKeys)
    .where(isNull(ltiKeys.retiredAt))
    .orderBy(desc(ltiKeys.createdAt), asc(ltiKeys.kid))
    .limit(1)
  return row ?? null
}

export async function insertToolKey(db: Db, key: StoredToolKey): Promise<void> {
  await db.insert(ltiKeys).values(key)
}

/** Keys to publish: the active ones, and those retired after `retiredSince` (tokens may still be in flight). */
export async function listPublishedToolKeys(
  db: Db,
  retiredSince: number,
): Promise<Pick<StoredToolKey, 'kid' | 'publicJwk'>[]> {
  return db
    .select({ kid: ltiKeys.kid, publicJwk: ltiKeys.publicJwk })
    .from(ltiKeys)
    .where(or(isNull(ltiKeys.retiredAt), gt(ltiKeys.retiredAt, retiredSince)))
    .orderBy(desc(ltiKeys.createdAt))
}

/** Retires every active key except `keep` (after a rotation). */
export async function retireToolKeysExcept(db: Db, keep: string, now: number): Promise<void> {
  await db
    .update(ltiKeys)
    .set({ retiredAt: now })
    .where(and(isNull(ltiKeys.retiredAt), ne(ltiKeys.kid, keep)))
}

// --- Platforms and deployments --------------------------------------------

export type PlatformWithDeployments = LtiPlatformRow & { deploymentIds: string[] }

export type NewPlatform = Omit<LtiPlatformRow, 'createdAt'>

/** Why a registration cannot be added: whose it would collide with. */
export type RegistrationConflict = 'same_client' | 'issuer_of_another' | 'client_at_token_endpoint'

const originOf = (url: string) => {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/**
 * What an existing registration already owns that this one would take: the
 * same issuer + client id (one registration each), an issuer another
 * instructor registered (an issuer has one owner, so its logins cannot be
 * broken or shadowed by someone else), or the same client id at the same
 * token endpoint under any issuer (Cited would sign client assertions for a
 * client it already serves for someone else). Null when there is none.
 */
export async function findRegistrationConflict(
  db: Db,
  platform: Pick<LtiPlatformRow, 'ownerId' | 'issuer' | 'clientId' | 'authTokenUrl'>,
): Promise<RegistrationConflict | null> {
  const rows = await db
    .select({
      ownerId: ltiPlatforms.ownerId,
      issuer: ltiPlatforms.issuer,
      clientId: ltiPlatforms.clientId,
      authTokenUrl: ltiPlatforms.authTokenUrl,
    })
    .from(ltiPlatforms)
    .where(or(eq(ltiPlatforms.issuer, platform.issuer), eq(ltiPlatforms.clientId, platform.clientId)))
  if (rows.some((row) => row.issuer === platform.issuer && row.clientId === platform.clientId))
    return 'same_client'
  if (rows.some((row) => row.issuer === platform.issuer && row.ownerId !== platform.ownerId))
    return 'issuer_of_another'
  const tokenOrigin = originOf(platform.authTokenUrl)
  if (rows.some((row) => row.clientId === platform.clientId && originOf(row.authTokenUrl) === tokenOrigin))
    return 'client_at_token_endpoint'
  return null
}

/**
 * Registers a platform with its deployments, unless it conflicts with an
 * existing registration (see {@link findRegistrationConflict}); returns the conflict.
 */
export async function insertPlatform(
  db: Db,
  platform: NewPlatform,
  deploymentIds: string[],
  now: Date,
): Promise<RegistrationConflict | null> {
  const conflict = await findRegistrationConflict(db, platform)
  if (conflict) return conflict
  try {
    await db.batch([
      db.insert(ltiPlatforms).values({ ...platform, createdAt: now }),
      ...deploymentIds.map((deploymentId) =>
        db.insert(ltiDeployments).values({ platformId: platform.id, deploymentId }).onConflictDoNothing(),
      ),
    ])
  } catch (error) {
    // Two racing registrations of one issuer + client id: the unique index lets one through.
    const raced = await findRegistrationConflict(db, platform)
    if (raced) return raced
    throw error
  }
  return null
}

/** An instructor's platforms, oldest first, each with its deployment ids. */
export async function listOwnedPlatforms(db: Db, ownerId: string): Promise<PlatformWithDeployments[]> {
  const [platforms, deployments] = await db.batch([
    db
      .select()
      .from(ltiPlatforms)
      .where(eq(ltiPlatforms.ownerId, ownerId))
      .orderBy(asc(ltiPlatforms.createdAt)),
    db
      .select({ platformId: ltiDeployments.platformId, deploymentId: ltiDeployments.deploymentId })
      .from(ltiDeployments)
      .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiDeployments.platformId))
      .where(eq(ltiPlatforms.ownerId, ownerId))
      .orderBy(asc(ltiDeployments.deploymentId)),
  ])
  return platforms.map((platform) => ({
    ...platform,
    deploymentIds: deployments.filter((row) => row.platformId === platform.id).map((row) => row.deploymentId),
  }))
}

/** A platform, only if `ownerId` registered it. */
export async function findOwnedPlatform(db: Db, id: string, ownerId: string): Promise<LtiPlatformRow | null> {
  const [row] = await db
    .select()
    .from(ltiPlatforms)
    .where(and(eq(ltiPlatforms.id, id), eq(ltiPlatforms.ownerId, ownerId)))
  return row ?? null
}

export async function getPlatform(db: Db, id: string): Promise<LtiPlatformRow | null> {
  const [row] = await db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, id))
  return row ?? null
}

/** Registrations for an issuer, narrowed to one client id when the platform sent it. */
export async function findPlatformsByIssuer(
  db: Db,
  issuer: string,
  clientId: string | undefined,
): Promise<LtiPlatformRow[]> {
  return db
    .select()
    .from(ltiPlatforms)
    .where(
      clientId === undefined
        ? eq(ltiPlatforms.issuer, issuer)
        : and(eq(ltiPlatforms.issuer, issuer), eq(ltiPlatforms.clientId, clientId)),
    )
}

/** Removes a platform (its deployments, logins, users and launches go with it); false if not the owner's. */
export async function deleteOwnedPlatform(db: Db, id: string, ownerId: string): Promise<boolean> {
  const deleted = await db
    .delete(ltiPlatforms)
    .where(and(eq(ltiPlatforms.id, id), eq(ltiPlatforms.ownerId, ownerId)))
    .returning({ id: ltiPlatforms.id })
  return deleted.length > 0
}

export async function addDeployment(db: Db, platformId: string, deploymentId: string): Promise<void> {
  await db.insert(ltiDeployments).values({ platformId, deploymentId }).onConflictDoNothing()
}

export async function removeDeployment(db: Db, platformId: string, deploymentId: string): Promise<void> {
  await db
    .delete(ltiDeployments)
    .where(and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId)))
}

export async function hasDeployment(db: Db, platformId: string, deploymentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: ltiDeployments.deploymentId })
    .from(ltiDeployments)
    .where(and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId)))
  return row !== undefined
}

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
