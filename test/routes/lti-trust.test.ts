import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CLAIM, SCORE_SCOPE } from '../../src/lti/claims'
import {
  Browser,
  correctAnswer,
  decodeEntities,
  expectPage,
  ORIGIN,
  publicIdOf,
  questionOf,
  setOf,
  visibleText,
} from '../support/helpers'
import { type ScorePost, TestPlatform } from '../support/lti-platform'
import { createSet, expireAttempt } from '../support/set-settings-helpers'
import { freshEmail, InstructorBrowser, sql } from '../support/studio-helpers'

/**
 * Issue 9: an LMS's trust in Cited. Registrations cannot borrow another
 * school's issuer or client, access tokens only go to the platform that
 * issued them, Cited only calls https platform hosts and never shows what
 * they answered, and the launch and score flow follows LTI 1.3 / AGS.
 */

const SLUG = 'alliances-trade-sanctions'
const questions = setOf(SLUG).questions

let school: TestPlatform
let schoolOwner: InstructorBrowser

beforeAll(async () => {
  school = await TestPlatform.create()
  school.install()
  schoolOwner = new InstructorBrowser()
  await school.register(schoolOwner)
})
afterAll(() => {
  vi.unstubAllGlobals()
})

async function signedUpInstructor(): Promise<InstructorBrowser> {
  const instructor = new InstructorBrowser()
  await instructor.signUp(freshEmail('lti-trust'))
  return instructor
}

/** The embed token from a launch's redirect to question 1. */
function embedToken(response: Response): string {
  expect(response.status).toBe(303)
  const token = /^\/embed\/a\/([A-Za-z0-9_-]{32})\/q\/1$/.exec(response.headers.get('location') ?? '')?.[1]
  if (!token) throw new Error(`launch did not redirect into the quiz: ${response.headers.get('location')}`)
  return token
}

async function answerAll(learner: Browser, token: string, slugQuestions = questions.map((q) => q.id)) {
  for (const id of slugQuestions)
    await learner.postJson(`/api/embed/${token}/answers`, {
      questionId: publicIdOf(id),
      answer: correctAnswer(questionOf(id)),
    })
}

const completed = (posts: ScorePost[], userId: string) =>
  posts.filter((post) => {
    const body = post.body as { userId: string; activityProgress: string }
    return body.userId === userId && body.activityProgress === 'Completed'
  })

async function passback(userSub: string) {
  return sql(
    'select passback_status as status, passback_error as error, passback_tries as tries from lti_launches where user_sub = ?',
    userSub,
  ).first<{ status: string; error: string | null; tries: number }>()
}

async function expectRefusal(response: Response, status: number, reason: string) {
  const text = visibleText(await expectPage(response, status))
  expect(text).toContain(`Reason: ${reason}`)
  return text
}

const platformCount = async (where: string, ...params: string[]) =>
  (await sql(`select count(*) as n from lti_platforms where ${where}`, ...params).first<{ n: number }>())?.n

describe('a registration cannot borrow another school (items 1 and 17)', () => {
  it("refuses another school's client id with its token URL, under any issuer, and keeps the form", async () => {
    const attacker = await signedUpInstructor()
    const evil = await TestPlatform.create()
    evil.install()
    for (const tokenUrl of [school.urls.token, `${school.urls.token}?again=1`]) {
      const response = await attacker.postForm(
        '/studio/lti/platforms',
        evil.registration({ client_id: school.clientId, auth_token_url: tokenUrl }),
      )
      const html = await expectPage(response, 409)
      expect(visibleText(html)).toContain('A client belongs to one registration')
      // The form comes back as typed.
      expect(decodeEntities(html)).toContain(`value="${evil.issuer}"`)
      expect(decodeEntities(html)).toContain(`value="${tokenUrl}"`)
    }
    expect(await platformCount('client_id = ?', school.clientId)).toBe(1)
    expect(school.tokenRequests).toHaveLength(0)
  })

  it("refuses another instructor's issuer, and the school's logins without client_id keep working", async () => {
    const other = await signedUpInstructor()
    const response = await other.postForm(
      '/studio/lti/platforms',
      school.registration({ client_id: 'squatter-client' }),
    )
    const html = await expectPage(response, 409)
    expect(visibleText(html)).toContain('Another Cited instructor has registered this issuer')
    expect(decodeEntities(html)).toContain('value="squatter-client"')
    expect(await platformCount('issuer = ?', school.issuer)).toBe(1)

    const query = new URLSearchParams({
      iss: school.issuer,
      login_hint: 'u',
      target_link_uri: `${ORIGIN}/embed/${SLUG}`,
    })
    const login = await new Browser().get(`/lti/login?${query}`)
    expect(login.status).toBe(302)
    expect(new URL(login.headers.get('location') ?? '').searchParams.get('client_id')).toBe(school.clientId)
  })

  it('lets the issuer’s owner add a second client of it', async () => {
    const response = await schoolOwner.postForm(
      '/studio/lti/platforms',
      school.registration({ name: 'Second tool', client_id: `${school.clientId}-2` }),
    )
    expect(response.status).toBe(303)
    await sql('delete from lti_platforms where client_id = ?', `${school.clientId}-2`).run()
  })
})

