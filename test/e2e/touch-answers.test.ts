import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Question, QuestionOf } from '../../src/quiz/question'
import { axeViolationsAsServed, screenshotDir, textOf, useBrowser, usePhonePage } from './browser'
import { feedbackHeading, matchByTaps, orderByTaps, quizSet, startQuiz } from './learner'

const set = quizSet('tokayev-at-spief')
const viewport = { width: 390, height: 844 }

function questionOfType<T extends Question['type']>(type: T): { question: QuestionOf<T>; position: number } {
  const index = set.questions.findIndex((question) => question.type === type)
  const question = set.questions[index]
  if (!question || question.type !== type) throw new Error(`no ${type} question in ${set.slug}`)
  return { question: question as QuestionOf<T>, position: index + 1 }
}

const ordering = questionOfType('ordering')
const matching = questionOfType('matching')
const numeric = questionOfType('numeric')

const chromium = useBrowser()

/** Each text is on screen in full: visible, inside the 390 px width, not clipped or cut by an ellipsis. */
async function expectFullTexts(page: Page, texts: string[]) {
  for (const text of texts) {
    const element = page.locator('form.answer-form').getByText(text, { exact: true }).first()
    await element.scrollIntoViewIfNeeded()
    expect(await element.isVisible(), `"${text}" is visible`).toBe(true)
    const fit = await element.evaluate((node) => {
      const box = node.getBoundingClientRect()
      return {
        clipped: node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1,
        ellipsis: getComputedStyle(node).textOverflow === 'ellipsis',
        inside: box.left >= 0 && box.right <= innerWidth,
      }
    })
    expect(fit, `"${text}" is shown whole`).toEqual({ clipped: false, ellipsis: false, inside: true })
  }
}

/** No native dropdown carries a long text: its options are numbers or letters. */
async function expectShortOptions(page: Page) {
  for (const label of await page.locator('form.answer-form select option').allTextContents())
    expect(label.length, `option "${label}"`).toBeLessThanOrEqual(10)
}

/**
 * axe-core needs script, which a page without JavaScript does not run: its
 * markup as served is scanned in a second phone page that runs script but not
 * the islands, on the same origin and with the same colour scheme.
 */
async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolationsAsServed(chromium, page, 'form.answer-form, .feedback')
  expect(violations, `axe found violations on ${where}:\n${violations}`).toBe('')
}

/** The link onwards is on screen at the top of the feedback and at its end, and never hides what it follows. */
async function expectNextBarInView(page: Page) {
  const next = page.locator('.next-bar a')
  const inView = async (where: string) => {
    const box = await next.boundingBox()
    if (!box) throw new Error('no Next link')
    expect(box.y, `Next is in view ${where}`).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height, `Next is in view ${where}`).toBeLessThanOrEqual(viewport.height)
  }
  await page.evaluate(() => scrollTo(0, 0))
  await inView('at the top of the page')
  expect(
    await page.evaluate(() => document.documentElement.scrollHeight),
    'the feedback is longer than the screen (the bar is needed)',
  ).toBeGreaterThan(viewport.height)
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight))
  await inView('at the end of the page')
  // At the end the bar sits after the feedback: the source line is above it, not under it.
  const source = await page.locator('.feedback figcaption').last().boundingBox()
  const bar = await page.locator('.next-bar').boundingBox()
  if (!source || !bar) throw new Error('no source line or bar')
  expect(source.y + source.height).toBeLessThanOrEqual(bar.y)
}

/** WCAG 2.2 focus not obscured: every link in the feedback, focused, shows above the sticky bar. */
async function expectFocusNotUnderBar(page: Page) {
  await page.evaluate(() => scrollTo(0, 0))
  const links = page.locator('.feedback a')
  for (let index = 0; index < (await links.count()); index++) {
    await links.nth(index).focus()
    const box = await links.nth(index).boundingBox()
    const bar = await page.locator('.next-bar').boundingBox()
    if (!box || !bar) throw new Error('no link or bar')
    expect(box.y + box.height, 'the focused link is above the bar').toBeLessThanOrEqual(bar.y + 1)
  }
}

/** The feedback's verdict comes first, then the correct answer (if wrong), then the rest. */
async function expectVerdictFirst(page: Page) {
  const order = await page
    .locator('.feedback')
    .evaluate((section) =>
      Array.from(section.querySelectorAll('h2, dt, .explanation, .evidence')).map((node) =>
        node.matches('h2') ? 'verdict' : node.matches('dt') ? (node.textContent ?? '') : node.className,
      ),
    )
  expect(order[0]).toBe('verdict')
  expect(order.indexOf('explanation')).toBeGreaterThan(order.indexOf('Your answer'))
  if (order.includes('Correct answer')) expect(order.indexOf('Correct answer')).toBe(1)
}

async function openQuestion(page: Page, position: number) {
  const attemptId = await startQuiz(page, set.slug)
  await page.goto(`/attempts/${attemptId}/q/${position}`)
  return attemptId
}

