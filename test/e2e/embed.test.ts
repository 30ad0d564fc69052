import { execFileSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { EmbedMessage } from '../../src/embed/messages'
import { launchBrowser, phoneContext } from './browser'
import { fillAnswer, planAnswers, pointsFor, questionOnPage, quizSet } from './learner'

const baseUrl = inject('baseUrl')
const SLUG = 'pipeline-and-oil'
const RESTRICTED = 'routes-around-russia'

/**
 * A course site on another *site* (localhost, while Cited is on 127.0.0.1), so
 * the iframe is cross-site as on a real LMS. It records the events that the
 * host script re-dispatches on the iframe.
 */
function hostPage(slug: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course</title></head>
<body style="margin:0">
<h1>Week 3</h1>
<iframe id="quiz" src="${baseUrl}/embed/${slug}" title="Quiz" width="380" height="200"></iframe>
<script src="${baseUrl}/embed.js" async></script>
<script>
  window.citedEvents = []
  for (const type of ['ready', 'resize', 'answered', 'completed'])
    document.addEventListener('cited:' + type, (event) => window.citedEvents.push(event.detail))
</script>
</body></html>`
}

function startHost(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const slug = new URL(request.url ?? '/', 'http://localhost').searchParams.get('quiz') ?? SLUG
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(hostPage(slug))
  })
  return new Promise((resolve) =>
    server.listen(0, 'localhost', () =>
      resolve({ server, origin: `http://localhost:${(server.address() as AddressInfo).port}` }),
    ),
  )
}

/** Changes a set's embedding policy in the e2e database, as the studio will. */
function setEmbedPolicy(slug: string, policy: { anywhere: boolean; origins: string[] }) {
  const sql = `UPDATE quiz_sets SET embed_policy = '${JSON.stringify(policy)}' WHERE slug = '${slug}'`
  execFileSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', '.wrangler/e2e', '--command', sql],
    {
      stdio: 'ignore',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    },
  )
}

const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { citedEvents: EmbedMessage[] }).citedEvents)

async function waitForEvent(page: Page, type: EmbedMessage['type']) {
  await page.waitForFunction(
    (wanted) =>
      (window as unknown as { citedEvents: { type: string }[] }).citedEvents.some(
        (event) => event.type === wanted,
      ),
    type,
  )
}

function quizFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(`${baseUrl}/embed/`))
  if (!frame) throw new Error('no Cited iframe on the host page')
  return frame
}

/** The iframe's inner height on the host page, and the height of the document inside it. */
async function heights(page: Page) {
  const outer = await page.locator('#quiz').evaluate((element) => element.clientHeight)
  const inner = await quizFrame(page).evaluate(() => document.documentElement.getBoundingClientRect().height)
  return { outer, inner }
}

/** Waits until the host script has sized the iframe to the document inside it (within 2 px). */
async function iframeFitsContent(page: Page) {
  await expect
    .poll(async () => {
      const { outer, inner } = await heights(page)
      return Math.abs(outer - inner)
    })
    .toBeLessThanOrEqual(2)
}

/** Takes the whole set inside the iframe; returns the heights seen and the points expected. */
async function takeEmbeddedQuiz(page: Page) {
  const set = quizSet(SLUG)
  const plan = planAnswers(set)
  await waitForEvent(page, 'ready')
  await quizFrame(page).getByRole('button', { name: 'Start the quiz' }).click()
  const seen: number[] = []
  let points = 0
  for (let position = 1; position <= set.questions.length; position++) {
    const frame = quizFrame(page)
    await frame.waitForURL(new RegExp(`/embed/a/[A-Za-z0-9_-]{32}/q/${position}$`))
    const question = await questionOnPage(frame, set)
    const intent = plan.get(question.id) ?? 'right'
    points += pointsFor(question, intent)
    await fillAnswer(frame, question, intent)
    // Pairing the last match can change the content's height: a click while the iframe is still
    // resizing can land below it, on the host page, as no learner's tap would.
    await iframeFitsContent(page)
    await frame.getByRole('button', { name: 'Check answer' }).click()
    await frame.locator('.feedback').waitFor()
    // The host script follows the content: wait until the iframe matches the taller page.
    await iframeFitsContent(page)
    seen.push((await heights(page)).outer)
    await frame.getByRole('link', { name: /Next question|See your results/ }).click()
  }
  await quizFrame(page).waitForURL(/\/results$/)
  await waitForEvent(page, 'completed')
  return { seen, points, max: set.questions.length }
}

