import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose'

export const TOOL_ALG = 'RS256'

/** A tool key as stored in D1 (table lti_keys). */
export type StoredToolKey = { kid: string; privateJwk: JWK; publicJwk: JWK; createdAt: number }

/** A tool key ready to sign with. */
export type SigningKey = { kid: string; key: CryptoKey }

/**
 * A new RS256 key pair (2048-bit). The kid is the public key's RFC 7638
 * thumbprint, so it names the key without revealing anything else.
 */
export async function generateToolKey(now: number): Promise<StoredToolKey> {
  const { privateKey, publicKey } = await generateKeyPair(TOOL_ALG, { extractable: true })
  const publicJwk = await exportJWK(publicKey)
  const kid = await calculateJwkThumbprint(publicJwk)
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk, createdAt: now }
}

/** The public half as published in /lti/jwks. */
export function publicJwkOf(key: Pick<StoredToolKey, 'kid' | 'publicJwk'>): JWK {
  const { kty, n, e } = key.publicJwk
  return { kty, n, e, kid: key.kid, alg: TOOL_ALG, use: 'sig' }
}

/** Imports the private JWK for signing (non-extractable once imported). */
export async function signingKeyOf(key: Pick<StoredToolKey, 'kid' | 'privateJwk'>): Promise<SigningKey> {
  const imported = await importJWK(key.privateJwk, TOOL_ALG, { extractable: false })
  if (!(imported instanceof CryptoKey)) throw new Error('tool key did not import as a CryptoKey')
  return { kid: key.kid, key: imported }
}

/**
 * Signs claims with the tool key: RS256, the key's kid in the header, `iat`
 * now and `exp` after `lifetimeSeconds`.
 *
 * @example await signToolJwt(key, { iss: clientId, aud: tokenUrl }, 300)
 */
export function signToolJwt(
  signing: SigningKey,
  claims: JWTPayload,
  lifetimeSeconds: number,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: TOOL_ALG, kid: signing.kid, typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(signing.key)
}
