import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launchBrowser, phoneContext, textOf } from './browser'
import { feedbackHeading, fillAnswer, questionOnPage, quizSet, startQuiz } from './learner'

const set = quizSet('alliances-trade-sanctions')

let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  // A keyboard user on a laptop: no touch emulation, so focus rings follow the keyboard.
  context = await phoneContext(browser, inject('baseUrl'), { isMobile: false, hasTouch: false })
  page = await context.newPage()
})
afterAll(async () => {
  await browser?.close()
})

type Focused = { tag: string; type: string | null; text: string; id: string; outline: string }

/** What has focus, and whether it draws a visible outline. */
function focused(target: Page): Promise<Focused> {
  return target.evaluate(() => {
    const element = document.activeElement as HTMLElement
    const style = getComputedStyle(element)
    return {
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type'),
      text: (element.textContent || element.getAttribute('value') || '').trim(),
      id: element.id,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    }
  })
}

/** Presses Tab until `matches` holds, checking every stop on the way shows a focus outline. */
async function tabTo(target: Page, matches: (element: Focused) => boolean, what: string): Promise<Focused> {
  for (let presses = 0; presses < 15; presses++) {
    await target.keyboard.press('Tab')
    const element = await focused(target)
    expect(element.outline, `no visible focus on ${element.tag} "${element.text}"`).not.toMatch(/^none /)
    if (matches(element)) return element
  }
  throw new Error(`Tab never reached ${what}`)
}

it('answers a single-choice question with Tab, Space and Enter only', async () => {
  await startQuiz(page, set.slug)
  // Reach the first single-choice question; the ones before it are answered with the mouse.
  let question = await questionOnPage(page, set)
  while (question.type !== 'single') {
    await fillAnswer(page, question)
    await page.getByRole('button', { name: 'Check answer' }).click()
    await page.getByRole('link', { name: 'Next question' }).click()
    await page.waitForURL(/\/q\/\d+$/)
    question = await questionOnPage(page, set)
  }

  // From the top of the page: Tab into the radio group, Space to choose, Tab to the button, Enter.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await tabTo(page, (element) => element.type === 'radio', 'the first choice')
  await page.keyboard.press('Space')
  const chosen = await page
    .locator('input[type=radio]:checked')
    .evaluate((input) => input.closest('label')?.textContent?.trim() ?? '')
  expect(chosen).not.toBe('')
  await tabTo(page, (element) => element.tag === 'button' && element.text === 'Check answer', 'Check answer')
  await page.keyboard.press('Enter')

  await feedbackHeading(page).waitFor()
  await expect.poll(() => focused(page).then((element) => element.id)).toMatch(/^feedback-q/)
  const verdict = await textOf(feedbackHeading(page))
  expect(verdict).toContain(chosen === question.answer ? 'Correct' : 'Not quite')

  const url = page.url()
  await tabTo(page, (element) => element.tag === 'a' && element.text === 'Next question', 'Next question')
  await page.keyboard.press('Enter')
  await page.waitForURL((next) => next.toString() !== url)
  expect(page.url()).toMatch(/\/q\/\d+$/)
})
