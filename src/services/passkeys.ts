import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  WebAuthnCredential,
} from '@simplewebauthn/server'
import {
  MAX_PASSKEYS_PER_INSTRUCTOR,
  PASSKEY_CHALLENGE_TTL_MS,
  RELYING_PARTY_NAME,
  type RelyingParty,
} from '../auth/passkey'
import {
  type Block,
  passkeyChallengeLimits,
  passkeySignInLimits,
  signInAccountBucket,
} from '../auth/rate-limit'
import type { Db } from '../db/client'
import {
  type ChallengePurpose,
  consumeChallenge,
  findPasskey,
  insertChallenge,
  insertPasskey,
  listPasskeys,
  recordPasskeyUse,
} from '../db/passkeys'
import { clearBucket, releaseAttempts } from '../db/rate-limits'
import type { PasskeyRow } from '../db/schema'
import { reserve } from './rate-limits'

/**
 * @simplewebauthn/server, loaded on the first passkey request rather than at
 * isolate start: with its attestation formats it brings X.509 and ASN.1
 * parsers (about 85 KiB gzip) that learner requests should not pay to evaluate.
 */
const webauthn = () => import('@simplewebauthn/server')
const webauthnHelpers = () => import('@simplewebauthn/server/helpers')

/** Why a passkey's answer was refused, in words an instructor can act on, and the status to answer with. */
export type PasskeyRefusal = { status: 400 | 401 | 409; message: string }

export type PasskeySignInResult =
  | { outcome: 'signed_in'; instructor: { id: string; email: string } }
  | { outcome: 'refused'; refusal: PasskeyRefusal }
  | { outcome: 'blocked'; block: Block }

const STALE_CHALLENGE: PasskeyRefusal = {
  status: 400,
  message: 'This passkey request expired or was already used. Try again.',
}

/** The challenge a response answers, read from its clientDataJSON, or null when it cannot be read. */
async function challengeOf(clientDataJSON: unknown): Promise<string | null> {
  const { decodeClientDataJSON, isoBase64URL } = await webauthnHelpers()
  if (typeof clientDataJSON !== 'string' || !isoBase64URL.isBase64URL(clientDataJSON)) return null
  try {
    const challenge: unknown = decodeClientDataJSON(clientDataJSON).challenge
    return typeof challenge === 'string' ? challenge : null
  } catch {
    return null
  }
}

/**
 * Uses up the challenge a response answers: true only when we issued it, for
 * this purpose (and instructor), and it has not expired or been used before.
 * Whatever happens next, it cannot be used again.
 */
async function spendChallenge(
  db: Db,
  clientDataJSON: unknown,
  purpose: ChallengePurpose,
  instructorId: string | null,
  now: number,
): Promise<string | null> {
  const challenge = await challengeOf(clientDataJSON)
  if (!challenge) return null
  return (await consumeChallenge(db, challenge, purpose, instructorId, now)) ? challenge : null
}

/** What the library says when a check fails, turned into a refusal (its messages name the check). */
function refusalOf(error: unknown, what: string): PasskeyRefusal {
  const reason = error instanceof Error ? error.message : String(error)
  if (/origin/i.test(reason))
    return { status: 400, message: `This passkey answered for another site, not this one. (${reason})` }
  if (/rp ?id/i.test(reason))
    return { status: 400, message: `This passkey belongs to another site, not this one. (${reason})` }
  return { status: 400, message: `The ${what} could not be checked: ${reason}` }
}

/** The options for navigator.credentials.create(): a new challenge, kept for this instructor only. */
export async function registrationOptions(
  db: Db,
  instructor: { id: string; email: string },
  party: RelyingParty,
  now: number,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { generateRegistrationOptions } = await webauthn()
  const existing = await listPasskeys(db, instructor.id)
  const options = await generateRegistrationOptions({
    rpName: RELYING_PARTY_NAME,
    rpID: party.rpID,
    userName: instructor.email,
    userID: new TextEncoder().encode(instructor.id),
    attestationType: 'none',
    // One passkey per authenticator: the browser refuses to make a second.
    excludeCredentials: existing.map((passkey) => ({ id: passkey.id, transports: passkey.transports })),
    // Discoverable, so sign-in needs no email; verified (PIN, fingerprint), as it replaces a password.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    timeout: PASSKEY_CHALLENGE_TTL_MS,
  })
  await insertChallenge(
    db,
    {
      challenge: options.challenge,
      purpose: 'register',
      instructorId: instructor.id,
      expiresAt: now + PASSKEY_CHALLENGE_TTL_MS,
    },
    now,
  )
  return options
}

