import { readAtMost } from '../http/read-at-most'
import { isAllowedEndpoint, isOnOrigins, type OutboundPolicy } from '../lti/outbound'

/**
 * The one way Cited calls a platform (JWKS, token endpoint, score service):
 * only to allowed URLs on the origins the caller names, no redirects (a 30x
 * could lead anywhere), a timeout, and a cap on the bytes read, so a
 * registration can neither aim Cited at a private host nor make it swallow a
 * 20 MB answer. Failures carry a fixed message: a platform's answer is never
 * shown to anyone.
 */

/** How Cited reaches platforms; the route tests' in-suite platform stands in for the network. */
export type PlatformFetch = typeof fetch

/**
 * The Worker's global fetch, looked up on each call (not captured once), so
 * the route tests' in-suite platform can stand in for the network.
 */
export const platformFetch: PlatformFetch = (input, init) => fetch(input, init)

/** A JWKS or token answer is a few KB; anything far bigger is not one. */
export const MAX_PLATFORM_RESPONSE_BYTES = 64 * 1024
/** A platform that has not answered in this time is treated as down. */
export const PLATFORM_TIMEOUT_MS = 10_000

/** A call to a platform that Cited refused to make, or whose answer it refused to read. */
export class OutboundRefusal extends Error {
  override readonly name = 'OutboundRefusal'
}

export type PlatformAnswer = { status: number; ok: boolean; headers: Headers; body: Uint8Array<ArrayBuffer> }

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new OutboundRefusal(`The platform's answer is larger than ${maxBytes / 1024} KB.`)
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel()
    throw tooLarge()
  }
  if (!response.body) return new Uint8Array()
  const body = await readAtMost(response.body, maxBytes)
  if (!body) throw tooLarge()
  return body
}

/**
 * Calls a platform URL under the outbound rules and reads at most `maxBytes`
 * of its answer. Throws {@link OutboundRefusal} (a fixed message) for a URL
 * that is not allowed, a redirect, a timeout or an oversized answer.
 *
 * @example await callPlatform(platform.authTokenUrl, { method: 'POST', body }, { origins: [new URL(platform.authTokenUrl).origin], policy })
 */
export async function callPlatform(
  url: string,
  init: RequestInit,
  rules: {
    origins: string[]
    policy: OutboundPolicy
    maxBytes?: number
    timeoutMs?: number
    fetchImpl?: PlatformFetch
  },
): Promise<PlatformAnswer> {
  if (!isAllowedEndpoint(url, rules.policy) || !isOnOrigins(url, rules.origins))
    throw new OutboundRefusal("The address is not an https address of the registered platform's hosts.")
  const timeout = AbortSignal.timeout(rules.timeoutMs ?? PLATFORM_TIMEOUT_MS)
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
  let response: Response
  try {
    response = await (rules.fetchImpl ?? platformFetch)(url, { ...init, redirect: 'manual', signal })
  } catch {
    throw new OutboundRefusal(
      timeout.aborted ? 'The platform did not answer in time.' : 'The platform could not be reached.',
    )
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel()
    throw new OutboundRefusal(
      `The platform answered with a redirect (${response.status}), which Cited does not follow.`,
    )
  }
  let body: Uint8Array<ArrayBuffer>
  try {
    body = await readCapped(response, rules.maxBytes ?? MAX_PLATFORM_RESPONSE_BYTES)
  } catch (error) {
    if (error instanceof OutboundRefusal) throw error
    throw new OutboundRefusal(
      timeout.aborted ? 'The platform did not answer in time.' : "The platform's answer could not be read.",
    )
  }
  return { status: response.status, ok: response.ok, headers: response.headers, body }
}
