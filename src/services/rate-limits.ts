import { type Block, type Limit, longestBlock } from '../auth/rate-limit'
import type { Db } from '../db/client'
import { recentAttempts, reserveAttempt } from '../db/rate-limits'

/** A reserved attempt (the row ids, to release it if it should not count) or the block that refused it. */
export type Reservation<Kind extends string> =
  | { ok: true; reserved: number[] }
  | { ok: false; block: Block<Kind> }

/**
 * Reserves one attempt against every limit, atomically (db/rate-limits.ts),
 * before the work it guards; when refused, says which limit and until when.
 */
export async function reserve<Kind extends string>(
  db: Db,
  limits: readonly (Limit & { kind: Kind })[],
  now: number,
): Promise<Reservation<Kind>> {
  const reserved = await reserveAttempt(db, limits, now)
  const [first] = limits
  if (reserved || !first) return { ok: true, reserved: reserved ?? [] }
  // Refused a moment ago, so some bucket was full; should its rows have aged
  // out since, a second's wait is the honest answer.
  const block = await currentBlock(db, limits, now)
  return { ok: false, block: block ?? { kind: first.kind, until: now + 1000 } }
}

/** The longest block among `limits` right now, or null when none is full. */
export async function currentBlock<Kind extends string>(
  db: Db,
  limits: readonly (Limit & { kind: Kind })[],
  now: number,
): Promise<Block<Kind> | null> {
  const since = now - Math.max(...limits.map((limit) => limit.windowMs))
  const attempts = await recentAttempts(
    db,
    limits.map((limit) => limit.bucket),
    since,
  )
  return longestBlock(limits, attempts, now)
}
