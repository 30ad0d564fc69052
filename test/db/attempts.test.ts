import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Bank } from '../../src/bank/bank'
import { attemptCards, loadAttemptState, recordResponse } from '../../src/db/attempt-responses'
import { findOpenAttempt, insertAttempt, setDisplayName } from '../../src/db/attempts'
import { createDb } from '../../src/db/client'
import { type AttemptRow, cards, learners, responses, reviews } from '../../src/db/schema'
import { Rating, reviewCard } from '../../src/learning/schedule'
import type { Answer } from '../../src/quiz/answer'
import type { Grade } from '../../src/quiz/grade'

const db = createDb(env.DB)
const bank = JSON.parse(env.TEST_BANK) as Bank
const set = bank.sets[0]
if (!set) throw new Error('empty bank')
const setIds = set.questions.map((question) => question.id)
const anAnswer: Answer = { text: 'anything' }
const right: Grade = { correct: true, points: 1 }
const wrong: Grade = { correct: false, points: 0 }

/** A new learner's attempt over `questionIds` (every test owns its own). */
async function newAttempt(questionIds: string[] = setIds, startedAt = new Date()) {
  const learnerId = crypto.randomUUID()
  const attempt = await insertAttempt(
    db,
    { id: crypto.randomUUID(), setSlug: set?.slug ?? '', learnerId, questionIds, seed: 'seed' },
    startedAt,
  )
  return { learnerId, attempt }
}

/** Records an answer the way the attempt service does, with the FSRS card it would compute. */
function record(
  attempt: AttemptRow,
  questionId: string,
  grade: Grade,
  now = new Date(),
  answer: Answer = anAnswer,
) {
  const rating = grade.correct ? Rating.Good : Rating.Again
  return recordResponse(db, attempt.id, questionId, answer, grade, now, {
    learnerId: attempt.learnerId,
    card: reviewCard(null, rating, now),
    rating,
  })
}

async function responseRows(attemptId: string) {
  return db.select().from(responses).where(eq(responses.attemptId, attemptId))
}

describe('insertAttempt', () => {
  it('creates the learner and the attempt, with nothing answered yet', async () => {
    const startedAt = new Date('2024-01-02T03:04:05.678Z')
    const { learnerId, attempt } = await newAttempt(setIds, startedAt)
    expect(attempt).toMatchObject({
      learnerId,
      setSlug: set.slug,
      questionIds: setIds,
      answeredCount: 0,
      score: 0,
      completedAt: null,
      startedAt,
    })
    expect(await db.select().from(learners).where(eq(learners.id, learnerId))).toHaveLength(1)
  })
})

describe('recordResponse', () => {
  it('keeps one row, one count and one review when the same question is answered twice', async () => {
    const { attempt, learnerId } = await newAttempt()
    const questionId = setIds[0] ?? ''
    const first = await record(attempt, questionId, right, new Date('2024-03-01T00:00:00Z'))
    expect(first.duplicate).toBe(false)
    expect(first.attempt.answeredCount).toBe(1)
    expect(first.attempt.score).toBe(1)
    const cardOf = async () =>
      (
        await db
          .select()
          .from(cards)
          .where(and(eq(cards.learnerId, learnerId), eq(cards.questionId, questionId)))
      )[0]
    const cardAfterFirst = await cardOf()
    expect(cardAfterFirst).toBeDefined()

    const second = await record(attempt, questionId, wrong, new Date('2024-03-02T00:00:00Z'), {
      text: 'changed my mind',
    })
    expect(second.duplicate).toBe(true)
    expect(second.response).toEqual(first.response)
    expect(second.attempt.answeredCount).toBe(1)
    expect(second.attempt.score).toBe(1)
    const rows = await responseRows(attempt.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.answer).toEqual(anAnswer)
    // The replay does not review the card a second time either.
    expect(await db.select().from(reviews).where(eq(reviews.attemptId, attempt.id))).toHaveLength(1)
    expect(await cardOf()).toEqual(cardAfterFirst)
  })

  it('keeps one row when two answers to the same question race', async () => {
    const { attempt } = await newAttempt()
    const questionId = setIds[0] ?? ''
    const outcomes = await Promise.all(
      [1, 0, 0.5].map((points) => record(attempt, questionId, { correct: points === 1, points })),
    )
    expect(outcomes.filter((outcome) => !outcome.duplicate)).toHaveLength(1)
    expect(await responseRows(attempt.id)).toHaveLength(1)
    const stored = outcomes.find((outcome) => !outcome.duplicate)
    for (const outcome of outcomes) {
      expect(outcome.response).toEqual(stored?.response)
      expect(outcome.attempt.answeredCount).toBe(1)
      expect(outcome.attempt.score).toBe(stored?.response.points)
    }
  })

  it('sums partial points into the score', async () => {
    const { attempt } = await newAttempt()
    const points = [1, 0.5, 0, 0.25]
    let last = attempt
    for (const [index, value] of points.entries())
      last = (await record(attempt, setIds[index] ?? '', { correct: value === 1, points: value })).attempt
    expect(last.answeredCount).toBe(points.length)
    expect(last.score).toBe(1.75)
  })

  it('sets completed_at when the last answer lands, and only then', async () => {
    const ids = setIds.slice(0, 3)
    const { attempt } = await newAttempt(ids)
    const times = ['10:00', '10:01', '10:02'].map((time) => new Date(`2024-05-01T${time}:00Z`))
    const first = await record(attempt, ids[0] ?? '', right, times[0])
    expect(first.attempt.completedAt).toBeNull()
    // Answered out of order: completion depends on the count, not on which question came last.
    const second = await record(attempt, ids[2] ?? '', right, times[1])
    expect(second.attempt.completedAt).toBeNull()
    const third = await record(attempt, ids[1] ?? '', wrong, times[2])
    expect(third.attempt.completedAt).toEqual(times[2])
    expect(third.attempt.answeredCount).toBe(3)
    expect(third.attempt.score).toBe(2)

    // A late duplicate does not move the completion time or the score.
    const late = await record(attempt, ids[1] ?? '', right)
    expect(late.duplicate).toBe(true)
    expect(late.attempt.completedAt).toEqual(times[2])
    expect(late.attempt.score).toBe(2)
  })

  it('does not touch other attempts', async () => {
    const one = await newAttempt()
    const other = await newAttempt()
    await record(one.attempt, setIds[0] ?? '', right)
    const state = await loadAttemptState(db, other.attempt.id, other.learnerId)
    expect(state?.attempt.answeredCount).toBe(0)
    expect(state?.responses).toEqual([])
  })
})

