import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { quizSets } from '../../src/db/schema'
import { Browser, bank, expectApiError, expectPage, storedAttempt, visibleText } from '../support/helpers'
import { createSet, db, idsOfType, publishVersion, startSet } from '../support/set-settings-helpers'

/** Which instructor sets learners can find, open and start; and which version they get. */

const publicSet = await createSet({ title: 'Public published set' })
const unlistedSet = await createSet({
  title: 'Unlisted published set',
  visibility: 'unlisted',
  embedAnywhere: true,
})
const privateSet = await createSet({
  title: 'Private published set',
  visibility: 'private',
  embedAnywhere: true,
})
const draftSet = await createSet({ title: 'Never published draft', published: false, embedAnywhere: true })
const archivedSet = await createSet({ title: 'Archived published set', archived: true })

type ListedQuiz = { slug: string; title: string; questionCount: number; settings: { passMark: number } }

describe('listing', () => {
  it('shows the bank and published public sets on the home page, and nothing else', async () => {
    const text = visibleText(await expectPage(await new Browser().get('/'), 200))
    for (const set of bank.sets) expect(text).toContain(set.title)
    expect(text).toContain('Quizzes from instructors')
    expect(text).toContain('Public published set')
    for (const hidden of ['Unlisted published', 'Private published', 'Never published', 'Archived published'])
      expect(text).not.toContain(hidden)
    // The draft's edits are not what learners see: the published version's title is.
    expect(text).not.toContain('(draft edits)')
  })

  it('lists the same sets in GET /api/quizzes, with their settings', async () => {
    const response = await new Browser().get('/api/quizzes')
    expect(response.status).toBe(200)
    const { quizzes } = (await response.json()) as { quizzes: ListedQuiz[] }
    const slugs = quizzes.map((quiz) => quiz.slug)
    expect(slugs).toEqual([...bank.sets.map((set) => set.slug), publicSet])
    const listed = quizzes.find((quiz) => quiz.slug === publicSet)
    expect(listed?.title).toBe('Public published set')
    expect(listed?.questionCount).toBe(4)
    expect(listed?.settings.passMark).toBe(60)
  })
})

describe('opening by link', () => {
  it('opens public and unlisted sets at /quiz/:slug', async () => {
    for (const slug of [publicSet, unlistedSet]) {
      const html = await expectPage(await new Browser().get(`/quiz/${slug}`), 200)
      expect(visibleText(html)).toContain('4 questions')
    }
  })

  it('answers private, never published and archived sets with the 404 of a missing set', async () => {
    const missing = visibleText(await expectPage(await new Browser().get('/quiz/no-such-set'), 404))
    for (const slug of [privateSet, draftSet, archivedSet]) {
      const browser = new Browser()
      expect(visibleText(await expectPage(await browser.get(`/quiz/${slug}`), 404))).toBe(missing)
      await expectPage(await browser.postForm(`/quiz/${slug}/start`, {}), 404)
      await expectApiError(await browser.get(`/api/quizzes/${slug}`), 404, 'not_found')
      await expectApiError(await browser.postJson('/api/attempts', { quiz: slug }), 404, 'not_found')
    }
  })

  it('embeds an unlisted set, but not a private or unpublished one', async () => {
    await expectPage(await new Browser().get(`/embed/${unlistedSet}`), 200)
    for (const slug of [privateSet, draftSet]) {
      await expectPage(await new Browser().get(`/embed/${slug}`), 404)
      await expectPage(await new Browser().postForm(`/embed/${slug}/start`, {}), 404)
    }
  })

  it("keeps an instructor set's questions out of GET /api/quizzes/:slug (they belong to attempts)", async () => {
    const response = await new Browser().get(`/api/quizzes/${unlistedSet}`)
    expect(response.status).toBe(200)
    const { quiz } = (await response.json()) as { quiz: Record<string, unknown> }
    expect(quiz.title).toBe('Unlisted published set')
    expect(quiz).not.toHaveProperty('questions')
  })
})

describe('versions', () => {
  it('starts attempts on the published version and records it', async () => {
    const browser = new Browser()
    const { id, questionIds } = await startSet(browser, publicSet)
    expect(questionIds).toEqual(idsOfType('single').slice(0, 4))
    expect((await storedAttempt(id)).setVersion).toBe(1)
  })

  it('keeps v1 for an attempt in progress after v2 is published; new attempts get v2', async () => {
    const v1 = idsOfType('single').slice(0, 3)
    const v2 = idsOfType('true_false').slice(0, 2)
    const slug = await createSet({ title: 'Versioned set v1', questionIds: v1 })
    const browser = new Browser()
    const first = await startSet(browser, slug)
    expect(first.questionIds).toEqual(v1)

    await publishVersion(slug, 2, v2, { feedback: 'end' }, 'Versioned set v2')
    // The v1 attempt still shows v1's questions, title and settings (feedback after each answer).
    const page = visibleText(await expectPage(await browser.get(`/attempts/${first.id}/q/3`), 200))
    expect(page).toContain('Question 3 of 3')
    expect(page).toContain('Versioned set v1')
    expect((await storedAttempt(first.id)).setVersion).toBe(1)

    const quizPage = visibleText(await expectPage(await browser.get(`/quiz/${slug}`), 200))
    expect(quizPage).toContain('Versioned set v2')
    expect(quizPage).toContain('Resume (0 of 3 answered)')
    const second = await startSet(browser, slug)
    expect(second.questionIds).toEqual(v2)
    const stored = await storedAttempt(second.id)
    expect(stored.setVersion).toBe(2)
    expect(visibleText(await expectPage(await browser.get(`/attempts/${second.id}/q/1`), 200))).toContain(
      'Versioned set v2',
    )
  })

  it('lets an attempt in progress be finished after its set goes private', async () => {
    const slug = await createSet({ questionIds: idsOfType('single').slice(0, 1) })
    const browser = new Browser()
    const { id } = await startSet(browser, slug)
    await db.update(quizSets).set({ visibility: 'private' }).where(eq(quizSets.slug, slug))
    await expectPage(await browser.get(`/attempts/${id}/q/1`), 200)
    await expectPage(await browser.get(`/quiz/${slug}`), 404)
  })
})
