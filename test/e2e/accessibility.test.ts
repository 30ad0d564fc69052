import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { axeViolations, launchBrowser, phoneContext, screenshotDir } from './browser'
import { feedbackHeading, fillAnswer, planAnswers, questionOnPage, quizSet, startQuiz } from './learner'

const set = quizSet('routes-around-russia')
const total = set.questions.length

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Opens every disclosure so that axe checks what is inside too. */
function openAllDetails(page: Page) {
  return page.evaluate(() => {
    for (const details of Array.from(document.querySelectorAll('details'))) details.open = true
  })
}

it('the scanner itself reports a planted violation', async () => {
  const context = await phoneContext(browser, inject('baseUrl'), { bypassCSP: true })
  const page = await context.newPage()
  await page.setContent('<html lang="en"><title>Planted</title><main><img src="data:,"></main></html>')
  expect(await axeViolations(page)).toContain('image-alt')
  await context.close()
})

describe.each(['light', 'dark'] as const)('WCAG 2.2 AA in the %s colour scheme', (colorScheme) => {
  let context: BrowserContext
  let page: Page
  beforeEach(async () => {
    // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
    context = await phoneContext(browser, inject('baseUrl'), { colorScheme, bypassCSP: true })
    page = await context.newPage()
  })
  afterEach(async () => {
    await context.close()
  })

  const expectNoViolations = async (where: string) => {
    const violations = await axeViolations(page)
    expect(violations, `axe found violations on ${where} (${colorScheme}):\n${violations}`).toBe('')
  }

  it('has no violations on the quiz list, a set page and an error page', async () => {
    await page.goto('/')
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background, 'the page follows the colour scheme').toBe(
      colorScheme === 'dark' ? 'rgb(18, 20, 23)' : 'rgb(255, 255, 255)',
    )
    await openAllDetails(page)
    await expectNoViolations('the quiz list')
    await page.goto(`/quiz/${set.slug}`)
    await expectNoViolations('a set start page')
    await page.goto('/quiz/no-such-quiz')
    await expectNoViolations('the 404 page')
  })

  it('has no violations on every question, every kind of feedback, a form error and the results', async () => {
    const plan = planAnswers(set)
    await startQuiz(page, set.slug)

    // The island's own error message, reached by skipping the browser's required-field check.
    await page.evaluate(() => {
      const form = document.querySelector('form.answer-form')
      if (form instanceof HTMLFormElement) form.noValidate = true
    })
    await page.getByRole('button', { name: 'Check answer' }).click()
    await page.locator('.form-error:not([hidden])').waitFor()
    await expectNoViolations('a question with a form error')

    const toneSeen = new Set<string>()
    for (let position = 1; position <= total; position++) {
      const question = await questionOnPage(page, set)
      await expectNoViolations(`question ${position} (${question.type})`)
      const intent = plan.get(question.id) ?? 'right'
      await fillAnswer(page, question, intent)
      await page.getByRole('button', { name: 'Check answer' }).click()
      await feedbackHeading(page).waitFor()
      if (!toneSeen.has(intent)) {
        toneSeen.add(intent)
        await expectNoViolations(`feedback shown in place (${intent} answer)`)
        if (colorScheme === 'dark')
          await page.screenshot({ path: join(screenshotDir, `feedback-dark-${intent}.png`), fullPage: true })
        // The same feedback rendered by the server, as after a reload or without JavaScript.
        await page.reload()
        await expectNoViolations(`feedback rendered by the server (${intent} answer)`)
      }
      const last = position === total
      await page.getByRole('link', { name: last ? 'See your results' : 'Next question' }).click()
      await page.waitForURL(last ? /\/results$/ : new RegExp(`/q/${position + 1}$`))
    }
    expect([...toneSeen].sort()).toEqual(['partial', 'right', 'wrong'])

    await openAllDetails(page)
    await expectNoViolations('the results page')
    await page.screenshot({ path: join(screenshotDir, `results-${colorScheme}.png`) })
  })
})
