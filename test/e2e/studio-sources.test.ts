import { describe, expect, it } from 'vitest'
import { axeViolations, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'

const chromium = useBrowser()

const ARTICLE = [
  'Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.',
  'The pipeline ends at the Russian port of Novorossiysk on the Black Sea. It carries 80% of the exports.',
  'In July a Russian court ordered the pipeline to stop for 30 days.',
].join('\n\n')

describe.each(['light', 'dark'] as const)('sources with their text (%s), at 390x844', (colorScheme) => {
  // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
  const phone = usePhonePage(chromium, () => ({ colorScheme, bypassCSP: true }))

  const expectNoViolations = async (where: string) => {
    const violations = await axeViolations(phone.page)
    expect(violations, `axe found violations on ${where} (${colorScheme}):\n${violations}`).toBe('')
  }

  it('pastes an article, cites a passage by tap, and previews it in context', async () => {
    const { page } = phone
    await signUpInstructor(page, `e2e-src-${colorScheme}-${crypto.randomUUID().slice(0, 8)}@school.example`)
    await page.waitForURL('**/studio')

    await page.getByRole('link', { name: 'your sources' }).click()
    await expectNoViolations('the source library')
    await page.getByRole('link', { name: 'Add a source' }).click()
    await expectNoViolations('the add-a-source form')
    await page.getByLabel('Title').fill('Oil routes explained')
    await page.getByLabel('Outlet').fill('Test Gazette')
    await page.getByLabel('Author').fill('A. Writer')
    await page.getByLabel('Date').fill('2022-07-10')
    await page.getByLabel('Kind').selectOption('article')
    await page.getByLabel('Reliability note').fill('A test article.')
    await page.getByLabel('Text of the source').fill(ARTICLE)
    await page.getByRole('button', { name: 'Add source' }).click()
    await page.waitForURL(/done=source-added/)
    await expect.poll(() => page.getByText('Text (4 sentences)').count()).toBe(1)
    await expectNoViolations('a source’s page')
    const sourcePage = page.url()
    await page.getByRole('link', { name: 'Draft questions' }).click()
    await page.waitForURL(/\/drafts/)
    await expectNoViolations('the draft review')
    await page.goto(sourcePage)

    await page.goto('/studio')
    await page.getByRole('link', { name: 'New quiz set' }).click()
    await page.getByLabel('Title').fill(`Cited routes ${colorScheme}`)
    await page.getByRole('button', { name: 'Create quiz set' }).click()
    await page.waitForURL(/\/studio\/sets\/cited-routes-/)
    const slug = new URL(page.url()).pathname.split('/')[3] ?? ''

    await page.goto(`/studio/sets/${slug}/questions/new?type=text`)
    await page.getByLabel('Question').fill('At which port does the pipeline end?')
    await page.getByLabel('Answer', { exact: true }).fill('Novorossiysk')
    await page.getByLabel('Explanation').fill('The article names the port.')
    // The evidence finder needs the answer: every form post shows its suggestions.
    await page.getByRole('button', { name: 'Show sentences' }).click()
    await page.waitForLoadState()
    await expectNoViolations('the question form with suggested passages')
    await page
      .getByRole('button', { name: /^Cite “The pipeline ends at the Russian port/ })
      .first()
      .tap()
    await expect.poll(() => page.getByText('Cited: the passage is in the evidence below.').count()).toBe(1)
    expect(await page.getByLabel('Quote from the source', { exact: true }).inputValue()).toBe(
      'The pipeline ends at the Russian port of Novorossiysk on the Black Sea.',
    )
    await page.getByRole('button', { name: 'Preview' }).click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'The key (only you see this)' }).count())
      .toBe(1)
    const key = (await page.locator('.answer-key').textContent()) ?? ''
    expect(key).toContain('Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.')
    expect(key).toContain('It carries 80% of the exports.')
    expect(await page.locator('.answer-key mark').textContent()).toBe(
      'The pipeline ends at the Russian port of Novorossiysk on the Black Sea.',
    )
    await expectNoViolations('the preview with its key in context')
    await page.getByRole('button', { name: 'Save question' }).click()
    await page.waitForURL(/done=question-saved/)
  })
})
