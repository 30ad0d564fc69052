import { describe, expect, it } from 'vitest'
import { importSecretKey, keyedHash, newSecret } from '../../src/auth/keyed-hash'

describe('keyedHash', () => {
  it('is stable for one key and one purpose', async () => {
    const key = await importSecretKey(newSecret())
    expect(await keyedHash(key, 'question-id', 'oil-share')).toBe(
      await keyedHash(key, 'question-id', 'oil-share'),
    )
  })

  it('differs between keys, purposes and values', async () => {
    const secret = newSecret()
    const key = await importSecretKey(secret)
    const other = await importSecretKey(newSecret())
    const base = await keyedHash(key, 'question-id', 'oil-share')
    expect(await keyedHash(other, 'question-id', 'oil-share')).not.toBe(base)
    expect(await keyedHash(key, 'shuffle-seed', 'oil-share')).not.toBe(base)
    expect(await keyedHash(key, 'question-id', 'oil-shares')).not.toBe(base)
  })

  it('is URL-safe and cut to the asked length', async () => {
    const key = await importSecretKey(newSecret())
    const hash = await keyedHash(key, 'learner-pseudonym', 'x', 12)
    expect(hash).toMatch(/^[A-Za-z0-9_-]{12}$/)
    expect(await keyedHash(key, 'learner-pseudonym', 'x')).toHaveLength(22)
  })
})
