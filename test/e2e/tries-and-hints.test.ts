import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, axeViolationsAsServed, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'
import { feedbackHeading, quizSet, startQuiz } from './learner'

const cited = quizSet('pipeline-and-oil').questions[0]?.evidence[0]
const source = cited?.source ?? ''
const quote = cited?.quote ?? ''
const HINT = 'Think of the sea Novorossiysk is on.'
const BALTIC = 'The Baltic is the northern route, through Ust-Luga.'
const EXPLANATION = 'The CPC pipeline ends at Novorossiysk, on the Black Sea.'

const chromium = useBrowser()

/**
 * axe-core needs script, which a page without JavaScript does not run: as in
 * touch-answers.test.ts, its markup as served is scanned in a second page
 * that runs script but not the islands.
 */
async function violationsOf(page: Page): Promise<string> {
  return axeViolationsAsServed(chromium, page, 'main')
}

describe('a hint and a second try, written in the studio, used by a learner at 390 × 844', () => {
  // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
  const phone = usePhonePage(chromium, { bypassCSP: true }, 'describe')
  let slug = ''

  it('an instructor writes a hint, allows two tries and charges for hints', async () => {
    const page = phone.page
    await signUpInstructor(page, `tries-${crypto.randomUUID().slice(0, 8)}@school.example`)
    await page.waitForURL('**/studio')
    await page.goto('/studio/sets/new')
    await page.getByLabel('Title').fill('Tries and hints')
    await page.getByRole('button', { name: 'Create quiz set' }).click()
    await page.waitForURL(/\/studio\/sets\/tries-and-hints/)
    slug = new URL(page.url()).pathname.split('/')[3] ?? ''

    await page.goto(`/studio/sets/${slug}/questions/new?type=single`)
    await page.getByLabel('Question').fill('Which sea does the CPC pipeline reach?')
    await page.getByLabel('Choice 1', { exact: true }).fill('Black Sea')
    await page.getByLabel('Choice 2', { exact: true }).fill('Baltic Sea')
    await page.getByLabel('Feedback on choice 2 (optional)').fill(BALTIC)
    await page.getByLabel('Choice 3', { exact: true }).fill('Caspian Sea')
    await page.getByRole('radio', { name: 'Right answer (choice 1)' }).check()
    await page.getByLabel('Explanation').fill(EXPLANATION)
    await page.getByLabel('Source', { exact: true }).selectOption(source)
    await page.getByLabel('Quote from the source').fill(quote)
    await page.getByLabel('Hint 1').fill(HINT)
    const violations = await axeViolations(page)
    expect(violations, `axe found violations on the question form with hints:\n${violations}`).toBe('')
    await page.getByRole('button', { name: 'Save question' }).click()
    await page.waitForURL(/done=question-saved/)

    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('radio', { name: /^Unlisted/ }).check()
    await page.getByLabel('Tries per question').fill('2')
    await page.getByLabel(/^Penalty per extra try/).fill('50')
    await page.getByLabel(/^Cost of a hint/).fill('10')
    const settings = await axeViolations(page)
    expect(settings, `axe found violations on the settings form:\n${settings}`).toBe('')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.waitForURL(/settings\?done=saved/)
    await page.goto(`/studio/sets/${slug}`)
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.waitForURL(/done=published/)
  })

  for (const javaScriptEnabled of [true, false]) {
    it(`a learner ${javaScriptEnabled ? 'with' : 'without'} JavaScript reveals the hint, tries again, then gets the key`, async () => {
      const learner = await chromium.newContext({ javaScriptEnabled, bypassCSP: true })
      const page = await learner.newPage()
      const expectNoViolations = async (where: string) => {
        const found = await violationsOf(page)
        expect(found, `axe found violations on ${where} (JavaScript ${javaScriptEnabled}):\n${found}`).toBe(
          '',
        )
      }
      await startQuiz(page, slug)
      const main = page.locator('main')
      expect(await main.textContent()).not.toContain(HINT)
      const reveal = page.getByRole('button', {
        name: "Show hint 1 of 1 (costs 10% of this question's points)",
      })
      await reveal.click()
      await expect.poll(() => main.textContent()).toContain(HINT)
      expect(await main.textContent()).toContain('No more hints.')
      await expectNoViolations('the question with its hint revealed')

      await page.locator('form.answer-form').getByLabel('Baltic Sea', { exact: true }).check()
      await page.getByRole('button', { name: 'Check answer' }).click()
      const notice = page.locator('.try-again')
      await expect.poll(() => notice.textContent()).toContain('Not quite: try again (1 try left)')
      expect(await notice.textContent()).toContain(BALTIC)
      // No key yet: neither the explanation nor the source's quote, anywhere in the page.
      expect(await page.content()).not.toContain(EXPLANATION)
      expect(await page.content()).not.toContain(quote.slice(0, 30))
      await expectNoViolations('the try-again notice')

      await page.locator('form.answer-form').getByLabel('Black Sea', { exact: true }).check()
      await page.getByRole('button', { name: 'Check answer' }).click()
      await expect.poll(() => feedbackHeading(page).textContent()).toContain('Correct')
      const panel = page.locator('.feedback')
      // 1 − 50% (the second try) − 10% (the hint)
      expect(await panel.textContent()).toContain(
        'On try 2, with 1 hint: 0.4 of a point kept after penalties.',
      )
      expect(await panel.textContent()).toContain(EXPLANATION)
      await expectNoViolations('the feedback after the second try')
      await learner.close()
    })
  }
})
