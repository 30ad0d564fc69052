import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, useBrowser, usePhonePage } from './browser'

const SLUG = 'pipeline-and-oil'
const LIGHT_BG = 'rgb(255, 255, 255)'
const DARK_BG = 'rgb(18, 20, 23)'

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

/** Starts the quiz from the embed's start page and waits for the first question. */
async function start(page: Page) {
  await page.getByRole('button', { name: 'Start the quiz' }).click()
  await page.waitForURL(/\/embed\/a\/[A-Za-z0-9_-]{32}\/q\/1$/)
}

describe('the embed theme on a phone in dark mode', () => {
  const chromium = useBrowser()
  const phone = usePhonePage(chromium, { colorScheme: 'dark', bypassCSP: true })

  it('is light by default, on the start page and on the questions after it', async () => {
    const { page } = phone
    await page.goto(`/embed/${SLUG}`)
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true)
    expect(await background(page)).toBe(LIGHT_BG)
    expect(await axeViolations(page)).toBe('')
    await start(page)
    expect(await background(page)).toBe(LIGHT_BG)
    expect(await axeViolations(page)).toBe('')
  })

  it('is dark with theme=dark, and stays dark on the next pages', async () => {
    const { page } = phone
    await page.goto(`/embed/${SLUG}?theme=dark`)
    expect(await background(page)).toBe(DARK_BG)
    expect(await axeViolations(page)).toBe('')
    await start(page)
    expect(page.url()).not.toContain('theme')
    expect(await background(page)).toBe(DARK_BG)
    expect(await axeViolations(page)).toBe('')
  })
})
