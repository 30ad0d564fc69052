import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { attempts, quizSets } from '../../src/db/schema'
import {
  Browser,
  correctAnswer,
  expectApiError,
  expectPage,
  formFieldsFor,
  islandProps,
  ORIGIN,
  publicIdOf,
  questionOfLearnerId,
  setOf,
  wrongAnswer,
} from '../support/helpers'

const db = createDb(env.DB)
const SLUG = 'alliances-trade-sanctions'
const RESTRICTED = 'routes-around-russia'
const PRIVATE = 'tokayev-at-spief'

await db
  .update(quizSets)
  .set({ embedPolicy: { anywhere: false, origins: ['https://lms.example.edu', 'http://localhost:3000'] } })
  .where(eq(quizSets.slug, RESTRICTED))
await db
  .update(quizSets)
  .set({ embedPolicy: { anywhere: false, origins: [] } })
  .where(eq(quizSets.slug, PRIVATE))

const frameAncestors = (response: Response) =>
  /frame-ancestors ([^;]+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]

/** Starts an embedded attempt and returns its token. */
async function startEmbedded(browser: Browser, slug = SLUG): Promise<string> {
  const response = await browser.postForm(`/embed/${slug}/start`, {})
  expect(response.status).toBe(303)
  const token = /^\/embed\/a\/([A-Za-z0-9_-]{32})\/q\/1$/.exec(response.headers.get('location') ?? '')?.[1]
  if (!token) throw new Error(`unexpected redirect ${response.headers.get('location')}`)
  return token
}

