import { decodeProtectedHeader, generateKeyPair } from 'jose'
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
  wrongAnswer,
} from '../support/helpers'
import { type ScorePost, TestPlatform, toolJwks, verifyWithToolJwks } from '../support/lti-platform'
import { InstructorBrowser, sql } from '../support/studio-helpers'

/** A URLSearchParams as a plain object (workers-types do not declare it iterable). */
function paramsOf(params: URLSearchParams): Record<string, string> {
  const entries: Record<string, string> = {}
  params.forEach((value, name) => {
    entries[name] = value
  })
  return entries
}

const SLUG = 'alliances-trade-sanctions'
const questions = setOf(SLUG).questions

let platform: TestPlatform
let owner: InstructorBrowser

beforeAll(async () => {
  platform = await TestPlatform.create()
  platform.install()
  owner = new InstructorBrowser()
  await platform.register(owner)
})
afterAll(() => {
  vi.unstubAllGlobals()
})

const frameAncestors = (response: Response) =>
  /frame-ancestors ([^;]+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]

/** The embed token from a launch's redirect to question 1. */
function embedToken(response: Response): string {
  expect(response.status).toBe(303)
  const token = /^\/embed\/a\/([A-Za-z0-9_-]{32})\/q\/1$/.exec(response.headers.get('location') ?? '')?.[1]
  if (!token) throw new Error(`launch did not redirect into the quiz: ${response.headers.get('location')}`)
  return token
}

async function launchRow(userSub: string) {
  return sql(
    'select l.*, a.id as attempt, a.score, a.completed_at from lti_launches l join attempts a on a.id = l.attempt_id where l.platform_id = (select id from lti_platforms where issuer = ?) and l.user_sub = ? order by l.created_at desc',
    platform.issuer,
    userSub,
  ).first<{
    attempt: string
    passback_status: string
    passback_tries: number
    passback_error: string | null
    line_item_url: string | null
    score: number
  }>()
}

/** The scoreGiven of each Completed score posted for an LMS user (Started updates left out). */
function completedScores(posts: ScorePost[], userId: string): number[] {
  return posts
    .map((post) => post.body as { userId: string; activityProgress: string; scoreGiven: number })
    .filter((body) => body.userId === userId && body.activityProgress === 'Completed')
    .map((body) => body.scoreGiven)
}

/** Expects a refusal page: the status, the reason code, and words a person can act on. */
async function expectRefusal(response: Response, status: number, reason: string, words: RegExp) {
  const html = await expectPage(response, status)
  const text = visibleText(html)
  expect(text).toContain('This course link could not be opened')
  expect(text).toContain(`Reason: ${reason}`)
  expect(text).toMatch(words)
  // Shown inside the LMS iframe, so it may be framed.
  expect(frameAncestors(response)).toBe('*')
}

