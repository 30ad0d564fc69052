import { launch } from 'chrome-launcher'
import lighthouse, { type Result } from 'lighthouse'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../scripts/chromium'

/**
 * Lighthouse's default (mobile) configuration over a few pages, in one
 * headless Chromium. Debian's Chromium (STACK.md): never a downloaded browser.
 */

export const lighthouseCategories = ['performance', 'accessibility', 'best-practices'] as const
export type CategoryId = (typeof lighthouseCategories)[number]

export type AuditFinding = {
  id: string
  title: string
  score: number | null
  displayValue?: string
  items: string[]
}
export type LighthousePage = {
  name: string
  url: string
  /** 0-100, null when Lighthouse could not score the category. */
  scores: Record<CategoryId, number | null>
  metrics: Record<string, string>
  /** Audits in each category that did not fully pass. */
  findings: Record<CategoryId, AuditFinding[]>
  runWarnings: string[]
}

const chromeFlags = ['--headless=new', ...CHROMIUM_FLAGS]

const unscored = new Set(['notApplicable', 'informative', 'manual'])
const metricIds = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
]

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** One line for a row of an audit's details table: its most telling field. */
function describeItem(item: unknown): string {
  if (!isRecord(item)) return String(item)
  const node = isRecord(item.node) ? item.node : undefined
  const source = isRecord(item.source) ? item.source : undefined
  const candidates = [item.description, item.url, source?.url, node?.snippet, node?.nodeLabel, item.label]
  const text = candidates.find((value): value is string => typeof value === 'string' && value.length > 0)
  return (text ?? JSON.stringify(item)).slice(0, 160)
}

function findingsOf(lhr: Result, category: CategoryId): AuditFinding[] {
  const refs = lhr.categories[category]?.auditRefs ?? []
  return refs.flatMap((ref) => {
    const audit = lhr.audits[ref.id]
    if (!audit || unscored.has(audit.scoreDisplayMode)) return []
    if (audit.scoreDisplayMode !== 'error' && (audit.score === null || audit.score >= 1)) return []
    // Performance insights with no weight only matter when they cost something.
    if (category === 'performance' && ref.weight === 0 && audit.score !== null && audit.score >= 0.9)
      return []
    const details: unknown = audit.details
    const rows = isRecord(details) && Array.isArray(details.items) ? details.items : []
    return [
      {
        id: audit.id,
        title: audit.title,
        score: audit.score,
        displayValue: audit.displayValue ?? audit.errorMessage,
        items: rows.slice(0, 5).map(describeItem),
      },
    ]
  })
}

/**
 * Audits each page in turn, each in a Chromium of its own. `cookie` travels
 * as an extra header on every request the page makes, because Lighthouse
 * clears the origin's storage (cookies included) before each run; but not on
 * those of a service worker, and the one the quiz list installs would fetch
 * the next page without it (a 404 for a learner it does not know).
 */
export async function runLighthouse(
  pages: { name: string; url: string }[],
  cookie: string,
): Promise<LighthousePage[]> {
  const results: LighthousePage[] = []
  for (const page of pages) {
    const chrome = await launch({ chromePath: process.env.CHROME_PATH ?? CHROMIUM_PATH, chromeFlags })
    try {
      process.stdout.write(`  Lighthouse: ${page.name} ... `)
      const started = Date.now()
      const run = await lighthouse(page.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...lighthouseCategories],
        extraHeaders: { Cookie: cookie },
      })
      if (!run) throw new Error(`Lighthouse returned no result for ${page.url}`)
      const { lhr } = run
      if (lhr.runtimeError)
        throw new Error(`Lighthouse could not load ${page.url}: ${lhr.runtimeError.message}`)
      const score = (category: CategoryId) => {
        const value = lhr.categories[category]?.score
        return value === null || value === undefined ? null : Math.round(value * 100)
      }
      const metrics = Object.fromEntries(
        metricIds.map((id) => [lhr.audits[id]?.title ?? id, lhr.audits[id]?.displayValue ?? 'n/a']),
      )
      results.push({
        name: page.name,
        url: page.url,
        scores: {
          performance: score('performance'),
          accessibility: score('accessibility'),
          'best-practices': score('best-practices'),
        },
        metrics,
        findings: {
          performance: findingsOf(lhr, 'performance'),
          accessibility: findingsOf(lhr, 'accessibility'),
          'best-practices': findingsOf(lhr, 'best-practices'),
        },
        runWarnings: lhr.runWarnings,
      })
      process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`)
    } finally {
      chrome.kill()
    }
  }
  return results
}
