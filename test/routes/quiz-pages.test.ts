import { describe, expect, it } from 'vitest'
import {
  answerSetQuestion,
  Browser,
  bank,
  expectPage,
  setOf,
  storedAttempt,
  visibleText,
} from '../support/helpers'

const slug = 'pipeline-and-oil'
const set = setOf(slug)
const answerByForm = (browser: Browser, attemptId: string, position: number, correct: boolean) =>
  answerSetQuestion(browser, attemptId, slug, position, correct)

describe('GET /', () => {
  it('lists every set with its title, question count and sources, in bank order', async () => {
    const html = await expectPage(await new Browser().get('/'), 200)
    const text = visibleText(html)
    expect(bank.sets).toHaveLength(4)
    let previous = -1
    for (const quizSet of bank.sets) {
      expect(html).toContain(`href="/quiz/${quizSet.slug}"`)
      expect(text).toContain(quizSet.title)
      expect(text).toContain(`${quizSet.questions.length} questions`)
      const cited = new Set(
        quizSet.questions.flatMap((question) => question.evidence.map((item) => item.source)),
      )
      expect(text).toContain(`${cited.size} sources for ${quizSet.title}`)
      const at = html.indexOf(`href="/quiz/${quizSet.slug}"`)
      expect(at).toBeGreaterThan(previous)
      previous = at
    }
    for (const source of bank.sources) {
      expect(text).toContain(source.title)
      expect(text).toContain(source.reliability)
    }
  })

  it('does not hand out a learner cookie just for looking', async () => {
    const response = await new Browser().get('/')
    expect(response.headers.get('set-cookie')).toBeNull()
  })
})

describe('GET /quiz/:slug', () => {
  it('offers to start a set the learner has not begun', async () => {
    const html = await expectPage(await new Browser().get(`/quiz/${slug}`), 200)
    const text = visibleText(html)
    expect(text).toContain(set.title)
    expect(text).toContain(`${set.questions.length} questions`)
    expect(html).toContain(`action="/quiz/${slug}/start"`)
    expect(text).toContain('Start the quiz')
    expect(text).not.toContain('Resume')
  })

  it('offers to resume an unfinished attempt, with how far the learner got', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    expect((await answerByForm(browser, attemptId, 1, true)).status).toBe(303)
    const html = await expectPage(await browser.get(`/quiz/${slug}`), 200)
    expect(html).toContain(`href="/attempts/${attemptId}"`)
    expect(visibleText(html)).toContain(`Resume (1 of ${set.questions.length} answered)`)
    expect(visibleText(html)).toContain('Start over')
    // Another learner sees a fresh start page.
    expect(visibleText(await (await new Browser().get(`/quiz/${slug}`)).text())).not.toContain('Resume')
  })

  it('answers an unknown set with a 404 page, not JSON', async () => {
    const html = await expectPage(await new Browser().get('/quiz/no-such-set'), 404)
    expect(visibleText(html)).toContain('There is no quiz with this address.')
  })

  it('answers an unknown address with the 404 page', async () => {
    const html = await expectPage(await new Browser().get('/no/such/page'), 404)
    expect(visibleText(html)).toContain('Not found')
  })
})