describe('the tool JWKS', () => {
  it('publishes one RSA public key with a kid, and never a private part', async () => {
    const first = await toolJwks()
    const again = await toolJwks()
    expect(first.keys).toHaveLength(1)
    const [key] = first.keys
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' })
    expect(key?.kid).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Object.keys(key ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use'])
    expect(again).toEqual(first)
    const stored = await sql('select count(*) as n from lti_keys').first<{ n: number }>()
    expect(stored?.n).toBe(1)
  })
})

describe('platform registration in the studio', () => {
  it("shows the tool's URLs and the owner's platform", async () => {
    const html = await expectPage(await owner.get('/studio/lti'), 200)
    const text = decodeEntities(html)
    for (const url of ['/lti/login', '/lti/launch', '/lti/jwks']) expect(text).toContain(`${ORIGIN}${url}`)
    expect(text).toContain(platform.issuer)
    expect(text).toContain(platform.clientId)
    expect(text).toContain(platform.deploymentId)
  })

  it('is for signed-in instructors only', async () => {
    const response = await new Browser().get('/studio/lti')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio/signin?next=%2Fstudio%2Flti')
  })

  it('hides a platform from other instructors, and its changes are 404 for them', async () => {
    const other = new InstructorBrowser()
    await other.signUp(`other-${crypto.randomUUID().slice(0, 8)}@school.example`)
    const html = await expectPage(await other.get('/studio/lti'), 200)
    expect(html).not.toContain(platform.issuer)
    const id = (
      await sql('select id from lti_platforms where issuer = ?', platform.issuer).first<{ id: string }>()
    )?.id
    await expectPage(await other.postForm(`/studio/lti/platforms/${id}/delete`, {}), 404)
    await expectPage(
      await other.postForm(`/studio/lti/platforms/${id}/deployments`, { deployment_id: 'x' }),
      404,
    )
    const still = await sql('select count(*) as n from lti_platforms where id = ?', id ?? '').first<{
      n: number
    }>()
    expect(still?.n).toBe(1)
  })

  it('explains what is wrong with a registration, field by field, and refuses a duplicate', async () => {
    const bad = await owner.postForm('/studio/lti/platforms', {
      ...platform.registration(),
      jwks_url: 'ftp://lms.example/keys',
      deployment_ids: ' , ',
    })
    const html = await expectPage(bad, 400)
    expect(visibleText(html)).toContain('Enter a full https:// address.')
    expect(visibleText(html)).toContain('Enter at least one deployment ID.')
    const duplicate = await owner.postForm('/studio/lti/platforms', platform.registration())
    expect(visibleText(await expectPage(duplicate, 409))).toContain('already registered')
  })

  it('lets the owner add and remove deployments, and remove a platform', async () => {
    const spare = await TestPlatform.create()
    const response = await owner.postForm('/studio/lti/platforms', spare.registration())
    expect(response.status).toBe(303)
    const id = (
      await sql('select id from lti_platforms where issuer = ?', spare.issuer).first<{ id: string }>()
    )?.id
    await owner.postForm(`/studio/lti/platforms/${id}/deployments`, { deployment_id: 'second' })
    await owner.postForm(`/studio/lti/platforms/${id}/deployments/remove`, {
      deployment_id: spare.deploymentId,
    })
    const deployments = await sql(
      'select deployment_id from lti_deployments where platform_id = ?',
      id ?? '',
    ).all()
    expect(deployments.results).toEqual([{ deployment_id: 'second' }])
    expect((await owner.postForm(`/studio/lti/platforms/${id}/delete`, {})).status).toBe(303)
    const gone = await sql(
      'select count(*) as n from lti_deployments where platform_id = ?',
      id ?? '',
    ).first<{
      n: number
    }>()
    expect(gone?.n).toBe(0)
  })
})

describe('OIDC login initiation', () => {
  it("redirects to the platform's authorization endpoint with a fresh state and nonce kept in D1", async () => {
    const { response, location, state, nonce } = await platform.login(new Browser())
    expect(response.status).toBe(302)
    expect(response.headers.getSetCookie()).toEqual([])
    expect(`${location.origin}${location.pathname}`).toBe(platform.urls.auth)
    expect(paramsOf(location.searchParams)).toEqual({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: `${ORIGIN}/lti/launch`,
      login_hint: 'user-42',
      lti_message_hint: 'hint-abc',
      state,
      nonce,
    })
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(nonce).not.toBe(state)
    const row = await sql('select state, used_at, expires_at from lti_nonces where nonce = ?', nonce).first<{
      state: string
      used_at: number | null
      expires_at: number
    }>()
    expect(row).toMatchObject({ state, used_at: null })
    expect(row?.expires_at).toBeGreaterThan(Date.now())
  })

  it('also answers a GET, as some platforms send it', async () => {
    const query = new URLSearchParams({
      iss: platform.issuer,
      login_hint: 'u',
      target_link_uri: `${ORIGIN}/embed/${SLUG}`,
      client_id: platform.clientId,
    })
    const response = await new Browser().get(`/lti/login?${query}`)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toContain(platform.urls.auth)
  })

  it('refuses an unregistered platform, an unknown deployment and a missing parameter', async () => {
    const browser = new Browser()
    await expectRefusal(
      (await platform.login(browser, { iss: 'https://stranger.test' })).response,
      400,
      'unknown_platform',
      /No platform with issuer https:\/\/stranger\.test/,
    )
    await expectRefusal(
      (await platform.login(browser, { lti_deployment_id: 'nope' })).response,
      403,
      'unknown_deployment',
      /Deployment nope is not registered/,
    )
    await expectRefusal(
      (await platform.login(browser, { login_hint: '' })).response,
      400,
      'bad_request',
      /login_hint/,
    )
  })
})

describe('a resource link launch', () => {
  it('opens the quiz inside the LMS, and the completed score goes back to the gradebook', async () => {
    const learner = new Browser()
    const { state, nonce } = await platform.login(learner, { target_link_uri: `${ORIGIN}/embed/${SLUG}` })
    const launched = await platform.launch(
      learner,
      await platform.idToken(platform.resourceLink(nonce, SLUG)),
      state,
    )
    const token = embedToken(launched)
    expect(launched.headers.getSetCookie()).toEqual([])

    const page = await learner.get(`/embed/a/${token}/q/1`)
    await expectPage(page, 200)
    expect(frameAncestors(page)).toBe('*')
    const row = await launchRow('user-42')
    expect(row).toMatchObject({ passback_status: 'none', line_item_url: platform.urls.lineItem })
    // Starting the attempt tells the gradebook it is in progress (AGS: Started, NotReady, no score yet).
    await vi.waitFor(() => expect(platform.scorePosts).toHaveLength(1), { timeout: 5000 })
    const [started] = platform.scorePosts as [ScorePost]
    expect(started.url).toBe(
      `${platform.issuer}/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=1`,
    )
    expect(started.body).toEqual({
      userId: 'user-42',
      activityProgress: 'Started',
      gradingProgress: 'NotReady',
      timestamp: expect.any(String),
    })

    // The learner answers every question through the embed API (the island's path): one wrong.
    for (const [index, question] of questions.entries()) {
      const answer =
        index === 0 ? wrongAnswer(questionOf(question.id)) : correctAnswer(questionOf(question.id))
      const response = await learner.postJson(`/api/embed/${token}/answers`, {
        questionId: publicIdOf(question.id),
        answer,
      })
      expect(response.status).toBe(200)
    }
    await vi.waitFor(() => expect(platform.scorePosts).toHaveLength(2), { timeout: 5000 })

    // The access token was asked for with a client assertion signed by the tool key.
    expect(platform.tokenRequests).toHaveLength(2)
    const [, tokenRequest] = platform.tokenRequests
    expect(tokenRequest?.assertionError).toBeNull()
    expect(tokenRequest?.form.get('grant_type')).toBe('client_credentials')
    expect(tokenRequest?.form.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    )
    expect(tokenRequest?.form.get('scope')).toBe(SCORE_SCOPE)
    expect(tokenRequest?.assertion).toMatchObject({
      iss: platform.clientId,
      sub: platform.clientId,
      aud: platform.urls.token,
    })
    expect(typeof tokenRequest?.assertion?.jti).toBe('string')
    const header = decodeProtectedHeader(tokenRequest?.form.get('client_assertion') ?? '')
    expect(header.kid).toBe((await toolJwks()).keys[0]?.kid)

    const [, score] = platform.scorePosts as [ScorePost, ScorePost]
    expect(score.url).toBe(`${platform.issuer}/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=1`)
    expect(score.contentType).toBe('application/vnd.ims.lis.v1.score+json')
    expect(score.authorization).toMatch(/^Bearer access-/)
    expect(score.body).toMatchObject({
      userId: 'user-42',
      scoreGiven: questions.length - 1,
      scoreMaximum: questions.length,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    })
    expect(Date.parse((score.body as { timestamp: string }).timestamp)).toBeGreaterThan(Date.now() - 60_000)
    await vi.waitFor(async () => expect((await launchRow('user-42'))?.passback_status).toBe('sent'))
    expect(await launchRow('user-42')).toMatchObject({ passback_tries: 1, passback_error: null })
  })

  it('resumes the unfinished attempt when the same user opens the same link again', async () => {
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...platform.resourceLink(nonce, SLUG, 'link-resume'),
      sub: 'user-resume',
    })
    const firstToken = embedToken(await platform.loginAndLaunch(learner, claims))
    const [question] = questions
    if (!question) throw new Error('empty set')
    await learner.postJson(`/api/embed/${firstToken}/answers`, {
      questionId: publicIdOf(question.id),
      answer: correctAnswer(questionOf(question.id)),
    })
    const attempt = (await launchRow('user-resume'))?.attempt
    const secondToken = embedToken(await platform.loginAndLaunch(learner, claims))
    expect(secondToken).not.toBe(firstToken)
    expect((await launchRow('user-resume'))?.attempt).toBe(attempt)
    // The old link stops working; the new one shows the answer already given.
    await expectPage(await learner.get(`/embed/a/${firstToken}/q/1`), 404)
    const html = await expectPage(await learner.get(`/embed/a/${secondToken}/q/1`), 200)
    expect(html).toContain(`data-question-id="${publicIdOf(question.id)}"`)
  })

  it('records a failed passback with its reason, and the owner can send it again from the studio', async () => {
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...platform.resourceLink(nonce, SLUG, 'link-fail'),
      sub: 'user-fail',
    })
    const token = embedToken(await platform.loginAndLaunch(learner, claims))
    platform.scoreStatus = 500
    const before = platform.scorePosts.length
    try {
      for (const question of questions)
        await learner.postJson(`/api/embed/${token}/answers`, {
          questionId: publicIdOf(question.id),
          answer: correctAnswer(questionOf(question.id)),
        })
      await vi.waitFor(async () => expect((await launchRow('user-fail'))?.passback_status).toBe('failed'))
    } finally {
      platform.scoreStatus = 200
    }
    const failed = await launchRow('user-fail')
    // A status and a fixed sentence: the platform's answer is never stored or shown.
    expect(failed?.passback_error).toBe(
      'The score service answered 500; check the registration in Studio → LTI and send again.',
    )
    const studio = visibleText(await expectPage(await owner.get('/studio/lti'), 200))
    expect(studio).toContain('Failed')
    expect(studio).toContain('The score service answered 500')
    expect(studio).not.toContain('Internal error')

    const launchId = (
      await sql('select id from lti_launches where user_sub = ?', 'user-fail').first<{ id: string }>()
    )?.id
    const stranger = new InstructorBrowser()
    await stranger.signUp(`stranger-${crypto.randomUUID().slice(0, 8)}@school.example`)
    await expectPage(await stranger.postForm(`/studio/lti/passbacks/${launchId}/retry`, {}), 404)
    const retried = await owner.postForm(`/studio/lti/passbacks/${launchId}/retry`, {})
    expect(retried.headers.get('location')).toBe('/studio/lti?done=sent')
    expect(await launchRow('user-fail')).toMatchObject({ passback_status: 'sent', passback_tries: 2 })
    expect(completedScores(platform.scorePosts.slice(before), 'user-fail')).toEqual([
      questions.length,
      questions.length,
    ])
  })

  it('sends nothing back when the platform gave no line item', async () => {
    const learner = new Browser()
    const before = platform.tokenRequests.length
    const claims = (nonce: string) => {
      const { [CLAIM.ags]: _ags, ...rest } = platform.resourceLink(nonce, SLUG, 'link-ungraded')
      return { ...rest, sub: 'user-ungraded' }
    }
    const token = embedToken(await platform.loginAndLaunch(learner, claims))
    for (const question of questions)
      await learner.postJson(`/api/embed/${token}/answers`, {
        questionId: publicIdOf(question.id),
        answer: correctAnswer(questionOf(question.id)),
      })
    expect(await launchRow('user-ungraded')).toMatchObject({ passback_status: 'none', line_item_url: null })
    expect(platform.tokenRequests.length).toBe(before)
  })

  it('opens the quiz named by the target link when there is no custom parameter', async () => {
    const learner = new Browser()
    // SLUG is the last set on the home page, so a launch that fell back to a default would open another.
    const claims = (nonce: string) => ({
      ...platform.resourceLink(nonce, SLUG, 'link-target'),
      sub: 'user-target-link',
      [CLAIM.custom]: {},
    })
    const token = embedToken(await platform.loginAndLaunch(learner, claims))
    const attempt = (await launchRow('user-target-link'))?.attempt
    if (!attempt) throw new Error('the launch recorded no attempt')
    const opened = await sql('select set_slug from attempts where id = ?', attempt).first<{
      set_slug: string
    }>()
    expect(opened?.set_slug).toBe(SLUG)
    const page = visibleText(await expectPage(await learner.get(`/embed/a/${token}/q/1`), 200))
    const prompts = questions.map((question) => question.prompt.replace(/\s+/g, ' ').trim())
    expect(prompts.some((prompt) => page.includes(prompt))).toBe(true)
  })

  it('refuses a link that names no quiz, or a quiz that does not exist', async () => {
    const none = (nonce: string) => ({
      ...platform.resourceLink(nonce, SLUG),
      [CLAIM.custom]: {},
      [CLAIM.targetLinkUri]: `${ORIGIN}/lti/launch`,
    })
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), none),
      400,
      'no_quiz',
      /does not say which quiz/,
    )
    const missing = (nonce: string) => platform.resourceLink(nonce, 'no-such-quiz')
    await expectRefusal(await platform.loginAndLaunch(new Browser(), missing), 404, 'no_quiz', /no-such-quiz/)
  })
})