describe('an access token only goes to the platform (item 1)', () => {
  it('sends no score, and asks for no token, when a launch names a line item on another host', async () => {
    const evil = await TestPlatform.create()
    evil.install()
    const learner = new Browser()
    const tokensBefore = school.tokenRequests.length
    const claims = (nonce: string) => {
      const base = school.resourceLink(nonce, SLUG, 'link-foreign-line-item')
      return {
        ...base,
        sub: 'user-foreign-line-item',
        [CLAIM.ags]: { scope: [SCORE_SCOPE], lineitem: evil.urls.lineItem },
      }
    }
    const token = embedToken(await school.loginAndLaunch(learner, claims))
    await answerAll(learner, token)
    await vi.waitFor(async () => expect((await passback('user-foreign-line-item'))?.status).toBe('failed'))
    expect(school.tokenRequests.length).toBe(tokensBefore)
    expect(evil.scorePosts).toHaveLength(0)
    expect((await passback('user-foreign-line-item'))?.error).toContain(
      "not on this platform's registered hosts",
    )
  })
})

describe('a grade services address', () => {
  it("lets scores go to the school's own LMS host when the registration names it (Canvas Cloud)", async () => {
    const canvas = await TestPlatform.create()
    const schoolHost = await TestPlatform.create()
    canvas.install()
    schoolHost.install()
    const owner = new InstructorBrowser()
    await owner.signUp(freshEmail('canvas'))
    const registered = await owner.postForm(
      '/studio/lti/platforms',
      canvas.registration({ services_url: schoolHost.issuer }),
    )
    expect(registered.status).toBe(303)
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...canvas.resourceLink(nonce, SLUG, 'link-canvas'),
      sub: 'user-canvas',
      [CLAIM.ags]: { scope: [SCORE_SCOPE], lineitem: schoolHost.urls.lineItem },
    })
    await answerAll(learner, embedToken(await canvas.loginAndLaunch(learner, claims)))
    await vi.waitFor(() => expect(completed(schoolHost.scorePosts, 'user-canvas')).toHaveLength(1))
    expect(completed(schoolHost.scorePosts, 'user-canvas')[0]?.authorization).toMatch(/^Bearer access-/)
  })
})

describe('Cited only calls https platform hosts, with limits, and never shows their answers (item 9)', () => {
  it('refuses localhost, private addresses and plain http in a registration', async () => {
    const instructor = await signedUpInstructor()
    for (const [field, url] of [
      ['auth_token_url', 'http://localhost:8787/studio'],
      ['jwks_url', 'https://127.0.0.1:9000/keys'],
      ['auth_token_url', 'https://169.254.169.254/latest/meta-data'],
      ['jwks_url', 'http://lms.example/certs.php'],
    ] as const) {
      const spare = await TestPlatform.create()
      const response = await instructor.postForm(
        '/studio/lti/platforms',
        spare.registration({ [field]: url }),
      )
      const html = await expectPage(response, 400)
      expect(visibleText(html)).toContain('Enter a full https:// address.')
      expect(await platformCount('issuer = ?', spare.issuer)).toBe(0)
    }
  })

  it('refuses a launch when the JWKS is larger than 64 KB, with a fixed message', async () => {
    const huge = await TestPlatform.create()
    huge.install()
    await huge.register(new InstructorBrowser())
    const padding = 'x'.repeat(20 * 1024 * 1024)
    huge.override = async (request) =>
      request.url === huge.urls.jwks ? Response.json({ ...(await huge.jwks()), padding }) : null
    const response = await huge.loginAndLaunch(new Browser(), (nonce) => huge.resourceLink(nonce, SLUG))
    const text = await expectRefusal(response, 502, 'jwks_unavailable')
    expect(text).not.toContain('xxxxxxxx')
  })

  it("shows the token endpoint's status, never its answer", async () => {
    const broken = await TestPlatform.create()
    broken.install()
    const owner = new InstructorBrowser()
    await broken.register(owner)
    broken.override = (request) =>
      request.url === broken.urls.token
        ? new Response('<h1>Internal admin panel: db password hunter2</h1>', { status: 400 })
        : null
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...broken.resourceLink(nonce, SLUG, 'link-broken'),
      sub: 'user-broken-token',
    })
    await answerAll(learner, embedToken(await broken.loginAndLaunch(learner, claims)))
    await vi.waitFor(async () => expect((await passback('user-broken-token'))?.status).toBe('failed'))
    const studio = visibleText(await expectPage(await owner.get('/studio/lti'), 200))
    expect(studio).toContain('The token endpoint answered 400')
    expect(studio).not.toContain('hunter2')
    expect(studio).not.toContain('admin panel')
  })
})

