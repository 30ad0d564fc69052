import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, screenshotDir, useBrowser, usePhonePage } from './browser'
import { feedbackHeading, fillAnswer, planAnswers, questionOnPage, quizSet, startQuiz } from './learner'

const set = quizSet('routes-around-russia')
const total = set.questions.length

const chromium = useBrowser()

/** Opens every disclosure so that axe checks what is inside too. */
function openAllDetails(page: Page) {
  return page.evaluate(() => {
    for (const details of Array.from(document.querySelectorAll('details'))) details.open = true
  })
}

it('the scanner itself reports a planted violation', async () => {
  const context = await chromium.newContext({ bypassCSP: true })
  const page = await context.newPage()
  await page.setContent('<html lang="en"><title>Planted</title><main><img src="data:,"></main></html>')
  expect(await axeViolations(page)).toContain('image-alt')
  await context.close()
})

describe.each(['light', 'dark'] as const)('WCAG 2.2 AA in the %s colour scheme', (colorScheme) => {
  // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
  const phone = usePhonePage(chromium, () => ({ colorScheme, bypassCSP: true }))

  const expectNoViolations = async (where: string) => {
    const violations = await axeViolations(phone.page)
    expect(violations, `axe found violations on ${where} (${colorScheme}):\n${violations}`).toBe('')
  }

  it('has no violations on the quiz list, a set page and an error page', async () => {
    await phone.page.goto('/')
    const background = await phone.page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background, 'the page follows the colour scheme').toBe(
      colorScheme === 'dark' ? 'rgb(18, 20, 23)' : 'rgb(255, 255, 255)',
    )
    await openAllDetails(phone.page)
    await expectNoViolations('the quiz list')
    await phone.page.goto(`/quiz/${set.slug}`)
    await expectNoViolations('a set start page')
    await phone.page.goto('/quiz/no-such-quiz')
    await expectNoViolations('the 404 page')
  })

  it('has no violations on every question, every kind of feedback, a form error and the results', async () => {
    const plan = planAnswers(set)
    await startQuiz(phone.page, set.slug)

    // The island's own error message, reached by skipping the browser's required-field check.
    await phone.page.evaluate(() => {
      const form = document.querySelector('form.answer-form')
      if (form instanceof HTMLFormElement) form.noValidate = true
    })
    await phone.page.getByRole('button', { name: 'Check answer' }).click()
    await phone.page.locator('.form-error:not([hidden])').waitFor()
    await expectNoViolations('a question with a form error')

    const toneSeen = new Set<string>()
    for (let position = 1; position <= total; position++) {
      const question = await questionOnPage(phone.page, set)
      await expectNoViolations(`question ${position} (${question.type})`)
      const intent = plan.get(question.id) ?? 'right'
      await fillAnswer(phone.page, question, intent)
      await phone.page.getByRole('button', { name: 'Check answer' }).click()
      await feedbackHeading(phone.page).waitFor()
      if (!toneSeen.has(intent)) {
        toneSeen.add(intent)
        await expectNoViolations(`feedback shown in place (${intent} answer)`)
        if (colorScheme === 'dark')
          await phone.page.screenshot({
            path: join(screenshotDir, `feedback-dark-${intent}.png`),
            fullPage: true,
          })
        // The same feedback rendered by the server, as after a reload or without JavaScript.
        await phone.page.reload()
        await expectNoViolations(`feedback rendered by the server (${intent} answer)`)
      }
      const last = position === total
      await phone.page.getByRole('link', { name: last ? 'See your results' : 'Next question' }).click()
      await phone.page.waitForURL(last ? /\/results$/ : new RegExp(`/q/${position + 1}$`))
    }
    expect([...toneSeen].sort()).toEqual(['partial', 'right', 'wrong'])

    await openAllDetails(phone.page)
    await expectNoViolations('the results page')
    await phone.page.screenshot({ path: join(screenshotDir, `results-${colorScheme}.png`) })
  })
})
