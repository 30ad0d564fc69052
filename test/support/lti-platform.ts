import { exports } from 'cloudflare:workers'
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose'
import { expect, vi } from 'vitest'
import { CLAIM, SCORE_SCOPE } from '../../src/lti/claims'
import { type Browser, type FormFields, ORIGIN } from './helpers'
import { freshEmail, type InstructorBrowser } from './studio-helpers'

const worker = (exports as unknown as { default: Fetcher }).default

/** The tool's public keys, as every platform reads them: from GET /lti/jwks. */
export async function toolJwks(): Promise<JSONWebKeySet> {
  const response = await worker.fetch(`${ORIGIN}/lti/jwks`)
  expect(response.status).toBe(200)
  return (await response.json()) as JSONWebKeySet
}

/** Verifies a JWT that Cited signed, with nothing but its published JWKS. */
export async function verifyWithToolJwks(jwt: string, options: { issuer: string; audience: string }) {
  return jwtVerify(jwt, createLocalJWKSet(await toolJwks()), { ...options, algorithms: ['RS256'] })
}

export type TokenRequest = {
  form: URLSearchParams
  assertion: JWTPayload | null
  assertionError: string | null
}
export type ScorePost = {
  url: string
  authorization: string | null
  contentType: string | null
  body: unknown
}

/**
 * An LMS inside the test suite. It has its own RS256 key pair and JWKS, signs
 * id_tokens like Moodle or Canvas would, and answers its token endpoint and
 * score service. Workerd cannot listen on a port, so `install()` stubs the
 * global fetch for this platform's host only: Cited's production code (jose's
 * remote JWKS, the token request, the score POST) runs unchanged and reaches
 * this object instead of the network. Each platform has a random host, so
 * jose's per-isolate JWKS cache never mixes two platforms' keys.
 */
export class TestPlatform {
  readonly issuer: string
  readonly clientId: string
  readonly deploymentId = 'deployment-1'
  readonly kid = 'platform-key-1'
  readonly tokenRequests: TokenRequest[] = []
  readonly scorePosts: ScorePost[] = []
  readonly jwksFetches: string[] = []
  /** When set, the score service answers with this status (to test failures and retries). */
  scoreStatus = 200
  /** The audience the token endpoint expects in client assertions (Brightspace names its own). */
  assertionAudience: string | null = null
  /** When set, answers instead of the platform (a hostile or broken platform). */
  override: ((request: Request) => Response | null | Promise<Response | null>) | null = null
  private issued = new Set<string>()

  private constructor(
    readonly id: string,
    private keys: { privateKey: CryptoKey; publicKey: CryptoKey },
  ) {
    this.issuer = `https://lms-${id}.test`
    this.clientId = `cited-client-${id}`
  }

  static async create(): Promise<TestPlatform> {
    const keys = await generateKeyPair('RS256')
    return new TestPlatform(crypto.randomUUID().slice(0, 8), keys)
  }

  get urls() {
    return {
      auth: `${this.issuer}/mod/lti/auth.php`,
      token: `${this.issuer}/mod/lti/token.php`,
      jwks: `${this.issuer}/mod/lti/certs.php`,
      lineItems: `${this.issuer}/mod/lti/services.php/2/lineitems?type_id=1`,
      lineItem: `${this.issuer}/mod/lti/services.php/2/lineitems/7/lineitem?type_id=1`,
      deepLinkReturn: `${this.issuer}/mod/lti/contentitem_return.php?course=2`,
    }
  }

