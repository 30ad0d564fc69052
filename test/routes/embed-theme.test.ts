import { describe, expect, it } from 'vitest'
import { Browser, decodeEntities, expectPage } from '../support/helpers'
import { freshEmail, InstructorBrowser } from '../support/studio-helpers'
import { newSet } from '../support/studio-sets-helpers'

const SLUG = 'alliances-trade-sanctions'

const themeOf = (html: string) => /<html lang="en"(?: data-theme="([a-z]+)")?>/.exec(html)?.[1] ?? 'none'
const colorScheme = (html: string) => /<meta name="color-scheme" content="([^"]+)"/.exec(html)?.[1]

async function startThemed(browser: Browser, fields: Record<string, string>): Promise<string> {
  const response = await browser.postForm(`/embed/${SLUG}/start`, fields)
  expect(response.status).toBe(303)
  return response.headers.get('location') ?? ''
}

describe('embed theme', () => {
  it('is light by default, whatever the device prefers', async () => {
    const html = await expectPage(await new Browser().get(`/embed/${SLUG}`), 200)
    expect(themeOf(html)).toBe('light')
    expect(colorScheme(html)).toBe('light')
    expect(html).toContain('<input type="hidden" name="theme" value="light"/>')
  })

  it('follows theme=dark and theme=auto on the start page', async () => {
    const dark = await expectPage(await new Browser().get(`/embed/${SLUG}?theme=dark`), 200)
    expect(themeOf(dark)).toBe('dark')
    expect(colorScheme(dark)).toBe('dark')
    expect(dark).toContain('<input type="hidden" name="theme" value="dark"/>')
    const auto = await expectPage(await new Browser().get(`/embed/${SLUG}?theme=auto`), 200)
    expect(themeOf(auto)).toBe('none')
    expect(colorScheme(auto)).toBe('light dark')
  })

  it('refuses an unknown theme with a clear 400, on the page and on the start form', async () => {
    const page = await expectPage(await new Browser().get(`/embed/${SLUG}?theme=purple`), 400)
    expect(decodeEntities(page)).toContain(
      'Unknown theme "purple": use theme=light, theme=dark or theme=auto.',
    )
    await expectPage(await new Browser().postForm(`/embed/${SLUG}/start`, { theme: 'purple' }), 400)
  })

  it('stays with the attempt on its question, results and retry pages, with nothing in their URLs', async () => {
    const browser = new Browser()
    const first = await startThemed(browser, { theme: 'dark' })
    expect(first).not.toContain('theme')
    const question = await expectPage(await browser.get(first), 200)
    expect(themeOf(question)).toBe('dark')
    const results = await browser.get(first.replace(/\/q\/1$/, '/results'))
    // Not finished yet: sent back to the questions, which keep the scheme.
    expect(results.status).toBe(303)
    const again = await expectPage(await browser.get(results.headers.get('location') ?? ''), 200)
    expect(themeOf(again)).toBe('dark')

    const light = await expectPage(await browser.get(await startThemed(browser, {})), 200)
    expect(themeOf(light)).toBe('light')
  })

  it("is chosen in the studio's share panel, which updates the snippet and the preview", async () => {
    const instructor = new InstructorBrowser()
    await instructor.signUp(freshEmail('theme'))
    const slug = await newSet(instructor)
    const light = decodeEntities(await expectPage(await instructor.get(`/studio/sets/${slug}/share`), 200))
    expect(light).toContain(`/embed/${slug}" title=`)
    expect(light).toMatch(/name="theme" value="light" checked/)
    const dark = decodeEntities(
      await expectPage(await instructor.get(`/studio/sets/${slug}/share?theme=dark`), 200),
    )
    expect(dark).toContain(`/embed/${slug}?theme=dark" title=`)
    expect(dark).toMatch(/name="theme" value="dark" checked/)
    await expectPage(await instructor.get(`/studio/sets/${slug}/share?theme=sepia`), 400)
  })
})
