import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { createDb } from '../../src/db/client'
import { cards } from '../../src/db/schema'
import {
  Browser,
  correctAnswer,
  formFieldsFor,
  islandProps,
  publicIdOf,
  questionOfLearnerId,
  setOf,
  wrongAnswer,
} from '../support/helpers'
import { addSource } from '../support/source-helpers'
import type { InstructorBrowser } from '../support/studio-helpers'
import { instructor, newSet, ownQuestionIds, trueFalseForm } from '../support/studio-sets-helpers'

/**
 * Every page has exactly one heading of the first level (axe: page-has-heading-one).
 * The pages come from flows through the app, and every page route the app
 * registers must be among them, so a new page is checked without editing this test
 * (a route with a parameter this test cannot fill fails it, on purpose).
 */

const db = createDb(env.DB)
const SLUG = 'alliances-trade-sanctions'

/** Registered GET routes that answer with something other than a page. */
const NOT_PAGES = [
  /^\/api\//,
  /^\/healthz$/,
  /^\/embed\/:slug\/allowed$/,
  /^\/oembed$/,
  /^\/lti\/(jwks|login)$/,
  /\.(csv|gift|json|svg|zip)$/,
  // Uploaded images, by their hash.
  /^\/images\//,
  // WebSocket upgrades of live rooms.
  /\/ws$/,
]

const pageRoutes = () => {
  const paths = new Set<string>()
  for (const { method, path } of app.routes)
    if (
      (method === 'GET' || method === 'ALL') &&
      !path.endsWith('*') &&
      !NOT_PAGES.some((re) => re.test(path))
    )
      paths.add(path)
  return [...paths]
}