/** Checks the browser's answer to `registrationOptions` and keeps the new passkey under `name`. */
export async function registerPasskey(
  db: Db,
  instructorId: string,
  { name, response }: { name: string; response: RegistrationResponseJSON },
  party: RelyingParty,
  now: number,
): Promise<{ ok: true; passkey: PasskeyRow } | { ok: false; refusal: PasskeyRefusal }> {
  const challenge = await spendChallenge(db, response.response.clientDataJSON, 'register', instructorId, now)
  if (!challenge) return { ok: false, refusal: STALE_CHALLENGE }
  const existing = await listPasskeys(db, instructorId)
  if (existing.length >= MAX_PASSKEYS_PER_INSTRUCTOR)
    return {
      ok: false,
      refusal: {
        status: 409,
        message: `You already have ${MAX_PASSKEYS_PER_INSTRUCTOR} passkeys: remove one you no longer use first.`,
      },
    }
  const { verifyRegistrationResponse } = await webauthn()
  const { isoBase64URL } = await webauthnHelpers()
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: party.origin,
      expectedRPID: party.rpID,
      requireUserVerification: true,
    })
  } catch (error) {
    return { ok: false, refusal: refusalOf(error, 'new passkey') }
  }
  if (!verified.verified)
    return { ok: false, refusal: { status: 400, message: 'The new passkey could not be verified.' } }
  const { credential } = verified.registrationInfo
  if (await findPasskey(db, credential.id))
    return { ok: false, refusal: { status: 409, message: 'This passkey is already registered.' } }
  const passkey: PasskeyRow = {
    id: credential.id,
    instructorId,
    name,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
    createdAt: now,
    lastUsedAt: null,
  }
  await insertPasskey(db, passkey)
  return { ok: true, passkey }
}

/**
 * The options for navigator.credentials.get(): a new challenge and no list of
 * credentials (passkeys are discoverable, so the browser offers the ones it
 * has for this site). Rate limited per address, as each one is a D1 row.
 */
export async function signInOptions(
  db: Db,
  party: RelyingParty,
  ip: string | null,
  now: number,
): Promise<{ ok: true; options: PublicKeyCredentialRequestOptionsJSON } | { ok: false; block: Block }> {
  const attempt = await reserve(db, passkeyChallengeLimits(ip), now)
  if (!attempt.ok) return { ok: false, block: attempt.block }
  const { generateAuthenticationOptions } = await webauthn()
  const options = await generateAuthenticationOptions({
    rpID: party.rpID,
    userVerification: 'required',
    timeout: PASSKEY_CHALLENGE_TTL_MS,
  })
  await insertChallenge(
    db,
    {
      challenge: options.challenge,
      purpose: 'signin',
      instructorId: null,
      expiresAt: now + PASSKEY_CHALLENGE_TTL_MS,
    },
    now,
  )
  return { ok: true, options }
}

/**
 * Signs in with a passkey's answer to `signInOptions`: the challenge must be
 * ours, live and unused, the credential registered, the origin and RP ID this
 * site's, the signature valid, the user verified, and the signature counter
 * ahead of the stored one (unless the authenticator keeps none). Failures
 * count against the address's sign-in budget, shared with passwords; a
 * success gives back its reservation and clears the account's password count,
 * as a password sign-in does.
 */
export async function signInWithPasskey(
  db: Db,
  response: AuthenticationResponseJSON,
  party: RelyingParty,
  ip: string | null,
  now: number,
): Promise<PasskeySignInResult> {
  const limits = passkeySignInLimits(ip)
  const attempt = await reserve(db, limits, now)
  if (!attempt.ok) return { outcome: 'blocked', block: attempt.block }
  const refuse = (refusal: PasskeyRefusal): PasskeySignInResult => ({ outcome: 'refused', refusal })

  const challenge = await spendChallenge(db, response.response.clientDataJSON, 'signin', null, now)
  if (!challenge) return refuse(STALE_CHALLENGE)
  const found = typeof response.id === 'string' ? await findPasskey(db, response.id) : null
  if (!found)
    return refuse({
      status: 401,
      message:
        'This passkey is not registered here (it may have been removed). Sign in with your email and password.',
    })
  const { passkey, instructor } = found
  const { verifyAuthenticationResponse } = await webauthn()
  const { isoBase64URL } = await webauthnHelpers()
  const userHandle = response.response.userHandle
  if (userHandle && userHandle !== isoBase64URL.fromUTF8String(instructor.id))
    return refuse({ status: 401, message: 'This passkey does not belong to the account it names.' })

  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: party.origin,
      expectedRPID: party.rpID,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as WebAuthnCredential['transports'],
      },
      requireUserVerification: true,
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : ''
    if (/counter/i.test(reason)) return refuse(COUNTER_WENT_BACK)
    return refuse({ ...refusalOf(error, 'passkey'), status: /origin|rp ?id/i.test(reason) ? 400 : 401 })
  }
  if (!verified.verified) return refuse({ status: 401, message: 'The passkey could not be verified.' })
  // The counter is written only if it still moves forward: of two racing uses of one answer, one wins.
  if (!(await recordPasskeyUse(db, passkey.id, verified.authenticationInfo.newCounter, now)))
    return refuse(COUNTER_WENT_BACK)
  await clearBucket(db, signInAccountBucket(instructor.email))
  await releaseAttempts(db, attempt.reserved)
  return { outcome: 'signed_in', instructor }
}

const COUNTER_WENT_BACK: PasskeyRefusal = {
  status: 401,
  message:
    "This passkey's signature counter went backwards, which is what a copied authenticator does. Sign in with your password, and remove this passkey if you did not copy it.",
}
