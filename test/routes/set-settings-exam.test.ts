import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { Question } from '../../src/quiz/question'
import {
  type ApiAttempt,
  Browser,
  correctAnswer,
  decodeEntities,
  expectPage,
  formFieldsFor,
  islandProps,
  keysIn,
  leavesIn,
  publicIdOf,
  questionOfLearnerId,
  visibleText,
  wrongAnswer,
} from '../support/helpers'
import { createSet, idsOfType, questionAt, startSet } from '../support/set-settings-helpers'

/**
 * Exam mode (feedback at the end): until every question is answered, no
 * verdict, correct answer, explanation or evidence reaches the browser, in
 * the pages, the island's props or the API. Then the results show everything.
 */

const keyFields = ['correct', 'points', 'correctAnswer', 'explanation', 'evidence', 'quote', 'yourAnswer']

/** One question of each type, so every kind of key is checked. */
const pool = [
  ...idsOfType('single').slice(0, 1),
  ...idsOfType('multiple').slice(0, 1),
  ...idsOfType('true_false').slice(0, 1),
  ...idsOfType('numeric').slice(0, 1),
  ...idsOfType('ordering').slice(0, 1),
  ...idsOfType('matching').slice(0, 1),
  ...idsOfType('text').slice(0, 1),
]
const examSet = await createSet({
  title: 'Exam mode set',
  questionIds: pool,
  settings: { feedback: 'end' },
  embedAnywhere: true,
})

/** Asserts a page carries nothing of a question's key (its explanation, evidence, correct answer). */
function expectNoKey(html: string, question: Question) {
  const text = decodeEntities(html)
  expect(text).not.toContain(question.explanation)
  for (const cited of question.evidence) expect(text).not.toContain(cited.quote)
  expect(visibleText(html)).not.toMatch(/Correct answer|Not quite|Partly right|✓|✗/)
  expect(html).not.toMatch(/data-correct|data-points/)
  for (const field of keyFields) expect(keysIn(islandProps(html))).not.toContain(field)
}

