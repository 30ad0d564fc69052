import { describe, expect, it } from 'vitest'
import { IP_FAILURE_LIMIT, PASSKEY_CHALLENGE_IP_LIMIT } from '../../src/auth/rate-limit'
import { expectApiError, expectPage, ORIGIN, visibleText } from '../support/helpers'
import { freshEmail, InstructorBrowser, sql } from '../support/studio-helpers'
import {
  base64url,
  type CreationOptions,
  type RequestOptions,
  SoftAuthenticator,
} from '../support/webauthn-authenticator'

/** A JSON post from one of our pages, with the instructor's client address. */
function post(browser: InstructorBrowser, path: string, body: unknown) {
  return browser.fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      origin: ORIGIN,
      'cf-connecting-ip': browser.ip,
    },
    body: JSON.stringify(body),
  })
}

async function registrationOptions(browser: InstructorBrowser): Promise<CreationOptions> {
  const response = await post(browser, '/api/studio/passkeys/options', {})
  expect(response.status).toBe(200)
  return ((await response.json()) as { options: CreationOptions }).options
}

async function signInOptions(browser: InstructorBrowser): Promise<RequestOptions> {
  const response = await post(browser, '/studio/signin/passkey/options', {})
  expect(response.status).toBe(200)
  return ((await response.json()) as { options: RequestOptions }).options
}

/** A signed-in instructor with one passkey on a software authenticator. */
async function instructorWithPasskey(name = 'Laptop') {
  const browser = new InstructorBrowser()
  const email = freshEmail('passkey')
  await browser.signUp(email)
  const authenticator = new SoftAuthenticator(ORIGIN)
  const response = await authenticator.register(await registrationOptions(browser))
  const saved = await post(browser, '/api/studio/passkeys', { name, response })
  expect(saved.status).toBe(201)
  return { browser, email, authenticator }
}

describe('registering a passkey', () => {
  it('keeps a passkey the account page lists with its name and dates', async () => {
    const { browser, authenticator } = await instructorWithPasskey('Work laptop')
    const html = await expectPage(await browser.get('/studio/account'), 200)
    const text = visibleText(html)
    expect(text).toContain('Work laptop')
    expect(text).toContain('Never')
    expect(html).toContain('/build/passkeys.js')
    const row = await sql(
      'select counter, transports from passkeys where id = ?',
      base64url(authenticator.credentials[0]?.id ?? new Uint8Array()),
    ).first()
    expect(row).toEqual({ counter: 0, transports: '["internal"]' })
  })

  it('offers registration only to a signed-in instructor (401 JSON)', async () => {
    await expectApiError(
      await post(new InstructorBrowser(), '/api/studio/passkeys/options', {}),
      401,
      'unauthorized',
    )
  })

  it('refuses a nameless passkey, an answer for another origin, and a challenge used twice', async () => {
    const browser = new InstructorBrowser()
    await browser.signUp(freshEmail('reg-checks'))
    const authenticator = new SoftAuthenticator(ORIGIN)

    const options = await registrationOptions(browser)
    const nameless = await post(browser, '/api/studio/passkeys', {
      name: ' ',
      response: await authenticator.register(options),
    })
    expect((await expectApiError(nameless, 400, 'bad_request')).error.message).toMatch(/Name the passkey/)

    const elsewhere = await authenticator.register(await registrationOptions(browser), {
      origin: 'https://evil.example',
    })
    const wrongOrigin = await post(browser, '/api/studio/passkeys', { name: 'Phone', response: elsewhere })
    expect((await expectApiError(wrongOrigin, 400, 'bad_request')).error.message).toMatch(/another site/)

    const fresh = await registrationOptions(browser)
    const answer = await authenticator.register(fresh)
    expect((await post(browser, '/api/studio/passkeys', { name: 'Phone', response: answer })).status).toBe(
      201,
    )
    const replayed = await post(browser, '/api/studio/passkeys', { name: 'Phone again', response: answer })
    expect((await expectApiError(replayed, 400, 'bad_request')).error.message).toMatch(
      /expired or was already used/,
    )
  })

  it('refuses a challenge issued to another instructor', async () => {
    const a = new InstructorBrowser()
    const b = new InstructorBrowser()
    await a.signUp(freshEmail('reg-a'))
    await b.signUp(freshEmail('reg-b'))
    const answer = await new SoftAuthenticator(ORIGIN).register(await registrationOptions(a))
    const stolen = await post(b, '/api/studio/passkeys', { name: 'Not mine', response: answer })
    await expectApiError(stolen, 400, 'bad_request')
  })
})

