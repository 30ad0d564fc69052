/**
 * Passkeys (WebAuthn) as data: who the relying party is, how long a challenge
 * lives, what a passkey's name may be. The ceremonies themselves run in
 * services/passkeys.ts with @simplewebauthn/server (WebCrypto only, so it
 * runs in workerd).
 */

import * as z from 'zod'

/** A challenge must come back within this (a person touching a sensor, not a script replaying it later). */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60 * 1000

/** Passkeys one instructor may register: plenty for every device they own, a bound on the table. */
export const MAX_PASSKEYS_PER_INSTRUCTOR = 20

export const PASSKEY_NAME_MAX = 60

/** What the browser shows in its passkey dialogs. */
export const RELYING_PARTY_NAME = 'Cited studio'

/** The site a passkey is bound to: the browser checks `rpID` against the page's host, we check both. */
export type RelyingParty = { rpID: string; origin: string }

/**
 * The relying party of a deployment, from its public origin (`PUBLIC_ORIGIN`,
 * else the request's own origin): the RP ID is the origin's host name, so a
 * passkey made on cited.example is offered on cited.example only.
 * @example relyingPartyOf('https://cited.example') // { rpID: 'cited.example', origin: 'https://cited.example' }
 */
export function relyingPartyOf(origin: string): RelyingParty {
  const url = new URL(origin)
  return { rpID: url.hostname, origin: url.origin }
}

/** A passkey's name as the instructor typed it: trimmed, not empty, not long. */
export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, 'Name the passkey, e.g. "Laptop" or "Phone", so you can tell your passkeys apart.')
  .max(PASSKEY_NAME_MAX, `A passkey's name has at most ${PASSKEY_NAME_MAX} characters.`)

const base64url = z.string().regex(/^[A-Za-z0-9_-]*={0,2}$/, 'not base64url')

/**
 * The shape of a browser's WebAuthn answer as JSON (what PublicKeyCredential's
 * toJSON() gives), checked before anything reads it; the library checks the
 * contents. Unknown fields are kept for the library (extensions).
 */
const credentialBase = {
  id: base64url.min(1).max(1024),
  rawId: base64url.min(1).max(1024),
  type: z.literal('public-key'),
  clientExtensionResults: z.looseObject({}).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
}

export const registrationAnswerSchema = z.object({
  name: passkeyNameSchema,
  response: z.looseObject({
    ...credentialBase,
    response: z.looseObject({
      clientDataJSON: base64url.max(4096),
      attestationObject: base64url.max(16384),
      transports: z.array(z.string().max(32)).max(10).optional(),
    }),
  }),
})

export const signInAnswerSchema = z.object({
  next: z.string().max(2048).optional(),
  response: z.looseObject({
    ...credentialBase,
    response: z.looseObject({
      clientDataJSON: base64url.max(4096),
      authenticatorData: base64url.max(4096),
      signature: base64url.max(1024),
      userHandle: base64url.max(256).optional(),
    }),
  }),
})
