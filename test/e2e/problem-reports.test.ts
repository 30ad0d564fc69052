import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolationsAsServed, useBrowser } from './browser'
import { signUpInstructor } from './instructor'
import { feedbackHeading, fillAnswer, questionOnPage, quizSet, startQuiz } from './learner'

/**
 * "Report a problem with this question" at 390 × 844: an instructor's set,
 * a learner who reports a question from its feedback (with JavaScript, the
 * feedback the island shows; without, the feedback page), the instructor who
 * reads, replies and resolves, and the reply on the learner's results.
 * Every state is scanned by axe (0 violations).
 */

const chromium = useBrowser()
/** Every bank question in one set: the studio set holds the first true/false question of the bank. */
const SETS = [
  'alliances-trade-sanctions',
  'pipeline-and-oil',
  'routes-around-russia',
  'tokayev-at-spief',
].map(quizSet)
const BANK = { ...quizSet('pipeline-and-oil'), questions: SETS.flatMap((set) => set.questions) }
const NOTE = 'The article gives <2022> as the year, not 2021.'
const REPLY = 'Thanks: the key was wrong, it is fixed.'

/**
 * axe-core needs script, which a page without JavaScript does not run: its
 * markup as served is scanned in a second phone page that runs script but not
 * the islands, as test/e2e/touch-answers.test.ts does.
 */
async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolationsAsServed(chromium, page)
  expect(violations, `axe found violations on ${where}:\n${violations}`).toBe('')
}

/** An instructor's published, unlisted set holding one true/false question from the bank. */
async function publishSet(page: Page, label: string): Promise<string> {
  await signUpInstructor(page, `reports-${label}-${crypto.randomUUID().slice(0, 8)}@school.example`)
  await page.waitForURL('**/studio')
  await page.goto('/studio/sets/new')
  await page.getByLabel('Title').fill(`Reports ${label}`)
  await page.getByRole('button', { name: 'Create quiz set' }).click()
  await page.waitForURL(/\/studio\/sets\/reports-/)
  const slug = new URL(page.url()).pathname.split('/')[3] ?? ''
  await page.getByRole('link', { name: 'Add from the bank' }).click()
  await page.getByLabel('Type').selectOption('true_false')
  await page.getByRole('button', { name: 'Filter' }).click()
  await page.waitForURL(/type=true_false/)
  await page
    .getByRole('button', { name: /^Add: / })
    .first()
    .click()
  await page.waitForURL(/done=added/)
  await page.goto(`/studio/sets/${slug}/settings`)
  await page.getByRole('radio', { name: /^Unlisted/ }).check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await page.waitForURL(/settings\?done=saved/)
  await page.goto(`/studio/sets/${slug}`)
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await page.waitForURL(/done=published/)
  return slug
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('reporting a problem with a question, %s', (_, javaScriptEnabled) => {
  it('is sent from the feedback, read and answered in the studio, and the reply reaches the learner', async () => {
    const instructor = await chromium.newContext({ bypassCSP: true })
    const studio = await instructor.newPage()
    const slug = await publishSet(studio, javaScriptEnabled ? 'js' : 'nojs')

    const learner = await chromium.newContext({ bypassCSP: true, javaScriptEnabled })
    const page = await learner.newPage()
    const attemptId = await startQuiz(page, slug)
    const question = await questionOnPage(page, BANK)
    await fillAnswer(page, question, 'wrong')
    await page.getByRole('button', { name: 'Check answer' }).click()
    await expect.poll(() => feedbackHeading(page).textContent()).toContain('Not quite')
    await expectNoViolations(page, 'the feedback with its report link')

    await page.getByRole('link', { name: 'Report a problem with this question' }).tap()
    await page.waitForURL(`**/attempts/${attemptId}/q/1/report`)
    await expectNoViolations(page, 'the report form')
    // No reason chosen: refused, the note kept.
    await page.getByLabel('Anything to add? (optional)').fill(NOTE)
    await page.getByRole('button', { name: 'Send report' }).tap()
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Choose what is wrong with the question.')
    expect(await page.getByLabel('Anything to add? (optional)').inputValue()).toBe(NOTE)
    await expectNoViolations(page, 'the report form with its error')
    await page.getByRole('radio', { name: 'The answer is wrong' }).tap()
    await page.getByRole('button', { name: 'Send report' }).tap()
    await page.waitForURL(/report\?sent=1$/)
    expect(await page.locator('.notice').textContent()).toContain('Thank you')
    expect(await page.locator('.your-report').textContent()).toContain(NOTE)
    await expectNoViolations(page, 'the report page after sending')

    // The instructor: the set page counts it, the reports page lists it (the note as text), reply, resolve.
    await studio.goto(`/studio/sets/${slug}`)
    await studio.getByRole('link', { name: 'Reports (1 open)' }).tap()
    await studio.waitForURL(`**/studio/sets/${slug}/reports`)
    expect(await studio.locator('.report-item__comment').textContent()).toBe(NOTE)
    await expectNoViolations(studio, 'the studio reports page')
    await studio.getByLabel('Your reply to this learner').fill(REPLY)
    await studio.getByRole('button', { name: 'Save reply' }).tap()
    await studio.waitForURL(/done=report-replied/)
    await studio.getByRole('button', { name: 'Resolve' }).tap()
    await studio.waitForURL(/done=report-resolved/)
    expect(await studio.locator('.badge--resolved').textContent()).toBe('Resolved')
    await expectNoViolations(studio, 'the studio reports page, resolved')

    // The learner's results: their report and the reply beside the question.
    await page.goto(`/attempts/${attemptId}/results`)
    await page.locator('.review__summary').first().tap()
    const mine = page.locator('.your-report')
    await expect.poll(() => mine.textContent()).toContain(`Instructor replied: ${REPLY}`)
    expect(await mine.textContent()).toContain('The author marked it resolved.')
    await expectNoViolations(page, 'the results with the reply')
    await learner.close()
    await instructor.close()
  })
})
