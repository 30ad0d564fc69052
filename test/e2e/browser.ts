import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { AxeResults, RunOptions } from 'axe-core'
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium'

/** Debian's Chromium, offline-friendly flags (see STACK.md), plus any `extraArgs`. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...extraArgs] })
}

/** A phone-sized context (390 × 844, touch), the size the pages are designed for first. */
export function phoneContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    ...options,
  })
}

/** One Chromium for a test file, and phone contexts on the e2e server. */
export type E2eBrowser = {
  /** The file's Chromium; only valid inside tests and hooks. */
  readonly browser: Browser
  /** A new phone-sized context on the e2e server (see `phoneContext`); close it when done, or it closes with the browser. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>
}

/**
 * The shared browser fixture: call it once at the top of an e2e file to launch
 * Chromium before the file's tests and close it after them.
 */
export function useBrowser(extraArgs: string[] = []): E2eBrowser {
  let launched: Browser | undefined
  beforeAll(async () => {
    launched = await launchBrowser(extraArgs)
  })
  afterAll(async () => {
    await launched?.close()
  })
  const fixture: E2eBrowser = {
    get browser() {
      if (!launched) throw new Error('the browser is only open inside tests and hooks')
      return launched
    },
    newContext: (options) => phoneContext(fixture.browser, inject('baseUrl'), options),
  }
  return fixture
}

/** A phone context with one page, opened by `usePhonePage`. */
export type PhonePage = { readonly context: BrowserContext; readonly page: Page }

/**
 * A phone context and page on the e2e server, opened before each test of the
 * enclosing file or describe and closed after it (a fresh context is a fresh
 * learner: no cookies, no storage), or with `per: 'describe'` one for all its
 * tests (for walk-throughs whose tests continue one another). `options` may be
 * a function, read when the context opens.
 */
export function usePhonePage(
  chromium: E2eBrowser,
  options: BrowserContextOptions | (() => BrowserContextOptions) = {},
  per: 'test' | 'describe' = 'test',
): PhonePage {
  let opened: PhonePage | undefined
  const open = async () => {
    const context = await chromium.newContext(typeof options === 'function' ? options() : options)
    opened = { context, page: await context.newPage() }
  }
  const close = async () => {
    await opened?.context.close()
    opened = undefined
  }
  if (per === 'test') {
    beforeEach(open)
    afterEach(close)
  } else {
    beforeAll(open)
    afterAll(close)
  }
  const current = () => {
    if (!opened) throw new Error('the phone page is only open inside tests and hooks')
    return opened
  }
  return {
    get context() {
      return current().context
    },
    get page() {
      return current().page
    },
  }
}

/** An element's text with its outer whitespace trimmed ('' when it has none). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim()
}

export const screenshotDir = join(import.meta.dirname, '..', '..', 'test-results')

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Runs axe-core against the page with the WCAG 2.0/2.1/2.2 A and AA rules and
 * returns the violations as readable text ('' when there are none). The
 * context needs `bypassCSP: true`: the app's CSP forbids the injected script.
 */
export async function axeViolations(page: Page): Promise<string> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource })
  const options: RunOptions = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    resultTypes: ['violations'],
  }
  const violations = await page.evaluate(async (runOptions) => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> }
    }
    return (await axe.run(document, runOptions)).violations
  }, options)
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    at ${node.target.join(' ')}\n      ${node.html}\n      ${(node.failureSummary ?? '').replaceAll('\n', '\n      ')}`,
        )
        .join('\n')
      return `- ${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${nodes}`
    })
    .join('\n')
}

/**
 * axe on a page whether or not it runs script. axe needs script, so a page
 * opened with JavaScript off is scanned as a copy of its markup as served, in
 * a second phone context (same origin, same colour scheme) that runs script
 * but not the islands. `holds` is a selector the copy must match, proving it
 * is the page and not the blank one it was written into.
 */
export async function axeViolationsAsServed(
  chromium: E2eBrowser,
  page: Page,
  holds = 'main h1',
): Promise<string> {
  if (await page.evaluate(() => matchMedia('(scripting: enabled)').matches)) return axeViolations(page)
  const markup = await page.content()
  const colorScheme = await page.evaluate(() =>
    matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  )
  const scanner = await chromium.newContext({ colorScheme, bypassCSP: true })
  try {
    await scanner.route('**/build/islands.js', (route) => route.abort())
    const copy = await scanner.newPage()
    await copy.goto('/')
    await copy.evaluate((html) => {
      document.open()
      document.write(html)
      document.close()
    }, markup)
    await copy.waitForFunction(() => document.styleSheets.length > 0 && document.readyState === 'complete')
    if ((await copy.locator(holds).count()) === 0) throw new Error(`the copy of the page holds no ${holds}`)
    return await axeViolations(copy)
  } finally {
    await scanner.close()
  }
}