async function check(page: Page) {
  await page.getByRole('button', { name: 'Check answer' }).tap()
}

/** Picks an option of a select by touch: the tap opens it, then the choice is made. */
async function pickByTouch(select: Locator, label: string) {
  await select.tap()
  await select.selectOption({ label })
}

describe.each([
  { javaScript: true, colorScheme: 'light' },
  { javaScript: true, colorScheme: 'dark' },
  { javaScript: false, colorScheme: 'light' },
  { javaScript: false, colorScheme: 'dark' },
] as const)('by touch, JavaScript $javaScript, $colorScheme', ({ javaScript, colorScheme }) => {
  const phone = usePhonePage(chromium, { javaScriptEnabled: javaScript, colorScheme, bypassCSP: true })
  const where = (what: string) => `${what} (JavaScript ${javaScript}, ${colorScheme})`

  it('answers an ordering question by taps, every item in full, then reaches Next without scrolling', async () => {
    const { page } = phone
    await openQuestion(page, ordering.position)
    const items = ordering.question.items
    if (javaScript) {
      await page.locator('.reorder').waitFor()
      expect(await page.locator('form.answer-form select').count(), 'no dropdowns once hydrated').toBe(0)
      await expectFullTexts(page, items)
      // Picked up, waiting for its place: the state a screen reader hears announced.
      await page.locator('.reorder__text').first().tap()
      await expect.poll(() => textOf(page.locator('.reorder [aria-live]'))).toMatch(/picked/)
      await expectNoViolations(page, where('an ordering with an item picked'))
      await page.locator('.reorder__text').first().tap()
      // The shuffle shows the right order already one time in n!: move one item so a move is announced.
      const shuffled = (await page.locator('.reorder__label').allTextContents()).map((text) => text.trim())
      if (shuffled.join('\n') === items.join('\n')) {
        await page.locator('.reorder__text').nth(0).tap()
        await page.locator('.reorder__text').nth(1).tap()
      }
      await orderByTaps(page, items, 'tap')
      await page.screenshot({ path: join(screenshotDir, `ordering-js-${colorScheme}.png`), fullPage: true })
      const shown = await page.locator('.reorder__label').allTextContents()
      expect(
        shown.map((text) => text.trim()),
        'the whole current order is shown',
      ).toEqual(items)
      expect(await textOf(page.locator('.reorder [aria-live]'))).toMatch(/moved to position \d of \d/)
    } else {
      await expectFullTexts(page, items)
      await expectShortOptions(page)
      await expectNoViolations(page, where('an ordering form'))
      for (const [index, text] of items.entries())
        await pickByTouch(page.getByLabel(text, { exact: true }), String(index + 1))
    }
    await check(page)
    await feedbackHeading(page).waitFor()
    expect(await textOf(feedbackHeading(page))).toContain('Correct')
    await expectVerdictFirst(page)
    await expectNextBarInView(page)
    await page.evaluate(() => scrollTo(0, 0))
    await page.screenshot({
      path: join(screenshotDir, `ordering-feedback-${javaScript ? 'js' : 'no-js'}-${colorScheme}.png`),
    })
    await expectFocusNotUnderBar(page)
    await expectNoViolations(page, where('ordering feedback'))
  })

  it('answers a matching question by tapping pairs, every text in full', async () => {
    const { page } = phone
    await openQuestion(page, matching.position)
    const pairs = matching.question.pairs
    const texts = pairs.flatMap((pair) => [pair.left, pair.right])
    if (javaScript) {
      await page.locator('.matcher').waitFor()
      expect(await page.locator('form.answer-form select').count(), 'no dropdowns once hydrated').toBe(0)
      await expectFullTexts(page, texts)
      // One pair made, then undone: the match is free again.
      const [first] = pairs
      if (!first) throw new Error('no pairs')
      await matchByTaps(page, [first], 'tap')
      const paired = page.locator('.matcher__left--paired')
      expect(await textOf(paired.locator('.matcher__pair'))).toContain(first.right)
      expect(await page.locator('.matcher__choice--used').count(), 'the used match is marked').toBe(1)
      await expectNoViolations(page, where('a matching with one pair'))
      await paired.getByRole('button', { name: /^Undo/ }).tap()
      expect(await page.locator('.matcher__choice--used').count()).toBe(0)
      expect(await textOf(page.locator('.matcher [aria-live]'))).toMatch(/^Undone/)
      await matchByTaps(page, pairs, 'tap')
      expect(await page.locator('.matcher__choice--used').count()).toBe(pairs.length)
      await page.screenshot({ path: join(screenshotDir, `matching-js-${colorScheme}.png`), fullPage: true })
    } else {
      await expectFullTexts(page, texts)
      await expectShortOptions(page)
      await expectNoViolations(page, where('a matching form'))
      const matches = (await page.locator('.match-key__text').allTextContents()).map((text) => text.trim())
      for (const pair of pairs) {
        const letter = String.fromCharCode(65 + matches.indexOf(pair.right))
        await pickByTouch(page.getByLabel(pair.left, { exact: true }), letter)
      }
      await page.screenshot({
        path: join(screenshotDir, `matching-no-js-${colorScheme}.png`),
        fullPage: true,
      })
    }
    await check(page)
    await feedbackHeading(page).waitFor()
    expect(await textOf(feedbackHeading(page))).toContain('Correct')
    await expectNextBarInView(page)
    await expectNoViolations(page, where('matching feedback'))
  })

  it('keeps a number it cannot read in the field, beside the message', async () => {
    const { page } = phone
    await openQuestion(page, numeric.position)
    const field = page.getByLabel('Your answer', { exact: true })
    await field.tap()
    await field.fill('thirty')
    await check(page)
    await page.locator('.form-error:not([hidden])').waitFor()
    expect(await textOf(page.locator('.form-error'))).toContain('Enter a number')
    expect(await field.inputValue(), 'what was typed is still there').toBe('thirty')
    await expectNoViolations(page, where('a refused number'))
  })
})

