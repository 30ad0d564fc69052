import { env } from 'cloudflare:workers'
import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { createDb } from '../../src/db/client'
import { parseD1Counts } from '../../src/db/d1-counter'
import { OFFER_LIFETIME_MS } from '../../src/db/practice-offers'
import { cards, practiceOffers, reviews } from '../../src/db/schema'
import {
  Browser,
  correctAnswer,
  expectApiError,
  expectPage,
  formFieldsFor,
  islandProps,
  ORIGIN,
  publicIdOf,
  questionOfLearnerId,
  setOf,
  wrongAnswer,
} from '../support/helpers'

const db = createDb(env.DB)
const SLUG = 'pipeline-and-oil'

type PracticeNext =
  | { done: true; nextDue: string | null }
  | {
      done: false
      reviewId: string
      question: { id: string }
      isNew: boolean
      shownAt: number
      dueNow: number
    }

/** Finishes SLUG through the API, getting the questions in `missed` wrong. */
async function takeQuiz(browser: Browser, missed: Set<string>) {
  const attempt = await browser.startApi(SLUG)
  for (const item of attempt.items) {
    const question = questionOfLearnerId(item.question.id)
    const answer = missed.has(question.id) ? wrongAnswer(question) : correctAnswer(question)
    const response = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: publicIdOf(question.id),
      answer,
    })
    expect(response.status).toBe(200)
  }
  return attempt
}

/** Makes the learner's cards for `questionIds` due now. */
async function makeDue(browser: Browser, questionIds: Set<string>) {
  await db
    .update(cards)
    .set({ due: Date.now() - 1000 })
    .where(and(eq(cards.learnerId, browser.learnerId ?? ''), inArray(cards.questionId, [...questionIds])))
}

async function nextPractice(browser: Browser): Promise<PracticeNext> {
  const response = await browser.get('/api/practice/next')
  expect(response.status).toBe(200)
  return (await response.json()) as PracticeNext
}

