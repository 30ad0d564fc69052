import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { inject } from 'vitest'

const root = join(import.meta.dirname, '..', '..')

/** The anonymous learner id of a browser context (its `cited_learner` cookie). */
export async function learnerIdOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((candidate) => candidate.name === 'cited_learner')
  if (!cookie) throw new Error('this browser has no cited_learner cookie yet')
  return cookie.value
}

/**
 * Lets `ms` pass for one learner's practice schedule: every card of theirs
 * falls due `ms` earlier, as if the clock had moved on. The schedule runs on
 * the server's clock, so a page clock cannot do this; the e2e server's local
 * D1 is edited with `wrangler d1 execute` instead (it takes about 2 s).
 */
export function moveScheduleForward(learnerId: string, ms: number): void {
  if (!/^[0-9a-f-]{36}$/.test(learnerId)) throw new Error(`not a learner id: ${learnerId}`)
  const sql = `update cards set due = due - ${Math.round(ms)} where learner_id = '${learnerId}'`
  const result = spawnSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', inject('persistTo'), '--command', sql],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  )
  if (result.status !== 0)
    throw new Error(`moving the schedule failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
}
