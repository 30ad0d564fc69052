import { join } from 'node:path'
import { type BrowserContext, type Page, request } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Question } from '../../src/quiz/question'
import { axeViolations, screenshotDir, textOf, useBrowser, usePhonePage } from './browser'
import {
  expectedScore,
  feedbackHeading,
  fillAnswer,
  type Intent,
  pointsFor,
  progressLabel,
  questionOnPage,
  quizSet,
  startQuiz,
} from './learner'
import { type NetworkSwitch, startNetworkSwitch } from './network-switch'

const set = quizSet('alliances-trade-sanctions')
const total = set.questions.length

let network: NetworkSwitch
beforeAll(async () => {
  network = await startNetworkSwitch()
})
afterAll(() => network.close())
// A test that fails while the network is cut must not leave the next one without it.
afterEach(() => network.restore())

// bypassCSP only lets axe be injected; the service worker and the pages run as they do for learners.
const phone = usePhonePage(useBrowser(), () => ({ bypassCSP: true, proxy: { server: network.proxy } }))

type AttemptProgress = { answered: number; score: { points: number } }

/**
 * The attempt as the server sees it, asked from Node with the phone's
 * cookies but not through its network, so it works while that is cut.
 */
async function serverProgress(target: Page, attemptId: string): Promise<AttemptProgress> {
  const api = await request.newContext({
    baseURL: inject('baseUrl'),
    storageState: await target.context().storageState(),
  })
  try {
    const response = await api.get(`/api/attempts/${attemptId}`)
    expect(response.status()).toBe(200)
    return ((await response.json()) as { attempt: AttemptProgress }).attempt
  } finally {
    await api.dispose()
  }
}

