import { describe, expect, it } from 'vitest'
import { deadlineFor, describeTimeLeft, isPastDeadline } from '../../src/quiz/time-limit'

describe('deadlineFor', () => {
  it('adds the limit to the start, or gives null without one', () => {
    expect(deadlineFor(1_000, 15)).toBe(1_000 + 15 * 60_000)
    expect(deadlineFor(1_000, null)).toBeNull()
  })
})

describe('isPastDeadline', () => {
  it('is true from the deadline on, and never without one', () => {
    expect(isPastDeadline(100, 99)).toBe(false)
    expect(isPastDeadline(100, 100)).toBe(true)
    expect(isPastDeadline(100, 101)).toBe(true)
    expect(isPastDeadline(null, Number.MAX_SAFE_INTEGER)).toBe(false)
  })
})

describe('describeTimeLeft', () => {
  it('reads as whole minutes, rounded down', () => {
    expect(describeTimeLeft(15 * 60_000)).toBe('15 minutes')
    expect(describeTimeLeft(125_000)).toBe('2 minutes')
    expect(describeTimeLeft(60_000)).toBe('1 minute')
  })

  it('says less than a minute, or no time', () => {
    expect(describeTimeLeft(59_999)).toBe('less than a minute')
    expect(describeTimeLeft(0)).toBe('no time')
    expect(describeTimeLeft(-5)).toBe('no time')
  })

  it('uses hours for long limits', () => {
    expect(describeTimeLeft(120 * 60_000)).toBe('2 hours')
    expect(describeTimeLeft(150 * 60_000)).toBe('2 h 30 min')
    expect(describeTimeLeft(90 * 60_000)).toBe('90 minutes')
  })
})
