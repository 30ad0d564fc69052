import { describe, expect, it } from 'vitest'
import { decodeEntities, expectPage } from '../support/helpers'
import { freshEmail, InstructorBrowser, PASSWORD } from '../support/studio-helpers'
import { instructor, newSet } from '../support/studio-sets-helpers'

/**
 * Values that lead off the site once a browser resolves them (dot segments
 * making `//host`, backslashes read as slashes, stripped tabs, encoded
 * slashes a proxy may decode), each prefixed with `prefix` as an attacker
 * would to pass a "starts with /studio/" check.
 */
const offSite = (prefix: string) => [
  `${prefix}/..//evil.example`,
  `${prefix}/../..//evil.example`,
  `${prefix}/../../../../..//evil.example/studio`,
  `${prefix}/%2e%2e//evil.example`,
  `${prefix}/.%2E/%2E%2E//evil.example`,
  `${prefix}/..%2F%2Fevil.example`,
  `${prefix}/%2F%2Fevil.example`,
  `${prefix}/\\..\\..\\evil.example`,
  `${prefix}/..\\/evil.example`,
  `${prefix}/%5C%5Cevil.example`,
  `${prefix}/\t/..//evil.example`,
  `${prefix}/..\n//evil.example`,
  `${prefix}/%09/..//evil.example`,
  '/..//evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  'https://evil.example/studio',
  'javascript:alert(1)',
]

/** A Location a browser would follow to another site, or off the studio. */
const leavesStudio = (location: string) =>
  !new URL(location, 'https://cited.example').href.startsWith('https://cited.example/studio')

describe('sign-in `next` (no open redirect)', () => {
  it('sends every off-site or unnormalised path to /studio, in the form and after signing in', async () => {
    const email = freshEmail('next-attack')
    await new InstructorBrowser().signUp(email)
    for (const next of offSite('/studio')) {
      const page = await expectPage(
        await new InstructorBrowser().get(`/studio/signin?next=${encodeURIComponent(next)}`),
        200,
      )
      expect(page, next).toContain('name="next" value="/studio"')
      const response = await new InstructorBrowser().signIn(email, PASSWORD, next)
      expect(response.status).toBe(303)
      expect(response.headers.get('location'), next).toBe('/studio')
    }
  })

  it('sends a signed-in visitor of the sign-in page to /studio, not to `next`', async () => {
    const browser = new InstructorBrowser()
    await browser.signUp(freshEmail('next-signed-in'))
    const response = await browser.get(`/studio/signin?next=${encodeURIComponent('/..//evil.example')}`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio')
  })

  it('keeps a studio path after normalising it', async () => {
    const email = freshEmail('next-normal')
    await new InstructorBrowser().signUp(email)
    const response = await new InstructorBrowser().signIn(email, PASSWORD, '/studio/./sets/../sets?x=1')
    expect(response.headers.get('location')).toBe('/studio/sets?x=1')
  })
})

describe('studio `back` fields (no open redirect)', () => {
  it('adding a bank question returns only to a page of the same set', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const question = /name="question" value="([^"]+)"/.exec(
      await (await browser.get(`/studio/sets/${slug}/bank`)).text(),
    )?.[1]
    expect(question).toBeDefined()
    for (const back of [
      ...offSite(`/studio/sets/${slug}`),
      `/studio/sets/${slug}-other/bank`,
      '/studio/sets',
    ]) {
      const response = await browser.postForm(`/studio/sets/${slug}/questions/add`, {
        question: question ?? '',
        back,
      })
      expect(response.status).toBe(303)
      expect(response.headers.get('location'), back).toBe(`/studio/sets/${slug}?done=added`)
    }
    const fine = await browser.postForm(`/studio/sets/${slug}/questions/add`, {
      question: question ?? '',
      back: `/studio/sets/${slug}/./bank?type=text`,
    })
    expect(fine.headers.get('location')).toBe(`/studio/sets/${slug}/bank?type=text&done=added`)
  })

  it('the source form neither links nor redirects off the set', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const fallback = `/studio/sets/${slug}/questions/new`
    for (const back of offSite(`/studio/sets/${slug}`)) {
      const page = await expectPage(
        await browser.get(`/studio/sets/${slug}/sources/new?back=${encodeURIComponent(back)}`),
        200,
      )
      const shown = decodeEntities(/name="back" value="([^"]*)"/.exec(page)?.[1] ?? '')
      expect(shown, back).toBe(fallback)
      const cancel = decodeEntities(/<a href="([^"]*)">Cancel<\/a>/.exec(page)?.[1] ?? '')
      expect(cancel, back).toBe(fallback)

      const response = await browser.postForm(`/studio/sets/${slug}/sources/new`, {
        back,
        title: 'Class notes',
        outlet: 'Our school',
        author: 'Me',
        date: '2024-01-15',
        kind: 'article',
        reliability: 'Written by the teacher.',
      })
      expect(response.status).toBe(303)
      const location = response.headers.get('location') ?? ''
      expect(location, back).toMatch(new RegExp(`^${fallback}\\?source=s-[a-z0-9]{10}$`))
      expect(leavesStudio(location)).toBe(false)
    }
  })
})
