import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { createDb } from '../../src/db/client'
import {
  attempts,
  learners,
  ltiLaunches,
  ltiPlatforms,
  passkeys,
  questions,
  regrades,
} from '../../src/db/schema'
import { allQuestions, Browser, ORIGIN } from '../support/helpers'
import { addSource } from '../support/source-helpers'
import { freshEmail, InstructorBrowser, sql } from '../support/studio-helpers'
import { newSet, ownQuestionIds, trueFalseForm } from '../support/studio-sets-helpers'

/**
 * The only studio routes anyone may use without a session: signing in, up
 * and out. Kept here on purpose rather than imported from src/, so making a
 * studio route public takes a change to this test too.
 */
const SIGNED_OUT_ROUTES = [
  'GET /studio/signin',
  'POST /studio/signin',
  'GET /studio/signup',
  'POST /studio/signup',
  'POST /studio/signout',
  'POST /studio/signout-everywhere',
  'POST /studio/signin/passkey/options',
  'POST /studio/signin/passkey',
]

type Route = { method: string; path: string; key: string }

/**
 * Every studio page and API route the app answers, once per method and path,
 * read from the app itself so a route added anywhere is checked. Middleware
 * (`use`) appear in `app.routes` as `ALL` entries on wildcard paths; an `all()`
 * route on a plain path is checked as a GET.
 */
function studioRoutes(): Route[] {
  const routes = new Map<string, Route>()
  for (const { method, path } of app.routes) {
    if (path.endsWith('*') || !/^\/(api\/)?studio(\/|$)/.test(path)) continue
    const verb = method === 'ALL' ? 'GET' : method
    const key = `${verb} ${path}`
    routes.set(key, { method: verb, path, key })
  }
  return [...routes.values()].sort((a, b) => a.key.localeCompare(b.key))
}

const routes = studioRoutes()
const guarded = routes.filter((route) => !SIGNED_OUT_ROUTES.includes(route.key))
/** Routes whose address names something (a set, a question, a platform, a launch). */
const naming = guarded.filter((route) => route.path.includes('/:'))

/** What instructor A owns, to put in the routes' parameters. */
type Owned = {
  slug: string
  questionId: string
  platformId: string
  launchId: string
  passkeyId: string
  liveSessionId: string
  sourceId: string
  regradeId: string
}

/** The route's address with its parameters filled in with A's things. */
function addressOf(path: string, owned: Owned): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => {
    if (name === 'slug') return owned.slug
    if (name === 'launchId') return owned.launchId
    if (name === 'n') return '1'
    if (name === 'id' && path.startsWith('/studio/sources/')) return owned.sourceId
    if (name === 'passkeyId') return owned.passkeyId
    if (name === 'regradeId') return owned.regradeId
    if (name === 'sessionId') return owned.liveSessionId
    if (name === 'id') return path.startsWith('/studio/lti/') ? owned.platformId : owned.questionId
    throw new Error(`${path}: the guard test has no value for :${name}; add one of instructor A's`)
  })
}

/** One request of `browser` to a route: an empty same-origin form post for anything but GET. */
function request(browser: Browser, route: Route, owned: Owned): Promise<Response> {
  const address = addressOf(route.path, owned)
  // A WebSocket route answers an upgrade (101 for its owner), so the guard asks for one.
  if (route.path.endsWith('/ws')) return browser.fetch(address, { headers: { upgrade: 'websocket' } })
  if (route.method === 'GET' || route.method === 'HEAD')
    return browser.fetch(address, { method: route.method })
  return browser.fetch(address, {
    method: route.method,
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  })
}

/** Gives instructor A a platform and a launch on it through the schema (no LMS needed to name them). */
async function insertPlatformAndLaunch(
  ownerId: string,
  slug: string,
): Promise<Omit<Owned, 'slug' | 'questionId' | 'passkeyId' | 'liveSessionId' | 'sourceId' | 'regradeId'>> {
  const db = createDb(env.DB)
  const platformId = crypto.randomUUID()
  const learnerId = crypto.randomUUID()
  const attemptId = crypto.randomUUID()
  const launchId = crypto.randomUUID()
  const issuer = `https://lms-${platformId.slice(0, 8)}.test`
  await db.insert(ltiPlatforms).values({
    id: platformId,
    ownerId,
    name: 'Guard test LMS',
    issuer,
    clientId: `guard-client-${platformId}`,
    authLoginUrl: `${issuer}/auth`,
    authTokenUrl: `${issuer}/token`,
    jwksUrl: `${issuer}/jwks`,
    createdAt: new Date(),
  })
  await db.insert(learners).values({ id: learnerId })
  await db.insert(attempts).values({
    id: attemptId,
    setSlug: slug,
    learnerId,
    questionIds: [allQuestions[0]?.id ?? ''],
    seed: 'guard',
    startedAt: new Date(),
  })
  await db.insert(ltiLaunches).values({
    id: launchId,
    attemptId,
    platformId,
    deploymentId: 'deployment-1',
    userSub: 'learner-1',
    resourceLinkId: 'link-1',
    createdAt: Date.now(),
  })
  return { platformId, launchId }
}