  /** Replaces the key pair but keeps the kid (bad practice that some platforms have). */
  async replaceKeyKeepingKid(): Promise<void> {
    this.keys = await generateKeyPair('RS256')
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [{ ...(await exportJWK(this.keys.publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' }] }
  }

  /** What the platform's endpoints answer (JWKS, token, scores). */
  async handle(request: Request): Promise<Response> {
    const overridden = await this.override?.(request)
    if (overridden) return overridden
    const url = request.url
    if (request.method === 'GET' && url === this.urls.jwks) {
      this.jwksFetches.push(url)
      return Response.json(await this.jwks())
    }
    if (request.method === 'POST' && url === this.urls.token) {
      const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()))
      let assertion: JWTPayload | null = null
      let assertionError: string | null = null
      try {
        assertion = (
          await verifyWithToolJwks(form.get('client_assertion') ?? '', {
            issuer: this.clientId,
            audience: this.assertionAudience ?? this.urls.token,
          })
        ).payload
      } catch (error) {
        assertionError = error instanceof Error ? error.message : String(error)
      }
      this.tokenRequests.push({ form, assertion, assertionError })
      if (!assertion) return Response.json({ error: 'invalid_client' }, { status: 401 })
      const token = `access-${crypto.randomUUID()}`
      this.issued.add(token)
      return Response.json({
        access_token: token,
        token_type: 'Bearer',
        expires_in: 3600,
        scope: SCORE_SCOPE,
      })
    }
    if (request.method === 'POST' && url.startsWith(`${this.issuer}/mod/lti/services.php/`)) {
      const authorization = request.headers.get('authorization')
      const body: unknown = await request.json()
      this.scorePosts.push({ url, authorization, contentType: request.headers.get('content-type'), body })
      const bearer = authorization?.replace(/^Bearer /, '') ?? ''
      if (!this.issued.has(bearer)) return new Response('unknown token', { status: 401 })
      return this.scoreStatus === 200
        ? new Response(null, { status: 200 })
        : new Response('<html>Internal error</html>', { status: this.scoreStatus })
    }
    return new Response('not found', { status: 404 })
  }

  /** Routes fetches to this platform's host to `handle`; everything else goes where it went before. */
  install(): void {
    const previous = globalThis.fetch
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init)
      return new URL(request.url).origin === this.issuer ? this.handle(request) : previous(input, init)
    })
  }

  /** The studio form fields that register this platform. */
  registration(overrides: Partial<Record<string, string>> = {}): FormFields {
    return {
      name: `Moodle ${this.id}`,
      issuer: this.issuer,
      client_id: this.clientId,
      auth_login_url: this.urls.auth,
      auth_token_url: this.urls.token,
      jwks_url: this.urls.jwks,
      deployment_ids: this.deploymentId,
      ...overrides,
    } as FormFields
  }

  /** Registers the platform through the studio as a new instructor; returns that instructor's browser. */
  async register(instructor: InstructorBrowser): Promise<void> {
    await instructor.signUp(freshEmail('lti'))
    const response = await instructor.postForm('/studio/lti/platforms', this.registration())
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio/lti?done=added')
  }

  /**
   * The platform starting an OIDC login (a cross-site form post from the LMS
   * page); returns the redirect's parameters.
   */
  async login(
    browser: Browser,
    fields: FormFields = {},
  ): Promise<{ response: Response; location: URL; state: string; nonce: string }> {
    const response = await browser.postForm(
      '/lti/login',
      {
        iss: this.issuer,
        login_hint: 'user-42',
        target_link_uri: `${ORIGIN}/lti/launch`,
        lti_message_hint: 'hint-abc',
        client_id: this.clientId,
        lti_deployment_id: this.deploymentId,
        ...fields,
      },
      { origin: this.issuer, 'sec-fetch-site': 'cross-site' },
    )
    const location = new URL(response.headers.get('location') ?? 'about:blank')
    return {
      response,
      location,
      state: location.searchParams.get('state') ?? '',
      nonce: location.searchParams.get('nonce') ?? '',
    }
  }

  /**
   * An id_token as the platform signs it: RS256 with its key and kid, valid
   * for a minute; `claims` are added last, so a test can override or break any of them.
   */
  async idToken(
    claims: JWTPayload,
    options: { key?: CryptoKey; kid?: string; issuedAt?: number; expiresAt?: number } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000)
    const issuedAt = options.issuedAt ?? now
    return new SignJWT({
      iss: this.issuer,
      aud: this.clientId,
      sub: 'user-42',
      [CLAIM.version]: '1.3.0',
      [CLAIM.deploymentId]: this.deploymentId,
      [CLAIM.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
      [CLAIM.context]: { id: 'course-2', title: 'Central Asia 101' },
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? this.kid, typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(options.expiresAt ?? issuedAt + 60)
      .sign(options.key ?? this.keys.privateKey)
  }

  /** Claims of a resource link launch of `quiz`, with a gradebook line item and the score scope. */
  resourceLink(nonce: string, quiz: string, linkId = 'link-1'): JWTPayload {
    return {
      nonce,
      [CLAIM.messageType]: 'LtiResourceLinkRequest',
      [CLAIM.targetLinkUri]: `${ORIGIN}/embed/${quiz}`,
      [CLAIM.resourceLink]: { id: linkId, title: 'Quiz' },
      [CLAIM.custom]: { quiz },
      [CLAIM.ags]: {
        scope: [SCORE_SCOPE, 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly'],
        lineitems: this.urls.lineItems,
        lineitem: this.urls.lineItem,
      },
    }
  }

  /** Claims of a Deep Linking request by an instructor. */
  deepLinking(nonce: string): JWTPayload {
    return {
      nonce,
      sub: 'teacher-7',
      [CLAIM.messageType]: 'LtiDeepLinkingRequest',
      [CLAIM.targetLinkUri]: `${ORIGIN}/lti/launch`,
      [CLAIM.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'],
      [CLAIM.deepLinkingSettings]: {
        deep_link_return_url: this.urls.deepLinkReturn,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        accept_multiple: false,
        data: 'opaque-platform-data',
      },
    }
  }

  /** The platform's auto-submitted form posting the id_token back to Cited. */
  launch(browser: Browser, idToken: string, state: string): Promise<Response> {
    return browser.postForm(
      '/lti/launch',
      { id_token: idToken, state },
      { origin: this.issuer, 'sec-fetch-site': 'cross-site' },
    )
  }

  /**
   * Login, then a launch with the token `claims(nonce)` builds. Like a real
   * platform, the login names the same target link as the token.
   */
  async loginAndLaunch(
    browser: Browser,
    claims: (nonce: string) => JWTPayload,
    options?: Parameters<TestPlatform['idToken']>[1],
  ): Promise<Response> {
    const target = claims('')[CLAIM.targetLinkUri]
    const { state, nonce } = await this.login(
      browser,
      typeof target === 'string' ? { target_link_uri: target } : {},
    )
    return this.launch(browser, await this.idToken(claims(nonce), options), state)
  }
}
