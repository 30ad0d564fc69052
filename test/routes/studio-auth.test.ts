import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { sessionIdOf } from '../../src/auth/session-token'
import { expectApiError, expectPage, visibleText } from '../support/helpers'
import { freshEmail, InstructorBrowser, PASSWORD, SIGNED_UP, sql } from '../support/studio-helpers'

const DAY = 24 * 3600_000

async function sessionRows(email: string) {
  const { results } = await sql(
    'select s.* from sessions s join instructors i on i.id = s.instructor_id where i.email = ?',
    email,
  ).all<{ id: string; created_at: number; expires_at: number; last_seen_at: number }>()
  return results
}

describe('sign up', () => {
  it('creates the account without a session, then signs in with a safe cookie and shows the studio', async () => {
    const browser = new InstructorBrowser()
    const email = freshEmail('ada')
    const response = await browser.postForm('/studio/signup', {
      email: `  ${email.toUpperCase()} `,
      password: PASSWORD,
      confirm: PASSWORD,
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(SIGNED_UP)
    // No session from the sign-up form: a taken email must get the very same answer.
    expect(response.headers.get('set-cookie')).toBeNull()
    const signInPage = visibleText(await expectPage(await browser.get(SIGNED_UP), 200))
    expect(signInPage).toContain('If this email had no account yet, it has one now')

    const signedIn = await browser.signIn(email)
    expect(signedIn.status).toBe(303)
    expect(signedIn.headers.get('location')).toBe('/studio')
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('cited_session='))
    expect(cookie).toBeDefined()
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/; Max-Age=1209600\b/)
    // Served over http here: no Secure flag, or the browser would drop the cookie.
    expect(cookie).not.toMatch(/; Secure/)

    const html = await expectPage(await browser.get('/studio'), 200)
    const text = visibleText(html)
    expect(text).toContain(`Signed in as ${email}`)
    expect(text).toContain('Your quiz sets')
    expect(text).toContain('You have no quiz sets yet.')

    const stored = await sql('select * from instructors where email = ?', email).first<{
      password_hash: string
      salt: string
      iterations: number
    }>()
    expect(stored?.iterations).toBe(100_000)
    expect(stored?.password_hash).not.toContain(PASSWORD)
    expect(atob(stored?.salt ?? '')).toHaveLength(16)
    // D1 holds the token's SHA-256, never the token.
    const [session] = await sessionRows(email)
    expect(session?.id).toBe(await sessionIdOf(browser.sessionToken ?? ''))
    expect(session?.id).not.toBe(browser.sessionToken)
  })

  it('sets the Secure flag when served over https', async () => {
    const origin = 'https://cited.example'
    const email = freshEmail('tls')
    const post = (path: string, fields: Record<string, string>) =>
      app.request(
        `${origin}${path}`,
        {
          method: 'POST',
          headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        },
        env,
      )
    expect((await post('/studio/signup', { email, password: PASSWORD, confirm: PASSWORD })).status).toBe(303)
    const response = await post('/studio/signin', { email, password: PASSWORD })
    expect(response.status).toBe(303)
    expect(response.headers.get('set-cookie')).toMatch(/^cited_session=[\w-]{43}; .*Secure/)
  })

  it('answers a taken email (in any case) exactly like a free one, and changes nothing', async () => {
    const email = freshEmail('taken')
    await new InstructorBrowser().signUp(email)
    const signUp = (browser: InstructorBrowser, typed: string, password: string) =>
      browser.postForm('/studio/signup', { email: typed, password, confirm: password })
    const attacker = new InstructorBrowser()
    const otherPassword = 'a different long passphrase 7'
    const taken = await signUp(attacker, email.toUpperCase(), otherPassword)
    const free = await signUp(new InstructorBrowser(), freshEmail('free'), otherPassword)
    for (const response of [taken, free]) {
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe(SIGNED_UP)
      expect(response.headers.get('set-cookie')).toBeNull()
      expect(await response.text()).toBe('')
    }
    expect(attacker.sessionToken).toBeUndefined()
    const count = await sql('select count(*) as n from instructors where email = ?', email).first<{
      n: number
    }>()
    expect(count?.n).toBe(1)
    // The owner's password still works; the one typed at sign-up does not.
    expect((await new InstructorBrowser().signIn(email, otherPassword)).status).toBe(401)
    expect((await new InstructorBrowser().signIn(email)).status).toBe(303)
  })

  const badForms: [string, Record<string, string>, 'email' | 'password' | 'confirm', string][] = [
    ['a short password', { password: 'short', confirm: 'short' }, 'password', 'Use at least 12 characters.'],
    [
      'a common password',
      { password: 'Password1234!', confirm: 'Password1234!' },
      'password',
      'one of the first that attackers try',
    ],
    [
      'a password repeated wrongly',
      { confirm: `${PASSWORD}!` },
      'confirm',
      'The two passwords are not the same.',
    ],
    ['an invalid email', { email: 'not-an-email' }, 'email', 'Enter an email address like name@school.org.'],
    ['an empty form', { email: '', password: '', confirm: '' }, 'email', 'Enter an email address'],
  ]
  for (const [what, fields, field, message] of badForms)
    it(`refuses ${what} with a 400 page that says why, next to the field`, async () => {
      const browser = new InstructorBrowser()
      const email = freshEmail('weak')
      const response = await browser.postForm('/studio/signup', {
        email,
        password: PASSWORD,
        confirm: PASSWORD,
        ...fields,
      })
      const html = await expectPage(response, 400)
      expect(visibleText(html)).toContain(message)
      expect(html).toMatch(/<title>Error: /)
      // The error is tied to its field, which is marked invalid and gets the focus.
      const input = new RegExp(`<input[^>]*id="field-${field}"[^>]*>`).exec(html)?.[0] ?? ''
      expect(input).toContain('aria-invalid="true"')
      expect(input).toContain(`field-${field}-error`)
      expect(input).toContain('autofocus')
      expect(html).toContain(`id="field-${field}-error"`)
      // The email typed stays; a password never comes back.
      if (fields.email === undefined) expect(html).toContain(`value="${email}"`)
      expect(html).not.toContain(PASSWORD)
      expect(html).not.toContain('Password1234!')
      expect(browser.sessionToken).toBeUndefined()
    })

  it('has a labelled form with the right autocomplete hints', async () => {
    const html = await expectPage(await new InstructorBrowser().get('/studio/signup'), 200)
    expect(html).toContain('<label for="field-email">Email</label>')
    expect(html).toContain('<label for="field-password">Password</label>')
    expect(html).toMatch(/<input type="email"[^>]*autocomplete="email"/)
    expect(html).toMatch(/<input type="password"[^>]*id="field-password"[^>]*autocomplete="new-password"/)
    expect(html).toMatch(/id="field-password"[^>]*aria-describedby="field-password-hint"/)
  })

  describe('when switched off with SIGNUP_OPEN', () => {
    const closed = { ...env, SIGNUP_OPEN: 'false' }
    const origin = 'http://localhost'

    it('answers the form with a 403 page', async () => {
      const response = await app.request('/studio/signup', {}, closed)
      const html = await expectPage(response, 403)
      expect(visibleText(html)).toContain('New instructor accounts cannot be made here')
    })

    it('refuses a posted sign-up and creates nothing', async () => {
      const email = freshEmail('closed')
      const response = await app.request(
        '/studio/signup',
        {
          method: 'POST',
          headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email, password: PASSWORD, confirm: PASSWORD }).toString(),
        },
        closed,
      )
      await expectPage(response, 403)
      expect(response.headers.get('set-cookie')).toBeNull()
      expect(await sql('select id from instructors where email = ?', email).first()).toBeNull()
    })

    it('no longer offers sign-up on the sign-in page', async () => {
      const closedPage = await (await app.request('/studio/signin', {}, closed)).text()
      expect(closedPage).not.toContain('href="/studio/signup"')
      const openPage = await (await app.request('/studio/signin', {}, env)).text()
      expect(openPage).toContain('href="/studio/signup"')
    })
  })
})

