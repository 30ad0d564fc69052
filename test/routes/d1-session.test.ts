import { describe, expect, it } from 'vitest'
import { BOOKMARK_MAX_AGE } from '../../src/http/d1-bookmark'
import { answerSetQuestion, Browser, expectPage, ORIGIN, visibleText } from '../support/helpers'
import { InstructorBrowser } from '../support/studio-helpers'

const slug = 'pipeline-and-oil'
const bookmarkPattern = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/

const bookmarkCookie = (response: Response) =>
  response.headers.getSetCookie().find((line) => line.startsWith('cited_d1='))

describe('the D1 bookmark cookie (read-your-writes over read replicas)', () => {
  it('comes with the form post that starts an attempt, and the next pages read from it', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const first = browser.cookies.get('cited_d1') ?? ''
    expect(first).toMatch(bookmarkPattern)

    // The next requests start their D1 session from that bookmark.
    await expectPage(await browser.get(`/attempts/${attemptId}/q/1`), 200)
    const answered = await answerSetQuestion(browser, attemptId, slug, 1, true)
    expect(answered.status).toBe(303)
    const second = browser.cookies.get('cited_d1') ?? ''
    expect(second).toMatch(bookmarkPattern)
    // Bookmarks sort by position in the database's history: the answer is later than the start.
    expect(second > first).toBe(true)
    const feedback = await expectPage(await browser.get(`/attempts/${attemptId}/q/1`), 200)
    expect(visibleText(feedback)).toContain('Correct')
  })

  it('is HttpOnly, SameSite=Lax, short-lived, for the whole site, and Secure on https', async () => {
    const response = await new Browser().postForm(`/quiz/${slug}/start`, {})
    expect(bookmarkCookie(response)).toMatch(
      new RegExp(`^cited_d1=[0-9a-f-]{59}; Max-Age=${BOOKMARK_MAX_AGE}; Path=/; HttpOnly; SameSite=Lax$`),
    )
    const https = await new Browser().fetch(`https://example.com/quiz/${slug}/start`, {
      method: 'POST',
      headers: { origin: 'https://example.com', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(bookmarkCookie(https)).toMatch(/; Secure/)
  })

  it('comes with an API call and with signing in, not with pages that only read', async () => {
    const learner = new Browser()
    const started = await learner.postJson('/api/attempts', { quiz: slug })
    expect(started.status).toBe(201)
    expect(bookmarkCookie(started)).toBeDefined()
    const read = await learner.get('/progress')
    expect(read.status).toBe(200)
    expect(read.headers.get('set-cookie')).toBeNull()

    const instructor = new InstructorBrowser()
    await instructor.signUp(`bookmark-${crypto.randomUUID().slice(0, 8)}@school.example`)
    expect(instructor.cookies.get('cited_d1')).toMatch(bookmarkPattern)
    expect((await instructor.get('/studio')).status).toBe(200)
  })

  it('falls back to a fresh session, never a 500, when the cookie holds no bookmark', async () => {
    for (const junk of ['garbage', 'first-primary', 'first-unconstrained', '', 'a'.repeat(4000), '%ZZ']) {
      const browser = new Browser()
      const attemptId = await browser.start(slug)
      browser.cookies.set('cited_d1', junk)
      await expectPage(await browser.get(`/attempts/${attemptId}/q/1`), 200)
      const answered = await answerSetQuestion(browser, attemptId, slug, 1, false)
      expect(answered.status).toBe(303)
      // The post replaces the junk with a real bookmark.
      expect(browser.cookies.get('cited_d1')).toMatch(bookmarkPattern)
    }
  })

  it('is never set by embedded pages, which start on the primary instead', async () => {
    const browser = new Browser()
    const started = await browser.postForm(`/embed/${slug}/start`, {})
    expect(started.status).toBe(303)
    expect(started.headers.getSetCookie()).toEqual([])
    const location = started.headers.get('location') ?? ''
    // A bookmark cookie from the main site, sent along in a first-party frame, changes nothing.
    browser.cookies.set('cited_d1', '00000000-00000000-00000000-00000000000000000000000000000000')
    await expectPage(await browser.get(new URL(location, ORIGIN).pathname), 200)
  })
})
