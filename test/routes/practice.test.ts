import { env } from 'cloudflare:workers'
import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { cards, reviews } from '../../src/db/schema'
import {
  Browser,
  correctAnswer,
  expectApiError,
  expectPage,
  formFieldsFor,
  islandProps,
  questionOf,
  setOf,
  wrongAnswer,
} from './helpers'

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
    const question = questionOf(item.question.id)
    const answer = missed.has(question.id) ? wrongAnswer(question) : correctAnswer(question)
    const response = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: question.id,
      answer,
    })
    expect(response.status).toBe(200)
  }
  return attempt
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
      expect(JSON.stringify(next)).not.toContain(questionOf(next.question.id).explanation)
      seen.push(next.question.id)
      const response = await browser.postJson('/api/practice/answers', {
        reviewId: next.reviewId,
        questionId: next.question.id,
        answer: correctAnswer(questionOf(next.question.id)),
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
    const [question] = firstTwo
    if (!question) throw new Error('empty set')
    const body = { reviewId: crypto.randomUUID(), questionId: question.id, answer: correctAnswer(question) }
    const first = await browser.postJson('/api/practice/answers', body)
    const second = await browser.postJson('/api/practice/answers', body)
    const [a, b] = (await Promise.all([first.json(), second.json()])) as { duplicate: boolean }[]
    expect(a?.duplicate).toBe(false)
    expect(b?.duplicate).toBe(true)
    const logged = await db.select().from(reviews).where(eq(reviews.id, body.reviewId))
    expect(logged).toHaveLength(1)
    const [card] = await db
      .select()
      .from(cards)
      .where(and(eq(cards.learnerId, browser.learnerId ?? ''), eq(cards.questionId, question.id)))
    expect(card?.reps).toBe(2)
  })

  it('refuses a review id used by another learner, and answers of the wrong shape', async () => {
    const owner = new Browser()
    await takeQuiz(owner, missed)
    const [question] = firstTwo
    if (!question) throw new Error('empty set')
    const reviewId = crypto.randomUUID()
    await owner.postJson('/api/practice/answers', {
      reviewId,
      questionId: question.id,
      answer: correctAnswer(question),
    })
    const other = new Browser()
    await expectApiError(
      await other.postJson('/api/practice/answers', {
        reviewId,
        questionId: question.id,
        answer: correctAnswer(question),
      }),
      409,
      'conflict',
    )
    await expectApiError(
      await owner.postJson('/api/practice/answers', {
        reviewId: crypto.randomUUID(),
        questionId: question.id,
        answer: { nonsense: 1 },
      }),
      400,
      'invalid_answer',
    )
    await expectApiError(
      await owner.postJson('/api/practice/answers', {
        reviewId: 'not-a-uuid',
        questionId: question.id,
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
    const question = questionOf(props.question.id)
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
