import { describe, expect, it } from 'vitest'
import { isPassing, summariseScore } from '../../src/quiz/score'

describe('summariseScore', () => {
  it('sums partial points against the number of questions', () => {
    expect(summariseScore([1, 0.5, 0], 4)).toEqual({ points: 1.5, max: 4, percent: 38 })
  })

  it('counts unanswered questions against the score', () => {
    expect(summariseScore([1, 1], 10)).toEqual({ points: 2, max: 10, percent: 20 })
  })

  it('gives 100 percent for full marks on every question', () => {
    expect(summariseScore([1, 1, 1], 3)).toEqual({ points: 3, max: 3, percent: 100 })
  })

  it('rounds points to two decimals so float sums read cleanly', () => {
    expect(summariseScore([0.1, 0.2], 1).points).toBe(0.3)
    expect(summariseScore([0.67, 0.67, 0.67], 3)).toEqual({ points: 2.01, max: 3, percent: 67 })
  })

  it('rounds the percentage to a whole number', () => {
    expect(summariseScore([1], 3).percent).toBe(33)
    expect(summariseScore([1, 1], 3).percent).toBe(67)
  })

  it('gives zero, not NaN, for a set with no questions', () => {
    expect(summariseScore([], 0)).toEqual({ points: 0, max: 0, percent: 0 })
  })
})

describe('isPassing', () => {
  it('passes at the mark exactly, not below', () => {
    expect(isPassing({ points: 3, max: 5 }, 60)).toBe(true)
    expect(isPassing({ points: 2.99, max: 5 }, 60)).toBe(false)
    expect(isPassing({ points: 3, max: 4 }, 75)).toBe(true)
    expect(isPassing({ points: 3, max: 4 }, 80)).toBe(false)
  })

  it('compares without float error', () => {
    // 0.1 + 0.2 points of 0.5 is 60%, even though 0.1 + 0.2 is 0.30000000000000004 in floats.
    expect(isPassing({ points: 0.1 + 0.2, max: 0.5 }, 60)).toBe(true)
    expect(isPassing({ points: 2.01, max: 3 }, 67)).toBe(true)
  })

  it('passes everyone at a mark of 0, and nobody with no points at 100 unless all are right', () => {
    expect(isPassing({ points: 0, max: 4 }, 0)).toBe(true)
    expect(isPassing({ points: 3.5, max: 4 }, 100)).toBe(false)
    expect(isPassing({ points: 4, max: 4 }, 100)).toBe(true)
  })
})
