import { describe, expect, it } from 'vitest'
import { localDateTimeIn } from '../../src/learning/time-zone'
import { CLAIM_IP_LIMIT } from '../../src/learning/transfer-code'
import { fillRateLimitBucket } from '../support/fixtures'
import {
  allQuestions,
  Browser,
  expectApiError,
  expectPage,
  storedAttempt,
  visibleText,
} from '../support/helpers'
import { sql } from '../support/studio-helpers'
import { addFromBank, instructor, newSet } from '../support/studio-sets-helpers'

/** Set dates in the studio's settings form, and accommodations for one learner. */

const MINUTE = 60_000
const [firstSingle = '', secondSingle = ''] = allQuestions
  .filter((question) => question.type === 'single')
  .map((question) => question.id)
/** A datetime-local value for `time` in `zone` (minutes only, as the input sends it). */
const local = (time: number, zone = 'UTC') => localDateTimeIn(time, zone)
const settingsForm = (fields: Record<string, string>) => ({
  feedback: 'each',
  passMark: '60',
  visibility: 'public',
  embedOrigins: '',
  dateTimeZone: 'UTC',
  graceMinutes: '0',
  ...fields,
})

async function storedSettings(slug: string): Promise<Record<string, unknown>> {
  const row = await sql('select settings from quiz_sets where slug = ?', slug).first<{ settings: string }>()
  return JSON.parse(row?.settings ?? '{}')
}

/** A published set of the instructor's with two bank questions and these settings. */
async function publishedSet(fields: Record<string, string>) {
  const browser = await instructor()
  const slug = await newSet(browser, 'Dated set')
  await addFromBank(browser, slug, firstSingle)
  await addFromBank(browser, slug, secondSingle)
  const saved = await browser.postForm(`/studio/sets/${slug}/settings`, settingsForm(fields))
  expect(saved.status).toBe(303)
  expect((await browser.postForm(`/studio/sets/${slug}/publish`, {})).status).toBe(303)
  return { browser, slug }
}

/** A learner who attempted the set and named themselves, so the instructor can find them. */
async function namedLearner(slug: string, name: string) {
  const learner = new Browser()
  const attemptId = await learner.start(slug)
  expect((await learner.postForm(`/attempts/${attemptId}/name`, { displayName: name })).status).toBe(303)
  return learner
}

/** The pseudonym the accommodations page offers for a learner found by name. */
async function pseudonymOf(browser: Browser, slug: string, name: string): Promise<string> {
  const html = await expectPage(
    await browser.get(`/studio/sets/${slug}/accommodations?q=${encodeURIComponent(name)}`),
    200,
  )
  const match = /name="who" value="([^"]+)"/.exec(html)
  if (!match?.[1] || match[1] === 'code') throw new Error(`no learner "${name}" on the page`)
  return match[1]
}

describe('dates in the settings form', () => {
  it('stores local date-times of the chosen zone as UTC, and shows them back in that zone', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const saved = await browser.postForm(
      `/studio/sets/${slug}/settings`,
      settingsForm({
        dateTimeZone: 'Asia/Almaty',
        opensAt: '2099-01-05T14:30',
        closesAt: '2099-01-12T18:00',
        graceMinutes: '10',
      }),
    )
    expect(saved.status).toBe(303)
    expect(await storedSettings(slug)).toMatchObject({
      opensAt: Date.UTC(2099, 0, 5, 9, 30),
      closesAt: Date.UTC(2099, 0, 12, 13, 0),
      graceMinutes: 10,
      dateTimeZone: 'Asia/Almaty',
    })
    const html = await expectPage(await browser.get(`/studio/sets/${slug}/settings`), 200)
    expect(html).toContain('value="2099-01-05T14:30"')
    expect(html).toMatch(/<option value="Asia\/Almaty" selected/)
  })

  it('defaults the zone to the instructor’s browser zone (the cited_tz cookie)', async () => {
    const browser = await instructor()
    browser.cookies.set('cited_tz', 'America/Chicago')
    const slug = await newSet(browser)
    const html = await expectPage(await browser.get(`/studio/sets/${slug}/settings`), 200)
    expect(html).toMatch(/<option value="America\/Chicago" selected/)
  })

  it('refuses a closing before the opening with a 400 that keeps what was typed', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const response = await browser.postForm(
      `/studio/sets/${slug}/settings`,
      settingsForm({ opensAt: '2099-02-01T09:00', closesAt: '2099-01-01T09:00', passMark: '55' }),
    )
    const html = await expectPage(response, 400)
    expect(visibleText(html)).toContain('The closing date must come after the opening date.')
    expect(html).toContain('value="2099-02-01T09:00"')
    expect(html).toContain('value="55"')
    expect((await storedSettings(slug)).opensAt ?? null).toBeNull()
  })

  it('refuses an unknown zone, a date that is none and a grace out of range', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const zone = await browser.postForm(
      `/studio/sets/${slug}/settings`,
      settingsForm({ dateTimeZone: 'Mars/Olympus', opensAt: '2099-01-01T09:00' }),
    )
    expect(visibleText(await expectPage(zone, 400))).toContain('Choose a time zone from the list.')
    const date = await browser.postForm(
      `/studio/sets/${slug}/settings`,
      settingsForm({ closesAt: '2099-02-30T09:00' }),
    )
    expect(visibleText(await expectPage(date, 400))).toContain('A date and time')
    const grace = await browser.postForm(
      `/studio/sets/${slug}/settings`,
      settingsForm({ graceMinutes: '2000' }),
    )
    expect(visibleText(await expectPage(grace, 400))).toContain('from 0 to 1440')
  })
})

