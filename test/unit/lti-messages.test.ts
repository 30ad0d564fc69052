import { describe, expect, it } from 'vitest'
import { scoreBody, scoresUrl, tokenRequestBody } from '../../src/lti/ags'
import { CLAIM, isInstructor, readLaunchMessage, SCORE_SCOPE } from '../../src/lti/claims'
import { deepLinkingResponseClaims, quizContentItem, requireResourceLinks } from '../../src/lti/deep-linking'
import { authRequestUrl } from '../../src/lti/login'
import { isAllowedEndpoint, isOnOrigins, PRODUCTION_POLICY, platformOrigins } from '../../src/lti/outbound'
import { LtiRefusal } from '../../src/lti/refusal'
import { platformRegistration } from '../../src/lti/registration'
import { isOwnTarget, quizSlugOf } from '../../src/lti/target'

/** A URLSearchParams as a plain object (workers-types do not declare it iterable). */
function paramsOf(params: URLSearchParams): Record<string, string> {
  const entries: Record<string, string> = {}
  params.forEach((value, name) => {
    entries[name] = value
  })
  return entries
}

const ORIGIN = 'https://cited.example'

const resourceLink = (extra: Record<string, unknown> = {}) => ({
  sub: 'u1',
  [CLAIM.version]: '1.3.0',
  [CLAIM.messageType]: 'LtiResourceLinkRequest',
  [CLAIM.deploymentId]: 'd1',
  [CLAIM.targetLinkUri]: `${ORIGIN}/embed/x`,
  [CLAIM.roles]: [],
  [CLAIM.resourceLink]: { id: 'r1' },
  ...extra,
})

