import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { keyedHash } from '../../src/auth/keyed-hash'
import { loadOrCreateSecret } from '../../src/db/app-secrets'
import { createDb } from '../../src/db/client'
import { appKey } from '../../src/services/app-secret'

describe('app secret', () => {
  it('keeps the first stored value when several requests race to create it', async () => {
    const db = createDb(env.DB)
    const values = await Promise.all(
      ['a', 'b', 'c', 'd'].map((candidate) =>
        loadOrCreateSecret(db, 'race-test', `candidate-${candidate}`, 1),
      ),
    )
    expect(new Set(values).size).toBe(1)
    expect(await loadOrCreateSecret(db, 'race-test', 'late', 2)).toBe(values[0])
  })

  it('gives one key per database for the life of the isolate', async () => {
    const db = createDb(env.DB)
    const first = await keyedHash(await appKey(db), 'question-id', 'q')
    const second = await keyedHash(await appKey(createDb(env.DB)), 'question-id', 'q')
    expect(second).toBe(first)
  })

  it('reads the key once for all requests, though each queries through its own D1 session', async () => {
    const request = () => createDb(env.DB, env.DB.withSession('first-unconstrained'))
    const first = await appKey(request())
    expect(await appKey(request())).toBe(first)
  })
})