describe('loadAttemptState', () => {
  it('returns the questions in the order the attempt froze, across sets', async () => {
    const everything = bank.sets.flatMap((quizSet) => quizSet.questions)
    const picked = [everything.at(-1), everything[3], everything[20], everything[0], everything[40]]
      .filter((question) => question !== undefined)
      .map((question) => question.id)
    expect(picked).toHaveLength(5)
    const { attempt, learnerId } = await newAttempt(picked)
    const state = await loadAttemptState(db, attempt.id, learnerId)
    expect(state?.questions.map((question) => question.id)).toEqual(picked)
    // The whole question comes back, key included (for grading on the server only).
    expect(state?.questions[3]).toEqual(everything[0])
  })

  it('returns the reversed order for an attempt that froze it reversed', async () => {
    const reversed = [...setIds].reverse()
    const { attempt, learnerId } = await newAttempt(reversed)
    const state = await loadAttemptState(db, attempt.id, learnerId)
    expect(state?.questions.map((question) => question.id)).toEqual(reversed)
  })

  it('returns the responses, sources and display name', async () => {
    const { attempt, learnerId } = await newAttempt()
    await record(attempt, setIds[1] ?? '', wrong)
    await setDisplayName(db, learnerId, 'Ada')
    const state = await loadAttemptState(db, attempt.id, learnerId)
    expect(state?.responses.map((response) => response.questionId)).toEqual([setIds[1]])
    expect(state?.sources.map((source) => source.id).sort()).toEqual(
      bank.sources.map((source) => source.id).sort(),
    )
    expect(state?.displayName).toBe('Ada')
  })

  it('returns null for another learner or an unknown attempt', async () => {
    const { attempt } = await newAttempt()
    const stranger = await newAttempt()
    expect(await loadAttemptState(db, attempt.id, stranger.learnerId)).toBeNull()
    expect(await loadAttemptState(db, crypto.randomUUID(), stranger.learnerId)).toBeNull()
  })
})

describe('findOpenAttempt', () => {
  it("returns the learner's newest unfinished attempt at the set, and none once both are finished", async () => {
    const ids = setIds.slice(0, 1)
    const { learnerId, attempt: older } = await newAttempt(ids, new Date('2024-01-01T00:00:00Z'))
    const newer = await insertAttempt(
      db,
      { id: crypto.randomUUID(), setSlug: set.slug, learnerId, questionIds: ids, seed: 's' },
      new Date('2024-01-02T00:00:00Z'),
    )
    expect((await findOpenAttempt(db, learnerId, set.slug))?.id).toBe(newer.id)
    await record(newer, ids[0] ?? '', right)
    expect((await findOpenAttempt(db, learnerId, set.slug))?.id).toBe(older.id)
    await record(older, ids[0] ?? '', right)
    expect(await findOpenAttempt(db, learnerId, set.slug)).toBeNull()
    expect(await findOpenAttempt(db, crypto.randomUUID(), set.slug)).toBeNull()
  })
})

describe('setDisplayName', () => {
  it('creates or updates the learner, and clears the name with null', async () => {
    const learnerId = crypto.randomUUID()
    const nameOf = async () =>
      (await db.select().from(learners).where(eq(learners.id, learnerId)))[0]?.displayName
    await setDisplayName(db, learnerId, 'First')
    expect(await nameOf()).toBe('First')
    await setDisplayName(db, learnerId, 'Second')
    expect(await nameOf()).toBe('Second')
    await setDisplayName(db, learnerId, null)
    expect(await nameOf()).toBeNull()
  })
})

describe('attemptCards', () => {
  it('reads the cards of the attempt’s questions by key, not every card the learner has', async () => {
    const allIds = bank.sets.flatMap((each) => each.questions.map((question) => question.id))
    const { learnerId, attempt } = await newAttempt(setIds.slice(0, 3))
    const card = reviewCard(null, Rating.Good, new Date())
    // One row per statement: D1 binds at most 100 parameters in one statement.
    for (const questionId of allIds) await db.insert(cards).values({ learnerId, questionId, ...card })
    const rows = await attemptCards(db, attempt.id, learnerId)
    expect(rows.map((row) => row.questionId).sort()).toEqual(setIds.slice(0, 3).sort())
    // D1's own count: with a scan of the learner's cards this grows with their history (one per bank question here).
    const query = attemptCards(db, attempt.id, learnerId).toSQL()
    const { meta } = await env.DB.prepare(query.sql)
      .bind(...query.params)
      .all()
    expect(meta.rows_read).toBeLessThan(allIds.length)
  })
})
