import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { quizSets } from '../../src/db/schema'
import {
  Browser,
  correctAnswer,
  expectApiError,
  expectPage,
  formFieldsFor,
  publicIdOf,
  questionOf,
  visibleText,
} from '../support/helpers'
import { TestPlatform } from '../support/lti-platform'
import { createSet, db, idsOfType } from '../support/set-settings-helpers'
import { InstructorBrowser, sql } from '../support/studio-helpers'

/**
 * docs/learners.md ("Which sets learners see"): an attempt already started stays
 * playable to the end if its set goes private or is archived; only new starts
 * are refused. That holds for embedded and LTI attempts on both surfaces:
 * their pages and their answer API.
 */

const questionIds = idsOfType('single').slice(0, 3)

const frameAncestors = (response: Response) =>
  /frame-ancestors ([^;]+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]

function tokenOf(response: Response): string {
  expect(response.status).toBe(303)
  const token = /^\/embed\/a\/([A-Za-z0-9_-]{32})\/q\/1$/.exec(response.headers.get('location') ?? '')?.[1]
  if (!token) throw new Error(`no embed token in ${response.headers.get('location')}`)
  return token
}

/** The stored question ids of the only attempt of a set (each test has its own set). */
async function attemptQuestions(slug: string): Promise<string[]> {
  const row = await sql('select question_ids from attempts where set_slug = ?', slug).first<{
    question_ids: string
  }>()
  return JSON.parse(row?.question_ids ?? '[]') as string[]
}

async function hide(slug: string, how: 'private' | 'archived') {
  await db
    .update(quizSets)
    .set(how === 'private' ? { visibility: 'private' } : { archivedAt: new Date() })
    .where(eq(quizSets.slug, slug))
}

/** Answers position `position` through the embed page's no-JS form; returns the response. */
function answerByPage(browser: Browser, token: string, ids: string[], position: number) {
  const question = questionOf(ids[position - 1] ?? '')
  return browser.postForm(`/embed/a/${token}/q/${position}`, formFieldsFor(question, correctAnswer(question)))
}

function answerByApi(browser: Browser, token: string, ids: string[], position: number) {
  const question = questionOf(ids[position - 1] ?? '')
  return browser.postJson(`/api/embed/${token}/answers`, {
    questionId: publicIdOf(question.id),
    answer: correctAnswer(question),
  })
}

describe.each(['private', 'archived'] as const)('an embedded attempt whose set goes %s', (how) => {
  it('can still be finished on its pages and through its API, while new starts are refused', async () => {
    const slug = await createSet({ questionIds, embedAnywhere: true })
    const browser = new Browser()
    const token = tokenOf(await browser.postForm(`/embed/${slug}/start`, {}))
    const ids = await attemptQuestions(slug)
    expect((await answerByPage(browser, token, ids, 1)).status).toBe(303)
    await hide(slug, how)

    const page = await browser.get(`/embed/a/${token}/q/2`)
    await expectPage(page, 200)
    expect(frameAncestors(page)).toBe('*')
    expect((await answerByPage(browser, token, ids, 2)).status).toBe(303)
    expect((await answerByApi(browser, token, ids, 3)).status).toBe(200)
    const results = await expectPage(await browser.get(`/embed/a/${token}/results`), 200)
    expect(visibleText(results)).toContain('3 of 3')

    await expectPage(await browser.get(`/embed/${slug}`), 404)
    await expectPage(await browser.postForm(`/embed/${slug}/start`, {}), 404)
  })
})

describe('an embedded attempt whose set stops allowing embedding', () => {
  it('is closed on its pages and its API alike (404)', async () => {
    const slug = await createSet({ questionIds, embedAnywhere: true })
    const browser = new Browser()
    const token = tokenOf(await browser.postForm(`/embed/${slug}/start`, {}))
    const ids = await attemptQuestions(slug)
    await db
      .update(quizSets)
      .set({ embedPolicy: { anywhere: false, origins: [] } })
      .where(eq(quizSets.slug, slug))
    await expectPage(await browser.get(`/embed/a/${token}/q/1`), 404)
    await expectApiError(await answerByApi(browser, token, ids, 1), 404, 'not_found')
    expect(
      await sql(
        'select count(*) as n from responses r join attempts a on a.id = r.attempt_id where a.set_slug = ?',
        slug,
      ).first<{ n: number }>(),
    ).toEqual({ n: 0 })
  })
})

describe('an LTI attempt whose set goes private', () => {
  let platform: TestPlatform
  beforeAll(async () => {
    platform = await TestPlatform.create()
    platform.install()
    await platform.register(new InstructorBrowser())
  })
  afterAll(() => {
    vi.unstubAllGlobals()
  })

  it('resumes on a relaunch, and its page and API both take answers; a new learner is refused', async () => {
    const slug = await createSet({ questionIds, embedAnywhere: true })
    const learner = new Browser()
    const claims = (sub: string) => (nonce: string) => ({
      ...platform.resourceLink(nonce, slug, `link-${slug}`),
      sub,
    })
    const first = tokenOf(await platform.loginAndLaunch(learner, claims('user-private')))
    const ids = await attemptQuestions(slug)
    expect((await answerByApi(learner, first, ids, 1)).status).toBe(200)
    await hide(slug, 'private')

    const second = tokenOf(await platform.loginAndLaunch(learner, claims('user-private')))
    await expectPage(await learner.get(`/embed/a/${second}/q/2`), 200)
    expect((await answerByPage(learner, second, ids, 2)).status).toBe(303)
    expect((await answerByApi(learner, second, ids, 3)).status).toBe(200)
    await expectPage(await learner.get(`/embed/a/${second}/results`), 200)

    const refused = await platform.loginAndLaunch(new Browser(), claims('user-new'))
    const html = await expectPage(refused, 404)
    expect(visibleText(html)).toContain('Reason: no_quiz')
  })
})
