import { describe, expect, it } from 'vitest'
import {
  FAST_ANSWER_MS,
  MASTERED_AFTER_DAYS,
  masteryOf,
  Rating,
  ratingFor,
  reviewCard,
  State,
} from '../../src/learning/schedule'

const start = new Date('2026-11-23T09:00:00Z')
const minutes = (ms: number) => ms / 60_000
const later = (card: { due: number }) => new Date(card.due)

describe('ratingFor', () => {
  it('rates a wrong or partly right answer Again, however fast', () => {
    expect(ratingFor({ points: 0 }, 1000)).toBe(Rating.Again)
    expect(ratingFor({ points: 0.5 }, null)).toBe(Rating.Again)
  })

  it('rates a right answer Easy when quick, Good when slow or untimed', () => {
    expect(ratingFor({ points: 1 }, FAST_ANSWER_MS)).toBe(Rating.Easy)
    expect(ratingFor({ points: 1 }, FAST_ANSWER_MS + 1)).toBe(Rating.Good)
    expect(ratingFor({ points: 1 }, null)).toBe(Rating.Good)
  })
})

describe('reviewCard through ts-fsrs', () => {
  it('puts a new question missed into learning, due again within minutes', () => {
    const card = reviewCard(null, Rating.Again, start)
    expect(card.state).toBe(State.Learning)
    expect(card.reps).toBe(1)
    expect(minutes(card.due - start.getTime())).toBeLessThanOrEqual(5)
    expect(card.lastReview).toBe(start.getTime())
  })

  it('puts a new question answered right into learning, due later than a missed one', () => {
    const good = reviewCard(null, Rating.Good, start)
    const again = reviewCard(null, Rating.Again, start)
    expect(good.state).toBe(State.Learning)
    expect(good.due).toBeGreaterThan(again.due)
  })

  it('graduates an Easy answer straight to review, days away', () => {
    const card = reviewCard(null, Rating.Easy, start)
    expect(card.state).toBe(State.Review)
    expect(card.scheduledDays).toBeGreaterThanOrEqual(1)
  })

  it('moves a learning card to review after it is answered right again when due', () => {
    const first = reviewCard(null, Rating.Good, start)
    const second = reviewCard(first, Rating.Good, later(first))
    expect(second.state).toBe(State.Review)
    expect(second.reps).toBe(2)
    expect(second.due - later(first).getTime()).toBeGreaterThanOrEqual(86_400_000)
  })

  it('sends a review card that is missed to relearning and counts the lapse', () => {
    const review = reviewCard(null, Rating.Easy, start)
    const lapsed = reviewCard(review, Rating.Again, later(review))
    expect(lapsed.state).toBe(State.Relearning)
    expect(lapsed.lapses).toBe(1)
    expect(lapsed.stability).toBeLessThan(review.stability)
  })

  it('spaces reviews further apart each time a review card is remembered', () => {
    let card = reviewCard(null, Rating.Easy, start)
    const intervals: number[] = []
    for (let round = 0; round < 4; round++) {
      const next = reviewCard(card, Rating.Good, later(card))
      intervals.push(next.due - card.due)
      card = next
    }
    for (let index = 1; index < intervals.length; index++)
      expect(intervals[index]).toBeGreaterThan(intervals[index - 1] ?? 0)
  })

  it('is deterministic: the same history gives the same card', () => {
    expect(reviewCard(null, Rating.Good, start)).toEqual(reviewCard(null, Rating.Good, start))
  })
})

describe('masteryOf', () => {
  it('calls an unseen card new, a short interval learning and a three-week one mastered', () => {
    expect(masteryOf(null)).toBe('new')
    expect(masteryOf({ state: State.New, scheduledDays: 0 })).toBe('new')
    expect(masteryOf({ state: State.Learning, scheduledDays: 0 })).toBe('learning')
    expect(masteryOf({ state: State.Review, scheduledDays: MASTERED_AFTER_DAYS - 1 })).toBe('learning')
    expect(masteryOf({ state: State.Review, scheduledDays: MASTERED_AFTER_DAYS })).toBe('mastered')
    expect(masteryOf({ state: State.Relearning, scheduledDays: 40 })).toBe('learning')
  })
})