/** Waits until the service worker controls the page and has kept every question page of the attempt. */
async function waitUntilKeptOffline(target: Page, attemptId: string) {
  await target.evaluate(() => navigator.serviceWorker.ready)
  await expect
    .poll(
      () =>
        target.evaluate(async (prefix) => {
          const keys = await (await caches.open('cited-offline-v1')).keys()
          return keys.filter((request) => new URL(request.url).pathname.startsWith(prefix)).length
        }, `/attempts/${attemptId}/q/`),
      { timeout: 15_000, message: 'every question page kept on the phone' },
    )
    .toBe(total)
  await expect.poll(() => target.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
}

/**
 * No signal: the network between the phone and the server cut (nothing sent
 * gets through, whichever part of the browser sends it), and the browser
 * told it is offline so the page hears the `offline` event as on a phone.
 */
async function goOffline(target: BrowserContext) {
  network.cut()
  await target.setOffline(true)
}

async function goOnline(target: BrowserContext) {
  network.restore()
  await target.setOffline(false)
}

/** What the phone has saved and not yet sent, as stored by the page. */
function storedQueue(target: Page): Promise<string | null> {
  return target.evaluate(() => localStorage.getItem('cited.waiting-answers'))
}

/** A wrong answer where the helpers can give one, so the score shows the server really graded it. */
const offlineIntent = (question: Question): Intent =>
  question.type === 'single' || question.type === 'true_false' ? 'wrong' : 'right'

describe('offline play', () => {
  it('saves two answers given offline, then grades them once when the phone is back online', async () => {
    const attemptId = await startQuiz(phone.page, set.slug)
    await waitUntilKeptOffline(phone.page, attemptId)

    // Online, the first questions as usual (feedback in place).
    let points = 0
    for (let position = 1; position <= total - 2; position++) {
      const question = await questionOnPage(phone.page, set)
      await fillAnswer(phone.page, question)
      points += 1
      await phone.page.getByRole('button', { name: 'Check answer' }).click()
      await feedbackHeading(phone.page).waitFor()
      await phone.page.getByRole('link', { name: 'Next question' }).click()
      await phone.page.waitForURL(new RegExp(`/q/${position + 1}$`))
    }

    await goOffline(phone.context)
    const offlineQuestions: Question[] = []
    for (const position of [total - 1, total]) {
      expect(await progressLabel(phone.page)).toBe(`Question ${position} of ${total}`)
      const question = await questionOnPage(phone.page, set)
      offlineQuestions.push(question)
      const intent = offlineIntent(question)
      points += pointsFor(question, intent)
      await fillAnswer(phone.page, question, intent)
      await phone.page.getByRole('button', { name: 'Check answer' }).click()

      const saved = phone.page.getByRole('heading', { name: 'Answer saved on this phone' })
      await saved.waitFor()
      await expect.poll(() => phone.page.evaluate(() => document.activeElement?.id)).toMatch(/^saved-q/)
      expect(await textOf(phone.page.locator('.feedback--saved'))).toContain(
        "Feedback when you're back online.",
      )
      expect(await feedbackHeading(phone.page).count(), 'no verdict without the server').toBe(0)
      expect(await phone.page.title()).toMatch(/^Saved · /)

      const status = phone.page.getByRole('status').filter({ hasText: 'waiting to be sent' })
      const waiting = position === total - 1 ? '1 answer waiting to be sent' : '2 answers waiting to be sent'
      expect(await textOf(status)).toContain(waiting)
      expect(await textOf(status)).toContain("You're offline.")

      if (position === total - 1) {
        // The next question comes from the copy kept on the phone.
        await phone.page.getByRole('link', { name: 'Next question' }).click()
        await phone.page.waitForURL(new RegExp(`/q/${total}$`))
      }
    }

    // The last step says why the results must wait.
    const saved = textOf(phone.page.locator('.feedback--saved'))
    expect(await saved).toContain('Your results need all 2 waiting answers graded first')
    expect(await phone.page.getByRole('link', { name: 'See your results' }).count()).toBe(1)
    const status = phone.page.getByRole('status').filter({ hasText: 'waiting to be sent' })
    const listed = await status.getByRole('link').allTextContents()
    expect(listed).toEqual([
      `Question ${total - 1} of ${total} (${set.title})`,
      `Question ${total} of ${total} (${set.title})`,
    ])
    expect(await axeViolations(phone.page)).toBe('')
    await phone.page.screenshot({ path: join(screenshotDir, 'offline-saved.png') })
    await phone.page.screenshot({ path: join(screenshotDir, 'offline-saved-full.png'), fullPage: true })
    // Reduced motion: no colour transition still running when axe measures contrast.
    await phone.page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
    expect(await axeViolations(phone.page)).toBe('')
    await phone.page.screenshot({ path: join(screenshotDir, 'offline-saved-dark.png'), fullPage: true })
    await phone.page.emulateMedia({ colorScheme: 'light' })

    expect(await serverProgress(phone.page, attemptId), 'nothing reached the server').toMatchObject({
      answered: total - 2,
    })
    const queue = await storedQueue(phone.page)
    expect(JSON.parse(queue ?? '[]')).toHaveLength(2)

    // Back online: the page sends both, and the one on screen shows its feedback in place.
    await goOnline(phone.context)
    const last = offlineQuestions[1]
    if (!last) throw new Error('two questions were answered offline')
    await feedbackHeading(phone.page).waitFor()
    await expect.poll(() => phone.page.evaluate(() => document.activeElement?.id)).toMatch(/^feedback-q/)
    const graded = phone.page.getByRole('status').filter({ hasText: "Sent now that you're back online" })
    await graded.waitFor()
    const lines = await graded.getByRole('listitem').allTextContents()
    expect(lines).toHaveLength(2)
    for (const [index, question] of offlineQuestions.entries())
      expect(lines[index]).toMatch(
        offlineIntent(question) === 'wrong'
          ? new RegExp(`^Question ${total - 1 + index} of ${total}.*: Not quite$`)
          : new RegExp(`^Question ${total - 1 + index} of ${total}.*: Correct$`),
      )
    expect(await textOf(phone.page.getByRole('status').first())).not.toContain('waiting to be sent')
    expect(await storedQueue(phone.page)).toBe('[]')
    await phone.page.screenshot({ path: join(screenshotDir, 'offline-back-online.png') })

    const expected = Math.round(points * 100) / 100
    expect(await serverProgress(phone.page, attemptId)).toMatchObject({
      answered: total,
      score: { points: expected },
    })

    // The same two answers sent again (a replay after a crash, another tab) count nothing.
    await phone.page.evaluate(
      (stored) => localStorage.setItem('cited.waiting-answers', stored),
      queue ?? '[]',
    )
    await phone.page.reload()
    await expect.poll(() => storedQueue(phone.page)).toBe('[]')
    expect(await serverProgress(phone.page, attemptId)).toMatchObject({
      answered: total,
      score: { points: expected },
    })

    await phone.page.getByRole('link', { name: 'See your results' }).click()
    await phone.page.waitForURL(new RegExp(`/attempts/${attemptId}/results$`))
    expect(await textOf(phone.page.locator('.score'))).toContain(expectedScore(points, total).line)
  })

  it('shows kept pages offline and a plain offline page for the others', async () => {
    const attemptId = await startQuiz(phone.page, set.slug)
    await waitUntilKeptOffline(phone.page, attemptId)
    await goOffline(phone.context)

    await phone.page.goto(`/attempts/${attemptId}/q/3`)
    expect(await progressLabel(phone.page)).toBe(`Question 3 of ${total}`)
    await phone.page.locator('form.answer-form').waitFor()
    await phone.page.goto('/')
    expect(await phone.page.getByRole('heading', { level: 1 }).count()).toBe(1)
    expect(await phone.page.title()).not.toContain('Offline')

    await phone.page.goto('/progress')
    expect(await textOf(phone.page.getByRole('heading', { level: 1 }))).toBe("You're offline")
    expect(await textOf(phone.page.locator('main'))).toContain(
      'Answers you give offline are saved on this phone',
    )
    expect(await axeViolations(phone.page)).toBe('')
    await phone.page.screenshot({ path: join(screenshotDir, 'offline-page.png') })

    // Back online, "Try again" opens the page asked for.
    await goOnline(phone.context)
    await phone.page.getByRole('link', { name: 'Try again' }).click()
    await phone.page.waitForURL(/\/progress$/)
    await expect.poll(() => textOf(phone.page.getByRole('heading', { level: 1 }))).not.toBe("You're offline")
  })

  it('keeps the pages of the current quiz and the three opened before it, not every quiz ever taken', async () => {
    const attempts: string[] = []
    for (let count = 0; count < 5; count++) {
      const response = await phone.page.request.post('/api/attempts', { data: { quiz: set.slug } })
      expect(response.status()).toBe(201)
      const { attempt } = (await response.json()) as { attempt: { id: string } }
      attempts.push(attempt.id)
      await phone.page.goto(`/attempts/${attempt.id}/q/1`)
      await waitUntilKeptOffline(phone.page, attempt.id)
    }
    // Older quizzes are dropped just after the newest one is stored: wait for that to settle.
    const kept = () =>
      phone.page.evaluate(async () => {
        const keys = await (await caches.open('cited-offline-v1')).keys()
        return [
          ...new Set(keys.map((request) => /\/attempts\/([^/]+)\//.exec(request.url)?.[1]).filter(Boolean)),
        ].sort()
      })
    await expect.poll(kept, { timeout: 10_000 }).toEqual(attempts.slice(1).sort())
  })

  it('is installable: a valid manifest with 192 and 512 pixel icons', async () => {
    await phone.page.goto('/')
    const session = await phone.context.newCDPSession(phone.page)
    const manifest = (await session.send('Page.getAppManifest')) as { url: string; errors: unknown[] }
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/)
    expect(manifest.errors).toEqual([])
    // A Playwright context is an incognito profile, the one reason left not to offer installing.
    const { installabilityErrors } = (await session.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[]
    }
    expect(installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual(
      [],
    )
    // The worker's own CSP decides what it may fetch: the strict one of other static files would stop it.
    const worker = await phone.page.request.get('/sw.js')
    expect(worker.headers()['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'none'")
    expect(worker.headers()['cache-control']).toBe('no-cache')
    for (const path of ['/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png']) {
      const response = await phone.page.request.get(path)
      expect(response.status(), path).toBe(200)
      expect(response.headers()['content-type']).toBe('image/png')
    }
  })
})