describe('redirects from a platform', () => {
  it('are not followed: a token endpoint cannot send Cited to an internal address', async () => {
    const redirecting = await TestPlatform.create()
    redirecting.install()
    await redirecting.register(new InstructorBrowser())
    const followed: string[] = []
    redirecting.override = (request) => {
      if (request.url === redirecting.urls.token)
        return new Response(null, { status: 307, headers: { location: 'http://127.0.0.1:8787/internal' } })
      if (request.url.startsWith('http://127.0.0.1')) followed.push(request.url)
      return null
    }
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...redirecting.resourceLink(nonce, SLUG, 'link-redirect'),
      sub: 'user-redirect',
    })
    await answerAll(learner, embedToken(await redirecting.loginAndLaunch(learner, claims)))
    await vi.waitFor(async () => expect((await passback('user-redirect'))?.status).toBe('failed'))
    expect((await passback('user-redirect'))?.error).toContain('redirect (307), which Cited does not follow')
    expect(followed).toEqual([])
  })
})

describe('the Deep Linking return URL (item 16)', () => {
  for (const returnUrl of ['javascript:alert(document.domain)', 'http://lms.example/return']) {
    it(`is refused unless https: ${returnUrl}`, async () => {
      const response = await school.loginAndLaunch(new Browser(), (nonce) => {
        const claims = school.deepLinking(nonce)
        return {
          ...claims,
          [CLAIM.deepLinkingSettings]: {
            ...(claims[CLAIM.deepLinkingSettings] as object),
            deep_link_return_url: returnUrl,
          },
        }
      })
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
      const html = await response.text()
      expect(html).not.toContain('action="javascript:')
      expect(html).not.toContain('name="JWT"')
    })
  }
})

