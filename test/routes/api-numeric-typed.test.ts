import { describe, expect, it } from 'vitest'
import type { QuestionOf } from '../../src/quiz/question'
import { type ApiAnswerResult, Browser, bank, expectApiError } from '../support/helpers'

/**
 * docs/api.md documents `{ "value": "1,500" }` for numeric answers: the API
 * reads a number as typed with the same normaliser as the no-JS form.
 */

const numericQuestions = bank.sets.flatMap((set) =>
  set.questions.flatMap((question, index) =>
    question.type === 'numeric' ? [{ slug: set.slug, position: index + 1, question }] : [],
  ),
)

/** The key as a person might type it: thousands separators, a decimal comma, the unit after a space. */
function typed(question: QuestionOf<'numeric'>): string {
  const number = Number.isInteger(question.answer)
    ? question.answer.toLocaleString('en-US')
    : String(question.answer).replace('.', ',')
  return question.unit ? `${number} ${question.unit}` : number
}

/** Starts the question's set through the API and returns what to post for the question at its position. */
async function open(slug: string, position: number) {
  const browser = new Browser()
  const attempt = await browser.startApi(slug)
  const item = attempt.items.find((candidate) => candidate.position === position)
  if (!item) throw new Error(`no item ${position}`)
  return { browser, url: `/api/attempts/${attempt.id}/answers`, questionId: item.question.id }
}

describe('POST /api/attempts/:id/answers with a numeric answer typed as text', () => {
  it('grades "1,500"-style text as the number it reads', async () => {
    expect(numericQuestions.length).toBeGreaterThan(3)
    expect(numericQuestions.some(({ question }) => question.answer >= 1000)).toBe(true)
    for (const { slug, position, question } of numericQuestions) {
      if (question.type !== 'numeric') continue
      const { browser, url, questionId } = await open(slug, position)
      const response = await browser.postJson(url, { questionId, answer: { value: typed(question) } })
      expect(response.status, typed(question)).toBe(200)
      const result = (await response.json()) as ApiAnswerResult
      expect(result.feedback.correct, typed(question)).toBe(true)
    }
  })

  it('grades a wrong typed number as wrong, not as a bad request', async () => {
    const [first] = numericQuestions
    if (first?.question.type !== 'numeric') throw new Error('no numeric question')
    const { browser, url, questionId } = await open(first.slug, first.position)
    const wrong = (first.question.answer + first.question.tolerance + 1000).toLocaleString('en-US')
    const response = await browser.postJson(url, { questionId, answer: { value: wrong } })
    expect(response.status).toBe(200)
    expect(((await response.json()) as ApiAnswerResult).feedback.correct).toBe(false)
  })

  it('still refuses text that is not a number with 400 invalid_answer', async () => {
    const [first] = numericQuestions
    if (!first) throw new Error('no numeric question')
    const { browser, url, questionId } = await open(first.slug, first.position)
    for (const value of ['thirty', '1,5,0', '', '12abc', '1e5', '--3', '9'.repeat(400), '1,500 parsecs'])
      await expectApiError(
        await browser.postJson(url, { questionId, answer: { value } }),
        400,
        'invalid_answer',
      )
    await expectApiError(
      await browser.postJson(url, { questionId, answer: { value: '1,500', extra: 1 } }),
      400,
      'invalid_answer',
    )
  })
})
