import { describe, expect, it } from 'vitest'
import { SIGN_UP_GLOBAL_LIMIT } from '../../src/auth/rate-limit'
import { fillRateLimitBucket } from '../support/fixtures'
import { Browser, expectPage, visibleText } from '../support/helpers'
import { freshEmail, freshIp, InstructorBrowser, PASSWORD, sql } from '../support/studio-helpers'

const WINDOW = 15 * 60_000

/** Moves every recorded attempt of a rate-limit bucket `ms` into the past. */
const age = (bucket: string, ms: number) =>
  sql(
    'update rate_limits set at = at - ?, expires_at = expires_at - ? where bucket = ?',
    ms,
    ms,
    bucket,
  ).run()

const failuresOf = async (bucket: string) =>
  (await sql('select count(*) as n from rate_limits where bucket = ?', bucket).first<{ n: number }>())?.n ?? 0

async function failSignIn(browser: InstructorBrowser, email: string, times: number) {
  const statuses: number[] = []
  for (let index = 0; index < times; index++)
    statuses.push((await browser.signIn(email, `wrong password ${index}`)).status)
  return statuses
}

describe('sign-in rate limit per account', () => {
  it('blocks after 5 failures with a clear message, even the right password, until the window passes', async () => {
    const email = freshEmail('limited')
    await new InstructorBrowser().signUp(email)
    const attacker = new InstructorBrowser()
    expect(await failSignIn(attacker, email, 4)).toEqual([401, 401, 401, 401])

    const fifth = await attacker.signIn(email, 'wrong password 5')
    const fifthText = visibleText(await expectPage(fifth, 401))
    expect(fifthText).toContain('that was the last try for now')
    expect(fifthText).toMatch(/Try again in 15 minutes \(after \d\d:\d\d UTC\)/)

    // The owner, from another network, with the right password: still refused, told when to retry.
    const owner = new InstructorBrowser()
    const refused = await owner.signIn(email)
    const html = await expectPage(refused, 429)
    expect(visibleText(html)).toMatch(/Too many failed sign-ins for this account\. Try again in 15 minutes/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60)
    expect(html).toContain(`value="${email}"`)
    expect(owner.sessionToken).toBeUndefined()
    // Refused tries are not counted, so hammering does not extend the block.
    expect(await failuresOf(`signin:account:${email}`)).toBe(5)

    // 10 minutes later: still blocked, 5 minutes to go.
    await age(`signin:account:${email}`, 10 * 60_000)
    expect(visibleText(await expectPage(await owner.signIn(email), 429))).toContain('Try again in 5 minutes')

    // Once the oldest failure leaves the 15-minute window, the owner gets in.
    await age(`signin:account:${email}`, 5 * 60_000 + 1)
    const allowed = await owner.signIn(email)
    expect(allowed.status).toBe(303)
    expect(owner.sessionToken).toBeDefined()
  })

  it('counts typed emails, not accounts, so unknown emails are limited the same way', async () => {
    const nobody = freshEmail('nobody')
    const browser = new InstructorBrowser()
    await failSignIn(browser, nobody, 5)
    expect(visibleText(await expectPage(await browser.signIn(nobody), 429))).toContain('for this account')
  })

  it('resets the account count after a successful sign-in', async () => {
    const email = freshEmail('reset')
    await new InstructorBrowser().signUp(email)
    const browser = new InstructorBrowser()
    expect(await failSignIn(browser, email, 4)).toEqual([401, 401, 401, 401])
    expect((await browser.signIn(email)).status).toBe(303)
    expect(await failuresOf(`signin:account:${email}`)).toBe(0)
    // Four more mistakes are allowed again before the block.
    expect(await failSignIn(new InstructorBrowser(), email, 4)).toEqual([401, 401, 401, 401])
    expect((await new InstructorBrowser().signIn(email)).status).toBe(303)
  })

  it('does not block other accounts', async () => {
    const locked = freshEmail('locked')
    const fine = freshEmail('fine')
    await new InstructorBrowser().signUp(fine)
    await failSignIn(new InstructorBrowser(), locked, 5)
    expect((await new InstructorBrowser().signIn(fine)).status).toBe(303)
  })
})

