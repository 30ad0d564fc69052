import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { createDb } from '../../src/db/client'
import { parseD1Counts } from '../../src/db/d1-counter'
import {
  attempts,
  cards,
  learners,
  practiceOffers,
  responses,
  reviews,
  transferCodes,
} from '../../src/db/schema'
import { dayOf, practiceStreak } from '../../src/learning/progress'
import type { ProgressView } from '../../src/services/progress'
import {
  Browser,
  correctAnswer,
  expectPage,
  ORIGIN,
  publicIdOf,
  questionOfLearnerId,
  setOf,
  visibleText,
  wrongAnswer,
} from '../support/helpers'

const db = createDb(env.DB)
const SLUG = 'routes-around-russia'

async function answerSet(browser: Browser, slug: string, rightCount: number) {
  const attempt = await browser.startApi(slug)
  for (const [index, item] of attempt.items.entries()) {
    const question = questionOfLearnerId(item.question.id)
    const response = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: publicIdOf(question.id),
      answer: index < rightCount ? correctAnswer(question) : wrongAnswer(question),
    })
    expect(response.status).toBe(200)
  }
  return attempt.id
}

async function progressOf(browser: Browser): Promise<ProgressView> {
  const response = await browser.get('/api/progress')
  expect(response.status).toBe(200)
  return ((await response.json()) as { progress: ProgressView }).progress
}