describe('LTI conformance', () => {
  it('refuses a launch whose target_link_uri is not the login’s', async () => {
    const browser = new Browser()
    const { state, nonce } = await school.login(browser, { target_link_uri: `${ORIGIN}/embed/${SLUG}` })
    const token = await school.idToken({
      ...school.resourceLink(nonce, SLUG),
      [CLAIM.targetLinkUri]: `${ORIGIN}/embed/another-quiz`,
    })
    const text = await expectRefusal(await school.launch(browser, token, state), 400, 'invalid_claims')
    expect(text).toContain('target_link_uri')
  })

  it('refuses a launch whose deployment is not the one the login named', async () => {
    const id = (
      await sql('select id from lti_platforms where issuer = ?', school.issuer).first<{ id: string }>()
    )?.id
    await schoolOwner.postForm(`/studio/lti/platforms/${id}/deployments`, { deployment_id: 'deployment-2' })
    const browser = new Browser()
    const { state, nonce } = await school.login(browser, {
      target_link_uri: `${ORIGIN}/embed/${SLUG}`,
      lti_deployment_id: school.deploymentId,
    })
    const token = await school.idToken({
      ...school.resourceLink(nonce, SLUG),
      [CLAIM.deploymentId]: 'deployment-2',
    })
    const text = await expectRefusal(await school.launch(browser, token, state), 400, 'invalid_claims')
    expect(text).toContain('deployment_id')
  })

  it('uses the registered audience in the client assertion (Brightspace)', async () => {
    const brightspace = await TestPlatform.create()
    brightspace.install()
    brightspace.assertionAudience = 'https://api.brightspace.test/auth/token'
    const owner = new InstructorBrowser()
    await owner.signUp(freshEmail('brightspace'))
    const registered = await owner.postForm(
      '/studio/lti/platforms',
      brightspace.registration({ audience: brightspace.assertionAudience }),
    )
    expect(registered.status).toBe(303)
    expect(visibleText(await expectPage(await owner.get('/studio/lti'), 200))).toContain(
      brightspace.assertionAudience,
    )
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...brightspace.resourceLink(nonce, SLUG, 'link-audience'),
      sub: 'user-audience',
    })
    await answerAll(learner, embedToken(await brightspace.loginAndLaunch(learner, claims)))
    await vi.waitFor(async () => expect((await passback('user-audience'))?.status).toBe('sent'))
    expect(brightspace.tokenRequests.at(-1)?.assertion?.aud).toBe(brightspace.assertionAudience)
  })

  it('sends Started when an attempt begins, not when it resumes', async () => {
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...school.resourceLink(nonce, SLUG, 'link-started'),
      sub: 'user-started',
    })
    embedToken(await school.loginAndLaunch(learner, claims))
    const started = () =>
      school.scorePosts.filter((post) => (post.body as { userId: string }).userId === 'user-started')
    await vi.waitFor(() => expect(started()).toHaveLength(1))
    expect(started()[0]?.body).toMatchObject({ activityProgress: 'Started', gradingProgress: 'NotReady' })
    expect(started()[0]?.body).not.toHaveProperty('scoreGiven')
    embedToken(await school.loginAndLaunch(learner, claims))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(started()).toHaveLength(1)
  })

  it('"Send again" sends a fresh timestamp', async () => {
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...school.resourceLink(nonce, SLUG, 'link-resend'),
      sub: 'user-resend',
    })
    const token = embedToken(await school.loginAndLaunch(learner, claims))
    school.scoreStatus = 500
    try {
      await answerAll(learner, token)
      await vi.waitFor(async () => expect((await passback('user-resend'))?.status).toBe('failed'))
    } finally {
      school.scoreStatus = 200
    }
    const launchId = (
      await sql('select id from lti_launches where user_sub = ?', 'user-resend').first<{ id: string }>()
    )?.id
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 5000 })
    try {
      const retried = await schoolOwner.postForm(`/studio/lti/passbacks/${launchId}/retry`, {})
      expect(retried.headers.get('location')).toBe('/studio/lti?done=sent')
    } finally {
      vi.useRealTimers()
    }
    const stamps = completed(school.scorePosts, 'user-resend').map(
      (post) => (post.body as { timestamp: string }).timestamp,
    )
    expect(stamps).toHaveLength(2)
    expect(Date.parse(stamps[1] ?? '')).toBeGreaterThan(Date.parse(stamps[0] ?? ''))
  })

  it('sends the score of an attempt closed by its time limit, once, when it is next opened', async () => {
    const timed = await createSet({ settings: { timeLimitMinutes: 5 }, embedAnywhere: true })
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...school.resourceLink(nonce, timed, 'link-timed'),
      [CLAIM.targetLinkUri]: `${ORIGIN}/embed/${timed}`,
      sub: 'user-timed',
    })
    const token = embedToken(await school.loginAndLaunch(learner, claims))
    const attempt = await sql(
      'select a.id, a.question_ids from attempts a join lti_launches l on l.attempt_id = a.id where l.user_sub = ?',
      'user-timed',
    ).first<{ id: string; question_ids: string }>()
    const [firstId] = JSON.parse(attempt?.question_ids ?? '[]') as string[]
    await answerAll(learner, token, [firstId ?? ''])
    await expireAttempt(attempt?.id ?? '')
    // The next request closes the attempt; the score of the one answer goes back.
    await learner.get(`/embed/a/${token}/q/2`)
    await vi.waitFor(() => expect(completed(school.scorePosts, 'user-timed')).toHaveLength(1))
    expect(completed(school.scorePosts, 'user-timed')[0]?.body).toMatchObject({
      scoreGiven: 1,
      scoreMaximum: 4,
      gradingProgress: 'FullyGraded',
    })
    await vi.waitFor(async () => expect((await passback('user-timed'))?.status).toBe('sent'))
    await learner.get(`/embed/a/${token}/results`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(completed(school.scorePosts, 'user-timed')).toHaveLength(1)
  })
})
