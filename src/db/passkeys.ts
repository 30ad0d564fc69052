import { and, asc, eq, lte, sql } from 'drizzle-orm'
import type { Db } from './client'
import { instructors, type PasskeyRow, passkeys, webauthnChallenges } from './schema'

export type ChallengePurpose = 'register' | 'signin'

export async function insertPasskey(db: Db, row: PasskeyRow): Promise<void> {
  await db.insert(passkeys).values(row)
}

/** An instructor's passkeys, oldest first. */
export async function listPasskeys(db: Db, instructorId: string): Promise<PasskeyRow[]> {
  return db
    .select()
    .from(passkeys)
    .where(eq(passkeys.instructorId, instructorId))
    .orderBy(asc(passkeys.createdAt))
}

/** The passkey with this credential id and the email of its instructor, or null. */
export async function findPasskey(
  db: Db,
  id: string,
): Promise<{ passkey: PasskeyRow; instructor: { id: string; email: string } } | null> {
  const [row] = await db
    .select({ passkey: passkeys, instructor: { id: instructors.id, email: instructors.email } })
    .from(passkeys)
    .innerJoin(instructors, eq(instructors.id, passkeys.instructorId))
    .where(eq(passkeys.id, id))
  return row ?? null
}

/**
 * Records a sign-in with a passkey: the new counter and when. Only moves the
 * counter forward (or keeps it at 0 for authenticators without one), so two
 * racing sign-ins with the same response cannot both pass the check.
 */
export async function recordPasskeyUse(db: Db, id: string, counter: number, now: number): Promise<boolean> {
  const updated = await db
    .update(passkeys)
    .set({ counter, lastUsedAt: now })
    .where(
      and(
        eq(passkeys.id, id),
        sql`(${passkeys.counter} < ${counter} or (${counter} = 0 and ${passkeys.counter} = 0))`,
      ),
    )
    .returning({ id: passkeys.id })
  return updated.length > 0
}

/** Removes one of an instructor's passkeys; false when they have none by that id. */
export async function deletePasskey(db: Db, instructorId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.instructorId, instructorId)))
    .returning({ id: passkeys.id })
  return deleted.length > 0
}

/** Stores a challenge just handed out, pruning expired ones first so the table never grows. */
export async function insertChallenge(
  db: Db,
  row: { challenge: string; purpose: ChallengePurpose; instructorId: string | null; expiresAt: number },
  now: number,
): Promise<void> {
  await db.batch([
    db.delete(webauthnChallenges).where(lte(webauthnChallenges.expiresAt, now)),
    db.insert(webauthnChallenges).values(row),
  ])
}

/**
 * Uses up a challenge: deletes it and says whether it was live and issued
 * for this purpose (and, for register, this instructor). One statement, so a
 * challenge can be used once however many responses race with it.
 */
export async function consumeChallenge(
  db: Db,
  challenge: string,
  purpose: ChallengePurpose,
  instructorId: string | null,
  now: number,
): Promise<boolean> {
  const deleted = await db
    .delete(webauthnChallenges)
    .where(eq(webauthnChallenges.challenge, challenge))
    .returning({
      purpose: webauthnChallenges.purpose,
      instructorId: webauthnChallenges.instructorId,
      expiresAt: webauthnChallenges.expiresAt,
    })
  const [row] = deleted
  return !!row && row.purpose === purpose && row.instructorId === instructorId && row.expiresAt > now
}
