import { describe, expect, it } from 'vitest'
import { axeViolations, useBrowser, usePhonePage } from './browser'
import { signUpInstructor } from './instructor'
import { quizSet } from './learner'

const source = quizSet('pipeline-and-oil').questions[0]?.evidence[0]?.source ?? ''
const evidence = `// cited-evidence: ${source} | The pipeline carries most of Kazakhstan's oil`
const goodGift = `${evidence}
::pipeline-sea::Where does the CPC pipeline reach the sea? {=Novorossiysk ~Baku ~Aktau ####At its terminal.}

${evidence}
Match each city to its country. {=Astana -> Kazakhstan =Moscow -> Russia =Baku -> Azerbaijan ####Capitals.}
`
const badGift = `${goodGift}
How long was the stop? {#thirty ####A month.}
`

const chromium = useBrowser()

describe.each(['light', 'dark'] as const)('importing GIFT into a studio set (%s)', (colorScheme) => {
  // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
  const phone = usePhonePage(chromium, () => ({ colorScheme, bypassCSP: true }))

  const expectNoViolations = async (where: string) => {
    const violations = await axeViolations(phone.page)
    expect(violations, `axe found violations on ${where} (${colorScheme}):\n${violations}`).toBe('')
  }

  it('uploads a file, shows its errors, previews the fix, saves it and exports it again', async () => {
    const email = `import-${colorScheme}-${crypto.randomUUID().slice(0, 8)}@school.example`
    await signUpInstructor(phone.page, email)
    await phone.page.waitForURL('**/studio')
    await phone.page.goto('/studio/sets/new')
    await phone.page.getByLabel('Title').fill(`Imported ${colorScheme}`)
    await phone.page.getByRole('button', { name: 'Create quiz set' }).click()
    await phone.page.waitForURL(/\/studio\/sets\/imported-/)
    const slug = new URL(phone.page.url()).pathname.split('/')[3] ?? ''

    await phone.page.goto(`/studio/sets/${slug}/import`)
    await phone.page.evaluate(() => {
      for (const details of Array.from(document.querySelectorAll('details'))) details.open = true
    })
    await expectNoViolations('the import page')

    await phone.page.getByLabel(/Or a file/).setInputFiles({
      name: 'questions.gift',
      mimeType: 'text/plain',
      buffer: Buffer.from(badGift),
    })
    await phone.page.getByRole('button', { name: 'Preview' }).click()
    await expect.poll(() => phone.page.getByText('line 7: "thirty" is not a number').count()).toBe(1)
    // One bad question blocks no other: the good ones can be saved, the bad one is left out.
    await expect
      .poll(() =>
        phone.page.getByRole('button', { name: 'Save 2 questions, leave out 1 with errors' }).count(),
      )
      .toBe(1)
    await expectNoViolations('the preview with errors')

    await phone.page.getByLabel('Questions as text').fill(goodGift)
    await phone.page.getByRole('button', { name: 'Preview' }).click()
    await expect.poll(() => phone.page.getByRole('button', { name: 'Save 2 questions' }).count()).toBe(1)
    // Each question as a learner sees it.
    await expect
      .poll(() =>
        phone.page.getByRole('group', { name: 'Where does the CPC pipeline reach the sea?' }).count(),
      )
      .toBe(1)
    await expectNoViolations('the preview ready to save')

    await phone.page.getByRole('button', { name: 'Save 2 questions' }).click()
    await phone.page.waitForURL(/saved=2/)
    await expect
      .poll(() => phone.page.getByText('2 questions were added to the end of the draft.').count())
      .toBe(1)

    const exported = await phone.page.request.get(`/studio/sets/${slug}/export.gift`)
    expect(exported.headers()['content-disposition']).toBe(`attachment; filename="${slug}.gift"`)
    const text = await exported.text()
    expect(text).toContain(
      'Where does the CPC pipeline reach the sea? { =Novorossiysk ~Baku ~Aktau ####At its terminal.}',
    )
    expect(text).toContain(`// cited-evidence: ${source} | The pipeline carries most of Kazakhstan's oil`)
  })
})
