import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Bank } from '../../src/bank/bank'
import { claimAccommodation, findAccommodation, saveAccommodation } from '../../src/db/accommodations'
import { createDb } from '../../src/db/client'
import { mergeLearner, wipeLearner } from '../../src/db/learners'
import { accommodations, instructors, learners } from '../../src/db/schema'

const db = createDb(env.DB)
const bank = JSON.parse(env.TEST_BANK) as Bank
const [setA = '', setB = ''] = bank.sets.map((set) => set.slug)
const instructorId = crypto.randomUUID()
await db.insert(instructors).values({
  id: instructorId,
  email: `acc-${instructorId}@example.com`,
  passwordHash: 'x',
  salt: 'x',
  iterations: 1,
})

async function grant(
  setSlug: string,
  learnerId: string | null,
  extraAttempts: number,
  code: string | null = null,
) {
  const id = crypto.randomUUID()
  if (learnerId) await db.insert(learners).values({ id: learnerId }).onConflictDoNothing()
  await saveAccommodation(db, {
    id,
    setSlug,
    learnerId,
    code,
    note: 'test',
    timeMultiplier: null,
    extraMinutes: null,
    extraAttempts,
    closesAt: null,
    createdBy: instructorId,
    createdAt: Date.now(),
  })
  return id
}

describe('accommodations of a learner', () => {
  it('replaces a learner’s accommodation on a set instead of adding a second', async () => {
    const learner = crypto.randomUUID()
    await grant(setA, learner, 1)
    await grant(setA, learner, 3)
    expect((await findAccommodation(db, setA, learner)).extraAttempts).toBe(3)
    expect(await db.select().from(accommodations).where(eq(accommodations.learnerId, learner))).toHaveLength(
      1,
    )
  })

  it('binds a code once, not to a learner who already has one on that set', async () => {
    const holder = crypto.randomUUID()
    await grant(setA, holder, 1)
    const code = await grant(setA, null, 2, `T${crypto.randomUUID().slice(0, 8)}`)
    expect(await claimAccommodation(db, code, holder, Date.now())).toBe(false)
    const newcomer = crypto.randomUUID()
    expect(await claimAccommodation(db, code, newcomer, Date.now())).toBe(true)
    expect(await claimAccommodation(db, code, crypto.randomUUID(), Date.now())).toBe(false)
    expect((await findAccommodation(db, setA, newcomer)).extraAttempts).toBe(2)
  })

  it('follows a learner who joins another device, keeping the joined device’s where both had one', async () => {
    const from = crypto.randomUUID()
    const into = crypto.randomUUID()
    await grant(setA, from, 1)
    await grant(setB, from, 2)
    await grant(setB, into, 5)
    await mergeLearner(db, from, into)
    expect((await findAccommodation(db, setA, into)).extraAttempts).toBe(1)
    expect((await findAccommodation(db, setB, into)).extraAttempts).toBe(5)
    expect(await db.select().from(accommodations).where(eq(accommodations.learnerId, from))).toEqual([])
  })

  it('goes with the learner’s data when they wipe it', async () => {
    const learner = crypto.randomUUID()
    await grant(setA, learner, 1)
    await wipeLearner(db, learner)
    expect(await db.select().from(accommodations).where(eq(accommodations.learnerId, learner))).toEqual([])
  })
})
