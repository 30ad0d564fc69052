// The tool's own signing keys (Cited signs client assertions and deep-linking responses with them).
import { and, asc, desc, gt, isNull, ne, or } from 'drizzle-orm'
import type { StoredToolKey } from '../lti/tool-keys'
import type { Db } from './client'
import { ltiKeys } from './schema'

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
