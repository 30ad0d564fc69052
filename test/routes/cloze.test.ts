import { describe, expect, it } from 'vitest'
import { fieldName } from '../../src/quiz/answer-form'
import { gapKind } from '../../src/quiz/cloze'
import { optionId } from '../../src/quiz/option-id'
import type { QuestionOf } from '../../src/quiz/question'
import {
  type ApiAnswerResult,
  Browser,
  correctAnswer,
  expectApiError,
  expectPage,
  firstOfType,
  formFieldsFor,
  publicIdOf,
  storedAttempt,
  visibleText,
} from '../support/helpers'

/** The bank's first passage question: a numeric gap (80) and a choice gap (oil), in pipeline-and-oil. */
const { slug, question: found, position } = firstOfType('cloze')
const question = found as QuestionOf<'cloze'>
const publicId = publicIdOf(question.id)
const choiceGap = question.gaps.findIndex((gap) => gap.type === 'choice')
const choiceOf = (text: string) => optionId(publicId, gapKind(choiceGap + 1), text)
const wrongChoice = (() => {
  const gap = question.gaps[choiceGap]
  return gap?.type === 'choice' ? (gap.choices.find((text) => text !== gap.answer) ?? '') : ''
})()

describe('a passage (cloze) question for learners', () => {
  it('renders the passage inline with one labelled field per gap and nothing of the key', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/${position}`), 200)
    const count = question.gaps.length
    for (let number = 1; number <= count; number++) {
      expect(html).toMatch(
        new RegExp(`<(input|select)[^>]*name="gap-${number}"[^>]*aria-label="gap ${number} of ${count}"`),
      )
    }
    expect(html).toContain('<p class="cloze">')
    expect(visibleText(html)).toContain('Fill in each gap of the passage.')
    for (const cited of question.evidence) expect(html).not.toContain(cited.quote)
    expect(html).not.toContain(question.explanation)
    expect(html).not.toMatch(/over 80%/)
  })

  it('grades a no-JS form post with every gap right as full marks', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const response = await browser.postForm(
      `/attempts/${attemptId}/q/${position}`,
      formFieldsFor(question, correctAnswer(question)),
    )
    expect(response.status).toBe(303)
    const text = visibleText(await expectPage(await browser.get(`/attempts/${attemptId}/q/${position}`), 200))
    expect(text).toContain('Correct')
    expect(text).toContain(question.evidence[0]?.quote ?? '?')
    expect((await storedAttempt(attemptId)).answeredCount).toBe(1)
  })

  it('gives partial credit per gap, and the feedback says which gap was wrong', async () => {
    const browser = new Browser()
    const attemptId = await browser.startApi(slug)
    const right = correctAnswer(question)
    if (!('gaps' in right)) throw new Error('expected gaps')
    const gaps = right.gaps.map((value, index) => (index === choiceGap ? choiceOf(wrongChoice) : value))
    const response = await browser.postJson(`/api/attempts/${attemptId.id}/answers`, {
      questionId: publicId,
      answer: { gaps },
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as ApiAnswerResult
    expect(body.feedback.correct).toBe(false)
    expect(body.feedback.points).toBe(
      Math.round(((question.gaps.length - 1) / question.gaps.length) * 100) / 100,
    )
    expect(JSON.stringify(body.feedback)).toContain(`Gap ${choiceGap + 1}: ${wrongChoice} (wrong)`)
  })

  it('refuses missing and extra gaps in the JSON API with a clear 400', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const right = correctAnswer(question)
    if (!('gaps' in right)) throw new Error('expected gaps')
    const url = `/api/attempts/${attempt.id}/answers`
    const missing = await expectApiError(
      await browser.postJson(url, { questionId: publicId, answer: { gaps: right.gaps.slice(1) } }),
      400,
      'invalid_answer',
    )
    expect(missing.error.message).toContain(
      `This passage has ${question.gaps.length} gaps: give one answer per gap`,
    )
    const extra = await expectApiError(
      await browser.postJson(url, { questionId: publicId, answer: { gaps: [...right.gaps, 'more'] } }),
      400,
      'invalid_answer',
    )
    expect(extra.error.message).toContain(`(${question.gaps.length + 1} given)`)
    await expectApiError(
      await browser.postJson(url, { questionId: publicId, answer: { text: 'x' } }),
      400,
      'invalid_answer',
    )
  })

  it('refuses a no-JS post with an empty gap: a 400 page naming the gap, the typed gaps kept', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const numeric = question.gaps.findIndex((gap) => gap.type === 'numeric')
    const html = await expectPage(
      await browser.postForm(`/attempts/${attemptId}/q/${position}`, {
        [fieldName.gap(numeric + 1)]: '79',
      }),
      400,
    )
    expect(visibleText(html)).toContain(
      `Choose an option in gap ${choiceGap + 1} of ${question.gaps.length}.`,
    )
    expect(html).toMatch(new RegExp(`<input[^>]*name="gap-${numeric + 1}"[^>]*value="79"`))
    expect((await storedAttempt(attemptId)).answeredCount).toBe(0)
  })
})
