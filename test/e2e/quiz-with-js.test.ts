import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshotDir, textOf, useBrowser, usePhonePage } from './browser'
import {
  expectedScore,
  feedbackHeading,
  fillAnswer,
  planAnswers,
  pointsFor,
  progressLabel,
  questionOnPage,
  quizSet,
  shownQuestionId,
  startQuiz,
} from './learner'

const set = quizSet('tokayev-at-spief')
const total = set.questions.length

// A fresh context for each test is a fresh learner (no cookie), so tests never share attempts.
const phone = usePhonePage(useBrowser())

/** Counts main-frame navigations, to prove feedback arrives without a page load. */
function countNavigations(target: Page): () => number {
  let count = 0
  target.on('framenavigated', (frame) => {
    if (frame === target.mainFrame()) count++
  })
  return () => count
}

/** Submits the filled form and waits for the island to show feedback in place. */
async function checkInPlace(target: Page) {
  await target.getByRole('button', { name: 'Check answer' }).click()
  await feedbackHeading(target).waitFor()
}

describe('a learner with JavaScript', () => {
  it('finishes a whole set with feedback in place after each answer, and sees the expected score', async () => {
    const plan = planAnswers(set)
    const navigations = countNavigations(phone.page)
    await startQuiz(phone.page, set.slug)
    let points = 0
    for (let position = 1; position <= total; position++) {
      expect(await progressLabel(phone.page)).toBe(`Question ${position} of ${total}`)
      const question = await questionOnPage(phone.page, set)
      const intent = plan.get(question.id) ?? 'right'
      points += pointsFor(question, intent)

      await phone.page.evaluate(() => {
        ;(window as { e2eMarker?: string }).e2eMarker = 'still here'
      })
      const before = navigations()
      await fillAnswer(phone.page, question, intent)
      if (position === 1) await phone.page.screenshot({ path: join(screenshotDir, 'question.png') })
      await checkInPlace(phone.page)

      expect(navigations(), 'answering must not load a page').toBe(before)
      expect(await phone.page.evaluate(() => (window as { e2eMarker?: string }).e2eMarker)).toBe('still here')
      await expect
        .poll(() => phone.page.evaluate(() => document.activeElement?.id), {
          message: 'focus on the verdict',
        })
        .toMatch(/^feedback-q/)
      const heading = await textOf(feedbackHeading(phone.page))
      expect(heading).toContain(
        intent === 'right' ? 'Correct' : intent === 'wrong' ? 'Not quite' : 'Partly right',
      )
      expect(await progressLabel(phone.page)).toBe(`Question ${position} of ${total}`)
      const prompt = await textOf(phone.page.locator('.answered .question__prompt'))
      expect(prompt.replace(/\s+/g, ' '), 'the question stays beside its feedback').toBe(
        question.prompt.replace(/\s+/g, ' ').trim(),
      )
      if (position === 1) {
        await phone.page.screenshot({ path: join(screenshotDir, 'feedback.png') })
        await phone.page.screenshot({ path: join(screenshotDir, 'feedback-full.png'), fullPage: true })
      }

      const last = position === total
      await phone.page.getByRole('link', { name: last ? 'See your results' : 'Next question' }).click()
      await phone.page.waitForURL(last ? /\/results$/ : new RegExp(`/q/${position + 1}$`))
    }

    const score = expectedScore(points, total)
    expect(points).toBeLessThan(total)
    await expect.poll(() => textOf(phone.page.locator('.score__big'))).toBe(score.percent)
    expect(await textOf(phone.page.locator('.score'))).toContain(score.line)
    expect(await phone.page.locator('.review__item').count()).toBe(total)
    await phone.page.screenshot({ path: join(screenshotDir, 'results.png'), fullPage: true })
  })

  it('keeps progress across a reload and counts a repeated answer once', async () => {
    const attemptId = await startQuiz(phone.page, set.slug)
    for (let position = 1; position <= 2; position++) {
      const question = await questionOnPage(phone.page, set)
      await fillAnswer(phone.page, question)
      await checkInPlace(phone.page)
      await phone.page.getByRole('link', { name: 'Next question' }).click()
      await phone.page.waitForURL(new RegExp(`/q/${position + 1}$`))
    }

    await phone.page.reload()
    expect(await progressLabel(phone.page)).toBe(`Question 3 of ${total}`)
    await phone.page.goto(`/quiz/${set.slug}`)
    await phone.page.getByRole('link', { name: `Resume (2 of ${total} answered)` }).click()
    await phone.page.waitForURL(new RegExp(`/attempts/${attemptId}/q/3$`))

    // A double tap on the button sends one answer: the island disables it while checking.
    const third = await questionOnPage(phone.page, set)
    const thirdId = await shownQuestionId(phone.page)
    await fillAnswer(phone.page, third)
    await phone.page.getByRole('button', { name: 'Check answer' }).dblclick()
    await feedbackHeading(phone.page).waitFor()

    // Reloading an answered question shows its feedback from the server, not the form again.
    await phone.page.reload()
    expect(await textOf(feedbackHeading(phone.page))).toContain('Correct')
    expect(await phone.page.locator('form.answer-form').count()).toBe(0)

    type Progress = { attempt: { answered: number; score: { points: number } } }
    const progress = async () =>
      (await (await phone.page.request.get(`/api/attempts/${attemptId}`)).json()) as Progress
    expect((await progress()).attempt).toMatchObject({ answered: 3, score: { points: 3 } })

    // Sending the same question again (another tab, a retry) returns the first verdict and counts nothing.
    const again = await phone.page.request.post(`/api/attempts/${attemptId}/answers`, {
      data: { questionId: thirdId, answer: { text: 'something else entirely' } },
    })
    expect(again.status()).toBe(200)
    expect(await again.json()).toMatchObject({ duplicate: true, progress: { answered: 3 } })
    expect((await progress()).attempt).toMatchObject({ answered: 3, score: { points: 3 } })
  })
})
