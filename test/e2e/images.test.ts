import { describe, expect, it } from 'vitest'
import { pngBytes } from '../support/image-bytes'
import { axeViolations, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'
import { feedbackHeading, quizSet, startQuiz } from './learner'

const cited = quizSet('pipeline-and-oil').questions[0]?.evidence[0]
const source = cited?.source ?? ''
const quote = cited?.quote ?? ''

const chromium = useBrowser()

describe('images in a question, uploaded in the studio, seen by a learner on a phone', () => {
  // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
  const phone = usePhonePage(chromium, () => ({ bypassCSP: true }))

  const expectNoViolations = async (page: typeof phone.page, where: string) => {
    const violations = await axeViolations(page)
    expect(violations, `axe found violations on ${where}:\n${violations}`).toBe('')
  }

  it('uploads a prompt image and a choice image with alt text; the learner sees them sized, within 390 px', async () => {
    const page = phone.page
    await signUpInstructor(page, `images-${crypto.randomUUID().slice(0, 8)}@school.example`)
    await page.waitForURL('**/studio')
    await page.goto('/studio/sets/new')
    await page.getByLabel('Title').fill('Images on a phone')
    await page.getByRole('button', { name: 'Create quiz set' }).click()
    await page.waitForURL(/\/studio\/sets\/images-/)
    const slug = new URL(page.url()).pathname.split('/')[3] ?? ''

    await page.goto(`/studio/sets/${slug}/questions/new?type=single`)
    await page.getByLabel('Question').fill('Which sea does the CPC pipeline reach?')
    await page.getByLabel('Choice 1', { exact: true }).fill('Black Sea')
    await page.getByLabel('Choice 2', { exact: true }).fill('Baltic Sea')
    await page.getByRole('radio', { name: 'Right answer (choice 1)' }).check()
    await page.getByLabel('Explanation').fill('The CPC pipeline ends at Novorossiysk, on the Black Sea.')
    await page.getByLabel('Source', { exact: true }).selectOption(source)
    await page.getByLabel('Quote from the source').fill(quote)
    await page.getByRole('button', { name: 'Save question' }).click()
    await page.waitForURL(/done=question-saved/)

    await page.getByRole('link', { name: 'Images' }).click()
    await page.waitForURL(/\/images$/)
    await expectNoViolations(page, 'the images page')
    // A wide image (1200 × 600): it must shrink to the screen.
    const prompt = page.locator('section.image-place', {
      has: page.getByRole('heading', { name: 'With the question', exact: true }),
    })
    await prompt.getByLabel('Image file').setInputFiles({
      name: 'map.png',
      mimeType: 'image/png',
      buffer: Buffer.from(pngBytes(1200, 600, 7)),
    })
    // Without alt text the form refuses it and says why.
    await prompt.getByRole('button', { name: 'Upload' }).click()
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('Write alt text')
    await expectNoViolations(page, 'the images page with an error')
    const again = page.locator('section.image-place', {
      has: page.getByRole('heading', { name: 'With the question', exact: true }),
    })
    await again.getByLabel('Image file').setInputFiles({
      name: 'map.png',
      mimeType: 'image/png',
      buffer: Buffer.from(pngBytes(1200, 600, 7)),
    })
    await again
      .getByLabel('Alt text', { exact: true })
      .fill('A map of the CPC pipeline from Tengiz to Novorossiysk')
    await again.getByRole('button', { name: 'Upload' }).click()
    await page.waitForURL(/done=image-saved/)
    const choice = page.locator('section.image-place', {
      has: page.getByRole('heading', { name: 'Choice 1: Black Sea', exact: true }),
    })
    await choice.getByLabel('Image file').setInputFiles({
      name: 'coast.png',
      mimeType: 'image/png',
      buffer: Buffer.from(pngBytes(120, 80, 9)),
    })
    await choice.getByLabel('Alt text', { exact: true }).fill('The Black Sea coast')
    await choice.getByRole('button', { name: 'Upload' }).click()
    await page.waitForURL(/done=image-saved/)

    await page.goto(`/studio/sets/${slug}/settings`)
    await page.getByRole('radio', { name: /^Unlisted/ }).check()
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.waitForURL(/settings\?done=saved/)
    await page.goto(`/studio/sets/${slug}`)
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    await page.waitForURL(/done=published/)

    const learner = await chromium.newContext({ bypassCSP: true })
    const learnerPage = await learner.newPage()
    await startQuiz(learnerPage, slug)
    const map = learnerPage.getByRole('img', {
      name: 'A map of the CPC pipeline from Tengiz to Novorossiysk',
    })
    await map.scrollIntoViewIfNeeded()
    await expect
      .poll(() => map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1200)
    expect(await map.getAttribute('width')).toBe('1200')
    expect(await map.getAttribute('height')).toBe('600')
    const box = await map.boundingBox()
    expect(box?.width).toBeLessThanOrEqual(390)
    // Height follows the width (no stretching): 2:1.
    expect(Math.abs((box?.width ?? 0) / (box?.height ?? 1) - 2)).toBeLessThan(0.05)
    const coast = learnerPage.locator('form.answer-form').getByRole('img', { name: 'The Black Sea coast' })
    expect(await coast.getAttribute('width')).toBe('120')
    const scrollWidth = await learnerPage.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(390)
    await expectNoViolations(learnerPage, 'the question page with images')

    // The choice's label includes its image's alt text, so picking it by name works.
    await learnerPage
      .locator('form.answer-form')
      .getByLabel(/Black Sea/)
      .check()
    await learnerPage.getByRole('button', { name: 'Check answer' }).click()
    await expect.poll(() => feedbackHeading(learnerPage).textContent()).toContain('Correct')
    await expectNoViolations(learnerPage, 'the feedback')
    await learner.close()
  })
})
