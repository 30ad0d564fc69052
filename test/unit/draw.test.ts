import { describe, expect, it } from 'vitest'
import { pickAttemptQuestions, questionsPerAttempt } from '../../src/quiz/draw'

const pool = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
const seeds = Array.from({ length: 50 }, (_, index) => `seed-${index}`)

describe('pickAttemptQuestions', () => {
  it('keeps the whole set in authored order with neither setting', () => {
    expect(pickAttemptQuestions(pool, { shuffleQuestions: false, drawCount: null }, 'x')).toEqual(pool)
  })

  it('shuffles into a permutation of the set, differently for different seeds', () => {
    const orders = new Set<string>()
    for (const seed of seeds) {
      const picked = pickAttemptQuestions(pool, { shuffleQuestions: true, drawCount: null }, seed)
      expect([...picked].sort()).toEqual(pool)
      orders.add(picked.join())
    }
    expect(orders.size).toBeGreaterThan(40)
  })

  it('draws that many distinct questions, kept in the order of the set', () => {
    const draws = new Set<string>()
    for (const seed of seeds) {
      const picked = pickAttemptQuestions(pool, { shuffleQuestions: false, drawCount: 3 }, seed)
      expect(picked).toHaveLength(3)
      expect(picked).toEqual(pool.filter((id) => picked.includes(id)))
      draws.add(picked.join())
    }
    expect(draws.size).toBeGreaterThan(20)
  })

  it('gives every question a fair chance of being drawn', () => {
    const counts = new Map<string, number>()
    for (let index = 0; index < 2000; index++)
      for (const id of pickAttemptQuestions(pool, { shuffleQuestions: false, drawCount: 2 }, `s${index}`))
        counts.set(id, (counts.get(id) ?? 0) + 1)
    // 2000 draws of 2 from 8: 500 each on average.
    for (const id of pool) expect(counts.get(id)).toBeGreaterThan(400)
  })

  it('draws and shuffles together', () => {
    const picked = pickAttemptQuestions(pool, { shuffleQuestions: true, drawCount: 5 }, 'both')
    expect(new Set(picked).size).toBe(5)
    for (const id of picked) expect(pool).toContain(id)
  })

  it('is the same for the same seed (a reload never changes an attempt)', () => {
    const settings = { shuffleQuestions: true, drawCount: 4 }
    expect(pickAttemptQuestions(pool, settings, 'same')).toEqual(pickAttemptQuestions(pool, settings, 'same'))
  })

  it('takes the whole set when it holds no more than the draw count', () => {
    expect(pickAttemptQuestions(['a', 'b'], { shuffleQuestions: false, drawCount: 5 }, 'x')).toEqual([
      'a',
      'b',
    ])
    expect(pickAttemptQuestions([], { shuffleQuestions: true, drawCount: 5 }, 'x')).toEqual([])
  })
})

describe('questionsPerAttempt', () => {
  it('is the draw count, capped by the set', () => {
    expect(questionsPerAttempt(8, null)).toBe(8)
    expect(questionsPerAttempt(8, 3)).toBe(3)
    expect(questionsPerAttempt(2, 3)).toBe(2)
  })
})
