import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { CLAIM_SITE_LIMIT, generateTransferCode } from '../../src/learning/transfer-code'
import { fillRateLimitBucket } from '../support/fixtures'
import { Browser, expectPage, visibleText } from '../support/helpers'
import { freshIp } from '../support/studio-helpers'

/** Reads the transfer code shown on the page after "Make a code" (which also gives a fresh browser its cookie). */
async function makeCode(browser: Browser): Promise<string> {
  const html = await expectPage(await browser.postForm('/progress/transfer', {}), 200)
  const code = /Your code: <strong>([0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(html)?.[1]
  if (!code) throw new Error('no transfer code on the page')
  return code
}

/** A well-formed code that is (with odds of one in 10^12 per live code) nobody's. */
const guess = () => generateTransferCode()

const claim = (browser: Browser, code: string, headers: Record<string, string> = {}) =>
  browser.postForm('/progress/claim', { code }, headers)

const tally = (responses: Response[]) =>
  responses.reduce<Record<number, number>>((counts, { status }) => {
    counts[status] = (counts[status] ?? 0) + 1
    return counts
  }, {})

const rowsOf = async (bucket: string) =>
  (
    await env.DB.prepare('select count(*) as n from rate_limits where bucket = ?')
      .bind(bucket)
      .first<{ n: number }>()
  )?.n ?? 0

// Bursts of parallel requests take seconds on a busy machine.
describe('transfer-code claims are throttled', { timeout: 30_000 }, () => {
  it('refuses a browser after 10 wrong codes with a 429 page, even the right code; another browser still gets in', async () => {
    const phone = new Browser()
    const code = await makeCode(phone)
    const guesser = new Browser()
    await makeCode(guesser)
    for (let index = 0; index < 10; index++) expect((await claim(guesser, guess())).status).toBe(400)

    const refused = await claim(guesser, code)
    const html = await expectPage(refused, 429)
    expect(visibleText(html)).toMatch(/Too many wrong codes from this browser\. Try again in 15 minutes/)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
    expect(guesser.learnerId).not.toBe(phone.learnerId)

    const laptop = new Browser()
    const joined = await claim(laptop, code)
    expect(joined.status).toBe(303)
    expect(laptop.learnerId).toBe(phone.learnerId)
  })

  it('holds under concurrency: 40 parallel guesses from one browser look up at most 10 codes', async () => {
    const phone = new Browser()
    const code = await makeCode(phone)
    const guesser = new Browser()
    await makeCode(guesser)
    const burst = await Promise.all(Array.from({ length: 40 }, () => claim(guesser, guess())))
    expect(tally(burst)).toEqual({ 400: 10, 429: 30 })
    // Once the budget is spent, even the right code is refused unchecked, and stays live for its owner.
    // (Sent after the burst: inside it, the order in which parallel requests are served is not fixed.)
    expect((await claim(guesser, code)).status).toBe(429)
    expect((await claim(new Browser(), code)).status).toBe(303)
  })

  it('counts wrong codes per network across browsers, trusting CF-Connecting-IP only', async () => {
    const ip = freshIp()
    const spray = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        claim(new Browser(), guess(), { 'cf-connecting-ip': ip, 'x-forwarded-for': `192.0.2.${index}` }),
      ),
    )
    expect(tally(spray)).toEqual({ 400: 20, 429: 5 })
    const html = await expectPage(await claim(new Browser(), guess(), { 'cf-connecting-ip': ip }), 429)
    expect(visibleText(html)).toContain('Too many wrong codes from your network')
    expect(await rowsOf(`claim:ip:${ip}`)).toBe(20)
  })

  it('does not count a claim that finds its code, nor keep the learner id in the clear', async () => {
    const ip = freshIp()
    const phone = new Browser()
    const code = await makeCode(phone)
    const laptop = new Browser()
    await makeCode(laptop)
    for (let index = 0; index < 9; index++)
      expect((await claim(laptop, guess(), { 'cf-connecting-ip': ip })).status).toBe(400)
    expect((await claim(laptop, code, { 'cf-connecting-ip': ip })).status).toBe(303)
    expect(await rowsOf(`claim:ip:${ip}`)).toBe(9)
    const leaked = await env.DB.prepare('select count(*) as n from rate_limits where bucket like ?')
      .bind(`%${phone.learnerId}%`)
      .first<{ n: number }>()
    expect(leaked?.n).toBe(0)
  })

  it('caps wrong codes site-wide, so guessing from many browsers and networks stays slow', async () => {
    const now = Date.now()
    await fillRateLimitBucket('claim:all', CLAIM_SITE_LIMIT - 1, now - 60_000, now + 14 * 60_000)
    try {
      // No cookie and no address (as under wrangler dev): only the site-wide cap applies.
      expect((await claim(new Browser(), guess())).status).toBe(400)
      const html = await expectPage(await claim(new Browser(), guess()), 429)
      expect(visibleText(html)).toContain('Too many wrong codes on this site just now')
    } finally {
      await env.DB.prepare("delete from rate_limits where bucket = 'claim:all'").run()
    }
  })
})