describe('practice', () => {
  const firstTwo = setOf(SLUG).questions.slice(0, 2)
  const missed = new Set(firstTwo.map((question) => question.id))

  it('turns every quiz answer into an FSRS card: missed ones due now, right ones later', async () => {
    const browser = new Browser()
    await takeQuiz(browser, missed)
    const rows = await db
      .select()
      .from(cards)
      .where(eq(cards.learnerId, browser.learnerId ?? ''))
    expect(rows).toHaveLength(setOf(SLUG).questions.length)
    const now = Date.now()
    for (const row of rows) {
      expect(row.reps).toBe(1)
      if (missed.has(row.questionId)) expect(row.due - now).toBeLessThan(5 * 60_000)
      else expect(row.due - now).toBeGreaterThan(5 * 60_000)
    }
  })

  it('brings back the missed questions, and only them, once they fall due', async () => {
    const browser = new Browser()
    await takeQuiz(browser, missed)
    // Again-rated cards come back after a minute: make them due now rather than wait.
    await db
      .update(cards)
      .set({ due: Date.now() - 1000 })
      .where(and(eq(cards.learnerId, browser.learnerId ?? ''), inArray(cards.questionId, [...missed])))
    const seen: string[] = []
    for (let round = 0; round < 2; round++) {
      const next = await nextPractice(browser)
      if (next.done) throw new Error('expected a due question')
      expect(next.isNew).toBe(false)
      expect(JSON.stringify(next)).not.toContain(questionOfLearnerId(next.question.id).explanation)
      seen.push(questionOfLearnerId(next.question.id).id)
      const response = await browser.postJson('/api/practice/answers', {
        reviewId: next.reviewId,
        questionId: next.question.id,
        answer: correctAnswer(questionOfLearnerId(next.question.id)),
        shownAt: next.shownAt,
      })
      expect(response.status).toBe(200)
      const body = (await response.json()) as { feedback: { correct: boolean }; duplicate: boolean }
      expect(body).toMatchObject({ feedback: { correct: true }, duplicate: false })
    }
    expect(new Set(seen)).toEqual(missed)
    const done = await nextPractice(browser)
    expect(done).toMatchObject({ done: true })
    if (done.done) expect(Date.parse(done.nextDue ?? '')).toBeGreaterThan(Date.now())
  })

  it('stores a replayed practice answer once and returns the same feedback', async () => {
    const browser = new Browser()
    await takeQuiz(browser, missed)
    await makeDue(browser, missed)
    const next = await nextPractice(browser)
    if (next.done) throw new Error('expected a due question')
    const question = questionOfLearnerId(next.question.id)
    const body = { reviewId: next.reviewId, questionId: next.question.id, answer: correctAnswer(question) }
    const first = await browser.postJson('/api/practice/answers', body)
    // A replay with another answer cannot change the grade: the review id is used up.
    const second = await browser.postJson('/api/practice/answers', { ...body, answer: wrongAnswer(question) })
    const [a, b] = (await Promise.all([first.json(), second.json()])) as {
      duplicate: boolean
      feedback: { correct: boolean }
    }[]
    expect(a).toMatchObject({ duplicate: false, feedback: { correct: true } })
    expect(b).toMatchObject({ duplicate: true, feedback: { correct: true } })
    const logged = await db.select().from(reviews).where(eq(reviews.id, body.reviewId))
    expect(logged).toHaveLength(1)
    const [card] = await db
      .select()
      .from(cards)
      .where(and(eq(cards.learnerId, browser.learnerId ?? ''), eq(cards.questionId, question.id)))
    expect(card?.reps).toBe(2)
  })

  it('grades only what the practice queue offered this learner: a made-up review id or question gets no feedback', async () => {
    const learner = new Browser()
    await takeQuiz(learner, missed)
    await makeDue(learner, missed)
    const offered = await nextPractice(learner)
    if (offered.done) throw new Error('expected a due question')
    // Any bank question, under a review id the server never handed out (the attack that leaked
    // keys), named by its learner id or by its author id.
    for (const target of [setOf('tokayev-at-spief').questions[0], questionOfLearnerId(offered.question.id)]) {
      if (!target) throw new Error('empty set')
      for (const questionId of [publicIdOf(target.id), target.id]) {
        const response = await learner.postJson('/api/practice/answers', {
          reviewId: crypto.randomUUID(),
          questionId,
          answer: correctAnswer(target),
        })
        const error = await expectApiError(response, 404, 'not_found')
        expect(JSON.stringify(error)).not.toContain(target.explanation)
      }
    }
    // The offered review id, but naming another question than the one offered.
    const other = setOf('tokayev-at-spief').questions[0]
    if (!other) throw new Error('empty set')
    await expectApiError(
      await learner.postJson('/api/practice/answers', {
        reviewId: offered.reviewId,
        questionId: publicIdOf(other.id),
        answer: correctAnswer(other),
      }),
      400,
      'bad_request',
    )
    // Another learner cannot answer with this learner's offer.
    const thief = new Browser()
    const question = questionOfLearnerId(offered.question.id)
    await expectApiError(
      await thief.postJson('/api/practice/answers', {
        reviewId: offered.reviewId,
        questionId: offered.question.id,
        answer: correctAnswer(question),
      }),
      404,
      'not_found',
    )
    // The no-JS form refuses the same way, with a page and no feedback.
    const page = await expectPage(
      await learner.postForm('/practice', {
        reviewId: crypto.randomUUID(),
        questionId: publicIdOf(question.id),
        ...formFieldsFor(question, correctAnswer(question)),
      }),
      404,
    )
    expect(page).not.toContain(question.explanation)
    // Nothing was stored by any of these.
    expect(await db.select().from(reviews).where(eq(reviews.id, offered.reviewId))).toHaveLength(0)
  })

  it('refuses answers of the wrong shape, a malformed review id and an unknown one', async () => {
    const owner = new Browser()
    await takeQuiz(owner, missed)
    await makeDue(owner, missed)
    const next = await nextPractice(owner)
    if (next.done) throw new Error('expected a due question')
    await expectApiError(
      await owner.postJson('/api/practice/answers', {
        reviewId: next.reviewId,
        questionId: next.question.id,
        answer: { nonsense: 1 },
      }),
      400,
      'invalid_answer',
    )
    await expectApiError(
      await owner.postJson('/api/practice/answers', {
        reviewId: 'not-a-uuid',
        questionId: next.question.id,
        answer: {},
      }),
      400,
      'bad_request',
    )
    await expectApiError(
      await owner.postJson('/api/practice/answers', {
        reviewId: crypto.randomUUID(),
        questionId: 'no-such-question',
        answer: {},
      }),
      404,
      'not_found',
    )
  })

  it('shuffles an offered question with a seed the learner never sees, not with its review id', async () => {
    const browser = new Browser()
    await takeQuiz(browser, new Set(setOf(SLUG).questions.map((question) => question.id)))
    await makeDue(browser, new Set(setOf(SLUG).questions.map((question) => question.id)))
    const offers = await db
      .select()
      .from(practiceOffers)
      .where(eq(practiceOffers.learnerId, browser.learnerId ?? ''))
    expect(offers).toHaveLength(0)
    const next = await nextPractice(browser)
    if (next.done) throw new Error('expected a due question')
    const [offer] = await db.select().from(practiceOffers).where(eq(practiceOffers.id, next.reviewId))
    expect(offer?.learnerId).toBe(browser.learnerId)
    expect(offer?.seed).not.toBe(next.reviewId)
    expect(JSON.stringify(next)).not.toContain(offer?.seed ?? 'no offer')
  })

  it('picks the next question and records its offer in one D1 round trip, pruning expired offers', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(SLUG)
    const answered = questionOfLearnerId(attempt.items[0]!.question.id)
    const response = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: publicIdOf(answered.id),
      answer: wrongAnswer(answered),
    })
    expect(response.status).toBe(200)
    const learnerId = browser.learnerId ?? ''
    const expired = { id: crypto.randomUUID(), learnerId, questionId: answered.id, seed: 'old' }
    await db.insert(practiceOffers).values({ ...expired, servedAt: Date.now() - OFFER_LIFETIME_MS - 60_000 })
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const counted = async () => {
      const next = await app.request(
        `${ORIGIN}/api/practice/next`,
        { headers: { cookie, 'X-Cited-D1': 'count' } },
        { ...env, CITED_BENCH_D1_LOG: 'true' },
      )
      expect(next.status).toBe(200)
      const body = (await next.json()) as PracticeNext
      if (body.done) throw new Error('expected a question')
      const [offer] = await db.select().from(practiceOffers).where(eq(practiceOffers.id, body.reviewId))
      // The offer names the very question shown, for this learner.
      expect(offer).toMatchObject({ learnerId, questionId: questionOfLearnerId(body.question.id).id })
      return { body, d1: parseD1Counts(next.headers.get('x-cited-d1')) }
    }
    // The answered question is not due yet: the first new question of the set comes next.
    const fresh = await counted()
    expect(fresh.body.isNew).toBe(true)
    expect(questionOfLearnerId(fresh.body.question.id).id).not.toBe(answered.id)
    expect(fresh.d1).toMatchObject({ trips: 1, writes: 1 })
    expect(await db.select().from(practiceOffers).where(eq(practiceOffers.id, expired.id))).toHaveLength(0)
    // Once it falls due, the missed question comes before every new one.
    await makeDue(browser, new Set([answered.id]))
    const due = await counted()
    expect(due.body).toMatchObject({ isNew: false, dueNow: 1 })
    expect(questionOfLearnerId(due.body.question.id).id).toBe(answered.id)
    expect(due.d1).toMatchObject({ trips: 1 })
  })

  it('says to take a quiz first when there is nothing to practise', async () => {
    const html = await expectPage(await new Browser().get('/practice'), 200)
    expect(html).toContain('Take a quiz first')
  })

  it('works without JavaScript: form post, redirect, feedback page, next question', async () => {
    const browser = new Browser()
    await takeQuiz(browser, missed)
    await db
      .update(cards)
      .set({ due: Date.now() - 1000 })
      .where(and(eq(cards.learnerId, browser.learnerId ?? ''), inArray(cards.questionId, [...missed])))
    const page = await expectPage(await browser.get('/practice'), 200)
    const [props] = islandProps(page) as { hidden: Record<string, string>; question: { id: string } }[]
    if (!props) throw new Error('no answer form island on the practice page')
    const question = questionOfLearnerId(props.question.id)
    expect(missed.has(question.id)).toBe(true)
    expect(page).not.toContain(question.explanation)

    const blank = await browser.postForm('/practice', props.hidden)
    const errorPage = await expectPage(blank, 400)
    expect(errorPage).toContain('form-error')

    const response = await browser.postForm('/practice', {
      ...props.hidden,
      ...formFieldsFor(question, correctAnswer(question)),
    })
    expect(response.status).toBe(303)
    const location = response.headers.get('location') ?? ''
    expect(location).toBe(`/practice/reviews/${props.hidden.reviewId}`)
    const feedback = await expectPage(await browser.get(location), 200)
    expect(feedback).toContain(
      question.explanation.slice(0, 40).replace(/'/g, '&#39;').replace(/"/g, '&quot;'),
    )
    expect(feedback).toContain('href="/practice"')

    // Someone else cannot read this learner's practice answer.
    await expectPage(await new Browser().get(location), 404)
  })

  it('refuses a practice form without its review id', async () => {
    const browser = new Browser()
    await expectPage(await browser.postForm('/practice', { questionId: 'x' }), 400)
  })
})