/** Reads the transfer code shown on the page after "Make a code". */
async function makeCode(browser: Browser): Promise<string> {
  const html = await expectPage(await browser.postForm('/progress/transfer', {}), 200)
  const code = /Your code: <strong>([0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(html)?.[1]
  if (!code) throw new Error('no transfer code on the page')
  return code
}

describe('progress', () => {
  it('counts every question as new for a first-time visitor', async () => {
    const progress = await progressOf(new Browser())
    const total = progress.sets.reduce((sum, set) => sum + set.tally.total, 0)
    expect(progress.totals.new).toBe(progress.totals.total)
    expect(total).toBeGreaterThanOrEqual(50)
    expect(progress.streak).toBe(0)
    expect(progress.accuracy.share).toBeNull()
  })

  it('shows what a quiz taught: learning per set and source, accuracy, streak, answers today', async () => {
    const browser = new Browser()
    const size = setOf(SLUG).questions.length
    await answerSet(browser, SLUG, 3)
    const progress = await progressOf(browser)
    const set = progress.sets.find((candidate) => candidate.id === SLUG)
    expect(set?.tally).toEqual({ new: 0, learning: size, mastered: 0, total: size })
    const learningBySource = progress.sources.reduce((sum, source) => sum + source.tally.learning, 0)
    expect(learningBySource).toBe(size)
    expect(progress.accuracy).toEqual({ reviews: size, correct: 3, share: 3 / size })
    expect(progress.streak).toBe(1)
    expect(progress.perDay).toHaveLength(14)
    expect(progress.perDay.at(-1)?.reviews).toBe(size)

    const text = visibleText(await expectPage(await browser.get('/progress'), 200))
    expect(text).toContain(`${Math.round((3 / size) * 100)}% right`)
    expect(text).toContain('Answers per day, last 14 days')
  })

  it('counts reviews per day in SQL and reads the shown window, not the whole history, with the same figures', async () => {
    const browser = new Browser()
    await answerSet(browser, SLUG, 3)
    const learnerId = browser.learnerId ?? ''
    const now = Date.now()
    const day = 86_400_000
    const noon = (daysAgo: number) => Math.floor(now / day) * day - daysAgo * day + day / 2
    const question = setOf(SLUG).questions[0]!.id
    const review = (reviewedAt: number, correct: boolean) => ({
      id: crypto.randomUUID(),
      learnerId,
      questionId: question,
      attemptId: null,
      answer: { value: true },
      correct,
      points: correct ? 1 : 0,
      rating: correct ? 3 : 1,
      reviewedAt,
    })
    const insert = async (rows: ReturnType<typeof review>[]) => {
      for (let start = 0; start < rows.length; start += 10)
        await db.insert(reviews).values(rows.slice(start, start + 10))
    }
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const rowsRead = async () => {
      const counted = await app.request(
        `${ORIGIN}/api/progress`,
        { headers: { cookie, 'X-Cited-D1': 'count' } },
        { ...env, CITED_BENCH_D1_LOG: 'true' },
      )
      expect(counted.status).toBe(200)
      const d1 = parseD1Counts(counted.headers.get('x-cited-d1'))
      expect(d1?.trips).toBe(1)
      return d1?.rowsRead
    }
    // A streak of 3 days (today, and the 1st and 2nd days back), a gap, and reviews on
    // either side of the 7-day accuracy cut-off and of the 14-day chart.
    await insert([
      ...[1, 2, 4, 13, 20].flatMap((daysAgo) => [review(noon(daysAgo), true), review(noon(daysAgo), false)]),
      review(now - 6.5 * day, true),
      review(now - 7.5 * day, false),
    ])
    const readBefore = await rowsRead()
    // A long history before the window changes nothing on the page, and is not read.
    await insert(Array.from({ length: 400 }, (_, index) => review(noon(30 + (index % 50)), index % 3 === 0)))
    expect(await rowsRead()).toBe(readBefore)

    // What the page showed when it read every review of the learner and counted in JavaScript.
    const all = await db.select().from(reviews).where(eq(reviews.learnerId, learnerId))
    const recent = all.filter((row) => row.reviewedAt >= now - 7 * day)
    const chart = Array.from({ length: 14 }, (_, index) => {
      const shown = dayOf(noon(13 - index))
      const rows = all.filter((row) => dayOf(row.reviewedAt) === shown)
      return { day: shown, reviews: rows.length, correct: rows.filter((row) => row.correct).length }
    })
    const progress = await progressOf(browser)
    expect(progress.perDay).toEqual(chart)
    expect(progress.accuracy).toEqual({
      reviews: recent.length,
      correct: recent.filter((row) => row.correct).length,
      share: recent.filter((row) => row.correct).length / recent.length,
    })
    expect(progress.streak).toBe(
      practiceStreak(new Set(all.map((row) => dayOf(row.reviewedAt))), new Date(now)),
    )
    expect(progress.streak).toBe(3)
    expect(all.length).toBeGreaterThan(400)
  })

  it('shows the due count on the home page once the learner has cards', async () => {
    const browser = new Browser()
    expect(visibleText(await expectPage(await browser.get('/'), 200))).not.toContain('due')
    await answerSet(browser, SLUG, 0)
    // Missed questions come back a minute later: not due yet, and the page does not say they are
    // (it used to offer "14 due today" that practice then refused; see due-agreement.test.ts).
    expect(visibleText(await expectPage(await browser.get('/'), 200))).toContain('Nothing due right now.')
    await db
      .update(cards)
      .set({ due: Date.now() - 1000 })
      .where(eq(cards.learnerId, browser.learnerId ?? ''))
    const text = visibleText(await expectPage(await browser.get('/'), 200))
    expect(text).toContain(`Practise ${setOf(SLUG).questions.length} due`)
  })
})

describe('moving progress to another device', () => {
  it('joins the second device to the first, bringing its own answers along', async () => {
    const phone = new Browser()
    await answerSet(phone, SLUG, 2)
    const laptop = new Browser()
    const laptopAttempt = await answerSet(laptop, 'pipeline-and-oil', 1)
    const laptopId = laptop.learnerId

    const code = await makeCode(phone)
    const typed = code.toLowerCase().replace('-', ' ')
    const joined = await laptop.postForm('/progress/claim', { code: typed })
    expect(joined.status).toBe(303)
    expect(joined.headers.get('location')).toBe('/progress?joined=1')
    expect(laptop.learnerId).toBe(phone.learnerId)

    const [moved] = await db.select().from(attempts).where(eq(attempts.id, laptopAttempt))
    expect(moved?.learnerId).toBe(phone.learnerId)
    expect(
      await db
        .select()
        .from(learners)
        .where(eq(learners.id, laptopId ?? '')),
    ).toHaveLength(0)
    const progress = await progressOf(laptop)
    expect(progress.accuracy.reviews).toBe(
      setOf(SLUG).questions.length + setOf('pipeline-and-oil').questions.length,
    )
    expect(visibleText(await expectPage(await laptop.get('/progress?joined=1'), 200))).toContain(
      'This device now shares your progress.',
    )
  })

  it('uses a code once, and refuses unknown, malformed or expired codes with a 400 page', async () => {
    const phone = new Browser()
    await answerSet(phone, SLUG, 1)
    const code = await makeCode(phone)
    expect((await new Browser().postForm('/progress/claim', { code })).status).toBe(303)
    const again = await expectPage(await new Browser().postForm('/progress/claim', { code }), 400)
    expect(visibleText(again)).toContain('unknown or has expired')
    const malformed = await expectPage(await new Browser().postForm('/progress/claim', { code: 'abc' }), 400)
    expect(visibleText(malformed)).toContain('8 letters and digits')
    await expectPage(await new Browser().postForm('/progress/claim', {}), 400)

    const stale = await makeCode(phone)
    await db
      .update(transferCodes)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(transferCodes.code, stale))
    await expectPage(await new Browser().postForm('/progress/claim', { code: stale }), 400)
  })
})

describe('wiping progress', () => {
  it('asks first, then deletes every answer, card and name and forgets the cookie', async () => {
    const browser = new Browser()
    const attemptId = await answerSet(browser, SLUG, 2)
    const learnerId = browser.learnerId ?? ''
    await makeCode(browser)
    // A practice question offered and left unanswered is the learner's data too.
    await db
      .update(cards)
      .set({ due: Date.now() - 1000 })
      .where(eq(cards.learnerId, learnerId))
    expect((await browser.get('/api/practice/next')).status).toBe(200)
    expect(
      await db.select().from(practiceOffers).where(eq(practiceOffers.learnerId, learnerId)),
    ).not.toHaveLength(0)
    const confirmPage = await expectPage(await browser.get('/progress/wipe'), 200)
    expect(visibleText(confirmPage)).toContain('cannot be undone')
    // The form works without JavaScript, and with it first clears the device (the island).
    expect(confirmPage).toContain('data-island="forget-device"')
    expect(confirmPage).toMatch(/<form method="post" action="\/progress\/wipe"/)
    expect(confirmPage).toContain('<script type="module" src="/build/islands.js">')
    await expectPage(await browser.postForm('/progress/wipe', {}), 400)
    expect(await db.select().from(cards).where(eq(cards.learnerId, learnerId))).not.toHaveLength(0)

    const wiped = await browser.postForm('/progress/wipe', { confirm: 'yes' })
    expect(wiped.status).toBe(303)
    expect(wiped.headers.get('location')).toBe('/?wiped=1')
    expect(wiped.headers.getSetCookie().join()).toMatch(/cited_learner=;.*Max-Age=0/)
    // The phone's offline copies (answered pages with their keys) and answer queue go too.
    expect(wiped.headers.get('clear-site-data')).toBe('"cache", "storage"')
    for (const [table, column] of [
      [cards, cards.learnerId],
      [reviews, reviews.learnerId],
      [attempts, attempts.learnerId],
      [transferCodes, transferCodes.learnerId],
      [practiceOffers, practiceOffers.learnerId],
      [learners, learners.id],
    ] as const)
      expect(await db.select().from(table).where(eq(column, learnerId))).toHaveLength(0)
    expect(await db.select().from(responses).where(eq(responses.attemptId, attemptId))).toHaveLength(0)
  })
})
