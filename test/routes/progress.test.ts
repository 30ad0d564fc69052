import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import {
  attempts,
  cards,
  learners,
  practiceOffers,
  responses,
  reviews,
  transferCodes,
} from '../../src/db/schema'
import type { ProgressView } from '../../src/services/progress'
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
