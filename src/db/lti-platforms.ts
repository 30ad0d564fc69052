// LMS registrations an instructor made: platforms and their deployment ids.
import { and, asc, eq, or } from 'drizzle-orm'
import type { Db } from './client'
import { type LtiPlatformRow, ltiDeployments, ltiPlatforms } from './schema'

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