describe('sign in', () => {
  it('says a field is too long, not an answer, when the email is over 500 characters', async () => {
    const html = await expectPage(await new InstructorBrowser().signIn(`${'a'.repeat(600)}@school.org`), 400)
    expect(visibleText(html)).toContain('A field is too long')
    expect(visibleText(html)).not.toContain('An answer is too long')
  })

  it('signs in with the right password (email in any case) and lands on the studio', async () => {
    const email = freshEmail('grace')
    await new InstructorBrowser().signUp(email)
    const browser = new InstructorBrowser()
    const response = await browser.signIn(email.toUpperCase())
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio')
    expect(visibleText(await expectPage(await browser.get('/studio'), 200))).toContain(email)
  })

  it('refuses a wrong password or an unknown email with the same 401 message, keeping the email', async () => {
    const email = freshEmail('wrong')
    await new InstructorBrowser().signUp(email)
    for (const [typed, password] of [
      [email, 'not the right password'],
      [freshEmail('nobody'), PASSWORD],
    ] as const) {
      const browser = new InstructorBrowser()
      const html = await expectPage(await browser.signIn(typed, password), 401)
      expect(visibleText(html)).toContain('The email or password is wrong.')
      expect(html).toContain(`value="${typed}"`)
      expect(html).not.toContain(password)
      expect(html).toMatch(/<input type="password"[^>]*aria-describedby="form-error"[^>]*autofocus/)
      expect(html).toContain('role="alert"')
      expect(browser.sessionToken).toBeUndefined()
    }
  })

  it('refuses an empty password or a malformed email with a 400 naming the field', async () => {
    const browser = new InstructorBrowser()
    const noPassword = await expectPage(await browser.signIn('ada@school.example', ''), 400)
    expect(visibleText(noPassword)).toContain('Enter your password.')
    expect(noPassword).toContain('value="ada@school.example"')
    const badEmail = await expectPage(await browser.signIn('ada', PASSWORD), 400)
    expect(visibleText(badEmail)).toContain('Enter an email address like')
    expect(badEmail).toMatch(/id="field-email"[^>]*aria-invalid="true"/)
  })

  it('has a labelled form with current-password autocomplete', async () => {
    const html = await expectPage(await new InstructorBrowser().get('/studio/signin'), 200)
    expect(html).toMatch(/<input type="email"[^>]*autocomplete="email"/)
    expect(html).toMatch(/<input type="password"[^>]*autocomplete="current-password"/)
    expect(html).toContain('<label for="field-password">Password</label>')
  })

  it('sends a signed-in instructor straight on from the sign-in page', async () => {
    const browser = new InstructorBrowser()
    await browser.signUp(freshEmail('already'))
    const response = await browser.get('/studio/signin')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio')
  })
})

