import { describe, expect, it } from 'vitest'
import { generateTransferCode, normaliseTransferCode } from '../../src/learning/transfer-code'

describe('transfer codes', () => {
  it('are two groups of four unambiguous characters, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, generateTransferCode))
    expect(codes.size).toBe(200)
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
  })

  it('read back whatever way they are typed', () => {
    const code = generateTransferCode()
    expect(normaliseTransferCode(code)).toBe(code)
    expect(normaliseTransferCode(` ${code.toLowerCase().replace('-', ' ')} `)).toBe(code)
    expect(normaliseTransferCode('7qk2mz4d')).toBe('7QK2-MZ4D')
  })

  it('read letters people confuse with digits as the digits', () => {
    expect(normaliseTransferCode('O1L2-I3O4')).toBe('0112-1304')
  })

  it('refuse anything that cannot be a code', () => {
    expect(normaliseTransferCode('')).toBeNull()
    expect(normaliseTransferCode('ABC')).toBeNull()
    expect(normaliseTransferCode('ABCD-EFGH-J')).toBeNull()
    expect(normaliseTransferCode('ABCD-EFGU')).toBeNull()
    expect(normaliseTransferCode('ABCD_EFGH')).toBeNull()
  })
})
