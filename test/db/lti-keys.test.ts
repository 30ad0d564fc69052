import { env } from 'cloudflare:workers'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { signToolJwt } from '../../src/lti/tool-keys'
import { rotateToolKey, toolJwks, toolSigningKey } from '../../src/services/lti-tool-keys'

const db = createDb(env.DB)
const DAY = 24 * 60 * 60 * 1000

describe('tool keys', () => {
  it('are made once, then rotated: the new key signs, the old one stays published for a day', async () => {
    const start = Date.now()
    const first = await toolSigningKey(db, start)
    expect((await toolSigningKey(db, start)).kid).toBe(first.kid)
    const signedBefore = await signToolJwt(first, { iss: 'cited' }, 300)

    const newKid = await rotateToolKey(db, start + 1000)
    const second = await toolSigningKey(db, start + 2000)
    expect(second.kid).toBe(newKid)
    expect(second.kid).not.toBe(first.kid)

    const published = await toolJwks(db, start + 2000)
    expect(published.keys.map((key) => key.kid)).toEqual([second.kid, first.kid])
    // A token signed just before the rotation still verifies against the published set.
    await expect(jwtVerify(signedBefore, createLocalJWKSet(published))).resolves.toBeTruthy()

    const later = await toolJwks(db, start + 1000 + DAY + 1)
    expect(later.keys.map((key) => key.kid)).toEqual([second.kid])
  })

  it('never publish private key material', async () => {
    const { keys } = await toolJwks(db)
    for (const key of keys)
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret)
  })
})
