import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { axeViolations, launchBrowser, phoneContext } from './browser'
import { signUpInstructor } from './instructor'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['light', 'dark'] as const)(
  'the studio set builder (%s), no JavaScript needed',
  (colorScheme) => {
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

    it('builds, publishes and shares a set with zero axe violations on each page', async () => {
      const email = `e2e-${colorScheme}-${crypto.randomUUID().slice(0, 8)}@school.example`
      await signUpInstructor(page, email)
      await page.waitForLoadState()
      expect(new URL(page.url()).pathname, (await page.locator('main').textContent()) ?? '').toBe('/studio')
      await expectNoViolations('the empty dashboard')

      await page.getByRole('link', { name: 'New quiz set' }).click()
      await expectNoViolations('the new set form')
      await page.getByLabel('Title').fill(`Caspian routes ${colorScheme}`)
      await page.getByRole('button', { name: 'Create quiz set' }).click()
      await page.waitForURL(/\/studio\/sets\/caspian-routes-/)
      const slug = new URL(page.url()).pathname.split('/')[3] ?? ''

      await page.getByRole('link', { name: 'Add from the bank' }).click()
      await page.getByLabel('Type').selectOption('true_false')
      await page.getByRole('button', { name: 'Filter' }).click()
      await page.waitForURL(/type=true_false/)
      await expectNoViolations('the bank picker')
      await page
        .getByRole('button', { name: /^Add: / })
        .first()
        .click()
      await page.waitForURL(/done=added/)
      await expect.poll(() => page.getByText('In the set').count()).toBe(1)

      await page.goto(`/studio/sets/${slug}/questions/new?type=single`)
      await page.getByLabel('Question').fill('Which sea does the pipeline reach?')
      await page.getByLabel('Choice 1', { exact: true }).fill('Black Sea')
      await page.getByRole('button', { name: 'Save question' }).click()
      await expect.poll(() => page.title()).toMatch(/^Error: /)
      await expectNoViolations('the own-question form with errors')
      await page.getByLabel('Choice 2', { exact: true }).fill('Baltic Sea')
      await page.getByRole('radio', { name: 'Right answer (choice 1)' }).check()
      await page.getByLabel('Explanation').fill('The CPC pipeline ends at Novorossiysk.')
      await page.getByLabel('Source', { exact: true }).selectOption({ index: 1 })
      await page.getByLabel('Quote from the source').fill('the pipeline ends on the Black Sea')
      await page.getByRole('button', { name: 'Preview' }).click()
      await page.waitForLoadState()
      expect(await page.title(), (await page.locator('main').textContent()) ?? '').not.toMatch(/^Error/)
      await expect
        .poll(() => page.getByRole('heading', { name: 'Preview: what learners see' }).count())
        .toBe(1)
      await expectNoViolations('the own-question form with its preview')
      await page.getByRole('button', { name: 'Save question' }).click()
      await page.waitForURL(/done=question-saved/)
      await expectNoViolations('the set editor')

      await page.getByRole('link', { name: 'Settings' }).click()
      await page.getByRole('radio', { name: /^Unlisted/ }).check()
      await page.getByRole('checkbox', { name: 'Any site may embed this quiz' }).check()
      await expectNoViolations('the settings form')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await page.waitForURL(/settings\?done=saved/)

      await page.goto(`/studio/sets/${slug}`)
      await page.getByRole('button', { name: 'Publish', exact: true }).click()
      await page.waitForURL(/done=published/)
      expect(await page.getByText('published v1').count()).toBeGreaterThan(0)

      await page.getByRole('link', { name: 'Share' }).click()
      const qr = page.getByRole('img', { name: /^QR code for / })
      await expect.poll(() => qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0)
      await expectNoViolations('the share panel')

      await page.goto('/studio')
      await expectNoViolations('the dashboard with a set')
    })
  },
)
