/**
 * `npx tsx bench/sign-in-cpu.ts`: the CPU time of the two sign-in checks, in
 * Node (WebCrypto on OpenSSL; workerd's is BoringSSL, of the same order):
 * PBKDF2-SHA-256 at the stored rounds (auth/password.ts) against verifying a
 * passkey's answer with @simplewebauthn/server (ES256, what passkeys use), the
 * answer made by the route tests' software authenticator. Prints median and
 * p95 of process CPU time per check; the figures are in docs/capacity.md.
 */

import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server'
import { PASSWORD_ITERATIONS, verifyPassword } from '../src/auth/password'
import { base64url, SoftAuthenticator } from '../test/support/webauthn-authenticator'

const ORIGIN = 'https://cited.example'
const RP_ID = 'cited.example'
const RUNS = Number(process.env.RUNS ?? 60)

/** CPU milliseconds (user + system) of one call. */
async function cpuMs(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage()
  await work()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

function summary(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  console.log(
    `${label.padEnd(34)} median ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  (${samples.length} runs)`,
  )
}

const stored = { hash: btoa('\0'.repeat(32)), salt: btoa('\0'.repeat(16)), iterations: PASSWORD_ITERATIONS }
const password: number[] = []
for (let i = 0; i < RUNS; i++)
  password.push(await cpuMs(() => verifyPassword('maple river lantern 42', stored)))

const authenticator = new SoftAuthenticator(ORIGIN)
const challenge = base64url(crypto.getRandomValues(new Uint8Array(32)))
const registration = await authenticator.register({ challenge, rp: { id: RP_ID }, user: { id: 'dXNlcg' } })
const registered = await verifyRegistrationResponse({
  response: registration,
  expectedChallenge: challenge,
  expectedOrigin: ORIGIN,
  expectedRPID: RP_ID,
})
const credential = registered.registrationInfo?.credential
if (!credential) throw new Error('the software authenticator did not register')

const passkey: number[] = []
for (let i = 0; i < RUNS; i++) {
  const signInChallenge = base64url(crypto.getRandomValues(new Uint8Array(32)))
  const response = await authenticator.signIn({ challenge: signInChallenge, rpId: RP_ID })
  passkey.push(
    await cpuMs(async () => {
      const result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: signInChallenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential,
        requireUserVerification: true,
      })
      credential.counter = result.authenticationInfo.newCounter
    }),
  )
}

summary(`password (PBKDF2, ${PASSWORD_ITERATIONS.toLocaleString('en')} rounds)`, password)
summary('passkey (ES256 verify)', passkey)
