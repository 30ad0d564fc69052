import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { axeViolations, screenshotDir, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'
import { startQuiz } from './learner'

const chromium = useBrowser()
// The studio without JavaScript: every step of a regrade is a form post. bypassCSP lets axe in.
const phone = usePhonePage(chromium, { javaScriptEnabled: false, bypassCSP: true })

/**
 * axe needs scripts, which this page has off: the page as the server rendered
 * it (a form post's answer cannot be fetched again) is scanned in a page with
 * scripts on, on the same origin so its stylesheet applies.
 */
const expectNoViolations = async (where: string, on: Page = phone.page) => {
  const html = await on.content()
  const scanner = await chromium.newContext({ bypassCSP: true })
  const page = await scanner.newPage()
  await page.goto('/healthz')
  await page.setContent(html, { waitUntil: 'load' })
  const violations = await axeViolations(page)
  await scanner.close()
  expect(violations, `axe found violations on ${where}:\n${violations}`).toBe('')
}

it('regrades a published question without JavaScript at 390 px: form, preview, confirm, and the learner’s note', async () => {
  const { page } = phone
  await signUpInstructor(page, `regrade-${crypto.randomUUID().slice(0, 8)}@school.example`)
  await page.waitForURL('**/studio')
  await page.goto('/studio/sets/new')
  await page.getByLabel('Title').fill(`Regrade walk-through ${crypto.randomUUID().slice(0, 8)}`)
  await page.getByRole('button', { name: 'Create quiz set' }).click()
  await page.waitForURL(/\/studio\/sets\/regrade-walk-through-/)
  const slug = new URL(page.url()).pathname.split('/')[3] ?? ''
  // One question of the instructor's own, whose key (True) is wrong.
  await page.goto(`/studio/sets/${slug}/import`)
  await page.getByLabel('Questions as text').fill('::pipeline-route::The pipeline crosses Georgia. {T}\n')
  await page.getByRole('button', { name: 'Preview' }).click()
  await page.getByRole('button', { name: 'Save 1 question' }).click()
  await page.waitForURL(/saved=1/)
  await page.goto(`/studio/sets/${slug}/settings`)
  await page.getByRole('radio', { name: /^Unlisted/ }).check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await page.waitForURL(/settings\?done=saved/)
  await page.goto(`/studio/sets/${slug}`)
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await page.waitForURL(/done=published/)

  // A learner answers "True", right by the wrong key.
  const learnerContext = await chromium.newContext({ javaScriptEnabled: false, bypassCSP: true })
  const learner = await learnerContext.newPage()
  const attemptId = await startQuiz(learner, slug)
  await learner.getByRole('radio', { name: 'True' }).check()
  await learner.getByRole('button', { name: 'Check answer' }).click()
  await learner.getByRole('link', { name: 'See your results' }).click()
  await learner.waitForURL(new RegExp(`/attempts/${attemptId}/results$`))

  await page.goto(`/studio/sets/${slug}/results`)
  await page.getByRole('link', { name: 'Regrade a question' }).click()
  await page.waitForURL(`**/studio/sets/${slug}/regrades`)
  await expectNoViolations('the regrades page')
  await page.getByRole('link', { name: /^Regrade\s*: The pipeline crosses Georgia/ }).click()
  await page.waitForURL(/\/questions\/[a-z0-9-]+\/regrade$/)
  await expectNoViolations('the regrade form')

  // Forgetting the reason keeps the choice and says what is missing.
  await page.getByRole('radio', { name: /^Change the key/ }).check()
  await page.getByRole('radio', { name: 'False' }).check()
  await page.getByRole('button', { name: 'Preview the regrade' }).click()
  await expect
    .poll(() => page.getByText('Say why: learners read this beside their new result.').count())
    .toBe(1)
  expect(await page.getByRole('radio', { name: 'False' }).isChecked()).toBe(true)
  await expectNoViolations('the regrade form with an error')

  await page.getByLabel('Reason').fill('The pipeline runs through Russia, not Georgia.')
  await page.getByRole('button', { name: 'Preview the regrade' }).click()
  await expect.poll(() => page.getByText('1 attempt will change, 1 will now fail.').count()).toBe(1)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await expectNoViolations('the preview')
  await page.screenshot({ path: join(screenshotDir, 'studio-regrade-preview.png'), fullPage: true })

  await page.getByRole('button', { name: 'Confirm the regrade' }).click()
  await page.waitForURL(/\/regrades\/[0-9a-f-]{36}\?done=regraded$/)
  await expect.poll(() => page.getByText('1 attempt changed, 1 now failing.').count()).toBe(1)
  await expectNoViolations('the regrade’s page')

  await learner.reload()
  await expect
    .poll(() => learner.getByText(/This question was regraded on .*The pipeline runs through Russia/).count())
    .toBe(1)
  await learner.evaluate(() => {
    for (const details of Array.from(document.querySelectorAll('details'))) details.open = true
  })
  await expectNoViolations('the learner’s results with the note', learner)
  await learnerContext.close()
})
