import { describe, expect, it } from 'vitest'
import { hintCostText, pointsAfterPenalties } from '../../src/quiz/penalties'

const set = { tryPenalty: 33, hintPenalty: 10 }

describe('pointsAfterPenalties', () => {
  it('leaves a first-try answer without hints as graded', () => {
    expect(pointsAfterPenalties(1, { triesUsed: 1, hintsUsed: 0 }, set)).toBe(1)
    expect(pointsAfterPenalties(0.67, { triesUsed: 1, hintsUsed: 0 }, set)).toBe(0.67)
    expect(pointsAfterPenalties(0, { triesUsed: 1, hintsUsed: 0 }, set)).toBe(0)
  })

  it('takes the try penalty off for each try after the first', () => {
    expect(pointsAfterPenalties(1, { triesUsed: 2, hintsUsed: 0 }, set)).toBe(0.67)
    expect(pointsAfterPenalties(1, { triesUsed: 3, hintsUsed: 0 }, set)).toBe(0.34)
  })

  it('takes the hint penalty off for each hint', () => {
    expect(pointsAfterPenalties(1, { triesUsed: 1, hintsUsed: 2 }, set)).toBe(0.8)
    expect(pointsAfterPenalties(1, { triesUsed: 2, hintsUsed: 1 }, set)).toBe(0.57)
  })

  it('never goes below zero', () => {
    expect(pointsAfterPenalties(0.5, { triesUsed: 3, hintsUsed: 0 }, set)).toBe(0)
    expect(
      pointsAfterPenalties(1, { triesUsed: 5, hintsUsed: 3 }, { tryPenalty: 100, hintPenalty: 100 }),
    ).toBe(0)
  })

  it('charges nothing when the penalties are 0', () => {
    expect(pointsAfterPenalties(1, { triesUsed: 5, hintsUsed: 3 }, { tryPenalty: 0, hintPenalty: 0 })).toBe(1)
  })

  it('is exact in hundredths (3 × 33% leaves 0.01)', () => {
    expect(pointsAfterPenalties(1, { triesUsed: 4, hintsUsed: 0 }, set)).toBe(0.01)
  })

  it('treats nonsense counts as none', () => {
    expect(pointsAfterPenalties(1, { triesUsed: 0, hintsUsed: -1 }, set)).toBe(1)
  })
})

describe('hintCostText', () => {
  it('says free or the percent', () => {
    expect(hintCostText(0)).toBe('free')
    expect(hintCostText(25)).toBe("costs 25% of this question's points")
  })
})
