import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, screenshotDir, textOf, useBrowser, usePhonePage } from './browser'
import { feedbackHeading, fillAnswer, planAnswers, questionOnPage, quizSet, startQuiz } from './learner'
import { learnerIdOf, moveScheduleForward } from './schedule-clock'

const set = quizSet('pipeline-and-oil')
const total = set.questions.length

const chromium = useBrowser()

/** Answers the question on screen with the island and waits for its feedback in place. */
async function answerInPlace(page: Page, intent: 'right' | 'wrong' | 'partial' = 'right') {
  const question = await questionOnPage(page, set)
  await fillAnswer(page, question, intent)
  await page.getByRole('button', { name: 'Check answer' }).click()
  await feedbackHeading(page).waitFor()
  return question
}

describe('practice after a quiz', () => {
  // bypassCSP only lets axe be injected for the scans at the end.
  const phone = usePhonePage(chromium, { bypassCSP: true }, 'describe')

  it('brings back exactly the missed questions once they fall due, then says to come back later', async () => {
    const plan = planAnswers(set)
    const missed = [...plan].filter(([, intent]) => intent !== 'right').map(([id]) => id)
    expect(missed).toHaveLength(2)

    await startQuiz(phone.page, set.slug)
    for (let position = 1; position <= total; position++) {
      const question = await questionOnPage(phone.page, set)
      await answerInPlace(phone.page, plan.get(question.id) ?? 'right')
      const last = position === total
      await phone.page.getByRole('link', { name: last ? 'See your results' : 'Next question' }).click()
      await phone.page.waitForURL(last ? /\/results$/ : new RegExp(`/q/${position + 1}$`))
    }
    expect(await phone.page.getByRole('button', { name: 'Review the 2 I missed' }).count()).toBe(1)

    // Straight after the quiz nothing is due yet: a miss comes back after a minute, a right answer later.
    await phone.page.goto('/practice')
    expect(await textOf(phone.page.getByRole('heading', { level: 1 }))).toBe('Nothing to practise right now')
    expect(await textOf(phone.page.getByRole('status'))).toContain('Come back later')

    // Two minutes on: the missed questions are due, the right ones (ten minutes) are not.
    moveScheduleForward(await learnerIdOf(phone.context), 2 * 60_000)
    const practised: string[] = []
    await phone.page.goto('/practice')
    for (let round = 0; round < missed.length; round++) {
      expect(await textOf(phone.page.locator('.progress-label'))).toBe(
        `${missed.length - round} due for review`,
      )
      const question = await answerInPlace(phone.page, 'right')
      practised.push(question.id)
      expect(await textOf(feedbackHeading(phone.page))).toContain('Correct')
      if (round === 0) await phone.page.screenshot({ path: join(screenshotDir, 'practice-feedback.png') })
      await phone.page.getByRole('link', { name: 'Next question' }).click()
      await phone.page.waitForURL(/\/practice$/)
    }
    expect(practised.sort()).toEqual([...missed].sort())
    expect(await textOf(phone.page.getByRole('heading', { level: 1 }))).toBe('Nothing to practise right now')
  })

  it.each(['light', 'dark'] as const)(
    'has no accessibility violations on practice and progress (%s)',
    async (colorScheme) => {
      await phone.page.emulateMedia({ colorScheme })
      moveScheduleForward(await learnerIdOf(phone.context), 60 * 60_000)
      await phone.page.goto('/practice')
      await phone.page.locator('form.answer-form').waitFor()
      const violations = await axeViolations(phone.page)
      expect(violations, `axe on a practice question (${colorScheme}):\n${violations}`).toBe('')
      await answerInPlace(phone.page)
      const afterAnswer = await axeViolations(phone.page)
      expect(afterAnswer, `axe on practice feedback (${colorScheme}):\n${afterAnswer}`).toBe('')

      await phone.page.goto('/progress')
      await phone.page.evaluate(() => {
        for (const details of Array.from(document.querySelectorAll('details'))) details.open = true
      })
      const progress = await axeViolations(phone.page)
      expect(progress, `axe on the progress page (${colorScheme}):\n${progress}`).toBe('')
      await phone.page.screenshot({
        path: join(screenshotDir, `progress-${colorScheme}.png`),
        fullPage: true,
      })
    },
  )
})
