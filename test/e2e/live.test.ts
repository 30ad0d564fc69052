import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, useBrowser } from './browser'
import { signUpInstructor } from './instructor'

const chromium = useBrowser()

/** Answers whatever question the player's page shows, with its first option, a number or a short text. */
async function answerOnPhone(page: Page) {
  const choice = page.locator('.live-answer input[type=checkbox], .live-answer input[type=radio]').first()
  const typed = page.locator('.live-answer input[type=text], .live-answer input:not([type])').first()
  if (await choice.count()) await choice.check()
  else if ((await typed.getAttribute('inputmode')) === 'decimal') await typed.fill('17')
  else await typed.fill('answer')
  await page.getByRole('button', { name: 'Send answer' }).click()
}

async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe found violations on ${where}:\n${violations}`).toBe('')
}

describe('a live session', () => {
  it('takes a host and three phones (one without JavaScript) through three questions to the podium', async () => {
    const hostContext = await chromium.newContext({
      viewport: { width: 1280, height: 720 },
      isMobile: false,
      hasTouch: false,
      deviceScaleFactor: 1,
      bypassCSP: true,
    })
    const host = await hostContext.newPage()
    await signUpInstructor(host, `live-${Date.now()}@school.example`)
    await host.waitForURL('**/studio')
    await host.goto('/studio/live')
    await expectNoViolations(host, 'the start page')
    await host.getByLabel('Quiz set').selectOption('tokayev-at-spief')
    await host.getByLabel('Seconds per question').fill('60')
    await host.getByRole('button', { name: 'Start live session' }).click()
    await host.waitForURL(/\/studio\/live\/[0-9a-f-]{36}$/)
    const pin = ((await host.locator('.live-host__pin strong').textContent()) ?? '').trim()
    expect(pin).toMatch(/^\d{6}$/)
    await expectNoViolations(host, 'the host lobby')

    const phones: Page[] = []
    for (const [index, javaScriptEnabled] of [true, true, false].entries()) {
      const context = await chromium.newContext({ javaScriptEnabled, bypassCSP: true })
      const phone = await context.newPage()
      await phone.goto(`/live?pin=${pin}`)
      if (index === 0) await expectNoViolations(phone, 'the join page')
      await phone.getByLabel('Nickname').fill(`Phone ${index + 1}`)
      await phone.getByRole('button', { name: 'Join' }).click()
      await phone.waitForURL(`**/live/${pin}`)
      await expect.poll(() => phone.getByText('You are in!').count()).toBe(1)
      phones.push(phone)
    }
    await expectNoViolations(phones[0] as Page, 'the player lobby')
    await expect.poll(() => host.locator('.live-host__players li').count(), { timeout: 10_000 }).toBe(3)

    for (let q = 0; q < 3; q++) {
      await host.getByRole('button', { name: q === 0 ? 'Start' : 'Next (space)' }).click()
      await expect
        .poll(() => host.getByText(`Question ${q + 1} of`).count(), { timeout: 10_000 })
        .toBeGreaterThan(0)
      if (q === 0) await expectNoViolations(host, 'the host question')
      for (const [index, phone] of phones.entries()) {
        // The page without JavaScript reloads itself; the others get the question on their socket.
        if (index === 2) await phone.goto(`/live/${pin}`)
        await expect.poll(() => phone.locator('.live-answer').count(), { timeout: 10_000 }).toBe(1)
        if (q === 0 && index === 0) await expectNoViolations(phone, 'a question on the phone')
        await answerOnPhone(phone)
        if (index < 2)
          await expect
            .poll(() => phone.getByText('Answer received', { exact: false }).count())
            .toBeGreaterThan(0)
      }
      // Everyone answered: the question closes by itself and shows the answer with its source.
      await expect.poll(() => host.locator('.live-reveal').count(), { timeout: 10_000 }).toBe(1)
      await expect
        .poll(() => phones[0]?.locator('.live-reveal blockquote').count(), { timeout: 10_000 })
        .toBe(1)
      if (q === 0) {
        await expectNoViolations(host, 'the host reveal')
        await expectNoViolations(phones[0] as Page, 'the phone reveal')
      }
      // Space for next on the host screen: the leaderboard.
      await host.locator('body').press(' ')
      await expect
        .poll(() => host.getByText(/Leaderboard after question/).count(), { timeout: 10_000 })
        .toBe(1)
      if (q === 0) await expectNoViolations(host, 'the leaderboard')
    }
    await host.getByRole('button', { name: 'End' }).click()
    await expect
      .poll(() => host.getByRole('heading', { name: 'Podium' }).count(), { timeout: 10_000 })
      .toBe(1)
    await expectNoViolations(host, 'the podium')
    await expect
      .poll(() => phones[0]?.getByRole('heading', { name: 'Podium' }).count(), { timeout: 10_000 })
      .toBe(1)
    await phones[2]?.goto(`/live/${pin}`)
    await expect.poll(() => phones[2]?.getByRole('heading', { name: 'Podium' }).count()).toBe(1)
    await expectNoViolations(phones[0] as Page, 'the phone podium')

    // A player who closes the tab and comes back keeps their seat and points.
    const first = phones[0] as Page
    const points = await first.locator('.live-player__you').textContent()
    await first.close()
    const again = await first.context().newPage()
    await again.goto(`/live/${pin}`)
    expect(await again.locator('.live-player__you').textContent()).toBe(points)
  })
})
