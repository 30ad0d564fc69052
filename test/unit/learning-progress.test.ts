import { describe, expect, it } from 'vitest'
import {
  accuracyOf,
  dayOf,
  endOfDay,
  practiceStreak,
  reviewsPerDay,
  tallyMastery,
} from '../../src/learning/progress'

const now = new Date('2026-11-23T08:30:00Z')
const at = (iso: string) => Date.parse(iso)

describe('days', () => {
  it('names UTC days and ends today at the next UTC midnight', () => {
    expect(dayOf(at('2026-11-22T23:59:59Z'))).toBe('2026-11-22')
    expect(endOfDay(now)).toBe(at('2026-11-24T00:00:00Z'))
  })
})

describe('practiceStreak', () => {
  it('counts consecutive days ending today', () => {
    expect(practiceStreak(['2026-11-21', '2026-11-22', '2026-11-23'], now)).toBe(3)
  })

  it('keeps yesterday’s streak alive until today is over', () => {
    expect(practiceStreak(['2026-11-21', '2026-11-22'], now)).toBe(2)
  })

  it('breaks on a missed day and is zero with no recent practice', () => {
    expect(practiceStreak(['2026-11-19', '2026-11-20', '2026-11-23'], now)).toBe(1)
    expect(practiceStreak(['2026-11-20'], now)).toBe(0)
    expect(practiceStreak([], now)).toBe(0)
  })
})

describe('reviewsPerDay', () => {
  it('zero-fills the window, oldest first, and ignores days outside it', () => {
    const days = reviewsPerDay(
      [
        { day: '2026-11-01', reviews: 1, correct: 1 },
        { day: '2026-11-21', reviews: 1, correct: 1 },
        { day: '2026-11-23', reviews: 2, correct: 1 },
      ],
      now,
      3,
    )
    expect(days).toEqual([
      { day: '2026-11-21', reviews: 1, correct: 1 },
      { day: '2026-11-22', reviews: 0, correct: 0 },
      { day: '2026-11-23', reviews: 2, correct: 1 },
    ])
  })
})

describe('accuracyOf', () => {
  it('is the share of right answers, or null with none', () => {
    expect(accuracyOf(3, 2)).toEqual({ reviews: 3, correct: 2, share: 2 / 3 })
    expect(accuracyOf(0, 0)).toEqual({ reviews: 0, correct: 0, share: null })
  })
})

describe('tallyMastery', () => {
  it('counts each item in every group it belongs to', () => {
    const tallies = tallyMastery<string>([
      { groups: ['set:a', 'source:x'], mastery: 'new' },
      { groups: ['set:a', 'source:y'], mastery: 'mastered' },
      { groups: ['set:b', 'source:x'], mastery: 'learning' },
    ])
    expect(tallies.get('set:a')).toEqual({ new: 1, learning: 0, mastered: 1, total: 2 })
    expect(tallies.get('source:x')).toEqual({ new: 1, learning: 1, mastered: 0, total: 2 })
    expect(tallies.get('set:c')).toBeUndefined()
  })
})
