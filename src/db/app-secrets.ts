import { eq } from 'drizzle-orm'
import type { Db } from './client'
import { appSecrets } from './schema'

/**
 * The secret called `name`, storing `candidate` first if there is none yet.
 * One batch (one D1 trip): concurrent first requests all read the winner's value.
 */
export async function loadOrCreateSecret(
  db: Db,
  name: string,
  candidate: string,
  now: number,
): Promise<string> {
  const [, rows] = await db.batch([
    db.insert(appSecrets).values({ name, value: candidate, createdAt: now }).onConflictDoNothing(),
    db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name)),
  ])
  const value = rows[0]?.value
  if (!value) throw new Error(`app secret ${name} could not be stored`)
  return value
}