/** A finished regrade of A's question, logged as the studio logs one (its page is then A's to read). */
async function insertRegrade(instructorId: string, setSlug: string, questionId: string): Promise<string> {
  const [question] = await createDb(env.DB).select().from(questions).where(eq(questions.id, questionId))
  const id = crypto.randomUUID()
  if (!question) throw new Error('the question was not saved')
  await createDb(env.DB)
    .insert(regrades)
    .values({
      id,
      setSlug,
      questionId,
      mode: 'full_marks',
      oldBody: question.body,
      newBody: { ...question.body, fullMarks: true },
      reason: 'Guard test',
      instructorId,
      createdAt: Date.now(),
      status: 'done',
    })
  return id
}

describe('the studio guard, over every registered studio route', () => {
  const a = new InstructorBrowser()
  const b = new InstructorBrowser()
  let owned: Owned

  beforeAll(async () => {
    const email = freshEmail('owner-a')
    await a.signUp(email)
    await b.signUp(freshEmail('other-b'))
    const slug = await newSet(a, 'A private draft')
    const saved = await a.postForm(`/studio/sets/${slug}/questions/new`, trueFalseForm())
    expect(saved.status).toBe(303)
    const [questionId = ''] = await ownQuestionIds(slug)
    const ownerId = (await sql('select id from instructors where email = ?', email).first<{ id: string }>())
      ?.id
    const passkeyId = `guard-passkey-${crypto.randomUUID()}`
    await createDb(env.DB)
      .insert(passkeys)
      .values({
        id: passkeyId,
        instructorId: ownerId ?? '',
        name: 'Guard test passkey',
        publicKey: 'AA',
        counter: 0,
        transports: [],
        createdAt: Date.now(),
      })
    const live = await a.postForm('/studio/live', { set: 'tokayev-at-spief', seconds: '20' })
    const liveSessionId = (live.headers.get('location') ?? '').split('/').pop() ?? ''
    const sourceId = await addSource(a)
    const regradeId = await insertRegrade(ownerId ?? '', slug, questionId)
    owned = {
      slug,
      questionId,
      passkeyId,
      liveSessionId,
      sourceId,
      regradeId,
      ...(await insertPlatformAndLaunch(ownerId ?? '', slug)),
    }
  })

  it('finds the studio routes, the signed-out ones among them', () => {
    expect(guarded.length).toBeGreaterThan(30)
    expect(routes.map((route) => route.key)).toEqual(expect.arrayContaining(SIGNED_OUT_ROUTES))
    expect(guarded.map((route) => route.key)).toEqual(
      expect.arrayContaining(['GET /studio', 'GET /api/studio/me', 'GET /studio/sets/:slug/results']),
    )
  })

  it('sends an anonymous visitor to sign in on every page, and answers 401 JSON on the API', async () => {
    const unguarded: string[] = []
    for (const route of guarded) {
      const response = await request(new Browser(), route, owned)
      const location = response.headers.get('location') ?? ''
      if (route.path.startsWith('/api/')) {
        const json = response.headers.get('content-type')?.includes('json')
        const body = json ? ((await response.json()) as { error?: { code?: string } }) : null
        if (response.status !== 401 || body?.error?.code !== 'unauthorized')
          unguarded.push(`${route.key}: ${response.status}`)
      } else if (response.status !== 303 || !/^\/studio\/signin(\?next=|$)/.test(location))
        unguarded.push(`${route.key}: ${response.status} ${location}`)
    }
    expect(unguarded).toEqual([])
  })

  it('opens the sign-in and sign-up pages without a session', async () => {
    for (const path of ['/studio/signin', '/studio/signup'])
      expect((await new Browser().get(path)).status, path).toBe(200)
  })

  it("answers A's own pages to A, so the 404s below are about ownership", async () => {
    const failures: string[] = []
    for (const route of naming.filter((candidate) => candidate.method === 'GET')) {
      const response = await request(a, route, owned)
      const expected = route.path.endsWith('/ws') ? 101 : 200
      if (response.status !== expected) failures.push(`${route.key}: ${response.status}`)
    }
    expect(failures).toEqual([])
  })

  it("answers 404 to another signed-in instructor on every route that names A's set or platform", async () => {
    const leaks: string[] = []
    for (const route of naming) {
      const response = await request(b, route, owned)
      if (response.status !== 404) leaks.push(`${route.key}: ${response.status}`)
    }
    expect(leaks).toEqual([])
    const still = await sql(
      'select archived_at, published_version from quiz_sets where slug = ?',
      owned.slug,
    ).first()
    expect(still).toEqual({ archived_at: null, published_version: null })
    expect(await sql('select id from passkeys where id = ?', owned.passkeyId).first()).not.toBeNull()
  })
})
