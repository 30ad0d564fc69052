import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { sampleAnswer } from '../../bench/learner'
import type { PublicQuestion } from '../../src/quiz/public-question'
import { axeViolations, screenshotDir, textOf, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'
import { learnerIdOf, moveScheduleForward } from './schedule-clock'

/**
 * Issue 13 at 390 × 844, light and dark: the compact results review, due
 * counts that agree in the learner's own time zone, the transfer code and its
 * errors in view, the studio's navigation and its results as cards.
 */

const SLUG = 'pipeline-and-oil'
const VIEWPORT_HEIGHT = 844
const chromium = useBrowser()

/** Takes SLUG to the end through the API, in the page's own cookie jar; returns the attempt id. */
async function finishQuiz(page: Page): Promise<{ id: string; total: number }> {
  const started = await page.request.post('/api/attempts', { data: { quiz: SLUG } })
  expect(started.status()).toBe(201)
  const { attempt } = (await started.json()) as {
    attempt: { id: string; items: { question: PublicQuestion }[] }
  }
  for (const { question } of attempt.items) {
    const answered = await page.request.post(`/api/attempts/${attempt.id}/answers`, {
      data: { questionId: question.id, answer: sampleAnswer(question) },
    })
    expect(answered.status()).toBe(200)
  }
  return { id: attempt.id, total: attempt.items.length }
}

/** Whether the element is wholly inside the phone's viewport. */
async function inView(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox()
  return box !== null && box.y >= 0 && box.y + box.height <= VIEWPORT_HEIGHT
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

describe.each(['light', 'dark'] as const)('on a phone in the %s colour scheme', (colorScheme) => {
  // bypassCSP only lets axe in; Asia/Almaty is the learner's zone, sent by the page's own script.
  const phone = usePhonePage(chromium, () => ({ colorScheme, bypassCSP: true, timezoneId: 'Asia/Almaty' }))

  const expectNoViolations = async (where: string) => {
    const violations = await axeViolations(phone.page)
    expect(violations, `axe found violations on ${where} (${colorScheme}):\n${violations}`).toBe('')
  }

  it('reviews the results as one line per question, each opened by a visible control', async () => {
    const { page } = phone
    const attempt = await finishQuiz(page)
    await page.goto(`/attempts/${attempt.id}/results`)
    const summaries = page.locator('summary.review__summary')
    expect(await summaries.count()).toBe(attempt.total)
    // One line each (a tap target of at least 44 px), so the whole page is short.
    const first = summaries.first()
    const box = await first.boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
    expect(box?.height ?? 0).toBeLessThan(90)
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    expect(height).toBeLessThan(2_600)
    // The control looks like one: a bordered toggle.
    const border = await page
      .locator('.review__toggle')
      .first()
      .evaluate((node) => getComputedStyle(node).borderTopStyle)
    expect(border).toBe('solid')
    await page.screenshot({ path: join(screenshotDir, `results-review-${colorScheme}.png`), fullPage: true })
    await expectNoViolations('the results review, closed')
    // Tap opens one question; the keyboard opens another.
    await first.tap()
    await expect.poll(() => page.locator('.review__details').first().getAttribute('open')).toBe('')
    expect(await page.locator('.review__body').first().isVisible()).toBe(true)
    await summaries.nth(1).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.review__details').nth(1).getAttribute('open')).toBe('')
    await expectNoViolations('the results review, opened')
  })

  it('shows the same due count on home, progress and practice, in the learner’s time zone', async () => {
    const { page } = phone
    await finishQuiz(page)
    // Every card falls due (two days on), as if the clock had moved.
    moveScheduleForward(await learnerIdOf(phone.context), 2 * 86_400_000)
    await page.goto('/')
    // The time-zone script sends the zone and reloads the page once.
    await expect
      .poll(() => textOf(page.locator('.time-zone-note')))
      .toBe('Days and times are in your time zone (Asia/Almaty).')
    const homeButton = await textOf(page.locator('.due a.button'))
    const due = Number(/Practise (\d+) due/.exec(homeButton)?.[1])
    expect(due).toBeGreaterThan(0)
    await expectNoViolations('the home page with its due count')
    await page.goto('/progress')
    expect(await textOf(page.getByRole('link', { name: /^Practise/ }))).toBe(`Practise ${due} due`)
    expect(await textOf(page.locator('.time-zone-note'))).toContain('Asia/Almaty')
    await expectNoViolations('the progress page')
    await page.getByRole('link', { name: /^Practise/ }).click()
    await page.waitForURL(/\/practice$/)
    expect(await textOf(page.locator('.progress-label'))).toBe(`${due} due for review`)
    await expectNoViolations('the practice page')
  })

  it('puts the transfer code in view and focus, and keeps a refused code with its error in view', async () => {
    const { page } = phone
    await page.goto('/progress')
    await page.getByRole('button', { name: 'Make a code' }).tap()
    await page.waitForURL(/\/progress\/transfer$/)
    await expect.poll(() => focusedId(page)).toBe('transfer-code-made')
    expect(await inView(page.locator('#transfer-code-made'))).toBe(true)
    expect(await textOf(page.locator('#transfer-code-made'))).toMatch(/Your code: [0-9A-Z]{4}-[0-9A-Z]{4}/)
    await expectNoViolations('the progress page with a new code')

    await page.locator('#transfer-code').fill('ZZZZ-ZZZ')
    await page.getByRole('button', { name: 'Join' }).tap()
    await page.waitForURL(/\/progress\/claim$/)
    await expect.poll(() => focusedId(page)).toBe('transfer-code')
    expect(await page.locator('#transfer-code').inputValue()).toBe('ZZZZ-ZZZ')
    expect(await inView(page.locator('#claim-error'))).toBe(true)
    expect(await inView(page.locator('#transfer-code'))).toBe(true)
    await expectNoViolations('a refused code')
  })

  it('gives the studio its own navigation and shows results as cards, without cut-off', async () => {
    const { page } = phone
    await signUpInstructor(page, `phone-${crypto.randomUUID().slice(0, 8)}@school.example`)
    await page.waitForURL('**/studio')
    const nav = page.getByRole('navigation', { name: 'Studio' })
    for (const name of ['Sets', 'Sources', 'Results', 'LTI'])
      expect(await nav.getByRole('link', { name, exact: true }).isVisible()).toBe(true)
    expect(await nav.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true)
    await expectNoViolations('the studio dashboard')

    await page.getByRole('link', { name: 'New quiz set' }).click()
    await page.getByLabel('Title').fill(`Phone cards ${crypto.randomUUID().slice(0, 8)}`)
    await page.getByRole('button', { name: 'Create quiz set' }).click()
    await page.waitForURL(/\/studio\/sets\/phone-cards-/)
    const slug = new URL(page.url()).pathname.split('/')[3] ?? ''
    // Publishing the empty set: the error stays on the set's page, first and focused.
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.waitForURL(new RegExp(`/studio/sets/${slug}/publish$`))
    expect(await textOf(page.locator('.form-error'))).toBe('Add at least one question before publishing.')
    await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toBe('form-error')
    expect(await inView(page.locator('.form-error'))).toBe(true)
    expect(await nav.isVisible()).toBe(true)
    await expectNoViolations('a refused publish')

    // The dashboard's sets table is a list of cards: nothing wider than the phone.
    await nav.getByRole('link', { name: 'Sets', exact: true }).click()
    await page.waitForURL('**/studio')
    const display = await page
      .locator('.card-table tr')
      .last()
      .evaluate((row) => getComputedStyle(row).display)
    expect(display).toBe('block')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(overflow).toBeLessThanOrEqual(390)
    await page.goto(`/studio/sets/${slug}/results`)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({ path: join(screenshotDir, `studio-phone-${colorScheme}.png`), fullPage: true })
    await expectNoViolations('the studio results')
  })
})
