import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { textOf, useBrowser, usePhonePage } from './browser'
import { feedbackHeading, fillAnswer, questionOnPage, quizSet, startQuiz } from './learner'

const set = quizSet('alliances-trade-sanctions')

// A keyboard user on a laptop: no touch emulation, so focus rings follow the keyboard.
const phone = usePhonePage(useBrowser(), { isMobile: false, hasTouch: false }, 'describe')

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
  await startQuiz(phone.page, set.slug)
  // Reach the first single-choice question; the ones before it are answered with the mouse.
  let question = await questionOnPage(phone.page, set)
  while (question.type !== 'single') {
    await fillAnswer(phone.page, question)
    await phone.page.getByRole('button', { name: 'Check answer' }).click()
    await phone.page.getByRole('link', { name: 'Next question' }).click()
    await phone.page.waitForURL(/\/q\/\d+$/)
    question = await questionOnPage(phone.page, set)
  }

  // From the top of the page: Tab into the radio group, Space to choose, Tab to the button, Enter.
  await phone.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await tabTo(phone.page, (element) => element.type === 'radio', 'the first choice')
  await phone.page.keyboard.press('Space')
  const chosen = await phone.page
    .locator('input[type=radio]:checked')
    .evaluate((input) => input.closest('label')?.textContent?.trim() ?? '')
  expect(chosen).not.toBe('')
  await tabTo(
    phone.page,
    (element) => element.tag === 'button' && element.text === 'Check answer',
    'Check answer',
  )
  await phone.page.keyboard.press('Enter')

  await feedbackHeading(phone.page).waitFor()
  await expect.poll(() => focused(phone.page).then((element) => element.id)).toMatch(/^feedback-q/)
  const verdict = await textOf(feedbackHeading(phone.page))
  expect(verdict).toContain(chosen === question.answer ? 'Correct' : 'Not quite')

  const url = phone.page.url()
  await tabTo(
    phone.page,
    (element) => element.tag === 'a' && element.text === 'Next question',
    'Next question',
  )
  await phone.page.keyboard.press('Enter')
  await phone.page.waitForURL((next) => next.toString() !== url)
  expect(phone.page.url()).toMatch(/\/q\/\d+$/)
})
