import { describe, expect, it } from 'vitest'
import { axeViolations, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'

const chromium = useBrowser()

describe.each(['light', 'dark'] as const)(
  'the studio set builder (%s), no JavaScript needed',
  (colorScheme) => {
    // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
    const phone = usePhonePage(chromium, () => ({ colorScheme, bypassCSP: true }))

    const expectNoViolations = async (where: string) => {
      const violations = await axeViolations(phone.page)
      expect(violations, `axe found violations on ${where} (${colorScheme}):\n${violations}`).toBe('')
    }

    it('builds, publishes and shares a set with zero axe violations on each page', async () => {
      const email = `e2e-${colorScheme}-${crypto.randomUUID().slice(0, 8)}@school.example`
      await signUpInstructor(phone.page, email)
      await phone.page.waitForLoadState()
      expect(new URL(phone.page.url()).pathname, (await phone.page.locator('main').textContent()) ?? '').toBe(
        '/studio',
      )
      await expectNoViolations('the empty dashboard')

      await phone.page.getByRole('link', { name: 'New quiz set' }).click()
      await expectNoViolations('the new set form')
      await phone.page.getByLabel('Title').fill(`Caspian routes ${colorScheme}`)
      await phone.page.getByRole('button', { name: 'Create quiz set' }).click()
      await phone.page.waitForURL(/\/studio\/sets\/caspian-routes-/)
      const slug = new URL(phone.page.url()).pathname.split('/')[3] ?? ''

      await phone.page.getByRole('link', { name: 'Add from the bank' }).click()
      await phone.page.getByLabel('Type').selectOption('true_false')
      await phone.page.getByRole('button', { name: 'Filter' }).click()
      await phone.page.waitForURL(/type=true_false/)
      await expectNoViolations('the bank picker')
      await phone.page
        .getByRole('button', { name: /^Add: / })
        .first()
        .click()
      await phone.page.waitForURL(/done=added/)
      await expect.poll(() => phone.page.getByText('In the set').count()).toBe(1)

      await phone.page.goto(`/studio/sets/${slug}/questions/new?type=single`)
      await phone.page.getByLabel('Question').fill('Which sea does the pipeline reach?')
      await phone.page.getByLabel('Choice 1', { exact: true }).fill('Black Sea')
      await phone.page.getByRole('button', { name: 'Save question' }).click()
      await expect.poll(() => phone.page.title()).toMatch(/^Error: /)
      await expectNoViolations('the own-question form with errors')
      await phone.page.getByLabel('Choice 2', { exact: true }).fill('Baltic Sea')
      await phone.page.getByRole('radio', { name: 'Right answer (choice 1)' }).check()
      await phone.page.getByLabel('Explanation').fill('The CPC pipeline ends at Novorossiysk.')
      // A real quote of the source: with the seed texts loaded, quotes are checked against them.
      await phone.page.getByLabel('Source', { exact: true }).selectOption('diplomatic-courier-mikovic')
      await phone.page
        .getByLabel('Quote from the source', { exact: true })
        .fill("which takes oil from Kazakhstan to the Black Sea via one of the world's largest pipelines")
      await phone.page.getByRole('button', { name: 'Preview' }).click()
      await phone.page.waitForLoadState()
      expect(await phone.page.title(), (await phone.page.locator('main').textContent()) ?? '').not.toMatch(
        /^Error/,
      )
      await expect
        .poll(() => phone.page.getByRole('heading', { name: 'Preview: what learners see' }).count())
        .toBe(1)
      await expectNoViolations('the own-question form with its preview')
      await phone.page.getByRole('button', { name: 'Save question' }).click()
      await phone.page.waitForURL(/done=question-saved/)
      await expectNoViolations('the set editor')

      await phone.page.getByRole('link', { name: 'Settings' }).click()
      await phone.page.getByRole('radio', { name: /^Unlisted/ }).check()
      await phone.page.getByRole('checkbox', { name: 'Any site may embed this quiz' }).check()
      await expectNoViolations('the settings form')
      await phone.page.getByRole('button', { name: 'Save settings' }).click()
      await phone.page.waitForURL(/settings\?done=saved/)

      await phone.page.goto(`/studio/sets/${slug}`)
      await phone.page.getByRole('button', { name: 'Publish', exact: true }).click()
      await phone.page.waitForURL(/done=published/)
      expect(await phone.page.getByText('published v1').count()).toBeGreaterThan(0)

      await phone.page.getByRole('link', { name: 'Share' }).click()
      const qr = phone.page.getByRole('img', { name: /^QR code for / })
      await expect.poll(() => qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0)
      await expectNoViolations('the share panel')
      // The embed's colour scheme is chosen here, without JavaScript: the snippet follows.
      await phone.page.getByRole('radio', { name: 'Dark' }).check()
      await phone.page.getByRole('button', { name: 'Update the code' }).click()
      await phone.page.waitForURL(/share\?theme=dark$/)
      expect(await phone.page.locator('#embed-snippet').inputValue()).toContain('?theme=dark"')
      await expectNoViolations('the share panel with the dark theme chosen')

      await phone.page.goto('/studio')
      await expectNoViolations('the dashboard with a set')
    })
  },
)