describe('a quiz embedded in a course site', () => {
  let host: { server: Server; origin: string }
  beforeAll(async () => {
    host = await startHost()
  })
  afterAll(() => new Promise<void>((resolve) => host.server.close(() => resolve())))

  it('sizes itself to its content, reports each answer and the final score, and sets no cookie', async () => {
    const browser = await launchBrowser()
    try {
      const context = await phoneContext(browser, host.origin)
      const page = await context.newPage()
      await page.goto(`/?quiz=${SLUG}`)
      const { seen, points, max } = await takeEmbeddedQuiz(page)

      // It grew for feedback and shrank back for the next question: not one fixed height.
      expect(Math.max(...seen) - Math.min(...seen)).toBeGreaterThan(20)
      const received = await events(page)
      const answered = received.filter((event) => event.type === 'answered')
      expect(answered).toHaveLength(max)
      expect(answered.filter((event) => event.type === 'answered' && !event.correct)).toHaveLength(2)
      const completed = received.find((event) => event.type === 'completed')
      expect(completed).toMatchObject({ source: 'cited', version: 1, quiz: SLUG, max })
      if (completed?.type === 'completed') expect(completed.score).toBeCloseTo(points, 2)
      expect(await context.cookies()).toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('works the same with third-party cookies blocked', async () => {
    // Chromium's switch for the third-party cookie phase-out: cross-site iframes get no cookies.
    const browser = await launchBrowser(['--test-third-party-cookie-phaseout'])
    try {
      const page = await (await phoneContext(browser, host.origin)).newPage()
      await page.goto(`/?quiz=${SLUG}`)
      const { points } = await takeEmbeddedQuiz(page)
      const completed = (await events(page)).find((event) => event.type === 'completed')
      if (completed?.type !== 'completed') throw new Error('no completed event')
      expect(completed.score).toBeCloseTo(points, 2)
    } finally {
      await browser.close()
    }
  })

  it('cannot be framed by a site outside the allowed origins, and says so there', async () => {
    const other = await startHost()
    setEmbedPolicy(RESTRICTED, { anywhere: false, origins: [host.origin] })
    const browser = await launchBrowser()
    try {
      const context = await phoneContext(browser, host.origin)
      const allowed = await context.newPage()
      await allowed.goto(`${host.origin}/?quiz=${RESTRICTED}`)
      await waitForEvent(allowed, 'ready')

      const refused = await context.newPage()
      await refused.goto(`${other.origin}/?quiz=${RESTRICTED}`)
      await refused.waitForTimeout(1500)
      expect(await events(refused)).toEqual([])
      const frame = refused.frames().find((candidate) => candidate !== refused.mainFrame())
      const title = await frame?.evaluate(() => document.title).catch(() => null)
      expect(title ?? '').not.toContain('Routes around Russia')
      // Where the host script runs, a short message takes the place of the browser's blank error box.
      await expect
        .poll(() => refused.getByRole('note').textContent(), { timeout: 10_000 })
        .toBe("This quiz can't be shown on this site; ask the instructor to allow it.")
      expect(await refused.locator('iframe').count()).toBe(0)
      // On an allowed site the quiz stays.
      expect(await allowed.locator('iframe').count()).toBe(1)
    } finally {
      await browser.close()
      setEmbedPolicy(RESTRICTED, { anywhere: true, origins: [] })
      await new Promise<void>((resolve) => other.server.close(() => resolve()))
    }
  })
})
