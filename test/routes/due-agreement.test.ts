import { env } from 'cloudflare:workers'
import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { cards } from '../../src/db/schema'
import {
  Browser,
  correctAnswer,
  expectPage,
  publicIdOf,
  questionOfLearnerId,
  setOf,
  visibleText,
  wrongAnswer,
} from '../support/helpers'

/**
 * One truth about what is due: the home page, the progress page, the practice
 * page and the practice API count the same cards at every moment (one
 * definition in src/learning/due.ts, one query in src/db/learning.ts).
 */

const db = createDb(env.DB)
const SLUG = 'alliances-trade-sanctions'
const HOUR = 3_600_000

/** A fixed-offset zone where it is now about noon, so "later today" is never near midnight. */
function zoneAtNoon(now = Date.now()): string {
  const offset = 12 - new Date(now).getUTCHours() // hours ahead of UTC, -11..12
  if (offset === 0) return 'Etc/GMT'
  // Etc/GMT-5 is five hours *ahead* of UTC (POSIX signs).
  return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
}

async function learnerWithCards(zone: string) {
  const browser = new Browser()
  browser.cookies.set('cited_tz', encodeURIComponent(zone))
  const attempt = await browser.startApi(SLUG)
  for (const item of attempt.items) {
    const question = questionOfLearnerId(item.question.id)
    const response = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: publicIdOf(question.id),
      answer: wrongAnswer(question),
    })
    expect(response.status).toBe(200)
  }
  return browser
}

/** Sets the due time of the learner's cards for `questionIds`. */
async function setDue(browser: Browser, questionIds: string[], due: number) {
  await db
    .update(cards)
    .set({ due })
    .where(and(eq(cards.learnerId, browser.learnerId ?? ''), inArray(cards.questionId, questionIds)))
}

/** What each surface says is due now. */
async function dueCounts(browser: Browser) {
  const home = visibleText(await expectPage(await browser.get('/'), 200))
  const progress = visibleText(await expectPage(await browser.get('/progress'), 200))
  const practice = visibleText(await expectPage(await browser.get('/practice'), 200))
  const api = (await (await browser.get('/api/practice/next')).json()) as { done: boolean; dueNow?: number }
  const count = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0)
  return {
    home: count(home, /Practise (\d+) due/),
    progress: count(progress, /Practise (\d+) due/),
    progressStat: count(progress, /Due now (\d+)/),
    practice: count(practice, /(\d+) due for review/),
    api: api.done ? 0 : (api.dueNow ?? -1),
    home_text: home,
    progress_text: progress,
    practice_text: practice,
  }
}

function expectAgreement(counts: Awaited<ReturnType<typeof dueCounts>>, expected: number) {
  expect({
    home: counts.home,
    progress: counts.progress,
    progressStat: counts.progressStat,
    practice: counts.practice,
    api: counts.api,
  }).toEqual({
    home: expected,
    progress: expected,
    progressStat: expected,
    practice: expected,
    api: expected,
  })
}

describe('what is due', () => {
  const ids = setOf(SLUG).questions.map((question) => question.id)

  it('is the same count on home, progress, practice and the API, on either side of the due time', async () => {
    const zone = zoneAtNoon()
    const browser = await learnerWithCards(zone)
    const now = Date.now()
    // Everything far away, then: two cards just past their due time, one a minute short of it,
    // one due later today, one due tomorrow.
    await setDue(browser, ids, now + 30 * 24 * HOUR)
    await setDue(browser, [ids[0] ?? ''], now - 1_000)
    await setDue(browser, [ids[1] ?? ''], now - 1)
    await setDue(browser, [ids[2] ?? ''], now + 60_000)
    await setDue(browser, [ids[3] ?? ''], now + 3 * HOUR)
    await setDue(browser, [ids[4] ?? ''], now + 14 * HOUR)

    const before = await dueCounts(browser)
    expectAgreement(before, 2)
    // The card a minute away and the one in three hours are "later today"; tomorrow's is not.
    expect(before.home_text).toContain('2 more due later today.')
    expect(before.progress_text).toContain('2 more due later today.')

    // The card a minute short of its due time falls due: every page counts it at once.
    await setDue(browser, [ids[2] ?? ''], Date.now())
    expectAgreement(await dueCounts(browser), 3)
  })

  it('counts down on every page as practice answers the due cards, then says when the next is due', async () => {
    const zone = zoneAtNoon()
    const browser = await learnerWithCards(zone)
    await setDue(browser, ids, Date.now() + 30 * 24 * HOUR)
    await setDue(browser, ids.slice(0, 2), Date.now() - 5_000)
    await setDue(browser, [ids[2] ?? ''], Date.now() + 2 * HOUR)
    for (const remaining of [2, 1]) {
      expectAgreement(await dueCounts(browser), remaining)
      const next = (await (await browser.get('/api/practice/next')).json()) as {
        reviewId: string
        question: { id: string }
        shownAt: number
      }
      const answered = await browser.postJson('/api/practice/answers', {
        reviewId: next.reviewId,
        questionId: next.question.id,
        answer: correctAnswer(questionOfLearnerId(next.question.id)),
        shownAt: next.shownAt,
      })
      expect(answered.status).toBe(200)
    }
    const after = await dueCounts(browser)
    expect(after.home_text).toContain('Nothing due right now. 1 more due later today.')
    expect(after.progress_text).toContain('Nothing due right now. 1 more due later today.')
    // Practice offers no due card now (new questions only come from sets not yet finished).
    expect(after.practice_text).not.toMatch(/\d+ due for review/)
  })

  it('counts "later today" and shows times in the zone the browser sent, and says so', async () => {
    const ahead = zoneAtNoon()
    const browser = await learnerWithCards(ahead)
    await setDue(browser, ids, Date.now() + 30 * 24 * HOUR)
    // Eleven hours on is still today where it is noon now; in UTC-11 (or UTC+12) it may not be.
    await setDue(browser, [ids[0] ?? ''], Date.now() + 11 * HOUR)
    const home = visibleText(await expectPage(await browser.get('/'), 200))
    expect(home).toContain('1 more due later today.')
    expect(home).toContain(`Days and times are in your time zone (${ahead}).`)

    // A zone Intl does not know is ignored: UTC, and the page says so.
    browser.cookies.set('cited_tz', 'Mars%2FOlympus')
    const fallback = visibleText(await expectPage(await browser.get('/progress'), 200))
    expect(fallback).toContain('Days and times are in UTC')
    expect(fallback).not.toContain('Mars')
  })

  it('falls back to UTC without the time-zone cookie, and says so on the page', async () => {
    const browser = await learnerWithCards('UTC')
    browser.cookies.delete('cited_tz')
    const html = await expectPage(await browser.get('/progress'), 200)
    expect(visibleText(html)).toContain(
      'Days and times are in UTC: your browser has not told Cited its time zone',
    )
    expect(html).toContain('src="/build/time-zone.js"')
    expect(html).toContain('data-time-zone="UTC"')
  })
})
