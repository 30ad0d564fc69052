import { and, count, eq, gt, lte } from 'drizzle-orm'
import type { Db } from './client'
import { instructors, type SessionRow, sessions } from './schema'

export type SessionWithInstructor = { session: SessionRow; instructor: { id: string; email: string } }

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insert(sessions).values(row)
}

/** The live session with this id (the hash of the cookie's token) and its instructor, or null. */
export async function findLiveSession(
  db: Db,
  id: string,
  now: number,
): Promise<SessionWithInstructor | null> {
  const [row] = await db
    .select({ session: sessions, instructor: { id: instructors.id, email: instructors.email } })
    .from(sessions)
    .innerJoin(instructors, eq(instructors.id, sessions.instructorId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
  return row ?? null
}

export async function renewSession(db: Db, id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
  await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id))
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id))
}

/** Ends every session of an instructor ("sign out everywhere"). */
export async function deleteInstructorSessions(db: Db, instructorId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.instructorId, instructorId))
}

/** Drops an instructor's expired sessions (done at each sign-in, so they never pile up). */
export async function deleteExpiredSessions(db: Db, instructorId: string, now: number): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.instructorId, instructorId), lte(sessions.expiresAt, now)))
}

export async function countLiveSessions(db: Db, instructorId: string, now: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.instructorId, instructorId), gt(sessions.expiresAt, now)))
  return row?.n ?? 0
}
