/**
 * A software passkey authenticator for route tests: a P-256 key pair per
 * credential, "none" attestation, authenticator data built byte by byte and
 * a CBOR encoder just big enough for the attestation object and the COSE key.
 * It answers the options our server hands out the way a browser plus a
 * platform authenticator would, and lets a test bend any part of the answer
 * (origin, challenge, counter) to check the server refuses it.
 */

type Bytes = Uint8Array<ArrayBuffer>
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>

function head(major: number, length: number): number[] {
  if (length < 24) return [(major << 5) | length]
  if (length < 0x100) return [(major << 5) | 24, length]
  if (length < 0x10000) return [(major << 5) | 25, length >> 8, length & 0xff]
  throw new Error('the test CBOR encoder handles lengths below 65536 only')
}

/** CBOR (RFC 8949) for integers, byte and text strings and maps: all WebAuthn needs here. */
export function encodeCbor(value: Cbor): Uint8Array {
  const out: number[] = []
  const write = (item: Cbor) => {
    if (typeof item === 'number') {
      if (!Number.isInteger(item)) throw new Error('integers only')
      out.push(...(item >= 0 ? head(0, item) : head(1, -1 - item)))
    } else if (typeof item === 'string') {
      const bytes = new TextEncoder().encode(item)
      out.push(...head(3, bytes.length), ...bytes)
    } else if (item instanceof Uint8Array) {
      out.push(...head(2, item.length), ...item)
    } else {
      out.push(...head(5, item.size))
      for (const [key, entry] of item) {
        write(key)
        write(entry)
      }
    }
  }
  write(value)
  return new Uint8Array(out)
}

export const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

export const fromBase64url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0))

const concat = (...parts: Uint8Array[]): Bytes => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const sha256 = async (bytes: Bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))

const uint32 = (value: number) =>
  new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff])

/** WebCrypto signs ECDSA as r‖s; WebAuthn wants an ASN.1 DER SEQUENCE of two INTEGERs. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0
    while (start < bytes.length - 1 && bytes[start] === 0) start++
    let body = bytes.slice(start)
    if ((body[0] ?? 0) & 0x80) body = concat(new Uint8Array([0]), body)
    return concat(new Uint8Array([0x02, body.length]), body)
  }
  const sequence = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)))
  return concat(new Uint8Array([0x30, sequence.length]), sequence)
}

const FLAG_USER_PRESENT = 0x01
const FLAG_USER_VERIFIED = 0x04
const FLAG_ATTESTED_DATA = 0x40

/** What the server's options say that the authenticator reads. */
export type CreationOptions = { challenge: string; rp: { id?: string }; user: { id: string } }
export type RequestOptions = { challenge: string; rpId?: string }

/** Parts of an answer a test may change, to check they are refused. */
export type Bend = {
  origin?: string
  challenge?: string
  counter?: number
  rpId?: string
  userVerified?: boolean
}

/** One credential the authenticator made: its key pair, id, user handle and signature counter. */
export type SoftCredential = {
  id: Uint8Array
  keys: CryptoKeyPair
  rpId: string
  userHandle: string
  counter: number
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = []

  constructor(readonly origin: string) {}

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, bend: Bend) {
    const json = JSON.stringify({
      type,
      challenge: bend.challenge ?? challenge,
      origin: bend.origin ?? this.origin,
      crossOrigin: false,
    })
    return new TextEncoder().encode(json)
  }

  private flags(bend: Bend, extra = 0) {
    return FLAG_USER_PRESENT | (bend.userVerified === false ? 0 : FLAG_USER_VERIFIED) | extra
  }

  /** Answers registration options (navigator.credentials.create) with a new P-256 credential. */
  async register(options: CreationOptions, bend: Bend = {}) {
    const rpId = bend.rpId ?? options.rp.id ?? new URL(this.origin).hostname
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair
    const jwk = (await crypto.subtle.exportKey('jwk', keys.publicKey)) as JsonWebKey
    const coseKey = encodeCbor(
      new Map<Cbor, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, fromBase64url(jwk.x ?? '')],
        [-3, fromBase64url(jwk.y ?? '')],
      ]),
    )
    const id = crypto.getRandomValues(new Uint8Array(16))
    const counter = bend.counter ?? 0
    const authData = concat(
      await sha256(new TextEncoder().encode(rpId)),
      new Uint8Array([this.flags(bend, FLAG_ATTESTED_DATA)]),
      uint32(counter),
      new Uint8Array(16), // AAGUID: none
      new Uint8Array([id.length >> 8, id.length & 0xff]),
      id,
      coseKey,
    )
    const attestationObject = encodeCbor(
      new Map<Cbor, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    )
    const credential: SoftCredential = { id, keys, rpId, userHandle: options.user.id, counter }
    this.credentials.push(credential)
    return {
      id: base64url(id),
      rawId: base64url(id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: base64url(this.clientData('webauthn.create', options.challenge, bend)),
        attestationObject: base64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    }
  }

  /**
   * Answers sign-in options (navigator.credentials.get) with a credential it
   * holds (the last one made, unless told), its counter one higher each time.
   */
  async signIn(options: RequestOptions, bend: Bend = {}, credential = this.credentials.at(-1)) {
    if (!credential) throw new Error('the authenticator holds no credential: register one first')
    credential.counter = bend.counter ?? credential.counter + 1
    const rpId = bend.rpId ?? options.rpId ?? credential.rpId
    const authData = concat(
      await sha256(new TextEncoder().encode(rpId)),
      new Uint8Array([this.flags(bend)]),
      uint32(credential.counter),
    )
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, bend)
    const signed = concat(authData, await sha256(clientDataJSON))
    const raw = new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.keys.privateKey, signed),
    )
    return {
      id: base64url(credential.id),
      rawId: base64url(credential.id),
      type: 'public-key' as const,
      response: {
        clientDataJSON: base64url(clientDataJSON),
        authenticatorData: base64url(authData),
        signature: base64url(derSignature(raw)),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    }
  }
}