describe('access to the studio', () => {
  it('sends visitors without a session to sign in, and back to the page they asked for afterwards', async () => {
    const browser = new InstructorBrowser()
    const home = await browser.get('/studio')
    expect(home.status).toBe(303)
    expect(home.headers.get('location')).toBe('/studio/signin')

    const deep = await browser.get('/studio/sets/some-set?tab=results')
    expect(deep.status).toBe(303)
    const location = deep.headers.get('location') ?? ''
    expect(location).toBe(`/studio/signin?next=${encodeURIComponent('/studio/sets/some-set?tab=results')}`)

    const html = await expectPage(await browser.get(location), 200)
    expect(html).toContain('name="next" value="/studio/sets/some-set?tab=results"')

    const email = freshEmail('next')
    await new InstructorBrowser().signUp(email)
    const signedIn = await browser.signIn(email, PASSWORD, '/studio/sets/some-set?tab=results')
    expect(signedIn.status).toBe(303)
    expect(signedIn.headers.get('location')).toBe('/studio/sets/some-set?tab=results')
  })

  it('refuses to redirect anywhere but this site after sign-in (no open redirect)', async () => {
    const email = freshEmail('redirect')
    await new InstructorBrowser().signUp(email)
    for (const next of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const page = await expectPage(
        await new InstructorBrowser().get(`/studio/signin?next=${encodeURIComponent(next)}`),
        200,
      )
      expect(page).toContain('name="next" value="/studio"')
      const response = await new InstructorBrowser().signIn(email, PASSWORD, next)
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/studio')
    }
  })

  it('answers the studio API with 401 JSON without a session, and with the instructor with one', async () => {
    const browser = new InstructorBrowser()
    await expectApiError(await browser.get('/api/studio/me'), 401, 'unauthorized')
    await expectApiError(await browser.get('/api/studio/no-such-thing'), 401, 'unauthorized')
    const email = freshEmail('api')
    await browser.signUp(email)
    const response = await browser.get('/api/studio/me')
    expect(response.status).toBe(200)
    expect(((await response.json()) as { instructor: { email: string } }).instructor.email).toBe(email)
  })

  it('keeps studio pages out of caches', async () => {
    const browser = new InstructorBrowser()
    expect((await browser.get('/studio/signin')).headers.get('cache-control')).toBe('private, no-store')
    await browser.signUp(freshEmail('cache'))
    expect((await browser.get('/studio')).headers.get('cache-control')).toBe('private, no-store')
    expect((await browser.get('/api/studio/me')).headers.get('cache-control')).toBe('private, no-store')
  })

  it('ignores a forged or garbage session cookie', async () => {
    for (const value of ['nonsense', 'a'.repeat(43), '']) {
      const response = await new InstructorBrowser().fetch('/studio', {
        headers: { cookie: `cited_session=${value}` },
      })
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/studio/signin')
    }
  })
})