describe('POST /quiz/:slug/start', () => {
  it('creates an attempt, sets the learner cookie and sends the learner to question 1', async () => {
    const browser = new Browser()
    const response = await browser.postForm(`/quiz/${slug}/start`, {})
    expect(response.status).toBe(303)
    const location = response.headers.get('location') ?? ''
    expect(location).toMatch(/^\/attempts\/[0-9a-f-]{36}\/q\/1$/)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^cited_learner=[0-9a-f-]{36};/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    // Plain http in tests: a Secure cookie would never come back.
    expect(cookie).not.toMatch(/Secure/i)

    const page = await expectPage(await browser.get(location), 200)
    expect(visibleText(page)).toContain(`Question 1 of ${set.questions.length}`)
    expect(visibleText(page)).toContain(set.questions[0]?.prompt ?? '?')
  })

  it('marks the cookie Secure on https', async () => {
    const browser = new Browser()
    const response = await browser.fetch(`https://example.com/quiz/${slug}/start`, {
      method: 'POST',
      headers: { origin: 'https://example.com', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('set-cookie')).toMatch(/Secure/i)
  })

  it('keeps the same learner for later attempts', async () => {
    const browser = new Browser()
    await browser.start(slug)
    const learner = browser.learnerId
    const second = await browser.postForm(`/quiz/${slug}/start`, {})
    expect(second.status).toBe(303)
    // No new learner cookie (the D1 bookmark cookie may come: see test/routes/d1-session.test.ts).
    expect(second.headers.getSetCookie().filter((line) => !line.startsWith('cited_d1='))).toEqual([])
    expect(browser.learnerId).toBe(learner)
  })

  it('replaces a tampered learner cookie with a fresh one', async () => {
    const browser = new Browser()
    browser.cookies.set('cited_learner', 'not-a-uuid')
    const response = await browser.postForm(`/quiz/${slug}/start`, {})
    expect(response.status).toBe(303)
    expect(browser.learnerId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers an unknown set with a 404 page', async () => {
    const response = await new Browser().postForm('/quiz/no-such-set/start', {})
    await expectPage(response, 404)
  })

  it('refuses two missedFrom values with a 400 page', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const response = await browser.postForm(`/quiz/${slug}/start`, { missedFrom: [attemptId, attemptId] })
    await expectPage(response, 400)
  })

  it('retries only the questions missed last time (missedFrom)', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const wrongPositions = new Set([2, 5, 9])
    for (let position = 1; position <= set.questions.length; position++)
      expect((await answerByForm(browser, attemptId, position, !wrongPositions.has(position))).status).toBe(
        303,
      )

    const results = await expectPage(await browser.get(`/attempts/${attemptId}/results`), 200)
    expect(visibleText(results)).toContain('Review the 3 I missed')
    expect(results).toContain(`name="missedFrom" value="${attemptId}"`)

    const retryId = await browser.start(slug, { missedFrom: attemptId })
    expect(retryId).not.toBe(attemptId)
    const retry = await storedAttempt(retryId)
    expect(retry.questionIds).toEqual(
      [...wrongPositions].map((position) => set.questions[position - 1]?.id ?? '?'),
    )
    const first = await expectPage(await browser.get(`/attempts/${retryId}/q/1`), 200)
    expect(visibleText(first)).toContain('Question 1 of 3')
    expect(visibleText(first)).toContain(set.questions[1]?.prompt ?? '?')
    await expectPage(await browser.get(`/attempts/${retryId}/q/4`), 404)

    // The start page's resume button counts the retry's own questions, not the whole set's.
    const quizPage = visibleText(await (await browser.get(`/quiz/${slug}`)).text())
    expect(quizPage).toContain('Resume (0 of 3 answered)')
  })

  it('refuses a retry when nothing was missed', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    for (let position = 1; position <= set.questions.length; position++)
      await answerByForm(browser, attemptId, position, true)
    const html = await expectPage(
      await browser.postForm(`/quiz/${slug}/start`, { missedFrom: attemptId }),
      400,
    )
    expect(visibleText(html)).toContain('There are no questions to practise.')
  })

  it('refuses a retry of another set, of another learner, or of a made-up id', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    await answerByForm(browser, attemptId, 1, false)
    await expectPage(await browser.postForm('/quiz/tokayev-at-spief/start', { missedFrom: attemptId }), 400)
    await expectPage(await new Browser().postForm(`/quiz/${slug}/start`, { missedFrom: attemptId }), 404)
    await expectPage(await browser.postForm(`/quiz/${slug}/start`, { missedFrom: 'not-a-uuid' }), 404)
  })
})
