/**
 * Why an LTI request was refused. Every refusal becomes a 4xx page that names
 * the reason (src/routes/lti/index.tsx); nothing about a bad launch is a 500.
 */
export type RefusalReason =
  | 'bad_request'
  | 'unknown_platform'
  | 'unknown_state'
  | 'expired_state'
  | 'malformed_token'
  | 'bad_signature'
  | 'expired_token'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'bad_timestamps'
  | 'nonce_mismatch'
  | 'replayed_nonce'
  | 'unknown_deployment'
  | 'wrong_version'
  | 'unsupported_message'
  | 'invalid_claims'
  | 'no_quiz'
  | 'not_instructor'
  | 'jwks_unavailable'

export type RefusalStatus = 400 | 401 | 403 | 404 | 502

/** A refused LTI login or launch; the message is written for the person who sees the page. */
export class LtiRefusal extends Error {
  override readonly name = 'LtiRefusal'
  constructor(
    readonly status: RefusalStatus,
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message)
  }
}

/** @example refuse(401, 'expired_token', 'The launch token has expired.') */
export function refuse(status: RefusalStatus, reason: RefusalReason, message: string): never {
  throw new LtiRefusal(status, reason, message)
}
