import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose'
import { LtiRefusal, refuse } from './refusal'

/** Clock skew allowed between the platform and Cited. */
const CLOCK_TOLERANCE_S = 60
/** An id_token older than this is refused even if its `exp` is later. */
const MAX_TOKEN_AGE_S = 60 * 60

export type ExpectedPlatform = { issuer: string; clientId: string }

function refusalFor(error: unknown): LtiRefusal {
  if (error instanceof LtiRefusal) return error
  if (error instanceof errors.JWTExpired)
    return new LtiRefusal(
      401,
      'expired_token',
      error.claim === 'iat'
        ? 'The launch token was issued too long ago. Open the activity again from the course.'
        : 'The launch token has expired. Open the activity again from the course.',
    )
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss')
      return new LtiRefusal(401, 'wrong_issuer', 'The launch token was issued by another platform.')
    if (error.claim === 'aud')
      return new LtiRefusal(
        401,
        'wrong_audience',
        "The launch token is meant for another tool: its audience is not this registration's client id.",
      )
    if (error.claim === 'iat' || error.claim === 'nbf')
      return new LtiRefusal(
        401,
        'bad_timestamps',
        'The launch token is not valid yet: check the clock of the platform.',
      )
    return new LtiRefusal(400, 'invalid_claims', `The launch token has an invalid "${error.claim}" claim.`)
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new LtiRefusal(
      401,
      'bad_signature',
      "The launch token's signature does not match the platform's keys: it was altered, or signed with another key.",
    )
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return new LtiRefusal(
      401,
      'bad_signature',
      "The launch token was signed with a key (kid) that the platform's key set does not publish.",
    )
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new LtiRefusal(401, 'bad_signature', 'The launch token must be signed with RS256.')
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  )
    return new LtiRefusal(400, 'malformed_token', 'The launch token is not a well-formed signed JWT.')
  // Anything else came from reaching the platform's JWKS URL (network, status, JSON, timeout).
  return new LtiRefusal(
    502,
    'jwks_unavailable',
    "Cited could not read the platform's public keys from its JWKS URL, so the launch cannot be checked. Try again shortly, or check the JWKS URL in the Cited studio.",
  )
}

/**
 * Verifies a platform's id_token: RS256 signature against the platform's key
 * set, `iss`, `aud` (the client id; when `aud` lists several, `azp` must be
 * the client id), `exp`, and `iat` (not in the future, at most an hour old).
 * The nonce is checked by the caller, against the login it started.
 * Every failure is an {@link LtiRefusal} with a 4xx status (502 when the
 * platform's keys cannot be fetched).
 */
export async function verifyIdToken(
  idToken: string,
  expected: ExpectedPlatform,
  keys: JWTVerifyGetKey,
  now = new Date(),
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(idToken, keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ['RS256'],
      clockTolerance: CLOCK_TOLERANCE_S,
      maxTokenAge: MAX_TOKEN_AGE_S,
      requiredClaims: ['exp', 'iat', 'nonce'],
      currentDate: now,
    })
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud]
    const azp = payload.azp
    if ((audiences.length > 1 || azp !== undefined) && azp !== expected.clientId)
      refuse(
        401,
        'wrong_audience',
        'The launch token names several audiences, and its authorized party (azp) is not this client id.',
      )
    if (typeof payload.nonce !== 'string') refuse(400, 'invalid_claims', 'The launch token has no nonce.')
    return payload
  } catch (error) {
    throw refusalFor(error)
  }
}
