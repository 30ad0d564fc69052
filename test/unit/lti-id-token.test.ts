import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWTPayload,
  type JWTVerifyGetKey,
  SignJWT,
} from 'jose'
import { describe, expect, it } from 'vitest'
import { verifyIdToken } from '../../src/lti/id-token'
import { LtiRefusal } from '../../src/lti/refusal'

const platform = { issuer: 'https://lms.example', clientId: 'client-1' }
const { privateKey, publicKey } = await generateKeyPair('RS256')
const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] })
const now = Math.floor(Date.now() / 1000)

function sign(claims: JWTPayload, times: { iat?: number; exp?: number } = {}) {
  return new SignJWT({ iss: platform.issuer, aud: platform.clientId, nonce: 'n1', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuedAt(times.iat ?? now)
    .setExpirationTime(times.exp ?? now + 60)
    .sign(privateKey)
}

async function reasonOf(token: Promise<string> | string, keySet: JWTVerifyGetKey = keys) {
  try {
    await verifyIdToken(await token, platform, keySet)
  } catch (error) {
    if (error instanceof LtiRefusal) return `${error.status} ${error.reason}`
    throw error
  }
  return 'accepted'
}

describe('verifyIdToken', () => {
  it('accepts a good token and returns its claims', async () => {
    const payload = await verifyIdToken(await sign({ sub: 'u1' }), platform, keys)
    expect(payload).toMatchObject({ sub: 'u1', nonce: 'n1' })
  })

  it('checks the audience, and azp whenever it is present or aud lists several', async () => {
    expect(await reasonOf(sign({ aud: 'someone-else' }))).toBe('401 wrong_audience')
    expect(await reasonOf(sign({ aud: ['client-1', 'other'] }))).toBe('401 wrong_audience')
    expect(await reasonOf(sign({ aud: ['client-1', 'other'], azp: 'client-1' }))).toBe('accepted')
    expect(await reasonOf(sign({ azp: 'other' }))).toBe('401 wrong_audience')
  })

  it('checks the issuer and the times', async () => {
    expect(await reasonOf(sign({ iss: 'https://other.example' }))).toBe('401 wrong_issuer')
    expect(await reasonOf(sign({}, { iat: now - 600, exp: now - 120 }))).toBe('401 expired_token')
    expect(await reasonOf(sign({}, { iat: now - 7200, exp: now + 60 }))).toBe('401 expired_token')
    expect(await reasonOf(sign({}, { iat: now + 600, exp: now + 900 }))).toBe('401 bad_timestamps')
    // A minute of clock skew is tolerated.
    expect(await reasonOf(sign({}, { iat: now + 30, exp: now + 90 }))).toBe('accepted')
  })

  it('wants a nonce', async () => {
    expect(await reasonOf(sign({ nonce: undefined }))).toBe('400 invalid_claims')
  })

  it('refuses other algorithms, unknown kids and garbage', async () => {
    const hs = await new SignJWT({ iss: platform.issuer, aud: platform.clientId, nonce: 'n' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('a shared secret that is long enough!'))
    expect(await reasonOf(hs)).toBe('401 bad_signature')
    const unknownKid = await new SignJWT({ iss: platform.issuer, aud: platform.clientId, nonce: 'n' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k2' })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateKey)
    expect(await reasonOf(unknownKid)).toBe('401 bad_signature')
    expect(await reasonOf('a.b.c')).toBe('400 malformed_token')
  })

  it("reports an unreachable JWKS as the platform's problem (502), not a crash", async () => {
    const unreachable = async () => {
      throw new TypeError('fetch failed')
    }
    expect(await reasonOf(sign({}), unreachable)).toBe('502 jwks_unavailable')
  })
})
