import { describe, expect, it } from 'vitest'
import { configuredOrigin } from '../../src/http/public-origin'

describe('configuredOrigin', () => {
  it('is null when PUBLIC_ORIGIN is empty or unset', () => {
    expect(configuredOrigin('')).toBeNull()
    expect(configuredOrigin('  ')).toBeNull()
    expect(configuredOrigin(undefined)).toBeNull()
  })

  it('keeps only the origin of what was configured', () => {
    expect(configuredOrigin('https://cited.example')).toBe('https://cited.example')
    expect(configuredOrigin('https://Cited.Example/')).toBe('https://cited.example')
    expect(configuredOrigin('https://cited.example:8443/quiz/x?y=1')).toBe('https://cited.example:8443')
  })

  it('refuses a value that is not an http(s) origin, instead of falling back to the Host header', () => {
    for (const value of ['cited.example', 'javascript:alert(1)', 'ftp://cited.example'])
      expect(() => configuredOrigin(value)).toThrow(/PUBLIC_ORIGIN/)
  })
})