describe('signing in with a passkey', () => {
  it('starts the same session as a password sign-in and sends the instructor on', async () => {
    const { email, authenticator } = await instructorWithPasskey()
    const visitor = new InstructorBrowser()
    const response = await authenticator.signIn(await signInOptions(visitor))
    const signedIn = await post(visitor, '/studio/signin/passkey', { response, next: '/studio/account' })
    expect(signedIn.status).toBe(200)
    expect(await signedIn.json()).toEqual({ redirect: '/studio/account' })
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('cited_session='))
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    const studio = visibleText(await expectPage(await visitor.get('/studio'), 200))
    expect(studio).toContain(email)
    const account = visibleText(await expectPage(await visitor.get('/studio/account'), 200))
    expect(account).not.toContain('Never')
  })

  it('keeps a foreign next path out of the redirect', async () => {
    const { authenticator } = await instructorWithPasskey()
    const visitor = new InstructorBrowser()
    const response = await authenticator.signIn(await signInOptions(visitor))
    const signedIn = await post(visitor, '/studio/signin/passkey', {
      response,
      next: 'https://evil.example/',
    })
    expect(await signedIn.json()).toEqual({ redirect: '/studio' })
  })

  it('refuses a replayed answer, a challenge it never issued and one issued for registering', async () => {
    const { browser, authenticator } = await instructorWithPasskey()
    const visitor = new InstructorBrowser()
    const answer = await authenticator.signIn(await signInOptions(visitor))
    expect((await post(visitor, '/studio/signin/passkey', { response: answer })).status).toBe(200)
    const replayed = await post(new InstructorBrowser(), '/studio/signin/passkey', { response: answer })
    expect((await expectApiError(replayed, 400, 'bad_request')).error.message).toMatch(
      /expired or was already used/,
    )
    expect(replayed.headers.getSetCookie()).toEqual([])

    const invented = await authenticator.signIn(await signInOptions(visitor), { challenge: 'bm90LW91cnM' })
    await expectApiError(
      await post(visitor, '/studio/signin/passkey', { response: invented }),
      400,
      'bad_request',
    )

    const forRegistering = await authenticator.signIn(await registrationOptions(browser))
    const wrongPurpose = await post(visitor, '/studio/signin/passkey', { response: forRegistering })
    await expectApiError(wrongPurpose, 400, 'bad_request')
  })

  it('refuses an expired challenge', async () => {
    const { authenticator } = await instructorWithPasskey()
    const visitor = new InstructorBrowser()
    const options = await signInOptions(visitor)
    await sql(
      'update webauthn_challenges set expires_at = ? where challenge = ?',
      Date.now() - 1,
      options.challenge,
    ).run()
    const late = await post(visitor, '/studio/signin/passkey', {
      response: await authenticator.signIn(options),
    })
    await expectApiError(late, 400, 'bad_request')
  })

  it('refuses an answer made for another origin or another RP ID', async () => {
    const { authenticator } = await instructorWithPasskey()
    const visitor = new InstructorBrowser()
    const phished = await authenticator.signIn(await signInOptions(visitor), {
      origin: 'https://examp1e.com',
    })
    const refused = await post(visitor, '/studio/signin/passkey', { response: phished })
    expect((await expectApiError(refused, 400, 'bad_request')).error.message).toMatch(/another site/)
    const otherRp = await authenticator.signIn(await signInOptions(visitor), { rpId: 'examp1e.com' })
    await expectApiError(
      await post(visitor, '/studio/signin/passkey', { response: otherRp }),
      400,
      'bad_request',
    )
  })

  it('refuses an unknown credential, a bad signature and an unverified user', async () => {
    const { authenticator } = await instructorWithPasskey()
    const visitor = new InstructorBrowser()
    const stranger = new SoftAuthenticator(ORIGIN)
    await stranger.register({ challenge: 'eA', rp: { id: 'example.com' }, user: { id: 'dXNlcg' } })
    const unknown = await post(visitor, '/studio/signin/passkey', {
      response: await stranger.signIn(await signInOptions(visitor)),
    })
    expect((await expectApiError(unknown, 401, 'unauthorized')).error.message).toMatch(/not registered here/)

    const forged = await authenticator.signIn(await signInOptions(visitor))
    const bytes = forged.response.signature.split('')
    bytes[10] = bytes[10] === 'A' ? 'B' : 'A'
    const badSignature = { ...forged, response: { ...forged.response, signature: bytes.join('') } }
    await expectApiError(
      await post(visitor, '/studio/signin/passkey', { response: badSignature }),
      401,
      'unauthorized',
    )

    const unverified = await authenticator.signIn(await signInOptions(visitor), { userVerified: false })
    await expectApiError(
      await post(visitor, '/studio/signin/passkey', { response: unverified }),
      401,
      'unauthorized',
    )
  })

  it('refuses a signature counter that went backwards (a cloned authenticator)', async () => {
    const { authenticator } = await instructorWithPasskey()
    const visitor = new InstructorBrowser()
    const first = await authenticator.signIn(await signInOptions(visitor), { counter: 7 })
    expect((await post(visitor, '/studio/signin/passkey', { response: first })).status).toBe(200)
    const clone = await authenticator.signIn(await signInOptions(visitor), { counter: 7 })
    const refused = await post(new InstructorBrowser(), '/studio/signin/passkey', { response: clone })
    expect((await expectApiError(refused, 401, 'unauthorized')).error.message).toMatch(
      /counter went backwards/,
    )
    const next = await authenticator.signIn(await signInOptions(visitor), { counter: 8 })
    expect((await post(visitor, '/studio/signin/passkey', { response: next })).status).toBe(200)
  })

  it('refuses malformed bodies with 400 and other content types with 415', async () => {
    const visitor = new InstructorBrowser()
    await expectApiError(
      await post(visitor, '/studio/signin/passkey', { response: { id: 'x' } }),
      400,
      'bad_request',
    )
    const form = await visitor.fetch('/studio/signin/passkey', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: ORIGIN },
      body: '{}',
    })
    await expectApiError(form, 415, 'unsupported_media_type')
  })

  it('counts failures against the address like password sign-ins, and limits challenges per address', async () => {
    const visitor = new InstructorBrowser()
    // 20 failed password sign-ins from this address (as the password form would leave them).
    const now = Date.now()
    for (let i = 0; i < IP_FAILURE_LIMIT; i++)
      await sql(
        'insert into rate_limits (bucket, at, expires_at) values (?, ?, ?)',
        `signin:ip:${visitor.ip}`,
        now - i,
        now + 900_000,
      ).run()
    const stranger = new SoftAuthenticator(ORIGIN)
    await stranger.register({ challenge: 'eA', rp: { id: 'example.com' }, user: { id: 'dXNlcg' } })
    const blocked = await post(visitor, '/studio/signin/passkey', {
      response: await stranger.signIn(await signInOptions(visitor)),
    })
    await expectApiError(blocked, 429, 'too_many_requests')
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)

    const greedy = new InstructorBrowser()
    for (let i = 0; i < PASSKEY_CHALLENGE_IP_LIMIT; i++) await signInOptions(greedy)
    await expectApiError(await post(greedy, '/studio/signin/passkey/options', {}), 429, 'too_many_requests')
  })
})