describe('embed pages', () => {
  it('may be framed from anywhere when the set allows it, while other pages never may', async () => {
    const browser = new Browser()
    const embed = await browser.get(`/embed/${SLUG}`)
    await expectPage(embed, 200)
    expect(frameAncestors(embed)).toBe('*')
    expect(embed.headers.get('x-frame-options')).toBeNull()

    const page = await browser.get(`/quiz/${SLUG}`)
    expect(frameAncestors(page)).toBe("'none'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')
  })

  it('may be framed only by the listed origins, and posts its events only to them', async () => {
    const response = await new Browser().get(`/embed/${RESTRICTED}`)
    const html = await expectPage(response, 200)
    expect(frameAncestors(response)).toBe('https://lms.example.edu http://localhost:3000')
    expect(html).toContain(
      'data-cited-embed="{&quot;quiz&quot;:&quot;routes-around-russia&quot;,&quot;targets&quot;:[&quot;https://lms.example.edu&quot;,&quot;http://localhost:3000&quot;],&quot;theme&quot;:&quot;light&quot;}"',
    )
  })

  it('is a 404 for a set that allows no embedding', async () => {
    await expectPage(await new Browser().get(`/embed/${PRIVATE}`), 404)
    await expectPage(await new Browser().postForm(`/embed/${PRIVATE}/start`, {}), 404)
  })

  it("tells the host script whether a course page's origin may frame the set, readable from any site", async () => {
    const allowed = async (slug: string, host: string) => {
      const response = await new Browser().get(`/embed/${slug}/allowed?host=${encodeURIComponent(host)}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      return ((await response.json()) as { allowed: boolean }).allowed
    }
    expect(await allowed(SLUG, 'https://any.example')).toBe(true)
    expect(await allowed(RESTRICTED, 'https://lms.example.edu')).toBe(true)
    expect(await allowed(RESTRICTED, 'https://other.example')).toBe(false)
    expect(await allowed(RESTRICTED, '')).toBe(false)
    expect(await allowed(PRIVATE, 'https://lms.example.edu')).toBe(false)
    // An unknown set gets the same answer as one that refuses: nothing to learn about what exists.
    expect(await allowed('no-such-set', 'https://lms.example.edu')).toBe(false)
  })

  it('has no site chrome and loads the frame script', async () => {
    const html = await expectPage(await new Browser().get(`/embed/${SLUG}`), 200)
    expect(html).toContain('/build/embed-frame.js')
    expect(html).not.toContain('aria-label="Main"')
    expect(html).not.toContain('site-footer')
  })
})

describe('an embedded attempt', () => {
  it('starts without setting any cookie and carries its token in every link and form', async () => {
    const browser = new Browser()
    const response = await browser.postForm(`/embed/${SLUG}/start`, {})
    expect(response.headers.getSetCookie()).toEqual([])
    const token = /\/embed\/a\/([^/]+)\//.exec(response.headers.get('location') ?? '')?.[1] ?? ''
    const html = await expectPage(await browser.get(`/embed/a/${token}/q/1`), 200)
    const [props] = islandProps(html) as { action: string; apiUrl: string }[]
    expect(props?.action).toBe(`/embed/a/${token}/q/1`)
    expect(props?.apiUrl).toBe(`/api/embed/${token}/answers`)
    const [stored] = await db.select().from(attempts).where(eq(attempts.setSlug, SLUG))
    expect(stored?.accessTokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored?.accessTokenHash).not.toContain(token)
  })

  it('is finished without JavaScript: form posts and redirects inside /embed, then the score for the host', async () => {
    const browser = new Browser()
    const token = await startEmbedded(browser)
    const questions = setOf(SLUG).questions
    let location = `/embed/a/${token}/q/1`
    for (const [index] of questions.entries()) {
      const html = await expectPage(await browser.get(location), 200)
      const [props] = islandProps(html) as { question: { id: string }; action: string }[]
      if (!props) throw new Error(`no form at ${location}`)
      const question = questionOfLearnerId(props.question.id)
      const answer = index === 0 ? wrongAnswer(question) : correctAnswer(question)
      const posted = await browser.postForm(props.action, formFieldsFor(question, answer))
      expect(posted.status).toBe(303)
      const feedback = await expectPage(await browser.get(posted.headers.get('location') ?? ''), 200)
      expect(feedback).toContain(`data-question-id="${publicIdOf(question.id)}"`)
      location = /<a class="button button--primary" href="([^"]+)"/.exec(feedback)?.[1] ?? ''
      expect(location.startsWith(`/embed/a/${token}/`)).toBe(true)
    }
    expect(location).toBe(`/embed/a/${token}/results`)
    const results = await expectPage(await browser.get(location), 200)
    const completed = /data-cited-completed="([^"]+)"/.exec(results)?.[1]?.replace(/&quot;/g, '"') ?? '{}'
    const max = questions.length
    expect(JSON.parse(completed)).toMatchObject({ score: max - 1, max, passed: true })
  })

  it('answers through the API with the token, once per question', async () => {
    const browser = new Browser()
    const token = await startEmbedded(browser)
    const question = setOf(SLUG).questions[0]
    if (!question) throw new Error('empty set')
    const body = { questionId: publicIdOf(question.id), answer: correctAnswer(question) }
    const first = await browser.postJson(`/api/embed/${token}/answers`, body)
    const second = await browser.postJson(`/api/embed/${token}/answers`, body)
    const [a, b] = (await Promise.all([first.json(), second.json()])) as {
      duplicate: boolean
      progress: { answered: number; score: number }
    }[]
    expect(a).toMatchObject({ duplicate: false, progress: { answered: 1, score: 1 } })
    expect(b).toMatchObject({ duplicate: true, progress: { answered: 1, score: 1 } })
  })

  it('is a 404 for an unknown or malformed token, as a page and as JSON', async () => {
    const browser = new Browser()
    await expectPage(await browser.get(`/embed/a/${'x'.repeat(32)}/q/1`), 404)
    await expectPage(await browser.get('/embed/a/short/results'), 404)
    await expectApiError(
      await browser.postJson(`/api/embed/${'y'.repeat(32)}/answers`, { questionId: 'a', answer: {} }),
      404,
      'not_found',
    )
  })

  it('stops working when the set stops allowing embedding', async () => {
    const browser = new Browser()
    const token = await startEmbedded(browser, RESTRICTED)
    await db
      .update(quizSets)
      .set({ embedPolicy: { anywhere: false, origins: [] } })
      .where(eq(quizSets.slug, RESTRICTED))
    try {
      await expectPage(await browser.get(`/embed/a/${token}/q/1`), 404)
    } finally {
      await db
        .update(quizSets)
        .set({
          embedPolicy: { anywhere: false, origins: ['https://lms.example.edu', 'http://localhost:3000'] },
        })
        .where(eq(quizSets.slug, RESTRICTED))
    }
  })
})

describe('oEmbed', () => {
  const oembed = (params: Record<string, string>) =>
    new Browser().get(`/oembed?${new URLSearchParams(params).toString()}`)

  it('describes a quiz URL as a rich embed with the iframe and the host script', async () => {
    const response = await oembed({ url: `${ORIGIN}/quiz/${SLUG}`, format: 'json', maxwidth: '400' })
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Cited', width: 400 })
    expect(body.html).toContain(`<iframe src="${ORIGIN}/embed/${SLUG}"`)
    expect(body.html).toContain(`<script src="${ORIGIN}/embed.js" async></script>`)
    expect(body.title).toBe(setOf(SLUG).title)
  })

  it('is advertised by the quiz page for discovery', async () => {
    const html = await expectPage(await new Browser().get(`/quiz/${SLUG}`), 200)
    expect(html).toContain('type="application/json+oembed"')
    expect(html).toContain(
      `/oembed?url=${encodeURIComponent(`${ORIGIN}/quiz/${SLUG}`)}`.replace(/&/g, '&amp;'),
    )
  })

  it('answers 404 for other URLs, 501 for XML and 400 without a url', async () => {
    expect((await oembed({ url: 'https://elsewhere.example/quiz/x' })).status).toBe(404)
    expect((await oembed({ url: `${ORIGIN}/progress` })).status).toBe(404)
    expect((await oembed({ url: `${ORIGIN}/quiz/${PRIVATE}` })).status).toBe(404)
    expect((await oembed({ url: 'not a url' })).status).toBe(404)
    expect((await oembed({ url: `${ORIGIN}/quiz/${SLUG}`, format: 'xml' })).status).toBe(501)
    const missing = await oembed({})
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('bad_request')
  })
})
