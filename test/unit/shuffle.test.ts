import { describe, expect, it } from 'vitest'
import { hashString, seededShuffle } from '../../src/quiz/shuffle'

const letters = 'abcdefghij'.split('')

describe('seededShuffle', () => {
  it('gives the same order every time for the same seed', () => {
    expect(seededShuffle('attempt-1:q-7', letters)).toEqual(seededShuffle('attempt-1:q-7', letters))
  })

  it('returns a permutation: every item exactly once', () => {
    for (let seed = 0; seed < 50; seed++) {
      const shuffled = seededShuffle(`seed-${seed}`, letters)
      expect(shuffled).toHaveLength(letters.length)
      expect([...shuffled].sort()).toEqual(letters)
    }
  })

  it('keeps duplicate items as many times as they were given', () => {
    expect([...seededShuffle('dupes', [1, 1, 2, 2, 3])].sort()).toEqual([1, 1, 2, 2, 3])
  })

  it('gives different orders for different seeds', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, seed) => seededShuffle(`s${seed}`, letters).join('')),
    )
    // ten items have 3.6 million orders; twenty seeds should barely ever repeat
    expect(orders.size).toBeGreaterThanOrEqual(19)
  })

  it('usually moves items away from where they started', () => {
    const unchanged = Array.from({ length: 50 }, (_, seed) => seededShuffle(`x${seed}`, letters)).filter(
      (shuffled) => shuffled.join('') === letters.join(''),
    )
    expect(unchanged).toHaveLength(0)
  })

  it('puts every item in every position at a roughly even rate', () => {
    const firsts = new Map<string, number>()
    for (let seed = 0; seed < 2000; seed++) {
      const first = seededShuffle(`even-${seed}`, ['a', 'b', 'c', 'd'])[0] as string
      firsts.set(first, (firsts.get(first) ?? 0) + 1)
    }
    for (const item of ['a', 'b', 'c', 'd']) {
      expect(firsts.get(item)).toBeGreaterThan(400)
      expect(firsts.get(item)).toBeLessThan(600)
    }
  })

  it('returns a new array and leaves the input alone', () => {
    const input = [...letters]
    const shuffled = seededShuffle('copy', input)
    expect(shuffled).not.toBe(input)
    expect(input).toEqual(letters)
  })

  it('handles empty and one-item lists', () => {
    expect(seededShuffle('empty', [])).toEqual([])
    expect(seededShuffle('one', ['only'])).toEqual(['only'])
  })
})

describe('hashString', () => {
  it('is the 32-bit FNV-1a hash', () => {
    // published FNV-1a test vectors
    expect(hashString('')).toBe(0x811c9dc5)
    expect(hashString('a')).toBe(0xe40c292c)
    expect(hashString('foobar')).toBe(0xbf9cf968)
  })

  it('returns an unsigned 32-bit integer', () => {
    for (const value of ['', 'x', 'a much longer string with unicode – ä', '\u0000'])
      expect(hashString(value)).toSatisfy(
        (hash: number) => Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32,
      )
  })
})