describe('sign-in rate limit per IP', () => {
  it('blocks a network after 20 failures across any emails, while other networks still get in', async () => {
    const email = freshEmail('shared')
    await new InstructorBrowser().signUp(email)
    const ip = freshIp()
    const guesser = new InstructorBrowser(ip)
    for (let round = 0; round < 5; round++)
      expect(await failSignIn(guesser, freshEmail(`guess${round}`), 4)).toEqual([401, 401, 401, 401])

    const sameNetwork = new InstructorBrowser(ip)
    const refused = await sameNetwork.signIn(email)
    expect(visibleText(await expectPage(refused, 429))).toMatch(
      /Too many failed sign-ins from your network\. Try again in 15 minutes/,
    )
    expect((await new InstructorBrowser().signIn(email)).status).toBe(303)

    // A success elsewhere does not clear the network's count; time does.
    expect(await failuresOf(`signin:ip:${ip}`)).toBe(20)
    await age(`signin:ip:${ip}`, WINDOW)
    expect((await sameNetwork.signIn(email)).status).toBe(303)
  })

  it('forgets failures once they are older than the window', async () => {
    const browser = new InstructorBrowser()
    const email = freshEmail('stale')
    await failSignIn(browser, email, 3)
    await age(`signin:account:${email}`, WINDOW + 1)
    // The next failure sweeps every stale row.
    await failSignIn(browser, freshEmail('sweep'), 1)
    expect(await failuresOf(`signin:account:${email}`)).toBe(0)
  })
})

/** Counts how many responses had each status. */
const tally = (responses: Response[]) =>
  responses.reduce<Record<number, number>>((counts, { status }) => {
    counts[status] = (counts[status] ?? 0) + 1
    return counts
  }, {})

// Each checked password costs a PBKDF2 run, so bursts take seconds on a busy machine.
const BURST_TIMEOUT = 30_000

describe('sign-in rate limit under concurrency', { timeout: BURST_TIMEOUT }, () => {
  it('checks at most 5 passwords of an account in a burst of 40 parallel sign-ins, then refuses the right one', async () => {
    const email = freshEmail('burst')
    await new InstructorBrowser().signUp(email)
    // 40 attackers on 40 networks, all at once: only the account's limit applies.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, index) => new InstructorBrowser().signIn(email, `wrong guess ${index}`)),
    )
    expect(tally(burst)).toEqual({ 401: 5, 429: 35 })
    expect(await failuresOf(`signin:account:${email}`)).toBe(5)

    const owner = new InstructorBrowser()
    expect(visibleText(await expectPage(await owner.signIn(email), 429))).toContain('for this account')
    expect(owner.sessionToken).toBeUndefined()
  })

  it('checks at most 5 passwords when the right one is in the burst (39 wrong, 1 right)', async () => {
    const email = freshEmail('burst-right')
    await new InstructorBrowser().signUp(email)
    const attempts = Array.from({ length: 40 }, (_, index) =>
      index === 39 ? PASSWORD : `wrong guess ${index}`,
    )
    const burst = await Promise.all(
      attempts.map((password) => new InstructorBrowser().signIn(email, password)),
    )
    const counts = tally(burst)
    const checked = (counts[401] ?? 0) + (counts[303] ?? 0)
    expect(checked).toBeLessThanOrEqual(5)
    expect(counts[429]).toBeGreaterThanOrEqual(35)
    // Whether the right password was among the 5 checked depends on the order the Worker serves
    // parallel requests in; either way, at most 5 guesses were checked.
  })

  it('checks at most 20 passwords from one network in a burst, across any emails', async () => {
    const ip = freshIp()
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        new InstructorBrowser(ip).signIn(freshEmail(`spray${index}`), 'wrong guess'),
      ),
    )
    expect(tally(burst)).toEqual({ 401: 20, 429: 20 })
    expect(await failuresOf(`signin:ip:${ip}`)).toBe(20)
  })
})

