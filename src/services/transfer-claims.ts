import { keyedHash } from '../auth/keyed-hash'
import type { Block } from '../auth/rate-limit'
import type { Db } from '../db/client'
import { redeemTransferCode } from '../db/learners'
import { releaseAttempts } from '../db/rate-limits'
import { type ClaimLimitKind, claimLimits } from '../learning/transfer-code'
import { appKey } from './app-secret'
import { reserve } from './rate-limits'

export type ClaimResult =
  | { outcome: 'claimed'; owner: string }
  /** No live code like this: a wrong guess, counted against the limits. */
  | { outcome: 'unknown' }
  /** Too many wrong claims: the code was not even looked up. */
  | { outcome: 'blocked'; block: Block<ClaimLimitKind> }

/**
 * Uses up a transfer code, rate limited per learner, per address and
 * site-wide (learning/transfer-code.ts). The attempt is reserved before the
 * lookup, so parallel guesses get no more lookups than sequential ones; a
 * claim that finds its code gives its attempt back, so only wrong ones count.
 */
export async function claimTransferCode(
  db: Db,
  { code, learnerId, ip, now }: { code: string; learnerId: string | null; ip: string | null; now: number },
): Promise<ClaimResult> {
  // The learner id is a bearer secret: the bucket holds a keyed hash of it.
  const learnerKey = learnerId ? await keyedHash(await appKey(db), 'rate-limit-learner', learnerId) : null
  const attempt = await reserve(db, claimLimits(learnerKey, ip), now)
  if (!attempt.ok) return { outcome: 'blocked', block: attempt.block }
  const owner = await redeemTransferCode(db, code, now)
  if (!owner) return { outcome: 'unknown' }
  await releaseAttempts(db, attempt.reserved)
  return { outcome: 'claimed', owner }
}
