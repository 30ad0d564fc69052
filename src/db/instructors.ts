import { eq } from 'drizzle-orm'
import type { PasswordHash } from '../auth/password'
import type { Db } from './client'
import { type InstructorRow, instructors, sessions } from './schema'

/**
 * Adds an instructor; returns false (and changes nothing) when the email is
 * already taken. `email` must already be normalised (auth/credentials.ts).
 */
export async function insertInstructor(
  db: Db,
  row: { id: string; email: string } & PasswordHash,
): Promise<boolean> {
  const inserted = await db
    .insert(instructors)
    .values({
      id: row.id,
      email: row.email,
      passwordHash: row.hash,
      salt: row.salt,
      iterations: row.iterations,
    })
    .onConflictDoNothing({ target: instructors.email })
    .returning({ id: instructors.id })
  return inserted.length === 1
}

export async function findInstructorByEmail(db: Db, email: string): Promise<InstructorRow | null> {
  const [row] = await db.select().from(instructors).where(eq(instructors.email, email))
  return row ?? null
}

/** Replaces an instructor's password and ends all their sessions, in one transaction. */
export async function replaceInstructorPassword(db: Db, id: string, password: PasswordHash): Promise<void> {
  await db.batch([
    db
      .update(instructors)
      .set({ passwordHash: password.hash, salt: password.salt, iterations: password.iterations })
      .where(eq(instructors.id, id)),
    db.delete(sessions).where(eq(sessions.instructorId, id)),
  ])
}