describe('answers kept through errors, with JavaScript', () => {
  const phone = usePhonePage(chromium, { bypassCSP: true })

  it('reorders with the keyboard alone, keeping focus on the moved item and announcing each move', async () => {
    const { page } = phone
    await openQuestion(page, ordering.position)
    await page.locator('.reorder').waitFor()
    const before = (await page.locator('.reorder__label').allTextContents()).map((text) => text.trim())
    const [first, second] = before
    await page.getByRole('button', { name: `Move down: ${first}` }).focus()
    await page.keyboard.press('Enter')
    const after = (await page.locator('.reorder__label').allTextContents()).map((text) => text.trim())
    expect(after.slice(0, 2)).toEqual([second, first])
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Move down: ${first}`,
    )
    expect(await textOf(page.locator('.reorder [aria-live]'))).toBe(
      `${first}: moved to position 2 of ${before.length}.`,
    )
    // Space on an item picks it; Space on another puts it there.
    await page.getByRole('button', { name: `Position 2: ${first}` }).focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: `Position 1: ${second}` }).focus()
    await page.keyboard.press('Space')
    const back = (await page.locator('.reorder__label').allTextContents()).map((text) => text.trim())
    expect(back).toEqual(before)
  })

  const answersApi = '**/api/attempts/*/answers'

  it('keeps the order built and the pairs made when the server refuses the answer', async () => {
    const { page } = phone
    const refuse = (message: string) => (route: { fulfill: (response: object) => Promise<void> }) =>
      route.fulfill({ status: 400, json: { error: { code: 'invalid_answer', message } } })

    await openQuestion(page, ordering.position)
    await page.route(answersApi, refuse('The server could not take this answer.'))
    await orderByTaps(page, ordering.question.items, 'tap')
    await check(page)
    await page.locator('.form-error:not([hidden])').waitFor()
    const kept = await page.locator('.reorder__label').allTextContents()
    expect(
      kept.map((text) => text.trim()),
      'the order is still the one built',
    ).toEqual(ordering.question.items)
    await page.unroute(answersApi)
    await check(page)
    expect(await textOf(feedbackHeading(page))).toContain('Correct')

    await page.goto(page.url().replace(/\/q\/\d+$/, `/q/${matching.position}`))
    await page.route(answersApi, refuse('The server could not take this answer.'))
    await matchByTaps(page, matching.question.pairs, 'tap')
    await check(page)
    await page.locator('.form-error:not([hidden])').waitFor()
    expect(await page.locator('.matcher__choice--used').count(), 'every pair is still made').toBe(
      matching.question.pairs.length,
    )
  })

  it('puts a saved offline answer back in the form when the server refuses it later', async () => {
    const { page, context } = phone
    await openQuestion(page, ordering.position)
    await page.locator('.reorder').waitFor()
    await context.setOffline(true)
    await page.route(answersApi, (route) => route.abort('internetdisconnected'))
    await orderByTaps(page, ordering.question.items, 'tap')
    await check(page)
    await page.getByRole('heading', { name: 'Answer saved on this phone' }).waitFor()

    // Back online, the waiting answer is sent and refused (the attempt changed meanwhile, say).
    await page.unroute(answersApi)
    await page.route(answersApi, (route) =>
      route.fulfill({
        status: 409,
        json: { error: { code: 'conflict', message: 'This attempt has changed.' } },
      }),
    )
    await context.setOffline(false)
    await page.evaluate(() => dispatchEvent(new Event('online')))
    await page.locator('.form-error:not([hidden])').waitFor()
    expect(await textOf(page.locator('.form-error'))).toContain('Your saved answer was not graded')
    const kept = await page.locator('.reorder__label').allTextContents()
    expect(
      kept.map((text) => text.trim()),
      'the order comes back as it was saved',
    ).toEqual(ordering.question.items)
  })
})