/** A route's path as a pattern of addresses (a parameter's own pattern, `{[0-9]{6}}`, may nest braces). */
const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/:\w+(\{(?:[^{}]|\{[^}]*\})*\})?/g, '[^/?]+')}(\\?.*)?$`)

type Visit = { address: string; browser: Browser; status?: number }

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length

async function finishQuiz(browser: Browser): Promise<string> {
  const attempt = await browser.startApi(SLUG)
  for (const [index, item] of attempt.items.entries()) {
    const question = questionOfLearnerId(item.question.id)
    await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: publicIdOf(question.id),
      answer: index % 2 ? correctAnswer(question) : wrongAnswer(question),
    })
  }
  return attempt.id
}

describe('one h1 per page', () => {
  const visits: Visit[] = []

  beforeAll(async () => {
    // Learner pages: home, a quiz, a question before and after answering, results.
    const learner = new Browser()
    const finished = await finishQuiz(learner)
    const open = await learner.start(SLUG)
    visits.push(
      { address: '/', browser: learner },
      { address: `/quiz/${SLUG}`, browser: learner },
      { address: `/attempts/${open}/q/1`, browser: learner },
      { address: `/attempts/${finished}/q/1`, browser: learner },
      { address: `/attempts/${finished}/results`, browser: learner },
      { address: `/attempts/${finished}/q/1/report`, browser: learner },
      { address: '/progress', browser: learner },
      { address: '/progress/wipe', browser: learner },
      { address: '/accommodation', browser: learner },
      { address: '/practice', browser: new Browser() },
      { address: '/no-such-page', browser: learner, status: 404 },
      // An LMS posts its launches; anything else gets the refusal page.
      { address: '/lti/launch', browser: learner, status: 404 },
    )
    // Practice: a due card, its question page and (after a no-JS answer) its feedback page.
    await db
      .update(cards)
      .set({ due: Date.now() - 1000 })
      .where(and(eq(cards.learnerId, learner.learnerId ?? '')))
    visits.push({ address: '/practice', browser: learner })
    const practice = (await (await learner.get('/api/practice/next')).json()) as {
      reviewId: string
      question: { id: string }
    }
    const question = questionOfLearnerId(practice.question.id)
    const posted = await learner.postForm('/practice', {
      reviewId: practice.reviewId,
      questionId: practice.question.id,
      ...formFieldsFor(question, correctAnswer(question)),
    })
    expect(posted.status).toBe(303)
    visits.push({ address: posted.headers.get('location') ?? '', browser: learner })

    // Embedded pages: the start page, a question, its feedback, the results.
    const embedded = new Browser()
    visits.push({ address: `/embed/${SLUG}`, browser: embedded })
    const started = await embedded.postForm(`/embed/${SLUG}/start`, {})
    const token = /\/embed\/a\/([^/]+)\//.exec(started.headers.get('location') ?? '')?.[1] ?? ''
    visits.push({ address: `/embed/a/${token}/q/1`, browser: embedded })
    for (let position = 1; position <= setOf(SLUG).questions.length; position++) {
      const html = await (await embedded.get(`/embed/a/${token}/q/${position}`)).text()
      const [props] = islandProps(html, 'answer-form') as { question: { id: string } }[]
      if (!props) throw new Error(`no answer form on question ${position}`)
      const shown = questionOfLearnerId(props.question.id)
      const answered = await embedded.postJson(`/api/embed/${token}/answers`, {
        questionId: props.question.id,
        answer: correctAnswer(shown),
      })
      expect(answered.status).toBe(200)
    }
    // An answered question shows its feedback.
    visits.push({ address: `/embed/a/${token}/q/1`, browser: embedded })
    visits.push({ address: `/embed/a/${token}/results`, browser: embedded })
    visits.push({ address: `/embed/a/${token}/q/1/report`, browser: embedded })

    // Studio pages, signed out and in, with a set holding one question of its own.
    visits.push(
      { address: '/studio/signin', browser: new Browser() },
      { address: '/studio/signup', browser: new Browser() },
    )
    const teacher: InstructorBrowser = await instructor('h1')
    const slug = await newSet(teacher, 'Headings')
    expect((await teacher.postForm(`/studio/sets/${slug}/questions/new`, trueFalseForm())).status).toBe(303)
    const [questionId = ''] = await ownQuestionIds(slug)
    const sourceId = await addSource(teacher)
    // A regrade of the set's question, previewed and confirmed as the studio does it.
    const regradeBase = `/studio/sets/${slug}/questions/${questionId}/regrade`
    const preview = await (
      await teacher.postForm(`${regradeBase}/preview`, { mode: 'full_marks', reason: 'Headings' })
    ).text()
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(preview)?.[1] ?? ''
    const confirmed = await teacher.postForm(regradeBase, {
      regrade_id: hidden('regrade_id'),
      basis: hidden('basis'),
      mode: 'full_marks',
      reason: 'Headings',
    })
    const regradeId = (confirmed.headers.get('location') ?? '').split('/').pop()?.split('?')[0] ?? ''
    const liveStarted = await teacher.postForm('/studio/live', { set: SLUG, seconds: '20' })
    const liveSessionId = (liveStarted.headers.get('location') ?? '').split('/').pop() ?? ''
    const pin =
      /\b(\d{6})\b/.exec(await (await teacher.get(`/studio/live/${liveSessionId}`)).text())?.[1] ?? ''
    // A player's pages: the join form, then the room's page once seated.
    const player = new Browser()
    visits.push({ address: '/live', browser: player })
    expect((await player.postForm('/live', { pin, nickname: 'Headings' })).status).toBe(303)
    visits.push({ address: `/live/${pin}`, browser: player })
    for (const path of pageRoutes().filter(
      (candidate) => candidate.startsWith('/studio/') || candidate === '/studio',
    )) {
      if (path === '/studio/signin' || path === '/studio/signup') continue
      const address = path.replace(/:(\w+)/g, (_, name: string) => {
        if (name === 'slug') return slug
        if (name === 'sessionId') return liveSessionId
        if (name === 'n') return '1'
        if (name === 'regradeId') return regradeId
        if (name === 'id') return path.startsWith('/studio/sources/') ? sourceId : questionId
        throw new Error(`${path}: no value for :${name}`)
      })
      visits.push({ address, browser: teacher })
    }
  })

  it('visits every page route the app registers', () => {
    const missing = pageRoutes().filter(
      (path) => !visits.some((visit) => patternOf(path).test(visit.address)),
    )
    // /attempts/:id only redirects to the next question or the results.
    expect(missing.filter((path) => path !== '/attempts/:id')).toEqual([])
  })

  it('gives each of them exactly one h1', async () => {
    const wrong: string[] = []
    for (const visit of visits) {
      const response = await visit.browser.get(visit.address)
      expect(response.status, visit.address).toBe(visit.status ?? 200)
      const count = h1Count(await response.text())
      if (count !== 1) wrong.push(`${visit.address}: ${count}`)
    }
    expect(wrong).toEqual([])
  })
})
