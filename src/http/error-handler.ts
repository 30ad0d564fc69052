import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../env'
import { ErrorPage } from '../views/error-page'
import { renderPage } from '../views/render'
import type { ErrorCode } from './fail'

const defaultCodes: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
}

export const wantsJson = (c: Context) => new URL(c.req.url).pathname.startsWith('/api/')

export function respondWithError(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
): Response | Promise<Response> {
  if (wantsJson(c)) return c.json({ error: { code, message } }, status)
  return renderPage(c, ErrorPage({ status, message, path: new URL(c.req.url).pathname }), status)
}

/** The app's one `onError`: known HTTP errors keep their status; anything else is a 500 without details. */
export function handleError(error: Error, c: Context<AppEnv>): Response | Promise<Response> {
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode
    const cause = error.cause as { code?: ErrorCode } | undefined
    const code = cause?.code ?? defaultCodes[status] ?? 'bad_request'
    // Hono's own middleware (csrf) throws without a friendly message.
    const message =
      status === 403 && !cause
        ? 'This form was sent from another site, so it was refused. Reload the page and try again.'
        : error.message || 'The request could not be processed.'
    return respondWithError(c, status, code, message)
  }
  console.error('Unhandled error', error)
  return respondWithError(
    c,
    500,
    'internal_error',
    'Something went wrong on our side. Your answers so far are saved.',
  )
}

export function handleNotFound(c: Context<AppEnv>): Response | Promise<Response> {
  return respondWithError(c, 404, 'not_found', 'There is nothing at this address.')
}
