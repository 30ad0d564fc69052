import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import type { QuizSetDefinition } from '../../src/bank/bank'
import { axeViolations, screenshotDir, useBrowser } from './browser'
import { signUpInstructor } from './instructor'
import { fillAnswer, questionOnPage, quizSet, startQuiz } from './learner'

/** Every bank question, so `questionOnPage` recognises whichever one the set shows. */
const everyQuestion: QuizSetDefinition = {
  ...quizSet('routes-around-russia'),
  questions: (
    ['tokayev-at-spief', 'pipeline-and-oil', 'routes-around-russia', 'alliances-trade-sanctions'] as const
  ).flatMap((slug) => quizSet(slug).questions),
}

const chromium = useBrowser()

/** Signs up, builds a one-question set from the bank and publishes it; returns the slug. */
async function publishOneQuestionSet(page: Page): Promise<string> {
  await signUpInstructor(page, `results-${crypto.randomUUID().slice(0, 8)}@school.example`)
  await page.waitForURL('**/studio')
  await page.getByRole('link', { name: 'New quiz set' }).click()
  // Slugs are unique across instructors: one title per run.
  await page.getByLabel('Title').fill(`Results walk-through ${crypto.randomUUID().slice(0, 8)}`)
  await page.getByRole('button', { name: 'Create quiz set' }).click()
  await page.waitForURL(/\/studio\/sets\/results-walk-through-/)
  const slug = new URL(page.url()).pathname.split('/')[3] ?? ''
  await page.getByRole('link', { name: 'Add from the bank' }).click()
  await page.getByLabel('Type').selectOption('true_false')
  await page.getByRole('button', { name: 'Filter' }).click()
  await page.waitForURL(/type=true_false/)
  await page
    .getByRole('button', { name: /^Add: / })
    .first()
    .click()
  await page.waitForURL(/done=added/)
  // New sets are private drafts: open them to anyone with the link.
  await page.goto(`/studio/sets/${slug}/settings`)
  await page.getByRole('radio', { name: /^Unlisted/ }).check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await page.waitForURL(/settings\?done=saved/)
  await page.goto(`/studio/sets/${slug}`)
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await page.waitForURL(/done=published/)
  return slug
}

it.each(['light', 'dark'] as const)(
  'shows a learner’s attempt on the dashboard at phone width (%s), with zero axe violations, and downloads the CSV',
  async (colorScheme) => {
    const instructor = await chromium.newContext({
      bypassCSP: true,
      colorScheme,
      viewport: { width: 360, height: 740 },
    })
    const studio = await instructor.newPage()
    const slug = await publishOneQuestionSet(studio)

    const learnerContext = await chromium.newContext()
    const learner = await learnerContext.newPage()
    const attemptId = await startQuiz(learner, slug)
    const question = await questionOnPage(learner, everyQuestion)
    await fillAnswer(learner, question, 'right')
    await learner.getByRole('button', { name: 'Check answer' }).click()
    await learner.getByRole('link', { name: 'See your results' }).click()
    await learner.waitForURL(new RegExp(`/attempts/${attemptId}/results$`))
    await learnerContext.close()

    await studio.goto(`/studio/sets/${slug}/results`)
    const figures = (await studio.locator('dl.stats').textContent()) ?? ''
    // textContent runs the <dt> and <dd> texts together: compare without spaces.
    expect(figures.replace(/\s+/g, '')).toContain('Attempts1Completed1Learners1Meanscore100%Passrate100%')
    // Nothing wider than the phone's 360 px viewport but the tables' own scrolling regions.
    const overflow = await studio.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    for (const details of await studio.locator('details').all())
      await details.evaluate((node) => node.setAttribute('open', ''))
    await studio.screenshot({
      path: join(screenshotDir, `studio-results-${colorScheme}.png`),
      fullPage: true,
    })
    const violations = await axeViolations(studio)
    expect(violations, `axe found violations on the results page:\n${violations}`).toBe('')

    const [download] = await Promise.all([
      studio.waitForEvent('download'),
      studio.getByRole('link', { name: 'Download answers (CSV)' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`${slug}-responses.csv`)
    const path = await download.path()
    const lines = readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      '"attempt_id","learner_pseudonym","learner","question_id","question","answer","correct","points","answered_at","mode","live_session_id","tries","hints"',
    )
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(`"${attemptId}",`)
    expect(lines[1]).toContain(',true,1,')
    await instructor.close()
  },
)