function refusalOf(run: () => unknown): LtiRefusal {
  try {
    run()
  } catch (error) {
    if (error instanceof LtiRefusal) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('readLaunchMessage', () => {
  it('reads a resource link launch, with custom values as strings', () => {
    const message = readLaunchMessage(
      resourceLink({ [CLAIM.custom]: { quiz: 'x', attempts: 2 }, [CLAIM.context]: { id: 'c1' } }),
    )
    expect(message).toMatchObject({
      kind: 'resource_link',
      sub: 'u1',
      deploymentId: 'd1',
      resourceLinkId: 'r1',
      contextId: 'c1',
      custom: { quiz: 'x', attempts: '2' },
      lineItemUrl: null,
    })
  })

  it('keeps the line item only when the score scope was granted', () => {
    const ags = (scope: string[]) => ({
      [CLAIM.ags]: { scope, lineitem: 'https://lms.example/lineitems/1/lineitem' },
    })
    const granted = readLaunchMessage(resourceLink(ags([SCORE_SCOPE])))
    const readOnly = readLaunchMessage(
      resourceLink(ags(['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly'])),
    )
    expect(granted.kind === 'resource_link' && granted.lineItemUrl).toBe(
      'https://lms.example/lineitems/1/lineitem',
    )
    expect(readOnly.kind === 'resource_link' && readOnly.lineItemUrl).toBeNull()
  })

  it('reads an anonymous launch (no sub)', () => {
    const { sub: _sub, ...anonymous } = resourceLink()
    expect(readLaunchMessage(anonymous).sub).toBeNull()
  })

  it('reads a deep linking request', () => {
    const message = readLaunchMessage({
      ...resourceLink(),
      [CLAIM.messageType]: 'LtiDeepLinkingRequest',
      [CLAIM.deepLinkingSettings]: {
        deep_link_return_url: 'https://lms.example/return',
        accept_types: ['ltiResourceLink', 'link'],
        data: 'abc',
      },
    })
    expect(message).toMatchObject({
      kind: 'deep_linking',
      returnUrl: 'https://lms.example/return',
      acceptTypes: ['ltiResourceLink', 'link'],
      data: 'abc',
    })
  })

  it('refuses another version, an unknown message type and missing claims, with a reason', () => {
    expect(refusalOf(() => readLaunchMessage(resourceLink({ [CLAIM.version]: '1.1' }))).reason).toBe(
      'wrong_version',
    )
    expect(
      refusalOf(() => readLaunchMessage(resourceLink({ [CLAIM.messageType]: 'LtiStartProctoring' }))).reason,
    ).toBe('unsupported_message')
    const missing = refusalOf(() => readLaunchMessage(resourceLink({ [CLAIM.resourceLink]: undefined })))
    expect(missing.status).toBe(400)
    expect(missing.message).toContain(CLAIM.resourceLink)
    expect(refusalOf(() => readLaunchMessage(resourceLink({ [CLAIM.deploymentId]: '' }))).reason).toBe(
      'invalid_claims',
    )
  })
})

describe('isInstructor', () => {
  it('knows instructors, content developers and administrators, in full or short form', () => {
    expect(isInstructor(['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'])).toBe(true)
    expect(
      isInstructor(['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant']),
    ).toBe(true)
    expect(isInstructor(['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator'])).toBe(
      true,
    )
    expect(isInstructor(['ContentDeveloper'])).toBe(true)
    expect(isInstructor(['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'])).toBe(false)
    expect(isInstructor(['http://example.com/roles#NotAnInstructorReally'])).toBe(false)
    expect(isInstructor([])).toBe(false)
  })
})

describe('quizSlugOf', () => {
  const launch = (custom: Record<string, string>, targetLinkUri: string) => ({ custom, targetLinkUri })

  it('prefers the custom quiz parameter, then an /embed or /quiz target on this origin', () => {
    expect(quizSlugOf(launch({ quiz: 'a-set' }, `${ORIGIN}/embed/other`), ORIGIN)).toBe('a-set')
    expect(quizSlugOf(launch({}, `${ORIGIN}/embed/b-set`), ORIGIN)).toBe('b-set')
    expect(quizSlugOf(launch({}, `${ORIGIN}/quiz/c-set/`), ORIGIN)).toBe('c-set')
  })

  it('names no quiz for other origins, other paths or odd slugs', () => {
    expect(quizSlugOf(launch({}, 'https://elsewhere.example/embed/b-set'), ORIGIN)).toBeNull()
    expect(quizSlugOf(launch({}, `${ORIGIN}/lti/launch`), ORIGIN)).toBeNull()
    expect(quizSlugOf(launch({ quiz: '../admin' }, `${ORIGIN}/embed/b`), ORIGIN)).toBeNull()
    expect(quizSlugOf(launch({}, 'not a url'), ORIGIN)).toBeNull()
    expect(isOwnTarget(`${ORIGIN}/lti/launch`, ORIGIN)).toBe(true)
    expect(isOwnTarget('https://cited.example.evil.test/lti/launch', ORIGIN)).toBe(false)
  })
})

describe('authRequestUrl', () => {
  it('adds the OIDC parameters to the platform URL and keeps its own query', () => {
    const url = new URL(
      authRequestUrl('https://lms.example/auth?tenant=7', {
        clientId: 'c',
        redirectUri: `${ORIGIN}/lti/launch`,
        loginHint: 'u',
        state: 's',
        nonce: 'n',
      }),
    )
    expect(paramsOf(url.searchParams)).toEqual({
      tenant: '7',
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: 'c',
      redirect_uri: `${ORIGIN}/lti/launch`,
      login_hint: 'u',
      state: 's',
      nonce: 'n',
    })
  })
})

describe('Assignment and Grade Services messages', () => {
  it('puts /scores on the line item path, keeping its query', () => {
    expect(scoresUrl('https://lms.example/lineitems/7/lineitem?type_id=2')).toBe(
      'https://lms.example/lineitems/7/lineitem/scores?type_id=2',
    )
    expect(scoresUrl('https://canvas.example/api/lti/courses/1/line_items/5/')).toBe(
      'https://canvas.example/api/lti/courses/1/line_items/5/scores',
    )
  })

  it('builds the score with two decimals and the completed, fully graded progress', () => {
    expect(scoreBody('u1', 4.666666, 6, new Date('2026-01-02T03:04:05Z'))).toEqual({
      userId: 'u1',
      scoreGiven: 4.67,
      scoreMaximum: 6,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: '2026-01-02T03:04:05.000Z',
    })
  })

  it('asks for the score scope with a JWT client assertion', () => {
    expect(paramsOf(tokenRequestBody('jwt'))).toEqual({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'jwt',
      scope: SCORE_SCOPE,
    })
  })
})

describe('Deep Linking response', () => {
  const request = {
    kind: 'deep_linking' as const,
    deploymentId: 'd1',
    sub: 't1',
    roles: [],
    targetLinkUri: `${ORIGIN}/lti/launch`,
    contextId: null,
    custom: {},
    returnUrl: 'https://lms.example/return',
    acceptTypes: ['ltiResourceLink'],
    data: null,
  }
  const quiz = { slug: 'a-set', title: 'A set', description: 'About A', questionCount: 6 }

  it('addresses the platform as the client, echoing the deployment and leaving out absent data', () => {
    const claims = deepLinkingResponseClaims(
      request,
      { issuer: 'https://lms.example', clientId: 'c' },
      ORIGIN,
      quiz,
    )
    expect(claims).toMatchObject({
      iss: 'c',
      aud: 'https://lms.example',
      [CLAIM.messageType]: 'LtiDeepLinkingResponse',
      [CLAIM.deploymentId]: 'd1',
      [CLAIM.contentItems]: [quizContentItem(ORIGIN, quiz)],
    })
    expect(CLAIM.deepLinkingData in claims).toBe(false)
    expect(quizContentItem(ORIGIN, quiz)).toMatchObject({
      url: `${ORIGIN}/embed/a-set`,
      custom: { quiz: 'a-set' },
      lineItem: { scoreMaximum: 6 },
    })
  })

  it('refuses a request that cannot take resource links', () => {
    expect(refusalOf(() => requireResourceLinks({ ...request, acceptTypes: ['file'] })).message).toContain(
      'ltiResourceLink',
    )
  })
})

describe('platformRegistration', () => {
  const valid = {
    name: 'Moodle',
    issuer: 'https://moodle.school.example',
    client_id: 'abc',
    auth_login_url: 'https://moodle.school.example/mod/lti/auth.php',
    auth_token_url: 'https://moodle.school.example/mod/lti/token.php',
    jwks_url: 'https://moodle.school.example/mod/lti/certs.php',
    deployment_ids: ' 1, 2 ,1,',
  }

  it('splits and dedupes deployment ids', () => {
    expect(platformRegistration(PRODUCTION_POLICY).parse(valid).deployment_ids).toEqual(['1', '2'])
  })

  it('wants https endpoints on public hosts (localhost only with the development setting)', () => {
    const production = platformRegistration(PRODUCTION_POLICY)
    const development = platformRegistration({ allowHttpLocalhost: true })
    expect(production.safeParse({ ...valid, jwks_url: 'http://moodle.school.example/x' }).success).toBe(false)
    expect(production.safeParse({ ...valid, jwks_url: 'http://localhost:8080/x' }).success).toBe(false)
    expect(production.safeParse({ ...valid, jwks_url: 'https://127.0.0.1/x' }).success).toBe(false)
    expect(development.safeParse({ ...valid, jwks_url: 'http://localhost:8080/x' }).success).toBe(true)
    expect(development.safeParse({ ...valid, jwks_url: 'http://moodle.school.example/x' }).success).toBe(
      false,
    )
  })

  it('keeps an optional audience, empty meaning none', () => {
    expect(platformRegistration(PRODUCTION_POLICY).parse(valid).audience).toBeNull()
    expect(
      platformRegistration(PRODUCTION_POLICY).parse({ ...valid, audience: ' https://api.example/token ' })
        .audience,
    ).toBe('https://api.example/token')
  })
})

describe('outbound rules', () => {
  it('allows https to public hosts only', () => {
    for (const url of [
      'http://lms.example/x',
      'javascript:alert(1)',
      'https://localhost/x',
      'https://10.0.0.8/x',
      'https://169.254.169.254/latest',
      'https://192.168.1.1/',
      'https://[::1]/',
      'https://user:pw@lms.example/',
      'not a url',
    ])
      expect(isAllowedEndpoint(url, PRODUCTION_POLICY), url).toBe(false)
    expect(isAllowedEndpoint('https://lms.example/x', PRODUCTION_POLICY)).toBe(true)
    expect(isAllowedEndpoint('http://localhost:8000/x', { allowHttpLocalhost: true })).toBe(true)
    expect(isAllowedEndpoint('javascript:alert(1)', { allowHttpLocalhost: true })).toBe(false)
  })

  it("names the platform's hosts: token URL, JWKS URL and issuer origins", () => {
    const origins = platformOrigins({
      issuer: 'https://school.brightspace.example',
      authTokenUrl: 'https://auth.brightspace.example/core/connect/token',
      jwksUrl: 'https://school.brightspace.example/d2l/.well-known/jwks',
      servicesUrl: null,
    })
    expect(origins).toEqual(['https://auth.brightspace.example', 'https://school.brightspace.example'])
    expect(isOnOrigins('https://school.brightspace.example/d2l/api/lti/ags/1/scores', origins)).toBe(true)
    expect(isOnOrigins('https://school.brightspace.example:8443/x', origins)).toBe(false)
    expect(isOnOrigins('https://evil.example/scores', origins)).toBe(false)
    expect(
      platformOrigins({
        issuer: 'https://canvas.instructure.example',
        authTokenUrl: 'https://sso.canvaslms.example/login/oauth2/token',
        jwksUrl: 'https://sso.canvaslms.example/api/lti/security/jwks',
        servicesUrl: 'https://school.instructure.example/',
      }),
    ).toContain('https://school.instructure.example')
    expect(
      platformOrigins({
        issuer: 'not-a-url',
        authTokenUrl: 'https://a.example/t',
        jwksUrl: 'https://a.example/k',
        servicesUrl: null,
      }),
    ).toEqual(['https://a.example'])
  })
})
