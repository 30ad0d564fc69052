import { describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/auth/bytes'
import { emailSchema, MIN_PASSWORD_LENGTH, newPasswordProblem } from '../../src/auth/credentials'
import { safeNextPath } from '../../src/auth/next-path'
import {
  ACCOUNT_FAILURE_LIMIT,
  blockedUntil,
  clientAddress,
  longestBlock,
  SIGN_IN_WINDOW_MS,
  signInLimits,
  signUpLimits,
} from '../../src/auth/rate-limit'
import {
  isSessionToken,
  newSessionToken,
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
  sessionExpiry,
  sessionIdOf,
  shouldRenewSession,
} from '../../src/auth/session-token'
import { claimLimits } from '../../src/learning/transfer-code'

describe('session tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, newSessionToken))
    expect(tokens.size).toBe(50)
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(isSessionToken(token)).toBe(true)
    }
    expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8')
  })

  it('are stored as their SHA-256, never as themselves', async () => {
    const token = newSessionToken()
    const id = await sessionIdOf(token)
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    expect(id).toBe(await sessionIdOf(token))
    expect(id).not.toBe(await sessionIdOf(newSessionToken()))
    // SHA-256("abc"), from FIPS 180-2.
    expect(await sessionIdOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('reject cookie values that cannot be tokens', () => {
    for (const junk of ['', 'abc', `${newSessionToken()}=`, 'a'.repeat(42), `${'a'.repeat(42)}+`])
      expect(isSessionToken(junk)).toBe(false)
  })

  it('expire 14 idle days after use, but never more than 90 days after sign-in', () => {
    const signIn = 1_000_000
    expect(sessionExpiry(signIn, signIn)).toBe(signIn + SESSION_IDLE_MS)
    const later = signIn + 30 * 24 * 3600_000
    expect(sessionExpiry(signIn, later)).toBe(later + SESSION_IDLE_MS)
    const muchLater = signIn + 85 * 24 * 3600_000
    expect(sessionExpiry(signIn, muchLater)).toBe(signIn + SESSION_MAX_MS)
  })

  it('are extended at most once an hour', () => {
    expect(shouldRenewSession(0, 59 * 60_000)).toBe(false)
    expect(shouldRenewSession(0, 60 * 60_000)).toBe(true)
  })
})

describe('blockedUntil (sliding window)', () => {
  const now = 10_000_000
  const minute = 60_000

  it('does not block below the limit', () => {
    expect(blockedUntil([now - minute, now - 2 * minute], 5, SIGN_IN_WINDOW_MS, now)).toBeNull()
    expect(blockedUntil([], 5, SIGN_IN_WINDOW_MS, now)).toBeNull()
  })

  it('blocks at the limit until the oldest counted failure leaves the window', () => {
    const failures = [1, 2, 3, 4, 5].map((n) => now - n * minute)
    const until = blockedUntil(failures, ACCOUNT_FAILURE_LIMIT, SIGN_IN_WINDOW_MS, now)
    expect(until).toBe(now - 5 * minute + SIGN_IN_WINDOW_MS)
    expect(blockedUntil(failures, 5, SIGN_IN_WINDOW_MS, until ?? 0)).toBeNull()
  })

  it('counts only the most recent failures when there are more than the limit', () => {
    const failures = [1, 2, 3, 4, 5, 6, 7].map((n) => now - n * minute)
    expect(blockedUntil(failures, 5, SIGN_IN_WINDOW_MS, now)).toBe(now - 5 * minute + SIGN_IN_WINDOW_MS)
  })

  it('forgets failures older than the window, so there is no permanent lockout', () => {
    const old = [16, 17, 18, 19, 20].map((n) => now - n * minute)
    expect(blockedUntil(old, 5, SIGN_IN_WINDOW_MS, now)).toBeNull()
  })
})

describe('rate-limit buckets', () => {
  it('reads the client address from CF-Connecting-IP only, and refuses anything that is not an address', () => {
    expect(clientAddress('203.0.113.7')).toBe('203.0.113.7')
    expect(clientAddress(' 2001:db8::1 ')).toBe('2001:db8::1')
    for (const junk of [undefined, '', '  ', 'unknown', '203.0.113.7, 10.0.0.1', `1${'1'.repeat(70)}`])
      expect(clientAddress(junk), String(junk)).toBeNull()
  })

  it('leaves out the address bucket when the address is unknown, never sharing one among everyone', () => {
    expect(signInLimits('a@b.cd', null).map((limit) => limit.bucket)).toEqual(['signin:account:a@b.cd'])
    expect(signInLimits('a@b.cd', '203.0.113.7').map((limit) => limit.bucket)).toEqual([
      'signin:account:a@b.cd',
      'signin:ip:203.0.113.7',
    ])
    expect(signUpLimits(null).map((limit) => limit.bucket)).toEqual(['signup:all'])
    expect(claimLimits(null, null).map((limit) => limit.bucket)).toEqual(['claim:all'])
    expect(claimLimits('k', '203.0.113.7').map((limit) => limit.kind)).toEqual(['learner', 'ip', 'site'])
  })

  it('reports the longest block among full buckets', () => {
    const now = 10_000_000
    const limits = [
      { kind: 'account' as const, bucket: 'a', limit: 2, windowMs: 1000 },
      { kind: 'ip' as const, bucket: 'b', limit: 1, windowMs: 5000 },
    ]
    expect(longestBlock(limits, new Map([['a', [now - 10]]]), now)).toBeNull()
    expect(longestBlock(limits, new Map([['a', [now - 10, now - 20]]]), now)).toEqual({
      kind: 'account',
      until: now - 20 + 1000,
    })
    expect(
      longestBlock(
        limits,
        new Map([
          ['a', [now - 10, now - 20]],
          ['b', [now - 100]],
        ]),
        now,
      ),
    ).toEqual({ kind: 'ip', until: now - 100 + 5000 })
  })
})

describe('safeNextPath', () => {
  it('keeps local paths with their query', () => {
    expect(safeNextPath('/studio')).toBe('/studio')
    expect(safeNextPath('/studio/sets/abc?tab=results#top')).toBe('/studio/sets/abc?tab=results#top')
  })

  it('refuses anything that could leave the site', () => {
    const attacks = [
      'https://evil.example',
      '//evil.example',
      '//evil.example/studio',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'studio',
      '',
      ' /studio',
      `/${'a'.repeat(600)}`,
    ]
    for (const attack of attacks) expect(safeNextPath(attack)).toBe('/studio')
    expect(safeNextPath(undefined)).toBe('/studio')
    expect(safeNextPath(['/studio/x'])).toBe('/studio')
  })

  it('resolves dot segments without leaving the site', () => {
    expect(safeNextPath('/studio/../../evil')).toBe('/evil')
  })

  it('refuses paths that dot segments or encodings turn into another site', () => {
    const attacks = [
      '/..//evil.example',
      '/../..//evil.example/studio',
      '/studio/..//evil.example',
      '/studio/../..//evil.example',
      '/studio/%2e%2e//evil.example',
      '/studio/.%2E//evil.example',
      '/./..//evil.example',
      '/%2F%2Fevil.example',
      '/%2f/evil.example',
      '/studio/%5Cevil.example',
      '/%5C%5Cevil.example',
      '/%09/evil.example',
      '/%0a/evil.example',
      '/%00/evil.example',
      '/%7f/evil.example',
      '/studio/%09/..//evil.example',
      '/studio//evil.example',
      '/\\/evil.example',
      '/studio/\\..\\evil.example',
      '/\t/evil.example',
      '/\r\n//evil.example',
      '/\u000c/evil.example',
      '/\u0085/evil.example',
      '/\u00a0/evil.example',
      '/\u2028/evil.example',
      '/studio\t',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https:evil.example',
      'https:/evil.example',
      'http://evil.example/studio',
      'HTTPS://EVIL.EXAMPLE',
      '///evil.example',
      '/\\\\evil.example',
      '\\/evil.example',
      '%2F%2Fevil.example',
      '?next=//evil.example',
      '#//evil.example',
    ]
    for (const attack of attacks) expect(safeNextPath(attack), JSON.stringify(attack)).toBe('/studio')
  })

  it('keeps a path only under the folder it is limited to', () => {
    const folder = '/studio/sets/oil'
    expect(safeNextPath('/studio/sets/oil', '/x', folder)).toBe('/studio/sets/oil')
    expect(safeNextPath('/studio/sets/oil/bank?type=text&page=2', '/x', folder)).toBe(
      '/studio/sets/oil/bank?type=text&page=2',
    )
    expect(safeNextPath('/studio/sets/oil/./bank', '/x', folder)).toBe('/studio/sets/oil/bank')
    for (const outside of [
      '/studio/sets/oily',
      '/studio/sets/other/bank',
      '/studio/sets/oil/../other',
      '/studio/sets/oil/%2e%2e/other',
      '/studio',
      '/',
    ])
      expect(safeNextPath(outside, '/x', folder), outside).toBe('/x')
    expect(safeNextPath('/studio/../evil', '/studio', '/studio')).toBe('/studio')
  })

  it('keeps encoded characters that cannot change where the path leads', () => {
    expect(safeNextPath('/studio/sets/caf%C3%A9?q=a%2Fb%20c')).toBe('/studio/sets/caf%C3%A9?q=a%2Fb%20c')
    expect(safeNextPath('/studio?next=//evil.example')).toBe('/studio?next=//evil.example')
  })
})

describe('emailSchema', () => {
  it('trims and lower-cases, so sign-in ignores case', () => {
    expect(emailSchema.parse('  Ada@School.Example ')).toBe('ada@school.example')
  })

  it('refuses text that is not an email address', () => {
    for (const bad of ['', 'ada', 'ada@', '@school.example', 'ada school@x.y', `${'a'.repeat(250)}@b.cd`])
      expect(emailSchema.safeParse(bad).success).toBe(false)
  })
})

describe('newPasswordProblem', () => {
  const email = 'ada.lovelace@school.example'

  it('accepts a passphrase', () => {
    expect(newPasswordProblem('maple river lantern 42', email)).toBeNull()
    expect(newPasswordProblem('Tr0ub4dour&3xyz', email)).toBeNull()
  })

  it('refuses short passwords, saying how long they must be', () => {
    expect(newPasswordProblem('a'.repeat(MIN_PASSWORD_LENGTH - 1), email)).toContain(
      `at least ${MIN_PASSWORD_LENGTH}`,
    )
    // Characters, not UTF-16 units: an emoji counts once.
    expect(newPasswordProblem('😀'.repeat(MIN_PASSWORD_LENGTH - 1), email)).toContain('at least')
  })

  it('refuses the guessable: repeats, digits only, common words, the email', () => {
    expect(newPasswordProblem('abababababab', email)).toContain('repeats')
    expect(newPasswordProblem('123456789012', email)).toContain('digits')
    expect(newPasswordProblem('Password1234!', email)).toContain('attackers')
    expect(newPasswordProblem('qwerty123456', email)).toContain('attackers')
    expect(newPasswordProblem('my ada.lovelace key', email)).toContain('email')
  })

  it('refuses very long passwords', () => {
    expect(newPasswordProblem('abcdefghij'.repeat(21), email)).toContain('at most')
  })
})
