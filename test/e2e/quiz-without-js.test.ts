import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launchBrowser, phoneContext, textOf } from './browser'
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

let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  context = await phoneContext(browser, inject('baseUrl'), { javaScriptEnabled: false })
  page = await context.newPage()
})
afterAll(async () => {
  await browser?.close()
})

it('finishes a whole set through plain form posts and redirects, with the expected score', async () => {
  const plan = planAnswers(set)
  const attemptId = await startQuiz(page, set.slug)
  let points = 0
  for (let position = 1; position <= total; position++) {
    const questionUrl = new RegExp(`/attempts/${attemptId}/q/${position}$`)
    expect(page.url()).toMatch(questionUrl)
    expect(await progressLabel(page)).toBe(`Question ${position} of ${total}`)
    const question = await questionOnPage(page, set)
    const intent = plan.get(question.id) ?? 'right'
    points += pointsFor(question, intent)
    await fillAnswer(page, question, intent)

    // The post answers 303 to the same question, now rendered with its feedback.
    const [post] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Check answer' }).click(),
    ])
    expect(post.status()).toBe(303)
    await page.waitForURL(questionUrl)
    const heading = await textOf(feedbackHeading(page))
    expect(heading).toContain(
      intent === 'right' ? 'Correct' : intent === 'wrong' ? 'Not quite' : 'Partly right',
    )
    expect(await page.locator('form.answer-form').count()).toBe(0)

    const last = position === total
    await page.getByRole('link', { name: last ? 'See your results' : 'Next question' }).click()
  }

  await page.waitForURL(new RegExp(`/attempts/${attemptId}/results$`))
  const score = expectedScore(points, total)
  expect(await textOf(page.locator('.score__big'))).toBe(score.percent)
  expect(await textOf(page.locator('.score'))).toContain(score.line)
})
