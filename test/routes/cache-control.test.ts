import { describe, expect, it } from 'vitest'
import { answerSetQuestion, Browser } from '../support/helpers'

const slug = 'pipeline-and-oil'
const embeddable = 'routes-around-russia'
const PRIVATE = 'private, no-store'
const PUBLIC_MINUTE = 'public, max-age=60'

/** A learner with a cookie, an answered attempt and an embedded attempt, for the table below. */
async function learnerWithAttempts() {
  const learner = new Browser()
  const attemptId = await learner.start(slug)
  expect((await answerSetQuestion(learner, attemptId, slug, 1, true)).status).toBe(303)
  const started = await new Browser().postForm(`/embed/${embeddable}/start`, {})
  const token = /^\/embed\/a\/([^/]+)\//.exec(started.headers.get('location') ?? '')?.[1]
  if (!token) throw new Error(`no embed token in ${started.headers.get('location')}`)
  return { learner, attemptId, token }
}

describe('Cache-Control', () => {
  it('is private, no-store on every personalised page and API response, public only for anonymous public pages', async () => {
    const { learner, attemptId, token } = await learnerWithAttempts()
    const anonymous = new Browser()
    const table: [Browser, string, string][] = [
      // Public pages: the same for everyone without a cookie, personalised with one.
      [anonymous, '/', PUBLIC_MINUTE],
      [anonymous, `/quiz/${slug}`, PUBLIC_MINUTE],
      [learner, '/', PRIVATE],
      [learner, `/quiz/${slug}`, PRIVATE],
      [anonymous, '/lti/jwks', 'public, max-age=300'],
      // A learner's own pages.
      [learner, `/attempts/${attemptId}`, PRIVATE],
      [learner, `/attempts/${attemptId}/q/1`, PRIVATE],
      [learner, `/attempts/${attemptId}/results`, PRIVATE],
      [learner, '/practice', PRIVATE],
      [learner, '/progress', PRIVATE],
      [learner, '/progress/wipe', PRIVATE],
      [anonymous, '/progress', PRIVATE],
      // Embed pages: the access token is in the URL.
      [anonymous, `/embed/${embeddable}`, PRIVATE],
      [anonymous, `/embed/a/${token}/q/1`, PRIVATE],
      [anonymous, `/embed/a/${token}/results`, PRIVATE],
      [anonymous, '/lti/login', PRIVATE],
      // The API: the list and a set are the same for everyone without a cookie.
      [anonymous, '/api/quizzes', PUBLIC_MINUTE],
      [anonymous, `/api/quizzes/${slug}`, PUBLIC_MINUTE],
      [learner, '/api/quizzes', PRIVATE],
      [learner, `/api/quizzes/${slug}`, PRIVATE],
      [anonymous, '/api/quizzes/no-such-set', PRIVATE],
      [learner, `/api/attempts/${attemptId}`, PRIVATE],
      [learner, '/api/practice/next', PRIVATE],
      [learner, '/api/progress', PRIVATE],
      [anonymous, '/api/studio/me', PRIVATE],
      // Studio, errors and redirects.
      [anonymous, '/studio/signin', PRIVATE],
      [anonymous, '/studio', PRIVATE],
      [anonymous, '/no-such-page', PRIVATE],
      [anonymous, '/quiz/no-such-set', PRIVATE],
      [anonymous, '/api/no-such-route', PRIVATE],
    ]
    const seen = []
    for (const [browser, path] of table) {
      const response = await browser.get(path)
      seen.push([browser === learner ? 'learner' : 'anonymous', path, response.headers.get('cache-control')])
    }
    expect(seen).toEqual(
      table.map(([browser, path, expected]) => [
        browser === learner ? 'learner' : 'anonymous',
        path,
        expected,
      ]),
    )
  })

  it('keeps the anonymous copy of a public page from being reused once the browser has a cookie', async () => {
    const response = await new Browser().get('/')
    expect(response.headers.get('vary')).toMatch(/\bCookie\b/i)
  })

  it('is private, no-store on a response that sets a cookie, even from a public page', async () => {
    const browser = new Browser()
    const started = await browser.postForm(`/quiz/${slug}/start`, {})
    expect(started.status).toBe(303)
    expect(started.headers.getSetCookie().length).toBeGreaterThan(0)
    expect(started.headers.get('cache-control')).toBe(PRIVATE)
    // A forged or stale learner cookie is cleared or replaced: still never public.
    const stale = await new Browser().fetch('/', { headers: { cookie: 'cited_learner=not-a-learner' } })
    expect(stale.headers.get('cache-control')).toBe(PRIVATE)
  })
})
