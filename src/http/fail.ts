import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Machine-readable error codes of the JSON API. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'invalid_answer'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  /** An answer after the attempt's time limit ran out (409). */
  | 'time_up'
  /** A new attempt when the learner has used every attempt the set allows (403). */
  | 'no_attempts_left'
  /** A new attempt before the set's opening date (403). */
  | 'not_open'
  /** A new attempt after the set's closing date (403). */
  | 'closed'
  | 'unsupported_media_type'
  /** Too many tries from one address or account for now (429, with Retry-After). */
  | 'too_many_requests'
  /** A request body over the limit (413): 64 KB, or the import's own limit. */
  | 'payload_too_large'
  | 'internal_error'
  /** The database did not answer (503, GET /healthz). */
  | 'unavailable'

/**
 * Throws an HTTP error that the single error handler turns into JSON for the
 * API or a page for people.
 * @example fail(404, 'not_found', 'No quiz set called "x".')
 */
export function fail(status: ContentfulStatusCode, code: ErrorCode, message: string): never {
  throw new HTTPException(status, { message, cause: { code } })
}