describe('sign-in rate limit without a client address', { timeout: BURST_TIMEOUT }, () => {
  /** A sign-in as `wrangler dev` sees it: no CF-Connecting-IP. */
  const signInWithoutIp = (email: string, password: string, headers: Record<string, string> = {}) =>
    new Browser().postForm('/studio/signin', { email, password }, headers)

  it('does not put everyone in one bucket: a flood on made-up emails does not lock out a real instructor', async () => {
    const email = freshEmail('real')
    await new InstructorBrowser().signUp(email)
    // More than one address's limit (20): before, every address-less request shared one bucket.
    const flood = await Promise.all(
      Array.from({ length: 25 }, (_, index) => signInWithoutIp(freshEmail(`made-up${index}`), 'wrong guess')),
    )
    expect(tally(flood)).toEqual({ 401: 25 })
    const real = await signInWithoutIp(email, PASSWORD)
    expect(real.status).toBe(303)
    expect(real.headers.get('location')).toBe('/studio')
  })

  it('still limits each account, whatever the concurrency', async () => {
    const email = freshEmail('no-ip-burst')
    await new InstructorBrowser().signUp(email)
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, index) => signInWithoutIp(email, `wrong guess ${index}`)),
    )
    expect(tally(burst)).toEqual({ 401: 5, 429: 35 })
    expect((await signInWithoutIp(email, PASSWORD)).status).toBe(429)
  })

  it('trusts CF-Connecting-IP only, never X-Forwarded-For', async () => {
    const forwarded = '192.0.2.99'
    const ip = freshIp()
    // X-Forwarded-For alone: no address bucket is made from it.
    await signInWithoutIp(freshEmail('xff'), 'wrong guess', { 'x-forwarded-for': forwarded })
    expect(await failuresOf(`signin:ip:${forwarded}`)).toBe(0)
    // Nor does a changing X-Forwarded-For split one Cloudflare address into many.
    const spray = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        new InstructorBrowser(ip).postForm(
          '/studio/signin',
          { email: freshEmail(`xff${index}`), password: 'wrong guess' },
          { 'x-forwarded-for': `192.0.2.${index}` },
        ),
      ),
    )
    expect(tally(spray)).toEqual({ 401: 20, 429: 5 })
  })
})

describe('sign-up rate limit', { timeout: BURST_TIMEOUT }, () => {
  const signUp = (email: string, headers: Record<string, string> = {}) =>
    new Browser().postForm('/studio/signup', { email, password: PASSWORD, confirm: PASSWORD }, headers)

  it('allows 20 sign-ups per network per hour, whatever the concurrency; other networks go on', async () => {
    const ip = freshIp()
    const emails = Array.from({ length: 25 }, (_, index) => freshEmail(`wave${index}`))
    const burst = await Promise.all(emails.map((email) => signUp(email, { 'cf-connecting-ip': ip })))
    expect(tally(burst)).toEqual({ 303: 20, 429: 5 })
    const { results } = await sql(
      `select email from instructors where email in (${emails.map(() => '?').join(', ')})`,
      ...emails,
    ).all()
    expect(results).toHaveLength(20)

    const refused = await signUp(freshEmail('one-more'), { 'cf-connecting-ip': ip })
    const html = await expectPage(refused, 429)
    expect(visibleText(html)).toMatch(
      /Too many new accounts from your network in the last hour\. Try again in 60 minutes/,
    )
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(59 * 60)
    expect((await signUp(freshEmail('elsewhere'), { 'cf-connecting-ip': freshIp() })).status).toBe(303)

    // An hour later the network may sign up again.
    await age(`signup:ip:${ip}`, 60 * 60_000)
    expect((await signUp(freshEmail('later'), { 'cf-connecting-ip': ip })).status).toBe(303)
  })

  it('caps sign-ups on the whole site per hour, also without a client address', async () => {
    const now = Date.now()
    await fillRateLimitBucket('signup:all', SIGN_UP_GLOBAL_LIMIT - 1, now - 60_000, now + 59 * 60_000)
    try {
      expect((await signUp(freshEmail('last-one'))).status).toBe(303)
      const email = freshEmail('too-many')
      const html = await expectPage(await signUp(email), 429)
      expect(visibleText(html)).toContain('Too many new accounts on this site in the last hour')
      expect(html).toContain(`value="${email}"`)
      expect(html).not.toContain(PASSWORD)
      expect(await sql('select id from instructors where email = ?', email).first()).toBeNull()
    } finally {
      await sql("delete from rate_limits where bucket = 'signup:all'").run()
    }
  })
})