describe('removing a passkey', () => {
  it('removes it from the list, and it no longer signs in', async () => {
    const { browser, authenticator } = await instructorWithPasskey('Old phone')
    const html = await browser.get('/studio/account').then((response) => response.text())
    const action = /action="(\/studio\/account\/passkeys\/[^"]+\/delete)"/.exec(html)?.[1] ?? ''
    const removed = await browser.postForm(action, {})
    expect(removed.status).toBe(303)
    expect(removed.headers.get('location')).toBe('/studio/account?done=passkey-removed')
    const after = visibleText(
      await expectPage(await browser.get('/studio/account?done=passkey-removed'), 200),
    )
    expect(after).toContain('Passkey removed')
    expect(after).not.toContain('Old phone')
    const visitor = new InstructorBrowser()
    const answer = await authenticator.signIn(await signInOptions(visitor))
    await expectApiError(
      await post(visitor, '/studio/signin/passkey', { response: answer }),
      401,
      'unauthorized',
    )
  })

  it('answers 404 to another instructor, and keeps the passkey', async () => {
    const { browser, authenticator } = await instructorWithPasskey()
    const html = await browser.get('/studio/account').then((response) => response.text())
    const action = /action="(\/studio\/account\/passkeys\/[^"]+\/delete)"/.exec(html)?.[1] ?? ''
    const other = new InstructorBrowser()
    await other.signUp(freshEmail('other'))
    expect((await other.postForm(action, {})).status).toBe(404)
    const visitor = new InstructorBrowser()
    const answer = await authenticator.signIn(await signInOptions(visitor))
    expect((await post(visitor, '/studio/signin/passkey', { response: answer })).status).toBe(200)
  })
})

describe('the sign-in page', () => {
  it('offers a passkey, and says it needs JavaScript, beside the password form', async () => {
    const html = await expectPage(await new InstructorBrowser().get('/studio/signin'), 200)
    expect(html).toContain('id="passkey-signin"')
    expect(visibleText(html)).toContain('Signing in with a passkey needs JavaScript')
    expect(html).toContain('name="password"')
    expect(html).toContain('/build/passkeys.js')
  })
})