describe('sessions', () => {
  it('sign out ends this session: the cookie is cleared and the old token no longer works', async () => {
    const browser = new InstructorBrowser()
    const email = freshEmail('out')
    await browser.signUp(email)
    const token = browser.sessionToken ?? ''
    const response = await browser.postForm('/studio/signout', {})
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio/signin?signedout=1')
    expect(response.headers.get('set-cookie')).toMatch(/^cited_session=; Max-Age=0; Path=\//)
    expect(await sessionRows(email)).toHaveLength(0)
    const replay = await new InstructorBrowser().fetch('/studio', {
      headers: { cookie: `cited_session=${token}` },
    })
    expect(replay.status).toBe(303)
    expect(visibleText(await expectPage(await browser.get('/studio/signin?signedout=1'), 200))).toContain(
      'You are signed out.',
    )
  })

  it('sign out everywhere ends every session of the account, and only that account', async () => {
    const email = freshEmail('everywhere')
    const laptop = new InstructorBrowser()
    await laptop.signUp(email)
    const phone = new InstructorBrowser()
    expect((await phone.signIn(email)).status).toBe(303)
    const other = new InstructorBrowser()
    await other.signUp(freshEmail('bystander'))
    expect(visibleText(await expectPage(await laptop.get('/studio'), 200))).toContain(
      'signed in on 2 devices',
    )

    const response = await phone.postForm('/studio/signout-everywhere', {})
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio/signin?signedout=everywhere')
    expect(await sessionRows(email)).toHaveLength(0)
    expect((await laptop.get('/studio')).status).toBe(303)
    expect((await phone.get('/studio')).status).toBe(303)
    expect((await other.get('/studio')).status).toBe(200)
  })

  it('rejects an expired session and clears its cookie', async () => {
    const browser = new InstructorBrowser()
    const email = freshEmail('expired')
    await browser.signUp(email)
    await sql(
      'update sessions set expires_at = ? where id = ?',
      Date.now() - 1000,
      await sessionIdOf(browser.sessionToken ?? ''),
    ).run()
    const response = await browser.get('/studio')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio/signin')
    expect(response.headers.get('set-cookie')).toMatch(/^cited_session=; Max-Age=0/)
    await expectApiError(
      await new InstructorBrowser().fetch('/api/studio/me', {
        headers: { cookie: `cited_session=${browser.sessionToken ?? 'gone'}` },
      }),
      401,
      'unauthorized',
    )
  })

  it('extends a session in use (at most hourly), but never beyond 90 days after sign-in', async () => {
    const browser = new InstructorBrowser()
    const email = freshEmail('sliding')
    await browser.signUp(email)
    const id = await sessionIdOf(browser.sessionToken ?? '')
    const now = Date.now()

    // Used two hours ago: extended to 14 days from now, and the cookie with it.
    await sql(
      'update sessions set last_seen_at = ?, expires_at = ? where id = ?',
      now - 2 * 3600_000,
      now + DAY,
      id,
    ).run()
    const renewed = await browser.get('/studio')
    expect(renewed.status).toBe(200)
    expect(renewed.headers.get('set-cookie')).toMatch(/^cited_session=[\w-]{43}; Max-Age=1209[56]\d\d; /)
    const [afterUse] = await sessionRows(email)
    expect(afterUse?.expires_at).toBeGreaterThanOrEqual(now + 14 * DAY - 1000)

    // Used a minute ago: nothing to write.
    const quiet = await browser.get('/studio')
    expect(quiet.headers.get('set-cookie')).toBeNull()

    // Signed in 89 days ago: extended only to the 90-day cap.
    const createdAt = now - 89 * DAY
    await sql(
      'update sessions set created_at = ?, last_seen_at = ? where id = ?',
      createdAt,
      now - 2 * 3600_000,
      id,
    ).run()
    expect((await browser.get('/studio')).status).toBe(200)
    const [capped] = await sessionRows(email)
    expect(capped?.expires_at).toBe(createdAt + 90 * DAY)
  })
})

describe('cross-site form posts to the studio', () => {
  it('are refused with a 403, creating and ending nothing', async () => {
    const email = freshEmail('csrf')
    const browser = new InstructorBrowser()
    await browser.signUp(email)
    const victim = freshEmail('csrf-new')
    const forms: [string, Record<string, string>][] = [
      ['/studio/signup', { email: victim, password: PASSWORD, confirm: PASSWORD }],
      ['/studio/signin', { email, password: PASSWORD }],
      ['/studio/signout', {}],
      ['/studio/signout-everywhere', {}],
    ]
    for (const [path, fields] of forms)
      for (const origin of [undefined, 'https://evil.example']) {
        const response = await browser.fetch(path, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'cf-connecting-ip': browser.ip,
            ...(origin ? { origin } : {}),
          },
          body: new URLSearchParams(fields).toString(),
        })
        await expectPage(response, 403)
        expect(response.headers.get('set-cookie')).toBeNull()
      }
    expect(await sql('select id from instructors where email = ?', victim).first()).toBeNull()
    expect(await sessionRows(email)).toHaveLength(1)
    expect((await browser.get('/studio')).status).toBe(200)
  })
})
