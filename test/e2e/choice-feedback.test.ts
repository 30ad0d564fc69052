import { describe, expect, it } from 'vitest'
import { axeViolations, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'
import { feedbackHeading, quizSet, startQuiz } from './learner'

const cited = quizSet('pipeline-and-oil').questions[0]?.evidence[0]
const source = cited?.source ?? ''
// A quote the source's text holds: typed quotes are checked against it.
const quote = cited?.quote ?? ''
const BALTIC = 'The Baltic is the northern route, through Ust-Luga.'
const CASPIAN = 'The Caspian is where the oil starts, at Tengiz.'

const chromium = useBrowser()

describe.each(['light', 'dark'] as const)(
  'per-choice feedback, written in the studio, read by a learner (%s)',
  (colorScheme) => {
    // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
    const phone = usePhonePage(chromium, () => ({ colorScheme, bypassCSP: true }))

    const expectNoViolations = async (where: string) => {
      const violations = await axeViolations(phone.page)
      expect(violations, `axe found violations on ${where} (${colorScheme}):\n${violations}`).toBe('')
    }

    it('shows the learner the feedback of the choice they picked, beside the verdict, and no other', async () => {
      const page = phone.page
      await signUpInstructor(
        page,
        `feedback-${colorScheme}-${crypto.randomUUID().slice(0, 8)}@school.example`,
      )
      await page.waitForURL('**/studio')
      await page.goto('/studio/sets/new')
      await page.getByLabel('Title').fill(`Feedback ${colorScheme}`)
      await page.getByRole('button', { name: 'Create quiz set' }).click()
      await page.waitForURL(/\/studio\/sets\/feedback-/)
      const slug = new URL(page.url()).pathname.split('/')[3] ?? ''

      await page.goto(`/studio/sets/${slug}/questions/new?type=single`)
      await page.getByLabel('Question').fill('Which sea does the CPC pipeline reach?')
      await page.getByLabel('Choice 1', { exact: true }).fill('Black Sea')
      await page.getByLabel('Feedback on choice 1 (optional)').fill('Yes: the terminal is at Novorossiysk.')
      await page.getByLabel('Choice 2', { exact: true }).fill('Baltic Sea')
      await page.getByLabel('Feedback on choice 2 (optional)').fill(BALTIC)
      await page.getByLabel('Choice 3', { exact: true }).fill('Caspian Sea')
      await page.getByLabel('Feedback on choice 3 (optional)').fill(CASPIAN)
      await page.getByRole('radio', { name: 'Right answer (choice 1)' }).check()
      await page.getByLabel('Explanation').fill('The CPC pipeline ends at Novorossiysk, on the Black Sea.')
      await page.getByLabel('Source', { exact: true }).selectOption(source)
      await page.getByLabel('Quote from the source').fill(quote)
      await expectNoViolations('the question form with per-choice feedback')
      await page.getByRole('button', { name: 'Save question' }).click()
      await page.waitForURL(/done=question-saved/)

      await page.getByRole('link', { name: 'Settings' }).click()
      await page.getByRole('radio', { name: /^Unlisted/ }).check()
      await page.getByRole('button', { name: 'Save settings' }).click()
      await page.waitForURL(/settings\?done=saved/)
      await page.goto(`/studio/sets/${slug}`)
      await page.getByRole('button', { name: 'Publish', exact: true }).click()
      await page.waitForURL(/done=published/)

      // A learner, with JavaScript: the answer form island shows the feedback it gets from the API.
      const learner = await chromium.newContext({ colorScheme, bypassCSP: true })
      const learnerPage = await learner.newPage()
      await startQuiz(learnerPage, slug)
      expect(await learnerPage.locator('main').textContent()).not.toContain(BALTIC)
      await learnerPage.locator('form.answer-form').getByLabel('Baltic Sea', { exact: true }).check()
      await learnerPage.getByRole('button', { name: 'Check answer' }).click()
      await expect.poll(() => feedbackHeading(learnerPage).textContent()).toContain('Not quite')
      const notes = learnerPage.locator('.feedback .choice-feedback')
      await expect.poll(() => notes.textContent()).toBe(`Baltic Sea: ${BALTIC}`)
      const panel = (await learnerPage.locator('.feedback').textContent()) ?? ''
      expect(panel).not.toContain(CASPIAN)
      expect(panel).not.toContain('Yes: the terminal is at Novorossiysk.')
      // Beside the verdict, before the explanation and the source.
      expect(panel.indexOf(BALTIC)).toBeLessThan(panel.indexOf('The CPC pipeline ends at Novorossiysk'))
      const violations = await axeViolations(learnerPage)
      expect(violations, `axe found violations on the feedback (${colorScheme}):\n${violations}`).toBe('')
      await learner.close()
    })
  },
)
