import { describe, expect, it } from 'vitest'
import { expectPage, visibleText } from './helpers'
import { freshEmail, freshIp, InstructorBrowser, sql } from './studio-helpers'

const WINDOW = 15 * 60_000

/** Moves every recorded failure of a rate-limit key `ms` into the past. */
const age = (key: string, ms: number) =>
  sql('update login_failures set failed_at = failed_at - ? where key = ?', ms, key).run()

const failuresOf = async (key: string) =>
  (await sql('select count(*) as n from login_failures where key = ?', key).first<{ n: number }>())?.n ?? 0

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
    expect(await failuresOf(`account:${email}`)).toBe(5)

    // 10 minutes later: still blocked, 5 minutes to go.
    await age(`account:${email}`, 10 * 60_000)
    expect(visibleText(await expectPage(await owner.signIn(email), 429))).toContain('Try again in 5 minutes')

    // Once the oldest failure leaves the 15-minute window, the owner gets in.
    await age(`account:${email}`, 5 * 60_000 + 1)
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
    expect(await failuresOf(`account:${email}`)).toBe(0)
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
    expect(await failuresOf(`ip:${ip}`)).toBe(20)
    await age(`ip:${ip}`, WINDOW)
    expect((await sameNetwork.signIn(email)).status).toBe(303)
  })

  it('forgets failures once they are older than the window', async () => {
    const browser = new InstructorBrowser()
    const email = freshEmail('stale')
    await failSignIn(browser, email, 3)
    await age(`account:${email}`, WINDOW + 1)
    // The next failure sweeps every stale row.
    await failSignIn(browser, freshEmail('sweep'), 1)
    expect(await failuresOf(`account:${email}`)).toBe(0)
  })
})