describe('Deep Linking', () => {
  it('lets the instructor pick a quiz and posts a signed response back to the platform', async () => {
    const instructor = new Browser()
    const response = await platform.loginAndLaunch(instructor, (nonce) => platform.deepLinking(nonce))
    const html = await expectPage(response, 200)
    expect(frameAncestors(response)).toBe('*')
    expect(response.headers.get('content-security-policy')).toContain(`form-action 'self' ${platform.issuer}`)
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/)

    // One plain form per quiz, posting its JWT straight to the return URL.
    const forms = [
      ...html.matchAll(
        /<form method="post" action="([^"]+)"><input type="hidden" name="JWT" value="([^"]+)"\/><button[^>]*data-quiz="([^"]+)"/g,
      ),
    ]
    expect(forms.map((match) => match[3])).toContain(SLUG)
    const chosen = forms.find((match) => match[3] === SLUG)
    expect(decodeEntities(chosen?.[1] ?? '')).toBe(platform.urls.deepLinkReturn)

    const { payload, protectedHeader } = await verifyWithToolJwks(chosen?.[2] ?? '', {
      issuer: platform.clientId,
      audience: platform.issuer,
    })
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: (await toolJwks()).keys[0]?.kid })
    expect(payload).toMatchObject({
      [CLAIM.messageType]: 'LtiDeepLinkingResponse',
      [CLAIM.version]: '1.3.0',
      [CLAIM.deploymentId]: platform.deploymentId,
      [CLAIM.deepLinkingData]: 'opaque-platform-data',
      [CLAIM.contentItems]: [
        {
          type: 'ltiResourceLink',
          title: setOf(SLUG).title,
          url: `${ORIGIN}/embed/${SLUG}`,
          custom: { quiz: SLUG },
          lineItem: { scoreMaximum: questions.length, label: setOf(SLUG).title, resourceId: SLUG },
        },
      ],
    })
    expect(typeof payload.nonce).toBe('string')
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600)

    // The platform then launches the link it stored: custom quiz and target link as sent.
    const item = (payload[CLAIM.contentItems] as { url: string; custom: Record<string, string> }[])[0]
    const learner = new Browser()
    const claims = (nonce: string) => ({
      ...platform.resourceLink(nonce, SLUG, 'link-from-deep-linking'),
      [CLAIM.targetLinkUri]: item?.url,
      [CLAIM.custom]: item?.custom,
    })
    embedToken(await platform.loginAndLaunch(learner, claims))
  })

  it('is for instructors only', async () => {
    const learnerAsking = (nonce: string) => ({
      ...platform.deepLinking(nonce),
      [CLAIM.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    })
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), learnerAsking),
      403,
      'not_instructor',
      /Only instructors/,
    )
  })
})

