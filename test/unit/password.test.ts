import { describe, expect, it } from 'vitest'
import { fromBase64 } from '../../src/auth/bytes'
import {
  constantTimeEqual,
  hashPassword,
  PASSWORD_ITERATIONS,
  SALT_BYTES,
  verifyPassword,
} from '../../src/auth/password'

const password = 'maple river lantern 42'

describe('hashPassword and verifyPassword', () => {
  it('round-trips: the password that was hashed verifies', async () => {
    const stored = await hashPassword(password)
    expect(await verifyPassword(password, stored)).toBe(true)
  })

  it('uses PBKDF2 with 100,000 rounds, a 16-byte salt and a 32-byte hash', async () => {
    const stored = await hashPassword(password)
    expect(stored.iterations).toBe(PASSWORD_ITERATIONS)
    expect(PASSWORD_ITERATIONS).toBe(100_000)
    expect(fromBase64(stored.salt)).toHaveLength(SALT_BYTES)
    expect(fromBase64(stored.hash)).toHaveLength(32)
    expect(stored.hash).not.toContain(password)
  })

  it('refuses a wrong password, even one differing only in case or a trailing space', async () => {
    const stored = await hashPassword(password)
    for (const wrong of ['maple river lantern 43', 'Maple river lantern 42', `${password} `, '', 'x'])
      expect(await verifyPassword(wrong, stored)).toBe(false)
  })

  it('gives the same password a different salt and hash each time', async () => {
    const [one, two] = await Promise.all([hashPassword(password), hashPassword(password)])
    expect(one.salt).not.toBe(two.salt)
    expect(one.hash).not.toBe(two.hash)
    expect(await verifyPassword(password, one)).toBe(true)
    expect(await verifyPassword(password, two)).toBe(true)
  })

  it('is deterministic for a given salt and rounds (what verification relies on)', async () => {
    const salt = new Uint8Array(SALT_BYTES).fill(7)
    const one = await hashPassword(password, { salt, iterations: 1000 })
    const two = await hashPassword(password, { salt, iterations: 1000 })
    expect(one).toEqual(two)
    const moreRounds = await hashPassword(password, { salt, iterations: 1001 })
    expect(moreRounds.hash).not.toBe(one.hash)
  })

  it('verifies with the rounds stored beside the hash, so older hashes keep working', async () => {
    const cheaper = await hashPassword(password, { iterations: 10_000 })
    expect(await verifyPassword(password, cheaper)).toBe(true)
    expect(await verifyPassword(password, { ...cheaper, iterations: PASSWORD_ITERATIONS })).toBe(false)
  })

  it('treats the composed and decomposed forms of an accented password as the same (NFC)', async () => {
    const stored = await hashPassword('caf\u00e9 au lait bien chaud')
    expect(await verifyPassword('cafe\u0301 au lait bien chaud', stored)).toBe(true)
  })
})

describe('constantTimeEqual', () => {
  const bytes = (...values: number[]) => new Uint8Array(values)

  it('is true only for equal bytes of equal length', () => {
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true)
    expect(constantTimeEqual(bytes(), bytes())).toBe(true)
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false)
    expect(constantTimeEqual(bytes(9, 2, 3), bytes(1, 2, 3))).toBe(false)
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2))).toBe(false)
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 0))).toBe(false)
    expect(constantTimeEqual(bytes(0), bytes())).toBe(false)
  })

  it('reads every byte even when the first one already differs (no early exit)', () => {
    const reads = (first: number) => {
      let count = 0
      const expected = new Proxy(new Uint8Array(32).fill(5), {
        get(target, key) {
          if (typeof key === 'string' && /^\d+$/.test(key)) count++
          return Reflect.get(target, key)
        },
      })
      const actual = new Uint8Array(32).fill(5)
      actual[0] = first
      constantTimeEqual(actual, expected)
      return count
    }
    expect(reads(0)).toBe(32)
    expect(reads(5)).toBe(32)
  })
})
