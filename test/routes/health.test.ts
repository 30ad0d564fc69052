import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { parseD1Counts } from '../../src/db/d1-counter'
import { Browser, ORIGIN } from '../support/helpers'

/** A D1 session whose every statement fails, as when the database is unreachable. */
const brokenSession = {
  prepare: () => {
    throw new Error('D1_ERROR: Network connection lost.')
  },
  batch: async () => {
    throw new Error('D1_ERROR: Network connection lost.')
  },
  getBookmark: () => null,
}

/** A D1 binding (read through sessions, as every request does) that cannot reach the database. */
const brokenD1 = { ...brokenSession, withSession: () => brokenSession }

describe('GET /healthz', () => {
  it('answers 200 { ok: true }, never cached, after one trivial D1 query', async () => {
    const response = await new Browser().get('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
    expect(response.headers.get('cache-control')).toContain('no-store')
  })

  it('answers 503 with the error shape when D1 fails', async () => {
    const response = await app.request(`${ORIGIN}/healthz`, {}, { ...env, DB: brokenD1 })
    expect(response.status).toBe(503)
    expect(response.headers.get('cache-control')).toContain('no-store')
    expect(await response.json()).toEqual({
      error: { code: 'unavailable', message: 'The database did not answer.' },
    })
  })
})

describe('X-Cited-D1 (bench mode)', () => {
  it('is absent by default, even when a request asks for it', async () => {
    const response = await new Browser().fetch('/healthz', { headers: { 'X-Cited-D1': 'count' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-cited-d1')).toBeNull()
  })

  it('counts the D1 work of a request that asks when CITED_BENCH_D1_LOG is "true"', async () => {
    const bench = { ...env, CITED_BENCH_D1_LOG: 'true' }
    const asked = await app.request(`${ORIGIN}/healthz`, { headers: { 'X-Cited-D1': 'count' } }, bench)
    expect(parseD1Counts(asked.headers.get('x-cited-d1'))).toMatchObject({
      queries: 1,
      trips: 1,
      rowsWritten: 0,
    })
    const notAsked = await app.request(`${ORIGIN}/healthz`, {}, bench)
    expect(notAsked.headers.get('x-cited-d1')).toBeNull()
  })

  it('leaves the per-isolate caches as they are: counting a read of an attempt finds no write', async () => {
    const learner = new Browser()
    const attemptId = await learner.start('pipeline-and-oil')
    const cookie = [...learner.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await app.request(
      `${ORIGIN}/api/attempts/${attemptId}`,
      { headers: { cookie, 'X-Cited-D1': 'count' } },
      { ...env, CITED_BENCH_D1_LOG: 'true' },
    )
    expect(response.status).toBe(200)
    // The server key (appKey) is cached per binding; a new wrapper must not make it look for the key again.
    expect(parseD1Counts(response.headers.get('x-cited-d1'))).toMatchObject({ writes: 0, rowsWritten: 0 })
  })
})
