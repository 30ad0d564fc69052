import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, phoneContext } from './browser'
import { fillAnswer, questionOnPage, quizSet } from './learner'

const baseUrl = inject('baseUrl')
const SLUG = 'pipeline-and-oil'

/** A long course page (on localhost: another site than Cited's 127.0.0.1) with the quiz below a screenful of text. */
const hostPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course</title></head>
<body style="margin:0">
<h1>Week 3</h1>
<div style="height:1200px">Reading for this week.</div>
<iframe id="quiz" src="${baseUrl}/embed/${SLUG}" title="Quiz" width="380" height="200"></iframe>
<div style="height:3000px">After the quiz.</div>
<script src="${baseUrl}/embed.js" async></script>
<script>
  window.citedEvents = []
  for (const type of ['ready', 'resize'])
    document.addEventListener('cited:' + type, (event) => window.citedEvents.push(event.detail))
</script>
</body></html>`

function startHost(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(hostPage)
  })
  return new Promise((resolve) =>
    server.listen(0, 'localhost', () =>
      resolve({ server, origin: `http://localhost:${(server.address() as AddressInfo).port}` }),
    ),
  )
}

const count = (page: Page, type: string) =>
  page.evaluate(
    (wanted) =>
      (window as unknown as { citedEvents: { type: string }[] }).citedEvents.filter(
        (event) => event.type === wanted,
      ).length,
    type,
  )

function quizFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(`${baseUrl}/embed/`))
  if (!frame) throw new Error('no Cited iframe on the host page')
  return frame
}

/** Clicks inside the frame by script, so Playwright does not scroll the host page to the element itself. */
const clickInFrame = (frame: Frame, selector: string) =>
  frame.evaluate((css) => (document.querySelector(css) as HTMLElement | null)?.click(), selector)

const quizTop = (page: Page) =>
  page.locator('#quiz').evaluate((element) => element.getBoundingClientRect().top)

describe('an embedded quiz on a long course page', () => {
  let host: { server: Server; origin: string }
  beforeAll(async () => {
    host = await startHost()
  })
  afterAll(() => new Promise<void>((resolve) => host.server.close(() => resolve())))

  it("scrolls the quiz's top into view when it moves to another page, and only then", async () => {
    const browser = await launchBrowser()
    try {
      const page = await (await phoneContext(browser, host.origin)).newPage()
      await page.goto('/')
      await expect.poll(() => count(page, 'ready')).toBeGreaterThan(0)
      // The first page does not pull the reader away from the text above it.
      expect(await page.evaluate(() => window.scrollY)).toBe(0)

      // Scrolled far below the quiz, the learner starts it (a new page): the quiz comes back into view.
      await page.evaluate(() => window.scrollTo(0, 2500))
      const readies = await count(page, 'ready')
      await clickInFrame(quizFrame(page), 'form[action$="/start"] button')
      await expect.poll(() => count(page, 'ready')).toBeGreaterThan(readies)
      await expect.poll(() => quizTop(page)).toBeGreaterThanOrEqual(-1)
      expect(await quizTop(page)).toBeLessThan(844)

      // Answering grows the frame (a resize, not a new page): the host page stays where the learner put it.
      const set = quizSet(SLUG)
      const frame = quizFrame(page)
      await frame.waitForURL(/\/q\/1$/)
      const question = await questionOnPage(frame, set)
      await fillAnswer(frame, question, 'right')
      await page.evaluate(() => window.scrollTo(0, 1400))
      const resizes = await count(page, 'resize')
      await clickInFrame(frame, 'form.answer-form button')
      await frame.locator('.feedback').waitFor()
      await expect.poll(() => count(page, 'resize')).toBeGreaterThan(resizes)
      expect(await page.evaluate(() => window.scrollY)).toBe(1400)

      // "Next question" from far down the feedback: back to the quiz's top.
      await page.evaluate(() => window.scrollTo(0, 2500))
      await clickInFrame(frame, 'a[href$="/q/2"]')
      await quizFrame(page).waitForURL(/\/q\/2$/)
      await expect.poll(() => quizTop(page)).toBeGreaterThanOrEqual(-1)
      expect(await quizTop(page)).toBeLessThan(844)
    } finally {
      await browser.close()
    }
  })
})
