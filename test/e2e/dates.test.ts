import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, useBrowser } from './browser'
import { signUpInstructor } from './instructor'

/**
 * Dates and accommodations at phone size, with and without JavaScript: the
 * instructor sets an opening date in a chosen zone, the learner sees when it
 * opens and cannot start, then the instructor opens it and makes an
 * accommodation code that a learner claims. Every new page: 0 axe violations.
 */

const chromium = useBrowser()

/** axe runs in the page, so only where scripts run; the no-JS pages are the same markup. */
async function expectNoAxeViolations(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) expect(await axeViolations(page)).toBe('')
}

/** Signs up, makes a one-question unlisted set and publishes it; returns the slug. */
async function publishedSet(page: Page): Promise<string> {
  await signUpInstructor(page, `dates-${crypto.randomUUID().slice(0, 8)}@school.example`)
  await page.waitForURL('**/studio')
  await page.getByRole('link', { name: 'New quiz set' }).click()
  await page.getByLabel('Title').fill(`Dated quiz ${crypto.randomUUID().slice(0, 8)}`)
  await page.getByRole('button', { name: 'Create quiz set' }).click()
  await page.waitForURL(/\/studio\/sets\/dated-quiz-/)
  const slug = new URL(page.url()).pathname.split('/')[3] ?? ''
  await page.getByRole('link', { name: 'Add from the bank' }).click()
  await page
    .getByRole('button', { name: /^Add: / })
    .first()
    .click()
  await page.waitForURL(/done=added/)
  return slug
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('dates and accommodations %s', (_, javaScriptEnabled) => {
  it('shows a learner when the quiz opens, refuses the start, and lets a code add an attempt', async () => {
    const options = { javaScriptEnabled, bypassCSP: true }
    const teacher = await chromium.newContext(options)
    const studio = await teacher.newPage()
    const slug = await publishedSet(studio)

    // Opening date in Paris time; the set is unlisted and allows one attempt.
    await studio.goto(`/studio/sets/${slug}/settings`)
    await studio.getByLabel('Time zone of these dates').selectOption('Europe/Paris')
    await studio.getByLabel('Opens').fill('2099-03-10T08:15')
    await studio.getByLabel('Attempts allowed per learner').fill('1')
    await studio.getByRole('radio', { name: /^Unlisted/ }).check()
    await expectNoAxeViolations(studio, javaScriptEnabled)
    await studio.getByRole('button', { name: 'Save settings' }).click()
    await studio.waitForURL(/settings\?done=saved/)
    expect(await studio.getByLabel('Opens').inputValue()).toBe('2099-03-10T08:15')
    await studio.goto(`/studio/sets/${slug}`)
    await studio.getByRole('button', { name: 'Publish', exact: true }).click()
    await studio.waitForURL(/done=published/)

    // The learner reads the opening in their zone (UTC until the browser has said its own).
    const learnerContext = await chromium.newContext({ ...options, timezoneId: 'Asia/Almaty' })
    const learner = await learnerContext.newPage()
    await learner.goto(`/quiz/${slug}`)
    if (javaScriptEnabled) await learner.reload()
    const notice = learner.getByText('This quiz opens on')
    await notice.waitFor()
    expect(await notice.textContent()).toContain(
      javaScriptEnabled ? '10 Mar 2099, 12:15' : '10 Mar 2099, 07:15',
    )
    expect(await learner.getByRole('button', { name: 'Start the quiz' }).count()).toBe(0)
    await expectNoAxeViolations(learner, javaScriptEnabled)

    // The instructor clears the opening date: the quiz opens at once, without publishing.
    await studio.goto(`/studio/sets/${slug}/settings`)
    await studio.getByLabel('Opens').fill('')
    await studio.getByRole('button', { name: 'Save settings' }).click()
    await studio.waitForURL(/settings\?done=saved/)

    // One attempt, used. (Reloading revalidates the copy a browser without cookies may keep for a minute.)
    await learner.goto(`/quiz/${slug}`)
    await learner.reload()
    await learner.getByRole('button', { name: 'Start the quiz' }).click()
    await learner.waitForURL(/\/attempts\/.+\/q\/1/)
    await learner.goto(`/quiz/${slug}`)
    await learner.getByText('You have used the one attempt').waitFor()

    // A code for one more attempt.
    await studio.goto(`/studio/sets/${slug}/accommodations`)
    await studio.getByRole('radio', { name: /Someone who has not started yet/ }).check()
    await studio.getByLabel('Extra attempts').fill('1')
    await studio.getByLabel('Note').fill('Dana, 9B: was ill on the day')
    await studio.getByRole('button', { name: 'Grant' }).click()
    await studio.waitForURL(/accommodations\?done=saved&code=/)
    const code = new URL(studio.url()).searchParams.get('code') ?? ''
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    await expectNoAxeViolations(studio, javaScriptEnabled)

    await learner.goto('/accommodation')
    await expectNoAxeViolations(learner, javaScriptEnabled)
    await learner.getByLabel('Code').fill(code.toLowerCase())
    await learner.getByRole('button', { name: 'Use this code' }).click()
    await learner.waitForURL(/accommodation\?done=/)
    await expectNoAxeViolations(learner, javaScriptEnabled)
    await learner.getByRole('link', { name: 'Go to the quiz' }).click()
    await learner.getByText('1 attempt left').waitFor()
    await learner.getByRole('button', { name: /Start/ }).click()
    await learner.waitForURL(/\/attempts\/.+\/q\/1/)
    await learnerContext.close()
    await teacher.close()
  })
})