describe('feedback at the end (exam mode)', () => {
  it('says so on the start page', async () => {
    expect(visibleText(await expectPage(await new Browser().get(`/quiz/${examSet}`), 200))).toContain(
      'feedback at the end',
    )
  })

  it('keeps the key out of the no-JS pages until the last answer, then shows everything', async () => {
    const browser = new Browser()
    const { id, questionIds } = await startSet(browser, examSet)
    for (let position = 1; position <= questionIds.length; position++) {
      const question = questionAt(questionIds, position)
      const answer = position % 2 ? correctAnswer(question) : wrongAnswer(question)
      const response = await browser.postForm(
        `/attempts/${id}/q/${position}`,
        formFieldsFor(question, answer),
      )
      expect(response.status).toBe(303)
      const last = position === questionIds.length
      // The page moves on, saying the answer was saved; the last one goes to the results.
      expect(response.headers.get('location')).toBe(
        last ? `/attempts/${id}/results` : `/attempts/${id}/q/${position + 1}?saved=${position}`,
      )
      if (last) break
      const next = await expectPage(await browser.get(response.headers.get('location') ?? ''), 200)
      expect(visibleText(next)).toContain(`Answer to question ${position} saved.`)
      // Every answered question so far shows "Answer saved" and nothing of its key.
      for (let earlier = 1; earlier <= position; earlier++) {
        const html = await expectPage(await browser.get(`/attempts/${id}/q/${earlier}`), 200)
        expect(visibleText(html)).toContain('Answer saved')
        expectNoKey(html, questionAt(questionIds, earlier))
      }
      // A re-sent form changes nothing and still shows no verdict.
      const again = await browser.postForm(`/attempts/${id}/q/${position}`, formFieldsFor(question, answer))
      expect(again.headers.get('location')).toBe(`/attempts/${id}/q/${position}`)
    }
    const results = visibleText(await expectPage(await browser.get(`/attempts/${id}/results`), 200))
    for (const questionId of questionIds) {
      const question = questionAt(questionIds, questionIds.indexOf(questionId) + 1)
      expect(results).toContain(question.explanation)
    }
    expect(results).toContain('Correct answer')
    expect(results).toContain('Not passed: the pass mark is 60%')
    // Now each question's page shows its feedback too.
    const first = visibleText(await expectPage(await browser.get(`/attempts/${id}/q/1`), 200))
    expect(first).toContain(questionAt(questionIds, 1).explanation)
  })

  it('sends no feedback in the API answers and attempt until the attempt is complete', async () => {
    const browser = new Browser()
    const started = await browser.startApi(examSet)
    for (const [index, item] of started.items.entries()) {
      const question = questionOfLearnerId(item.question.id)
      const response = await browser.postJson(`/api/attempts/${started.id}/answers`, {
        questionId: publicIdOf(question.id),
        answer: correctAnswer(question),
      })
      expect(response.status).toBe(200)
      const body = (await response.json()) as Record<string, unknown>
      expect(body.feedback).toBeNull()
      expect(body.saved).toBe(true)
      for (const field of keyFields) expect(keysIn(body)).not.toContain(field)
      expect(leavesIn(body)).not.toContain(question.explanation)
      const replay = (await (
        await browser.postJson(`/api/attempts/${started.id}/answers`, {
          questionId: publicIdOf(question.id),
          answer: correctAnswer(question),
        })
      ).json()) as Record<string, unknown>
      expect(replay.feedback).toBeNull()
      expect(replay.duplicate).toBe(true)

      const { attempt } = (await (await browser.get(`/api/attempts/${started.id}`)).json()) as {
        attempt: Omit<ApiAttempt, 'items' | 'score'> & {
          score: ApiAttempt['score'] | null
          items: (ApiAttempt['items'][number] & { answered: boolean })[]
        }
      }
      if (index < started.items.length - 1) {
        expect(attempt.completedAt).toBeNull()
        for (const each of attempt.items) expect(each.feedback).toBeNull()
        expect(attempt.items.filter((each) => each.answered)).toHaveLength(index + 1)
        for (const field of keyFields) expect(keysIn(attempt.items)).not.toContain(field)
        // The running score would give the verdicts away one by one.
        expect(attempt.score).toBeNull()
        expect(body.progress).toMatchObject({ answered: index + 1, completed: false, score: null })
      } else {
        expect(attempt.completedAt).not.toBeNull()
        expect(attempt.score?.points).toBe(pool.length)
        expect(body.progress).toMatchObject({ completed: true, score: pool.length })
        for (const each of attempt.items) expect(each.feedback?.correct).toBe(true)
      }
    }
  })

  it('does not let practice bring an exam question (and its key) back early', async () => {
    const browser = new Browser()
    const started = await browser.startApi(examSet)
    const question = questionOfLearnerId(started.items[0]?.question.id ?? '')
    await browser.postJson(`/api/attempts/${started.id}/answers`, {
      questionId: publicIdOf(question.id),
      answer: wrongAnswer(question),
    })
    const next = (await (await browser.get('/api/practice/next')).json()) as { done: boolean }
    expect(next.done).toBe(true)
    const reviews = await env.DB.prepare('select count(*) as n from reviews where attempt_id = ?')
      .bind(started.id)
      .first<{ n: number }>()
    expect(reviews?.n).toBe(0)
  })

  it('keeps the key out of the embedded pages until the results', async () => {
    const browser = new Browser()
    const start = await browser.postForm(`/embed/${examSet}/start`, {})
    const base = (start.headers.get('location') ?? '').replace(/\/q\/1$/, '')
    const html = await expectPage(await browser.get(`${base}/q/1`), 200)
    const [props] = islandProps(html, 'answer-form') as { question: { id: string } }[]
    const question = questionOfLearnerId(props?.question.id ?? '')
    const response = await browser.postForm(`${base}/q/1`, formFieldsFor(question, wrongAnswer(question)))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${base}/q/2`)
    const answered = await expectPage(await browser.get(`${base}/q/1`), 200)
    expect(visibleText(answered)).toContain('Answer saved')
    expectNoKey(answered, question)
  })
})
