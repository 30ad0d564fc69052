import type { JWK } from 'jose'
import type { Db } from '../db/client'
import { findActiveToolKey, insertToolKey, listPublishedToolKeys, retireToolKeysExcept } from '../db/lti-keys'
import { generateToolKey, publicJwkOf, type SigningKey, signingKeyOf } from '../lti/tool-keys'

/**
 * The tool's own signing keys: the active one (made on first use), the public
 * JWKS platforms verify our messages with, and rotation.
 */

/** Retired keys stay in the JWKS this long, so tokens signed just before a rotation still verify. */
const RETIRED_KEY_GRACE_MS = 24 * 60 * 60 * 1000

const imported = new Map<string, SigningKey>()

/** The active tool key, generated and stored in D1 on first use. */
export async function toolSigningKey(db: Db, now = Date.now()): Promise<SigningKey> {
  let stored = await findActiveToolKey(db)
  if (!stored) {
    stored = await generateToolKey(now)
    await insertToolKey(db, stored)
  }
  const cached = imported.get(stored.kid)
  if (cached) return cached
  const signing = await signingKeyOf(stored)
  imported.set(stored.kid, signing)
  return signing
}

/** The public JWKS of the tool: the active key (made if needed) and recently retired ones. */
export async function toolJwks(db: Db, now = Date.now()): Promise<{ keys: JWK[] }> {
  await toolSigningKey(db, now)
  const keys = await listPublishedToolKeys(db, now - RETIRED_KEY_GRACE_MS)
  return { keys: keys.map(publicJwkOf) }
}

/** Makes a new active key and retires the others (they stay published for a day). Returns the new kid. */
export async function rotateToolKey(db: Db, now = Date.now()): Promise<string> {
  const key = await generateToolKey(now)
  await insertToolKey(db, key)
  await retireToolKeysExcept(db, key.kid, now)
  return key.kid
}
