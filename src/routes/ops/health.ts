import { Hono } from 'hono'
import { pingDatabase } from '../../db/health'
import type { AppEnv } from '../../env'
import type { ErrorCode } from '../../http/fail'

/**
 * `GET /healthz` for deployment checks and uptime monitors: 200 `{ ok: true }`
 * after one trivial D1 query, 503 with the API's error shape when D1 fails.
 * Always JSON (a monitor is not a person), and `private, no-store` like every
 * response that did not ask for public caching, so no cache answers for it.
 */
export const health = new Hono<AppEnv>().get('/healthz', async (c) => {
  try {
    await pingDatabase(c.var.db)
  } catch (error) {
    console.error('Health check: D1 did not answer', error)
    const code: ErrorCode = 'unavailable'
    return c.json({ error: { code, message: 'The database did not answer.' } }, 503)
  }
  return c.json({ ok: true })
})
