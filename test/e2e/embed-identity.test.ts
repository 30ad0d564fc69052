import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, launchBrowser, phoneContext } from './browser'

const baseUrl = inject('baseUrl')
const SLUG = 'pipeline-and-oil'
const KEY = `cited-learner:${baseUrl}:${SLUG}`

/** A course page (on localhost: another site than Cited's 127.0.0.1) that names its learner. */
const hostPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course</title></head>
<body><main><h1>Week 3</h1>
<iframe id="quiz" src="${baseUrl}/embed/${SLUG}" title="Quiz" width="380" height="500" data-cited-learner="Ada (s1234)"></iframe>
</main><script src="${baseUrl}/embed.js" async></script></body></html>`

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

function quizFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(`${baseUrl}/embed/`))
  if (!frame) throw new Error('no Cited iframe on the host page')
  return frame
}

const kept = (page: Page) => page.evaluate((key) => localStorage.getItem(key), KEY)

/** Clicks "Start the quiz" once the host's hello has filled the form (the name always comes with it). */
async function startQuiz(page: Page) {
  const frame = quizFrame(page)
  await frame.waitForSelector('form[action$="/start"] input[name="learner_name"]', { state: 'attached' })
  await frame.getByRole('button', { name: 'Start the quiz' }).click()
  await frame.waitForURL(/\/embed\/a\/[A-Za-z0-9_-]{32}\/q\/1$/)
}

describe('an embedded learner across reloads of the course page', () => {
  let host: { server: Server; origin: string }
  beforeAll(async () => {
    host = await startHost()
  })
  afterAll(() => new Promise<void>((resolve) => host.server.close(() => resolve())))

  it('is kept by embed.js in the course page storage and handed back after a reload', async () => {
    const browser = await launchBrowser()
    try {
      const page = await (await phoneContext(browser, host.origin, { bypassCSP: true })).newPage()
      await page.goto('/')
      expect(await kept(page)).toBeNull()
      await startQuiz(page)
      await expect.poll(() => kept(page)).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const token = await kept(page)
      // Never in a URL, and not re-dispatched as an event other scripts could catch.
      expect(quizFrame(page).url()).not.toContain(token)

      await page.reload()
      const frame = quizFrame(page)
      await frame.waitForSelector('form[action$="/start"] input[name="learner"]', { state: 'attached' })
      expect(await frame.locator('input[name="learner"]').inputValue()).toBe(token)
      expect(await axeViolations(page)).toBe('')
      await startQuiz(page)
      // The server honoured the token: the same learner, so the attempt hands back the same token.
      const config = await quizFrame(page).evaluate(() => document.body.dataset.citedEmbed ?? '{}')
      expect((JSON.parse(config) as { learner?: string }).learner).toBe(token)
      expect(await kept(page)).toBe(token)
    } finally {
      await browser.close()
    }
  })
})
