import { describe, expect, it } from 'vitest'
import type { QuestionOf } from '../../src/quiz/question'
import { axeViolations, textOf, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'
import { feedbackHeading, quizSet, startQuiz } from './learner'

const chromium = useBrowser()
const set = quizSet('pipeline-and-oil')
const position = set.questions.findIndex((question) => question.type === 'cloze') + 1
const question = set.questions[position - 1] as QuestionOf<'cloze'>

describe.each([true, false])('a passage question at 390x844 (JavaScript %s)', (javaScriptEnabled) => {
  // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
  const phone = usePhonePage(chromium, { javaScriptEnabled, bypassCSP: true })

  it('shows the passage with labelled gaps that wrap, answered by keyboard alone, with 0 axe violations', async () => {
    const { page } = phone
    const attemptId = await startQuiz(page, set.slug)
    await page.goto(`/attempts/${attemptId}/q/${position}`)
    const count = question.gaps.length
    const gaps = page.locator('.cloze .cloze__gap')
    expect(await gaps.count()).toBe(count)
    // Nothing wider than the phone: the gaps wrap with the words.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    // axe runs in the page, so only with JavaScript; the markup is the same without (no hydrated widget).
    if (javaScriptEnabled) {
      const violations = await axeViolations(page)
      expect(violations, `axe found violations:\n${violations}`).toBe('')
    }

    // Keyboard only: focus the first gap, then Tab from gap to gap.
    await page.getByLabel(`gap 1 of ${count}`, { exact: true }).focus()
    for (const [index, gap] of question.gaps.entries()) {
      const field = page.getByLabel(`gap ${index + 1} of ${count}`, { exact: true })
      await expect.poll(() => field.evaluate((element) => element === document.activeElement)).toBe(true)
      if (gap.type === 'choice') await field.selectOption({ label: gap.answer })
      else await page.keyboard.type(String(gap.answer))
      await page.keyboard.press('Tab')
    }
    // After the last gap, Tab reaches the button; Enter presses it.
    const button = page.getByRole('button', { name: 'Check answer' })
    await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await feedbackHeading(page).waitFor()
    expect(await textOf(feedbackHeading(page))).toContain('Correct')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    if (javaScriptEnabled) {
      const after = await axeViolations(page)
      expect(after, `axe found violations on the feedback:\n${after}`).toBe('')
    }
  })
})

describe('making a passage question in the studio at 390x844', () => {
  // With JavaScript for axe; the builder itself is plain links, checkboxes and a form post.
  const phone = usePhonePage(chromium, { bypassCSP: true })

  it('ticks words of a sentence and lands on the question form, with 0 axe violations', async () => {
    const { page } = phone
    await signUpInstructor(page, `e2e-cloze-${crypto.randomUUID().slice(0, 8)}@school.example`)
    await page.waitForURL('**/studio')
    await page.getByRole('link', { name: 'New quiz set' }).click()
    await page.getByLabel('Title').fill('Passages')
    await page.getByRole('button', { name: 'Create quiz set' }).click()
    await page.waitForURL(/\/studio\/sets\/passages/)
    await page.goto('/studio/sources/new')
    await page.getByLabel('Title').fill('Oil routes explained')
    await page.getByLabel('Outlet').fill('Test Gazette')
    await page.getByLabel('Author').fill('A. Writer')
    await page.getByLabel('Date').fill('2022-07-10')
    await page.getByLabel('Kind').selectOption('article')
    await page.getByLabel('Reliability note').fill('A test article.')
    await page
      .getByLabel('Text of the source')
      .fill('Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.')
    await page.getByRole('button', { name: 'Add source' }).click()
    await page.waitForURL(/done=source-added/)
    await page
      .getByRole('link', { name: /^make gaps/ })
      .first()
      .click()
    await page.waitForURL(/passage-question/)
    const violations = await axeViolations(page)
    expect(violations, `axe found violations on the builder:\n${violations}`).toBe('')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    // Keyboard: tick two words with the space bar, then continue.
    await page.locator('input[name="blank"]').nth(1).focus()
    await page.keyboard.press('Space')
    await page.locator('input[name="blank"]').nth(3).focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Continue to the question form' }).click()
    await page.waitForURL(/questions\/new\?type=cloze/)
    expect(await page.getByLabel('Passage').inputValue()).toContain('{{2}}')
    const form = await axeViolations(page)
    expect(form, `axe found violations on the question form:\n${form}`).toBe('')
  })
})
