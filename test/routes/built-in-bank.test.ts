import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { createDb } from '../../src/db/client'
import { sources } from '../../src/db/schema'
import { CountingD1 } from '../support/counting-d1'
import { bank, expectPage, ORIGIN, publicIdOf, setOf, visibleText } from '../support/helpers'
import { createSet, instructorId } from '../support/set-settings-helpers'

/**
 * The bank's sets, questions and sources are built into the Worker: the quiz
 * list, a bank set's page and its JSON cost an anonymous visitor no D1 query.
 */

const slug = 'pipeline-and-oil'
const set = setOf(slug)
const instructorSet = await createSet({ title: 'Built-in test: public instructor set' })

/** The app, run with `d1` as its database binding. */
const request = (d1: D1Database, path: string, headers: Record<string, string> = {}) =>
  app.request(new URL(path, ORIGIN).toString(), { headers }, { ...env, DB: d1 })

describe('without D1', () => {
  it("serves a bank set's page with no D1 query", async () => {
    const d1 = new CountingD1(env.DB)
    d1.refuse = true
    const text = visibleText(await expectPage(await request(d1, `/quiz/${slug}`), 200))
    expect(text).toContain(set.title)
    expect(text).toContain(`${set.questions.length} questions`)
    expect(d1.statements).toEqual([])
  })

  it('serves the quiz list with no D1 query once the instructors’ sets were read in this isolate', async () => {
    const d1 = new CountingD1(env.DB)
    // The first anonymous list reads the public instructor sets (and their sources) in one batch.
    expect((await request(d1, '/')).status).toBe(200)
    expect(d1.statements.length).toBeGreaterThan(0)
    d1.reset()
    d1.refuse = true
    const text = visibleText(await expectPage(await request(d1, '/'), 200))
    for (const quizSet of bank.sets) {
      expect(text).toContain(quizSet.title)
      expect(text).toContain(`${quizSet.questions.length} questions`)
    }
    for (const source of bank.sources) expect(text).toContain(source.title)
    expect(text).toContain('Built-in test: public instructor set')
    const api = await request(d1, '/api/quizzes')
    expect(api.status).toBe(200)
    const { quizzes } = (await api.json()) as { quizzes: { slug: string; questionCount: number }[] }
    expect(quizzes.map((quiz) => quiz.slug)).toEqual([
      ...bank.sets.map((quizSet) => quizSet.slug),
      instructorSet,
    ])
    expect(d1.statements).toEqual([])
  })

  it("serves a bank set's JSON with no D1 query once the server key was read in this isolate", async () => {
    const d1 = new CountingD1(env.DB)
    expect((await request(d1, `/api/quizzes/${slug}`)).status).toBe(200)
    // Only the server key, for the questions' learner ids and the preview's shuffle.
    expect(d1.statements.length).toBeGreaterThan(0)
    for (const statement of d1.statements) expect(statement).toContain('"app_secrets"')
    d1.reset()
    d1.refuse = true
    const response = await request(d1, `/api/quizzes/${slug}`)
    expect(response.status).toBe(200)
    const { quiz } = (await response.json()) as { quiz: { title: string; questions: { id: string }[] } }
    expect(quiz.title).toBe(set.title)
    expect(quiz.questions.map((question) => question.id)).toEqual(
      set.questions.map((question) => publicIdOf(question.id)),
    )
    expect(d1.statements).toEqual([])
  })

  it('still reads D1 for a learner with a cookie, who may have an attempt to resume', async () => {
    const d1 = new CountingD1(env.DB)
    await request(d1, '/')
    d1.reset()
    expect((await request(d1, '/', { cookie: `cited_learner=${crypto.randomUUID()}` })).status).toBe(200)
    // The instructors' sets are read fresh for anyone with a cookie.
    expect(d1.statements.length).toBeGreaterThan(0)
  })
})

describe('ETag', () => {
  it.each(['/', `/quiz/${slug}`, '/api/quizzes', `/api/quizzes/${slug}`])(
    '%s answers 304 to a matching If-None-Match',
    async (path) => {
      const first = await request(env.DB, path)
      expect(first.status).toBe(200)
      const etag = first.headers.get('etag')
      expect(etag).toMatch(/^"[\w-]{22}"$/)
      const again = await request(env.DB, path, { 'if-none-match': etag ?? '' })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
      expect(again.headers.get('etag')).toBe(etag)
      expect(again.headers.get('cache-control')).toBe('public, max-age=60')
      expect(again.headers.get('vary')).toMatch(/\bCookie\b/i)
      // A proxy that compressed the body sends the tag back weak: still a match.
      expect((await request(env.DB, path, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304)
      const changed = await request(env.DB, path, { 'if-none-match': '"something-else"' })
      expect(changed.status).toBe(200)
      expect(await changed.text()).toBe(await first.text())
    },
  )

  it('is never given to a personalised response', async () => {
    const response = await request(env.DB, `/quiz/${slug}`, {
      cookie: `cited_learner=${crypto.randomUUID()}`,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('etag')).toBeNull()
  })
})

describe('sources on the quiz list', () => {
  it("lists the bank's sources and those of listed sets, not an instructor's other sources", async () => {
    const title = `Built-in test: an instructor's own source ${crypto.randomUUID()}`
    await createDb(env.DB)
      .insert(sources)
      .values({
        id: `own-${crypto.randomUUID().slice(0, 8)}`,
        title,
        outlet: 'Class notes',
        author: 'An instructor',
        date: '2024-01-01',
        kind: 'article',
        reliability: 'Unchecked.',
        ownerId: instructorId,
      })
    const text = visibleText(await expectPage(await request(new CountingD1(env.DB), '/'), 200))
    for (const source of bank.sources) expect(text).toContain(source.title)
    expect(text).not.toContain(title)
  })
})