describe('a launch that cannot be trusted', () => {
  const launchClaims = (nonce: string) => platform.resourceLink(nonce, SLUG)

  it('is refused when the signature was tampered with', async () => {
    const browser = new Browser()
    const { state, nonce } = await platform.login(browser, { target_link_uri: `${ORIGIN}/embed/${SLUG}` })
    const token = await platform.idToken(launchClaims(nonce))
    const [header, body, signature] = token.split('.')
    const claims = JSON.parse(atob((body ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<
      string,
      unknown
    >
    claims.sub = 'someone-else'
    const forged = btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    await expectRefusal(
      await platform.launch(browser, `${header}.${forged}.${signature}`, state),
      401,
      'bad_signature',
      /signature does not match/,
    )
  })

  it("is refused when signed with a key that is not the platform's", async () => {
    const { privateKey } = await generateKeyPair('RS256')
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), launchClaims, { key: privateKey }),
      401,
      'bad_signature',
      /signature does not match/,
    )
  })

  it('is refused when expired', async () => {
    const now = Math.floor(Date.now() / 1000)
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), launchClaims, {
        issuedAt: now - 600,
        expiresAt: now - 300,
      }),
      401,
      'expired_token',
      /expired/,
    )
  })

  it('is refused when replayed: a nonce opens Cited once', async () => {
    const browser = new Browser()
    const { state, nonce } = await platform.login(browser, { target_link_uri: `${ORIGIN}/embed/${SLUG}` })
    const token = await platform.idToken(launchClaims(nonce))
    embedToken(await platform.launch(browser, token, state))
    await expectRefusal(await platform.launch(browser, token, state), 401, 'replayed_nonce', /already used/)
  })

  it('is refused when meant for another client id (audience)', async () => {
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), (nonce) => ({
        ...launchClaims(nonce),
        aud: 'another-tool',
      })),
      401,
      'wrong_audience',
      /meant for another tool/,
    )
  })

  it('is refused when aud lists several audiences and azp is not the client id', async () => {
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), (nonce) => ({
        ...launchClaims(nonce),
        aud: [platform.clientId, 'another-tool'],
        azp: 'another-tool',
      })),
      401,
      'wrong_audience',
      /authorized party/,
    )
    // ...and accepted when azp names this client.
    embedToken(
      await platform.loginAndLaunch(new Browser(), (nonce) => ({
        ...launchClaims(nonce),
        aud: [platform.clientId, 'another-tool'],
        azp: platform.clientId,
      })),
    )
  })

  it('is accepted after the platform replaced its key under the same kid, once the JWKS may be refetched', async () => {
    const keyed = await TestPlatform.create()
    keyed.install()
    await keyed.register(new InstructorBrowser())
    embedToken(await keyed.loginAndLaunch(new Browser(), (nonce) => keyed.resourceLink(nonce, SLUG)))
    await keyed.replaceKeyKeepingKid()
    // Within 30 s of the last fetch, jose will not refetch: the new signature does not match the cached key.
    await expectRefusal(
      await keyed.loginAndLaunch(new Browser(), (nonce) => keyed.resourceLink(nonce, SLUG)),
      401,
      'bad_signature',
      /signature does not match/,
    )
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 })
    try {
      embedToken(await keyed.loginAndLaunch(new Browser(), (nonce) => keyed.resourceLink(nonce, SLUG)))
    } finally {
      vi.useRealTimers()
    }
    expect(keyed.jwksFetches).toHaveLength(2)
  })

  it('is refused for a deployment that is not registered', async () => {
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), (nonce) => ({
        ...launchClaims(nonce),
        [CLAIM.deploymentId]: 'deployment-unknown',
      })),
      403,
      'unknown_deployment',
      /Deployment deployment-unknown is not registered/,
    )
  })

  it('is refused when the nonce is not the login’s, or the state is unknown', async () => {
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), () => launchClaims('made-up-nonce')),
      401,
      'nonce_mismatch',
      /nonce/,
    )
    const token = await platform.idToken(launchClaims('x'))
    await expectRefusal(
      await platform.launch(new Browser(), token, 'unknown-state'),
      400,
      'unknown_state',
      /unknown state/,
    )
  })

  it('is refused for another LTI version or message type, and for a malformed token', async () => {
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), (nonce) => ({
        ...launchClaims(nonce),
        [CLAIM.version]: '1.1',
      })),
      400,
      'wrong_version',
      /1\.3\.0/,
    )
    await expectRefusal(
      await platform.loginAndLaunch(new Browser(), (nonce) => ({
        ...launchClaims(nonce),
        [CLAIM.messageType]: 'LtiSubmissionReviewRequest',
      })),
      400,
      'unsupported_message',
      /LtiSubmissionReviewRequest/,
    )
    const { state } = await platform.login(new Browser())
    await expectRefusal(
      await platform.launch(new Browser(), 'not.a.jwt', state),
      400,
      'malformed_token',
      /well-formed/,
    )
  })

  it('starts no attempt when refused', async () => {
    const before = await sql('select count(*) as n from lti_launches').first<{ n: number }>()
    await platform.loginAndLaunch(new Browser(), (nonce) => ({ ...launchClaims(nonce), aud: 'another-tool' }))
    const after = await sql('select count(*) as n from lti_launches').first<{ n: number }>()
    expect(after?.n).toBe(before?.n)
  })
})
