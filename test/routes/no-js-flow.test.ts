import { describe, expect, it } from 'vitest'
import {
  Browser,
  bank,
  correctAnswer,
  expectPage,
  formFieldsFor,
  storedAttempt,
  visibleText,
  wrongAnswer,
} from '../support/helpers'

/**
 * A learner without JavaScript finishes each set with plain form posts,
 * following every redirect the way a browser does, and the score the results
 * page shows is the one stored in D1.
 */
describe('finishing a whole set without JavaScript', () => {
  for (const set of bank.sets) {
    it(`works for ${set.slug}, and the stored score matches the results page`, async () => {
      const browser = new Browser()
      const start = await browser.postForm(`/quiz/${set.slug}/start`, {})
      expect(start.status).toBe(303)
      let location = start.headers.get('location') ?? ''
      const attemptId = /^\/attempts\/([0-9a-f-]{36})\/q\/1$/.exec(location)?.[1] ?? ''
      expect(attemptId).not.toBe('')

      // Every third question is answered wrong on purpose; wrong answers earn nothing.
      let expectedPoints = 0
      for (const [index, question] of set.questions.entries()) {
        const position = index + 1
        expect(location).toBe(`/attempts/${attemptId}/q/${position}`)
        const page = await expectPage(await browser.get(location), 200)
        expect(visibleText(page)).toContain(`Question ${position} of ${set.questions.length}`)
        const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1]
        expect(action).toBe(location)

        const right = position % 3 !== 0
        if (right) expectedPoints++
        const answer = right ? correctAnswer(question) : wrongAnswer(question)
        const posted = await browser.postForm(action ?? '', formFieldsFor(question, answer))
        expect(posted.status).toBe(303)
        expect(posted.headers.get('location')).toBe(location)

        const feedback = await expectPage(await browser.get(location), 200)
        expect(visibleText(feedback)).toContain(right ? 'Correct' : 'Not quite')
        const next = /<a class="button button--primary" href="([^"]+)">/.exec(feedback)?.[1] ?? ''
        const isLast = position === set.questions.length
        expect(next).toBe(
          isLast ? `/attempts/${attemptId}/results` : `/attempts/${attemptId}/q/${position + 1}`,
        )
        location = next
      }

      const results = await expectPage(await browser.get(location), 200)
      const total = set.questions.length
      const percent = Math.round((expectedPoints / total) * 100)
      const text = visibleText(results)
      expect(text).toContain(`${percent}%`)
      expect(text).toContain(`${expectedPoints} of ${total} points`)
      expect(text).toContain(`${total - expectedPoints} to review.`)

      const stored = await storedAttempt(attemptId)
      expect(stored.setSlug).toBe(set.slug)
      expect(stored.answeredCount).toBe(total)
      expect(stored.score).toBe(expectedPoints)
      expect(stored.completedAt).toBeInstanceOf(Date)
      expect(stored.completedAt?.getTime()).toBeGreaterThanOrEqual(stored.startedAt.getTime())

      // A finished attempt is no longer offered for resuming.
      const quizPage = visibleText(await (await browser.get(`/quiz/${set.slug}`)).text())
      expect(quizPage).not.toContain('Resume')
    })
  }
})
