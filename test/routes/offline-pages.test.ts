import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { SHELL } from '../../src/browser/offline-cache'
import { answerSetQuestion, Browser, expectPage, islandProps, publicIdOf, setOf } from '../support/helpers'

const slug = 'routes-around-russia'
const set = setOf(slug)
const total = set.questions.length

type OfflineStatus = { keep: string[] }
type AnswerFormOffline = {
  offline: { id: string; group: string; label: string; next: { href: string; label: string } }
  next: { href: string; label: string }
}

async function questionPage(browser: Browser, attemptId: string, position: number): Promise<string> {
  return expectPage(await browser.get(`/attempts/${attemptId}/q/${position}`), 200)
}

describe('question pages prepared for offline play', () => {
  it('keep every question page of the attempt on the phone, and nothing else', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await questionPage(browser, attemptId, 1)
    const [status] = islandProps(html, 'offline-status') as OfflineStatus[]
    expect(status?.keep).toEqual(set.questions.map((_, index) => `/attempts/${attemptId}/q/${index + 1}`))
    expect(html).toContain('<script type="module" src="/build/islands.js"></script>')
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"/>')
  })

  it('give each answer the id the server dedupes on (attempt and question) and a name for the learner', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await questionPage(browser, attemptId, 2)
    const [form] = islandProps(html, 'answer-form') as AnswerFormOffline[]
    expect(form?.offline).toEqual({
      id: `${attemptId}/${publicIdOf(set.questions[1]?.id ?? '')}`,
      group: attemptId,
      label: `Question 2 of ${total} (${set.title})`,
      next: { href: `/attempts/${attemptId}/q/3`, label: 'Next question' },
    })
  })

  it('never send an offline learner back to a skipped question: after the last one come the results', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const [form] = islandProps(
      await questionPage(browser, attemptId, total),
      'answer-form',
    ) as AnswerFormOffline[]
    // Online, "next" wraps to the first unanswered question; its copy on the phone may be older than the queue.
    expect(form?.next.href).toBe(`/attempts/${attemptId}/q/1`)
    expect(form?.offline.next).toEqual({ href: `/attempts/${attemptId}/results`, label: 'See your results' })
  })

  it('still run the islands once answered, so answers saved offline are sent from any question page', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    expect((await answerSetQuestion(browser, attemptId, slug, 1, true)).status).toBe(303)
    const html = await questionPage(browser, attemptId, 1)
    expect(islandProps(html, 'answer-form')).toEqual([])
    expect(islandProps(html, 'offline-status')).toHaveLength(1)
    expect(html).toContain('<script type="module" src="/build/islands.js"></script>')
  })
})

describe('the installable app', () => {
  it('serves a manifest with a name, a start URL, standalone display and 192 and 512 pixel PNG icons', async () => {
    const response = await env.ASSETS.fetch('http://example.com/manifest.webmanifest')
    expect(response.status).toBe(200)
    const manifest = (await response.json()) as {
      name: string
      short_name: string
      start_url: string
      display: string
      icons: { src: string; sizes: string; type: string; purpose: string }[]
    }
    expect(manifest).toMatchObject({ short_name: 'Cited', start_url: '/', display: 'standalone' })
    const png = manifest.icons.filter((icon) => icon.type === 'image/png' && icon.purpose === 'any')
    expect(png.map((icon) => icon.sizes).sort()).toEqual(['192x192', '512x512'])
    for (const icon of manifest.icons) {
      const file = await env.ASSETS.fetch(`http://example.com${icon.src}`)
      expect(file.status, icon.src).toBe(200)
      expect(file.headers.get('content-type')).toBe(icon.type)
      await file.body?.cancel()
    }
  })

  it('serves every file of the app shell the service worker keeps', async () => {
    for (const path of SHELL.filter((path) => path !== '/')) {
      const response = await env.ASSETS.fetch(`http://example.com${path}`)
      expect(response.status, path).toBe(200)
      await response.body?.cancel()
    }
    const worker = await env.ASSETS.fetch('http://example.com/sw.js')
    expect(worker.status, 'public/sw.js is built by npm run build:client (npm test runs it first)').toBe(200)
    expect(worker.headers.get('content-type')).toMatch(/^(text|application)\/javascript/)
    expect(await worker.text()).toContain('cited-offline-v1')
  })
})
