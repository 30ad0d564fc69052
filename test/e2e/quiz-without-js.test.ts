import { expect, it } from 'vitest'
import { textOf, useBrowser, usePhonePage } from './browser'
import {
  expectedScore,
  feedbackHeading,
  fillAnswer,
  planAnswers,
  pointsFor,
  progressLabel,
  questionOnPage,
  quizSet,
  startQuiz,
} from './learner'

const set = quizSet('pipeline-and-oil')
const total = set.questions.length

const phone = usePhonePage(useBrowser(), { javaScriptEnabled: false }, 'describe')

it('finishes a whole set through plain form posts and redirects, with the expected score', async () => {
  const plan = planAnswers(set)
  const attemptId = await startQuiz(phone.page, set.slug)
  let points = 0
  for (let position = 1; position <= total; position++) {
    const questionUrl = new RegExp(`/attempts/${attemptId}/q/${position}$`)
    expect(phone.page.url()).toMatch(questionUrl)
    expect(await progressLabel(phone.page)).toBe(`Question ${position} of ${total}`)
    const question = await questionOnPage(phone.page, set)
    const intent = plan.get(question.id) ?? 'right'
    points += pointsFor(question, intent)
    await fillAnswer(phone.page, question, intent)

    // The post answers 303 to the same question, now rendered with its feedback.
    const [post] = await Promise.all([
      phone.page.waitForResponse((response) => response.request().method() === 'POST'),
      phone.page.getByRole('button', { name: 'Check answer' }).click(),
    ])
    expect(post.status()).toBe(303)
    await phone.page.waitForURL(questionUrl)
    const heading = await textOf(feedbackHeading(phone.page))
    expect(heading).toContain(
      intent === 'right' ? 'Correct' : intent === 'wrong' ? 'Not quite' : 'Partly right',
    )
    expect(await phone.page.locator('form.answer-form').count()).toBe(0)

    const last = position === total
    await phone.page.getByRole('link', { name: last ? 'See your results' : 'Next question' }).click()
  }

  await phone.page.waitForURL(new RegExp(`/attempts/${attemptId}/results$`))
  const score = expectedScore(points, total)
  expect(await textOf(phone.page.locator('.score__big'))).toBe(score.percent)
  expect(await textOf(phone.page.locator('.score'))).toContain(score.line)
})
