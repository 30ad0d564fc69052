import { describe, expect, it } from 'vitest'
import { Browser, expectApiError, expectPage, setOf, storedAttempt, visibleText } from '../support/helpers'

const slug = 'pipeline-and-oil'

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  )
}

describe('security headers', () => {
  const paths = ['/', `/quiz/${slug}`, '/api/quizzes', '/no-such-page', '/api/no-such-route']

  for (const path of paths)
    it(`are sent with ${path}`, async () => {
      const response = await new Browser().get(path)
      const csp = response.headers.get('content-security-policy') ?? ''
      const policy = directives(csp)
      expect(policy.get('script-src')).toEqual(["'self'"])
      expect(policy.get('default-src')).toEqual(["'self'"])
      expect(policy.get('frame-ancestors')).toEqual(["'none'"])
      expect(policy.get('object-src')).toEqual(["'none'"])
      expect(policy.get('form-action')).toEqual(["'self'"])
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).not.toContain('unsafe-eval')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
    })

  it('add HSTS for a year, subdomains included, to responses over https', async () => {
    for (const path of ['/', '/api/quizzes', '/no-such-page']) {
      const response = await new Browser().get(`https://example.com${path}`)
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    }
    // Browsers ignore it over plain http, so a local server does not send it.
    expect((await new Browser().get('/')).headers.get('strict-transport-security')).toBeNull()
  })

  it('hold on a question page: no inline script or style that the policy would block', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/1`), 200)
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/[^"]+"/)
    expect(html).not.toMatch(/<style\b/)
    expect(html).not.toMatch(/\sstyle="/)
    expect(html).not.toMatch(/\son[a-z]+="/)
  })
})

describe('cross-site form posts', () => {
  it('are refused with a 403 page when the Origin is missing or foreign', async () => {
    const browser = new Browser()
    const refused: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { origin: 'null' },
      // Same host, other scheme: another origin.
      { origin: 'https://example.com' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    ]
    for (const headers of refused) {
      const response = await browser.fetch(`/quiz/${slug}/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: '',
      })
      const html = await expectPage(response, 403)
      expect(visibleText(html)).toContain('This form was sent from another site')
      expect(response.headers.get('set-cookie')).toBeNull()
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    }
  })

  it('are refused for answers and names too, and nothing is stored', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const forged = { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }
    const question = setOf(slug).questions[0]
    expect(question?.type).toBe('numeric')
    await expectPage(
      await browser.fetch(`/attempts/${attemptId}/q/1`, {
        method: 'POST',
        headers: forged,
        body: 'value=30',
      }),
      403,
    )
    await expectPage(
      await browser.fetch(`/attempts/${attemptId}/name`, {
        method: 'POST',
        headers: forged,
        body: 'displayName=x',
      }),
      403,
    )
    await expectPage(
      await browser.fetch(`/attempts/${attemptId}/q/1`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: 'value=30',
      }),
      403,
    )
    expect((await storedAttempt(attemptId)).answeredCount).toBe(0)
  })

  it('are accepted from a same-site page that sends Sec-Fetch-Site instead of Origin', async () => {
    const response = await new Browser().fetch(`/quiz/${slug}/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: '',
    })
    expect(response.status).toBe(303)
  })

  it('cannot smuggle an API call as a text/plain form', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    await expectApiError(
      await browser.fetch(`/api/attempts/${attempt.id}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: JSON.stringify({ questionId: 'oil-suspension-length', answer: { value: 30 } }),
      }),
      403,
      'forbidden',
    )
    expect((await storedAttempt(attempt.id)).answeredCount).toBe(0)
  })
})
