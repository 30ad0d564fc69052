import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Bank } from '../../src/bank/bank'
import { createDb } from '../../src/db/client'
import { mergeLearner, redeemTransferCode, saveTransferCode } from '../../src/db/learners'
import { cards, learners } from '../../src/db/schema'
import { Rating, reviewCard } from '../../src/learning/schedule'

const db = createDb(env.DB)
const bank = JSON.parse(env.TEST_BANK) as Bank
const [first, second] = bank.sets[0]?.questions ?? []

async function learnerWithCard(questionId: string, reviewedAt: Date, name: string | null) {
  const id = crypto.randomUUID()
  await db.insert(learners).values({ id, displayName: name })
  await db.insert(cards).values({ learnerId: id, questionId, ...reviewCard(null, Rating.Good, reviewedAt) })
  return id
}

const cardOf = async (learnerId: string, questionId: string) =>
  (
    await db
      .select()
      .from(cards)
      .where(and(eq(cards.learnerId, learnerId), eq(cards.questionId, questionId)))
  )[0]

describe('mergeLearner', () => {
  if (!first || !second) throw new Error('the bank needs two questions in its first set')

  it('keeps the more recently reviewed card where both devices have one, and moves the rest', async () => {
    const older = new Date('2026-11-01T10:00:00Z')
    const newer = new Date('2026-11-20T10:00:00Z')
    const into = await learnerWithCard(first.id, older, null)
    const from = await learnerWithCard(first.id, newer, 'Aigerim')
    await db.insert(cards).values({
      learnerId: from,
      questionId: second.id,
      ...reviewCard(null, Rating.Again, newer),
    })

    await mergeLearner(db, from, into)

    expect((await cardOf(into, first.id))?.lastReview).toBe(newer.getTime())
    expect((await cardOf(into, second.id))?.lastReview).toBe(newer.getTime())
    expect(await db.select().from(cards).where(eq(cards.learnerId, from))).toHaveLength(0)
    const [kept] = await db.select().from(learners).where(eq(learners.id, into))
    expect(kept?.displayName).toBe('Aigerim')
    expect(await db.select().from(learners).where(eq(learners.id, from))).toHaveLength(0)
  })

  it('does not let an older card overwrite a newer one, nor a name replace an existing one', async () => {
    const into = await learnerWithCard(first.id, new Date('2026-11-20T10:00:00Z'), 'Dana')
    const from = await learnerWithCard(first.id, new Date('2026-11-01T10:00:00Z'), 'Other')
    await mergeLearner(db, from, into)
    expect((await cardOf(into, first.id))?.lastReview).toBe(Date.parse('2026-11-20T10:00:00Z'))
    expect((await db.select().from(learners).where(eq(learners.id, into)))[0]?.displayName).toBe('Dana')
  })
})

describe('transfer codes', () => {
  it('hands out one live code per learner and redeems it once, before it expires', async () => {
    const learnerId = crypto.randomUUID()
    const now = Date.now()
    await saveTransferCode(db, learnerId, 'AAAA-0001', now + 60_000)
    await saveTransferCode(db, learnerId, 'AAAA-0002', now + 60_000)
    expect(await redeemTransferCode(db, 'AAAA-0001', now)).toBeNull()
    expect(await redeemTransferCode(db, 'AAAA-0002', now + 59_000)).toBe(learnerId)
    expect(await redeemTransferCode(db, 'AAAA-0002', now)).toBeNull()
    await saveTransferCode(db, learnerId, 'AAAA-0003', now + 60_000)
    expect(await redeemTransferCode(db, 'AAAA-0003', now + 60_000)).toBeNull()
  })
})
