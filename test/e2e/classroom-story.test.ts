import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { pngBytes } from '../support/image-bytes'
import { axeViolations, textOf, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'
import { expectedScore, feedbackHeading, quizSet, startQuiz } from './learner'

/**
 * Issue 14's "Done means" as one story in one set, at 390 × 844 with
 * JavaScript: an instructor writes a question with per-choice feedback, a hint
 * and images, allows two tries, makes a passage question from a source, sets
 * dates and gives one learner extra time; that learner takes the quiz, reports
 * the passage question, and sees it regraded. Each step reuses the flows of
 * images, tries-and-hints, cloze, dates, problem-reports and studio-regrade
 * .test.ts; every page visited is scanned by axe (0 violations).
 */

const chromium = useBrowser()
const cited = quizSet('pipeline-and-oil').questions[0]?.evidence[0]
const source = cited?.source ?? ''
const quote = cited?.quote ?? ''
const PROMPT = 'Which sea does the CPC pipeline reach?'
const HINT = 'Think of the sea Novorossiysk is on.'
const BALTIC = 'The Baltic is the northern route, through Ust-Luga.'
const EXPLANATION = 'The CPC pipeline ends at Novorossiysk, on the Black Sea.'
const MAP_ALT = 'A map of the CPC pipeline from Tengiz to Novorossiysk'
const COAST_ALT = 'The Black Sea coast'
const SENTENCE = 'Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.'
const REPORT = 'CPC is the same consortium, by its short name.'
const REASON = 'CPC, the consortium’s short name, is right too.'

/** Each step is a dozen pages with an axe scan on most: more than the e2e default of 60 s on a busy machine. */
const STEP_TIMEOUT = 180_000

/** The story's state, handed from one step to the next. */
const story = { slug: '', code: '', attemptId: '' }

async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe found violations on ${where}:\n${violations}`).toBe('')
}

describe('a classroom story: one set from the studio to a regraded result, at 390 × 844', () => {
  // bypassCSP: the app's CSP (rightly) refuses the injected axe script. One instructor for the story.
  const studio = usePhonePage(chromium, { bypassCSP: true }, 'describe')
  const learner = usePhonePage(chromium, { bypassCSP: true, timezoneId: 'Asia/Almaty' }, 'describe')

  it(
    'an instructor writes a question with feedback, a hint and images, a passage question, dates, two tries and extra time',
    async () => {
      const page = studio.page
      await signUpInstructor(page, `story-${crypto.randomUUID().slice(0, 8)}@school.example`)
      await page.waitForURL('**/studio')
      await page.goto('/studio/sets/new')
      await page.getByLabel('Title').fill(`Classroom story ${crypto.randomUUID().slice(0, 8)}`)
      await page.getByRole('button', { name: 'Create quiz set' }).click()
      await page.waitForURL(/\/studio\/sets\/classroom-story-/)
      story.slug = new URL(page.url()).pathname.split('/')[3] ?? ''

      // A question with feedback on a wrong choice and a hint.
      await page.goto(`/studio/sets/${story.slug}/questions/new?type=single`)
      await page.getByLabel('Question').fill(PROMPT)
      await page.getByLabel('Choice 1', { exact: true }).fill('Black Sea')
      await page.getByLabel('Choice 2', { exact: true }).fill('Baltic Sea')
      await page.getByLabel('Feedback on choice 2 (optional)').fill(BALTIC)
      await page.getByLabel('Choice 3', { exact: true }).fill('Caspian Sea')
      await page.getByRole('radio', { name: 'Right answer (choice 1)' }).check()
      await page.getByLabel('Explanation').fill(EXPLANATION)
      await page.getByLabel('Source', { exact: true }).selectOption(source)
      await page.getByLabel('Quote from the source').fill(quote)
      await page.getByLabel('Hint 1').fill(HINT)
      await expectNoViolations(page, 'the question form')
      await page.getByRole('button', { name: 'Save question' }).click()
      await page.waitForURL(/done=question-saved/)

      // An image with the prompt, another with the right choice, each with alt text.
      await page.getByRole('link', { name: 'Images' }).click()
      await page.waitForURL(/\/images$/)
      await expectNoViolations(page, 'the images page')
      const place = (heading: string) =>
        page.locator('section.image-place', {
          has: page.getByRole('heading', { name: heading, exact: true }),
        })
      const withPrompt = place('With the question')
      await withPrompt.getByLabel('Image file').setInputFiles({
        name: 'map.png',
        mimeType: 'image/png',
        buffer: Buffer.from(pngBytes(1200, 600, 7)),
      })
      await withPrompt.getByLabel('Alt text', { exact: true }).fill(MAP_ALT)
      await withPrompt.getByRole('button', { name: 'Upload' }).click()
      await page.waitForURL(/done=image-saved/)
      const withChoice = place('Choice 1: Black Sea')
      await withChoice.getByLabel('Image file').setInputFiles({
        name: 'coast.png',
        mimeType: 'image/png',
        buffer: Buffer.from(pngBytes(120, 80, 9)),
      })
      await withChoice.getByLabel('Alt text', { exact: true }).fill(COAST_ALT)
      await withChoice.getByRole('button', { name: 'Upload' }).click()
      await page.waitForURL(/done=image-saved/)

      // A passage question: a source's sentence, "oil" and "Caspian Pipeline Consortium" blanked out.
      await page.goto('/studio/sources/new')
      await page.getByLabel('Title').fill('Oil routes explained')
      await page.getByLabel('Outlet').fill('Test Gazette')
      await page.getByLabel('Author').fill('A. Writer')
      await page.getByLabel('Date').fill('2022-07-10')
      await page.getByLabel('Kind').selectOption('article')
      await page.getByLabel('Reliability note').fill('A test article.')
      await page.getByLabel('Text of the source').fill(SENTENCE)
      await page.getByRole('button', { name: 'Add source' }).click()
      await page.waitForURL(/done=source-added/)
      await page
        .getByRole('link', { name: /^make gaps/ })
        .first()
        .click()
      await page.waitForURL(/passage-question/)
      await expectNoViolations(page, 'the passage builder')
      await page.getByLabel('Add it to the set').selectOption(story.slug)
      for (const word of [5, 8, 9, 10]) await page.locator('input[name="blank"]').nth(word).check()
      await page.getByRole('button', { name: 'Continue to the question form' }).click()
      await page.waitForURL(/questions\/new\?type=cloze/)
      expect(await page.getByLabel('Passage').inputValue()).toBe(
        'Kazakhstan exports most of its {{1}} through the {{2}}.',
      )
      expect(await page.getByLabel('Gap 2: answer').inputValue()).toBe('Caspian Pipeline Consortium')
      await page
        .getByLabel('Explanation')
        .fill('The article names the consortium as the route for most of the oil.')
      await expectNoViolations(page, 'the passage question form')
      await page.getByRole('button', { name: 'Save question' }).click()
      await page.waitForURL(/done=question-saved/)

      // Settings: unlisted, open since 2020 and until 2099, 10 minutes, two tries, a hint costs 10%.
      await page.goto(`/studio/sets/${story.slug}/settings`)
      await page.getByRole('radio', { name: /^Unlisted/ }).check()
      await page.getByLabel('Time zone of these dates').selectOption('Europe/Paris')
      await page.getByLabel('Opens').fill('2020-01-06T08:00')
      await page.getByLabel('Closes').fill('2099-06-30T18:00')
      await page.getByLabel('Time limit (minutes)').fill('10')
      await page.getByLabel('Tries per question').fill('2')
      await page.getByLabel(/^Penalty per extra try/).fill('0')
      await page.getByLabel(/^Cost of a hint/).fill('10')
      await expectNoViolations(page, 'the settings form')
      await page.getByRole('button', { name: 'Save settings' }).click()
      await page.waitForURL(/settings\?done=saved/)
      expect(await page.getByLabel('Closes').inputValue()).toBe('2099-06-30T18:00')

      // Twice the time for one learner, by a code they will claim.
      await page.goto(`/studio/sets/${story.slug}/accommodations`)
      await expectNoViolations(page, 'the accommodations page')
      await page.getByRole('radio', { name: /Someone who has not started yet/ }).check()
      await page.getByLabel('Time limit multiplied by').fill('2')
      await page.getByLabel('Note').fill('Dana, 9B: extra time')
      await page.getByRole('button', { name: 'Grant' }).click()
      await page.waitForURL(/accommodations\?done=saved&code=/)
      story.code = new URL(page.url()).searchParams.get('code') ?? ''
      expect(story.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      await expectNoViolations(page, 'the accommodations page with the code')

      await page.goto(`/studio/sets/${story.slug}`)
      await page.getByRole('button', { name: 'Publish', exact: true }).click()
      await page.waitForURL(/done=published/)
    },
    STEP_TIMEOUT,
  )

  it(
    'the learner claims the extra time, sees the images, uses the hint and two tries, fills the gaps and reports a problem',
    async () => {
      const page = learner.page
      await page.goto('/accommodation')
      await expectNoViolations(page, 'the accommodation code page')
      await page.getByLabel('Code').fill(story.code)
      await page.getByRole('button', { name: 'Use this code' }).click()
      await page.waitForURL(/accommodation\?done=/)
      await expectNoViolations(page, 'the claimed code')

      // The closing date, set in Paris time, read in the learner's (once the browser has said it: a reload).
      await page.goto(`/quiz/${story.slug}`)
      await page.reload()
      await expect.poll(() => textOf(page.locator('main'))).toContain('Open until 30 Jun 2099, 21:00.')
      await expectNoViolations(page, 'the dated quiz page')

      story.attemptId = await startQuiz(page, story.slug)
      // Twice the 10-minute limit.
      await expect
        .poll(() => textOf(page.locator('.time-left strong')))
        .toMatch(/^Time left: (19|20) minutes$/)
      expect(await textOf(page.locator('fieldset.question legend.question__prompt'))).toBe(PROMPT)
      const map = page.getByRole('img', { name: MAP_ALT })
      await map.scrollIntoViewIfNeeded()
      await expect
        .poll(() => map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBe(1200)
      expect((await map.boundingBox())?.width).toBeLessThanOrEqual(390)
      expect(await page.locator('form.answer-form').getByRole('img', { name: COAST_ALT }).count()).toBe(1)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await expectNoViolations(page, 'the question with images')

      const main = page.locator('main')
      expect(await main.textContent()).not.toContain(HINT)
      await page
        .getByRole('button', { name: "Show hint 1 of 1 (costs 10% of this question's points)" })
        .click()
      await expect.poll(() => main.textContent()).toContain(HINT)
      await expectNoViolations(page, 'the question with its hint')

      // Wrong first: the choice's feedback, no key; then right on the second try.
      await page.locator('form.answer-form').getByLabel('Baltic Sea', { exact: true }).check()
      await page.getByRole('button', { name: 'Check answer' }).click()
      const notice = page.locator('.try-again')
      await expect.poll(() => notice.textContent()).toContain('Not quite: try again (1 try left)')
      expect(await notice.textContent()).toContain(BALTIC)
      expect(await page.content()).not.toContain(EXPLANATION)
      await expectNoViolations(page, 'the try-again notice')
      await page
        .locator('form.answer-form')
        .getByLabel(/Black Sea/)
        .check()
      await page.getByRole('button', { name: 'Check answer' }).click()
      await expect.poll(() => feedbackHeading(page).textContent()).toContain('Correct')
      expect(await page.locator('.feedback').textContent()).toContain(
        'On try 2, with 1 hint: 0.9 of a point kept after penalties.',
      )
      await expectNoViolations(page, 'the feedback after the second try')

      // The passage: "CPC" is not in the key, on either try; half the gaps are right.
      await page.getByRole('link', { name: 'Next question' }).click()
      await page.waitForURL(/\/q\/2$/)
      const gap = (n: number) => page.getByLabel(`gap ${n} of 2`, { exact: true })
      await gap(1).waitFor()
      await expectNoViolations(page, 'the passage question')
      await gap(1).fill('oil')
      await gap(2).fill('CPC')
      await page.getByRole('button', { name: 'Check answer' }).click()
      await expect.poll(() => page.locator('.try-again').textContent()).toContain('1 try left')
      await gap(2).fill('the CPC')
      await page.getByRole('button', { name: 'Check answer' }).click()
      await feedbackHeading(page).waitFor()
      await expectNoViolations(page, 'the passage feedback')

      await page.getByRole('link', { name: 'Report a problem with this question' }).click()
      await page.waitForURL(`**/attempts/${story.attemptId}/q/2/report`)
      await expectNoViolations(page, 'the report form')
      await page.getByRole('radio', { name: 'The answer is wrong' }).check()
      await page.getByLabel('Anything to add? (optional)').fill(REPORT)
      await page.getByRole('button', { name: 'Send report' }).click()
      await page.waitForURL(/report\?sent=1$/)
      expect(await page.locator('.notice').textContent()).toContain('Thank you')
      await expectNoViolations(page, 'the report page after sending')

      // 0.9 (the hint) + 0.5 (one gap of two) of 2.
      await page.goto(`/attempts/${story.attemptId}/results`)
      const before = expectedScore(1.4, 2)
      await expect.poll(() => textOf(page.locator('.score__big'))).toBe(before.percent)
      expect(await textOf(page.locator('.score'))).toContain(before.line)
      await expectNoViolations(page, 'the results')
    },
    STEP_TIMEOUT,
  )

  it(
    'the instructor reads the report and gives full marks; the learner’s results show the note and the new score',
    async () => {
      const page = studio.page
      await page.goto(`/studio/sets/${story.slug}`)
      await page.getByRole('link', { name: 'Reports (1 open)' }).click()
      await page.waitForURL(`**/studio/sets/${story.slug}/reports`)
      expect(await page.locator('.report-item__comment').textContent()).toBe(REPORT)
      await expectNoViolations(page, 'the reports page')

      await page.getByRole('link', { name: /^Regrade it/ }).click()
      await page.waitForURL(/\/questions\/[a-z0-9-]+\/regrade$/)
      await expectNoViolations(page, 'the regrade form')
      await page.getByRole('radio', { name: /^Give everyone full marks/ }).check()
      await page.getByLabel('Reason').fill(REASON)
      await page.getByRole('button', { name: 'Preview the regrade' }).click()
      await expect.poll(() => page.getByText(/^1 attempt will change/).count()).toBe(1)
      await expectNoViolations(page, 'the regrade preview')
      await page.getByRole('button', { name: 'Confirm the regrade' }).click()
      await page.waitForURL(/\/regrades\/[0-9a-f-]{36}\?done=regraded$/)
      await expectNoViolations(page, 'the regrade’s page')

      const results = learner.page
      await results.goto(`/attempts/${story.attemptId}/results`)
      // Full marks on the passage: 0.9 + 1 of 2.
      const after = expectedScore(1.9, 2)
      await expect.poll(() => textOf(results.locator('.score__big'))).toBe(after.percent)
      expect(await textOf(results.locator('.score'))).toContain(after.line)
      await expect
        .poll(() => results.getByText(new RegExp(`This question was regraded on .*${REASON}`)).count())
        .toBe(1)
      await results.evaluate(() => {
        for (const details of Array.from(document.querySelectorAll('details'))) details.open = true
      })
      await expectNoViolations(results, 'the results with the regrade note')
    },
    STEP_TIMEOUT,
  )
})