describe('claiming a code', () => {
  it('counts wrong codes against the transfer-code limits (429 once full), and refuses what is no code', async () => {
    const learner = new Browser()
    const bad = await learner.postForm('/accommodation', { code: 'abc' })
    expect(visibleText(await expectPage(bad, 400))).toContain('A code has 8 letters and digits')
    const ip = '203.0.113.77'
    const now = Date.now()
    await fillRateLimitBucket(`claim:ip:${ip}`, CLAIM_IP_LIMIT, now - 60_000, now + 14 * 60_000)
    const blocked = await learner.postForm(
      '/accommodation',
      { code: 'ZZZZ-ZZZZ' },
      { 'cf-connecting-ip': ip },
    )
    expect(visibleText(await expectPage(blocked, 429))).toContain('Too many wrong codes.')
    expect(blocked.headers.get('retry-after')).not.toBeNull()
  })
})

describe('accommodations', () => {
  it('gives one learner found by name more time and another attempt', async () => {
    const { browser, slug } = await publishedSet({ timeLimitMinutes: '10', attemptsAllowed: '1' })
    const name = `Aisha ${crypto.randomUUID().slice(0, 6)}`
    const learner = await namedLearner(slug, name)
    await namedLearner(slug, 'Someone Else')
    await expectApiError(await learner.postJson('/api/attempts', { quiz: slug }), 403, 'no_attempts_left')

    const who = await pseudonymOf(browser, slug, name)
    const granted = await browser.postForm(`/studio/sets/${slug}/accommodations`, {
      who,
      timeMultiplier: '1.5',
      extraMinutes: '',
      extraAttempts: '1',
      closesAt: '',
      dateTimeZone: 'UTC',
      note: 'Aisha B., 10C: reader',
    })
    expect(granted.status).toBe(303)
    const page = visibleText(await expectPage(await browser.get(`/studio/sets/${slug}/accommodations`), 200))
    expect(page).toContain(`${name} : Aisha B., 10C: reader`)
    expect(page).toContain('1.5 × the time · 1 extra attempt')

    const quizPage = visibleText(await expectPage(await learner.get(`/quiz/${slug}`), 200))
    expect(quizPage).toContain('1 attempt left')
    const attempt = await learner.startApi(slug)
    const { deadline, startedAt } = await storedAttempt(attempt.id)
    expect(deadline).toBe(startedAt.getTime() + 15 * MINUTE)
  })

  it('lets a learner who claimed a code start after the set closed, with the grace after their own date', async () => {
    const closesAt = Date.now() + 60 * MINUTE
    const { browser, slug } = await publishedSet({ closesAt: local(closesAt), graceMinutes: '5' })
    const later = Date.now() + 180 * MINUTE
    const made = await browser.postForm(`/studio/sets/${slug}/accommodations`, {
      who: 'code',
      closesAt: local(later),
      dateTimeZone: 'UTC',
      note: 'Ben K., 10C: was ill',
    })
    expect(made.status).toBe(303)
    const code = /code=([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(made.headers.get('location') ?? '')?.[1] ?? ''
    expect(code).not.toBe('')
    const shown = visibleText(await expectPage(await browser.get(made.headers.get('location') ?? ''), 200))
    expect(shown).toContain(`Give this code to the learner: ${code}`)
    expect(shown).toContain(`Code ${code}, not claimed yet : Ben K., 10C: was ill`)

    const learner = new Browser()
    expect(visibleText(await expectPage(await learner.get(`/accommodation?code=${code}`), 200))).toContain(
      'Accommodation code',
    )
    const claimed = await learner.postForm('/accommodation', { code: code.toLowerCase().replace('-', ' ') })
    expect(claimed.status).toBe(303)
    expect(claimed.headers.get('location')).toBe(`/accommodation?done=${slug}`)
    // Used once: a second claim of the same code is unknown.
    const again = await new Browser().postForm('/accommodation', { code })
    expect(visibleText(await expectPage(again, 400))).toContain('unknown or was already used')

    // The class's closing passes (moved into the past on the draft): only Ben may still start.
    const settings = await storedSettings(slug)
    await sql(
      'update quiz_sets set settings = ? where slug = ?',
      JSON.stringify({ ...settings, closesAt: Date.now() - MINUTE }),
      slug,
    ).run()
    await expectApiError(await new Browser().postJson('/api/attempts', { quiz: slug }), 403, 'closed')
    const attempt = await learner.startApi(slug)
    const stored = await storedAttempt(attempt.id)
    const expectedClose = Math.floor(later / MINUTE) * MINUTE
    expect(stored.deadline).toBe(expectedClose + 5 * MINUTE)
    const granted = visibleText(
      await expectPage(await browser.get(`/studio/sets/${slug}/accommodations`), 200),
    )
    expect(granted).toContain('Anonymous')
    expect(granted).not.toContain(`Code ${code}`)
  })

  it('refuses a bad form with a 400 that keeps what was typed, and grants nothing', async () => {
    const { browser, slug } = await publishedSet({})
    const response = await browser.postForm(`/studio/sets/${slug}/accommodations`, {
      who: 'code',
      timeMultiplier: '9',
      extraAttempts: 'two',
      dateTimeZone: 'UTC',
      note: 'Kept note',
    })
    const html = await expectPage(response, 400)
    const text = visibleText(html)
    expect(text).toContain('A number from 1 to 4')
    expect(text).toContain('A whole number from 0 to 20')
    expect(html).toContain('value="9"')
    expect(html).toContain('Kept note</textarea>')
    const nothing = await browser.postForm(`/studio/sets/${slug}/accommodations`, {
      who: 'code',
      dateTimeZone: 'UTC',
      note: 'Nothing granted',
    })
    expect(visibleText(await expectPage(nothing, 400))).toContain('Grant at least one thing')
    const unknown = await browser.postForm(`/studio/sets/${slug}/accommodations`, {
      who: 'not-a-pseudonym',
      extraAttempts: '1',
      dateTimeZone: 'UTC',
      note: 'x',
    })
    await expectPage(unknown, 400)
    const { n } = (await sql('select count(*) as n from accommodations where set_slug = ?', slug).first<{
      n: number
    }>()) ?? { n: -1 }
    expect(n).toBe(0)
  })

  it('lets only the set’s owner see, grant or withdraw', async () => {
    const { browser, slug } = await publishedSet({})
    await browser.postForm(`/studio/sets/${slug}/accommodations`, {
      who: 'code',
      extraAttempts: '1',
      dateTimeZone: 'UTC',
      note: 'Owner’s grant',
    })
    const row = await sql('select id from accommodations where set_slug = ?', slug).first<{ id: string }>()
    const other = await instructor()
    await expectPage(await other.get(`/studio/sets/${slug}/accommodations`), 404)
    await expectPage(
      await other.postForm(`/studio/sets/${slug}/accommodations`, {
        who: 'code',
        extraAttempts: '5',
        dateTimeZone: 'UTC',
        note: 'Intruder',
      }),
      404,
    )
    await expectPage(await other.postForm(`/studio/sets/${slug}/accommodations/${row?.id}/delete`, {}), 404)
    const signedOut = await new Browser().get(`/studio/sets/${slug}/accommodations`)
    expect(signedOut.status).toBe(303)
    const rows = await sql('select note from accommodations where set_slug = ?', slug).all<{ note: string }>()
    expect(rows.results.map((result) => result.note)).toEqual(['Owner’s grant'])
    // The owner withdraws it.
    const withdrawn = await browser.postForm(`/studio/sets/${slug}/accommodations/${row?.id}/delete`, {})
    expect(withdrawn.headers.get('location')).toBe(`/studio/sets/${slug}/accommodations?done=withdrawn`)
    expect(
      (await sql('select count(*) as n from accommodations where set_slug = ?', slug).first<{ n: number }>())
        ?.n,
    ).toBe(0)
  })
})
