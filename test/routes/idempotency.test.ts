import { describe, expect, it } from 'vitest'
import {
  type ApiAnswerResult,
  Browser,
  correctAnswer,
  countResponses,
  firstOfType,
  formFieldsFor,
  publicIdOf,
  setOf,
  storedAttempt,
  visibleText,
  wrongAnswer,
} from '../support/helpers'

/** A double tap, a retried request or a changed mind must never count a question twice. */

const slug = 'tokayev-at-spief'
const set = setOf(slug)
const [first, second] = set.questions
if (!first || !second) throw new Error('set too small')

describe('answering the same question twice through the API', () => {
  it('marks the second as a duplicate, returns the first feedback, and leaves the score alone', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const url = `/api/attempts/${attempt.id}/answers`

    const firstResponse = await browser.postJson(url, {
      questionId: publicIdOf(first.id),
      answer: correctAnswer(first),
    })
    const original = (await firstResponse.json()) as ApiAnswerResult
    expect(original.duplicate).toBe(false)
    const before = await storedAttempt(attempt.id)
    expect(before.answeredCount).toBe(1)
    expect(before.score).toBe(1)

    // Same answer again (a retried request), then a different one (a changed mind): both change nothing.
    for (const answer of [correctAnswer(first), wrongAnswer(first)]) {
      const again = await browser.postJson(url, { questionId: publicIdOf(first.id), answer })
      expect(again.status).toBe(200)
      const repeated = (await again.json()) as ApiAnswerResult
      expect(repeated.duplicate).toBe(true)
      expect(repeated.feedback).toEqual(original.feedback)
      expect(repeated.progress).toEqual(original.progress)
    }
    const after = await storedAttempt(attempt.id)
    expect(after.answeredCount).toBe(1)
    expect(after.score).toBe(1)
    expect(await countResponses(attempt.id)).toBe(1)
  })

  it('returns the first feedback even when the repeat is malformed', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const url = `/api/attempts/${attempt.id}/answers`
    const original = (await (
      await browser.postJson(url, { questionId: publicIdOf(first.id), answer: wrongAnswer(first) })
    ).json()) as ApiAnswerResult
    const repeat = await browser.postJson(url, {
      questionId: publicIdOf(first.id),
      answer: { nonsense: true },
    })
    expect(repeat.status).toBe(200)
    expect(((await repeat.json()) as ApiAnswerResult).feedback).toEqual(original.feedback)
  })

  it('stores one answer when two arrive at the same time', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const url = `/api/attempts/${attempt.id}/answers`
    const results = await Promise.all(
      [correctAnswer(first), wrongAnswer(first), correctAnswer(first)].map(async (answer) => {
        const response = await browser.postJson(url, { questionId: publicIdOf(first.id), answer })
        expect(response.status).toBe(200)
        return (await response.json()) as ApiAnswerResult
      }),
    )
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1)
    const feedbacks = new Set(results.map((result) => JSON.stringify(result.feedback)))
    expect(feedbacks.size).toBe(1)
    const stored = await storedAttempt(attempt.id)
    expect(stored.answeredCount).toBe(1)
    expect(await countResponses(attempt.id)).toBe(1)
  })
})

describe('answering the same question twice with the form', () => {
  it('redirects both times, keeps the first answer and does not double-count', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const path = `/attempts/${attemptId}/q/1`
    const firstPost = await browser.postForm(path, formFieldsFor(first, correctAnswer(first)))
    expect(firstPost.status).toBe(303)
    const before = await storedAttempt(attemptId)

    const secondPost = await browser.postForm(path, formFieldsFor(first, wrongAnswer(first)))
    expect(secondPost.status).toBe(303)
    expect(secondPost.headers.get('location')).toBe(path)

    const after = await storedAttempt(attemptId)
    expect(after.answeredCount).toBe(before.answeredCount)
    expect(after.score).toBe(before.score)
    expect(after.score).toBe(1)
    expect(await countResponses(attemptId)).toBe(1)
    expect(visibleText(await (await browser.get(path)).text())).toContain('Correct')
  })

  it('counts an answer given in the page once, whichever way it was sent', async () => {
    const { slug: matchingSlug, question, position } = firstOfType('matching')
    const browser = new Browser()
    const attemptId = await browser.start(matchingSlug)
    await browser.postForm(
      `/attempts/${attemptId}/q/${position}`,
      formFieldsFor(question, correctAnswer(question)),
    )
    const api = await browser.postJson(`/api/attempts/${attemptId}/answers`, {
      questionId: publicIdOf(question.id),
      answer: wrongAnswer(question),
    })
    const body = (await api.json()) as ApiAnswerResult
    expect(body.duplicate).toBe(true)
    expect(body.feedback.correct).toBe(true)
    expect(body.progress.answered).toBe(1)
    expect((await storedAttempt(attemptId)).answeredCount).toBe(1)
  })

  it('keeps the completion time of a finished attempt when its last answer is sent again', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const url = `/api/attempts/${attempt.id}/answers`
    for (const question of set.questions)
      await browser.postJson(url, { questionId: publicIdOf(question.id), answer: correctAnswer(question) })
    const done = await storedAttempt(attempt.id)
    expect(done.completedAt).not.toBeNull()
    const last = set.questions.at(-1)
    if (!last) throw new Error('empty set')
    await new Promise((resolve) => setTimeout(resolve, 5))
    const repeat = (await (
      await browser.postJson(url, { questionId: publicIdOf(last.id), answer: correctAnswer(last) })
    ).json()) as ApiAnswerResult
    expect(repeat.duplicate).toBe(true)
    expect(repeat.progress.completed).toBe(true)
    const again = await storedAttempt(attempt.id)
    expect(again.completedAt?.getTime()).toBe(done.completedAt?.getTime())
    expect(again.score).toBe(set.questions.length)
  })
})

describe('after a duplicate', () => {
  it('the next question is answered and counted as usual', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const url = `/api/attempts/${attempt.id}/answers`
    await browser.postJson(url, { questionId: publicIdOf(first.id), answer: correctAnswer(first) })
    await browser.postJson(url, { questionId: publicIdOf(first.id), answer: correctAnswer(first) })
    const response = (await (
      await browser.postJson(url, { questionId: publicIdOf(second.id), answer: correctAnswer(second) })
    ).json()) as ApiAnswerResult
    expect(response.duplicate).toBe(false)
    expect(response.progress.answered).toBe(2)
    expect(response.progress.score).toBe(2)
  })
})

describe('re-sending a form for a question already answered', () => {
  it('redirects to the stored feedback, even when the re-sent form is empty', async () => {
    const browser = new Browser()
    const id = await browser.start(slug)
    const answered = await browser.postForm(`/attempts/${id}/q/1`, formFieldsFor(first, correctAnswer(first)))
    expect(answered.status).toBe(303)
    for (const fields of [{}, formFieldsFor(first, wrongAnswer(first))]) {
      const again = await browser.postForm(`/attempts/${id}/q/1`, fields)
      expect(again.status).toBe(303)
      expect(again.headers.get('location')).toBe(`/attempts/${id}/q/1`)
    }
    expect((await storedAttempt(id)).score).toBe(1)
  })
})
