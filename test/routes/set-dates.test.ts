import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { quizSets } from '../../src/db/schema'
import type { SetSettings } from '../../src/quiz/set-settings'
import {
  type ApiAttempt,
  Browser,
  correctAnswer,
  expectApiError,
  expectPage,
  formFieldsFor,
  publicIdOf,
  storedAttempt,
  visibleText,
} from '../support/helpers'
import {
  createSet,
  db,
  expireAttempt,
  idsOfType,
  questionAt,
  startSet,
} from '../support/set-settings-helpers'

/** Opening and closing dates and the grace period, as learners meet them on pages, the API and embeds. */

const MINUTE = 60_000
const questionIds = idsOfType('single').slice(0, 3)

const datedSet = (settings: Partial<SetSettings>) => createSet({ questionIds, settings, embedAnywhere: true })

/** Moves the draft's dates (which apply at once, without publishing). */
async function setDraftDates(slug: string, dates: Partial<SetSettings>) {
  const [row] = await db.select({ settings: quizSets.settings }).from(quizSets).where(eq(quizSets.slug, slug))
  await db
    .update(quizSets)
    .set({ settings: { ...row?.settings, ...dates } })
    .where(eq(quizSets.slug, slug))
}

describe('before the set opens', () => {
  it('says when it opens in the learner’s time zone, and offers no Start', async () => {
    const opensAt = Date.UTC(2099, 0, 5, 9, 30)
    const slug = await datedSet({ opensAt })
    const browser = new Browser()
    browser.cookies.set('cited_tz', 'Asia/Almaty')
    const html = await expectPage(await browser.get(`/quiz/${slug}`), 200)
    const text = visibleText(html)
    expect(text).toContain('This quiz opens on 5 Jan 2099, 14:30')
    expect(text).toContain('Days and times are in your time zone (Asia/Almaty)')
    expect(html).not.toContain(`action="/quiz/${slug}/start"`)
  })

  it('refuses a start from the form with a 403 that says when, never a 500', async () => {
    const slug = await datedSet({ opensAt: Date.now() + 60 * MINUTE })
    const html = await expectPage(await new Browser().postForm(`/quiz/${slug}/start`, {}), 403)
    expect(visibleText(html)).toContain('This quiz opens on')
  })

  it('refuses a start through the JSON API with 403 not_open', async () => {
    const slug = await datedSet({ opensAt: Date.now() + 60 * MINUTE })
    const { error } = await expectApiError(
      await new Browser().postJson('/api/attempts', { quiz: slug }),
      403,
      'not_open',
    )
    expect(error.message).toMatch(/^This quiz opens on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/)
  })

  it('refuses a start from an embed the same way', async () => {
    const slug = await datedSet({ opensAt: Date.now() + 60 * MINUTE })
    const page = visibleText(await expectPage(await new Browser().get(`/embed/${slug}`), 200))
    expect(page).toContain('This quiz opens on')
    await expectPage(await new Browser().postForm(`/embed/${slug}/start`, {}), 403)
  })

  it('lets learners start once the opening has passed', async () => {
    const slug = await datedSet({ opensAt: Date.now() - MINUTE, closesAt: Date.now() + 60 * MINUTE })
    const text = visibleText(await expectPage(await new Browser().get(`/quiz/${slug}`), 200))
    expect(text).toContain('Open until')
    await startSet(new Browser(), slug)
  })
})

describe('after the set closes', () => {
  it('says it closed and refuses new attempts on the page, the form and the API', async () => {
    const slug = await datedSet({ closesAt: Date.now() - MINUTE })
    const html = await expectPage(await new Browser().get(`/quiz/${slug}`), 200)
    expect(visibleText(html)).toContain('This quiz closed on')
    expect(html).not.toContain(`action="/quiz/${slug}/start"`)
    expect(
      visibleText(await expectPage(await new Browser().postForm(`/quiz/${slug}/start`, {}), 403)),
    ).toContain('no new attempts can be started')
    await expectApiError(await new Browser().postJson('/api/attempts', { quiz: slug }), 403, 'closed')
  })

  it('applies a closing date set on the draft at once, without publishing', async () => {
    const slug = await datedSet({})
    await setDraftDates(slug, { closesAt: Date.now() - MINUTE })
    await expectApiError(await new Browser().postJson('/api/attempts', { quiz: slug }), 403, 'closed')
  })

  it('offers no new attempt on the results page once closed', async () => {
    const slug = await datedSet({ closesAt: Date.now() + 60 * MINUTE })
    const browser = new Browser()
    const { id, questionIds: asked } = await startSet(browser, slug)
    for (const position of asked.keys()) {
      const question = questionAt(asked, position + 1)
      await browser.postForm(
        `/attempts/${id}/q/${position + 1}`,
        formFieldsFor(question, correctAnswer(question)),
      )
    }
    await setDraftDates(slug, { closesAt: Date.now() - MINUTE })
    const html = await expectPage(await browser.get(`/attempts/${id}/results`), 200)
    expect(html).not.toContain(`action="/quiz/${slug}/start"`)
  })
})

describe('an attempt in progress at the closing', () => {
  it('gets the closing plus grace as its deadline when that comes before its time limit', async () => {
    const closesAt = Date.now() + 5 * MINUTE
    const slug = await datedSet({ closesAt, graceMinutes: 10, timeLimitMinutes: 60 })
    const { id } = await startSet(new Browser(), slug)
    expect((await storedAttempt(id)).deadline).toBe(closesAt + 10 * MINUTE)
  })

  it('keeps its time limit when that ends first', async () => {
    const slug = await datedSet({
      closesAt: Date.now() + 600 * MINUTE,
      graceMinutes: 10,
      timeLimitMinutes: 20,
    })
    const before = Date.now()
    const { id } = await startSet(new Browser(), slug)
    const { deadline, startedAt } = await storedAttempt(id)
    expect(deadline).toBe(startedAt.getTime() + 20 * MINUTE)
    expect(startedAt.getTime()).toBeGreaterThanOrEqual(before)
  })

  it('takes answers during the grace period after the closing, then refuses them as time_up', async () => {
    const slug = await datedSet({ closesAt: Date.now() + 5 * MINUTE, graceMinutes: 15 })
    const browser = new Browser()
    const attempt: ApiAttempt = await browser.startApi(slug)
    // The set closes: nobody new may start, but the attempt runs on through its grace.
    await setDraftDates(slug, { closesAt: Date.now() - MINUTE })
    await expectApiError(await new Browser().postJson('/api/attempts', { quiz: slug }), 403, 'closed')
    const [first, second] = (await storedAttempt(attempt.id)).questionIds.map((id) => questionAt([id], 1))
    if (!first || !second) throw new Error('two questions expected')
    const answered = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: publicIdOf(first.id),
      answer: correctAnswer(first),
    })
    expect(answered.status).toBe(200)
    // The grace is over.
    await expireAttempt(attempt.id)
    const { error } = await expectApiError(
      await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
        questionId: publicIdOf(second.id),
        answer: correctAnswer(second),
      }),
      409,
      'time_up',
    )
    expect(error.message).toContain('This quiz has closed')
    expect((await storedAttempt(attempt.id)).completedAt).not.toBeNull()
  })
})
