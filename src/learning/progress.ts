import type { Mastery } from './schedule'

/**
 * Progress figures computed from a learner's review log. Days are UTC
 * calendar days (Cited does not know the learner's time zone).
 */

const DAY_MS = 86_400_000

/** The UTC day of a timestamp as `YYYY-MM-DD`. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/** End of the UTC day containing `now`: "due today" means due before this. */
export function endOfDay(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS
}

/**
 * Consecutive days with at least one review, ending today, or yesterday when
 * nothing has been done yet today (the streak is not lost until the day is over).
 *
 * @example practiceStreak(['2026-11-21', '2026-11-22'], new Date('2026-11-23T08:00Z')) // 2
 */
export function practiceStreak(reviewDays: Iterable<string>, now: Date): number {
  const days = new Set(reviewDays)
  let cursor = Math.floor(now.getTime() / DAY_MS) * DAY_MS
  if (!days.has(dayOf(cursor))) cursor -= DAY_MS
  let streak = 0
  while (days.has(dayOf(cursor))) {
    streak += 1
    cursor -= DAY_MS
  }
  return streak
}

export type DayCount = { day: string; reviews: number; correct: number }

/** Reviews per day for the `days` days ending today, oldest first, zero-filled from the days that had some. */
export function reviewsPerDay(counts: readonly DayCount[], now: Date, days: number): DayCount[] {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS
  const byDay = new Map(counts.map((count) => [count.day, count]))
  const chart: DayCount[] = []
  for (let offset = days - 1; offset >= 0; offset--) {
    const day = dayOf(today - offset * DAY_MS)
    const count = byDay.get(day)
    chart.push({ day, reviews: count?.reviews ?? 0, correct: count?.correct ?? 0 })
  }
  return chart
}

export type Accuracy = { reviews: number; correct: number; share: number | null }

/** Share of fully correct answers among `reviews` recent ones (null when there are none). */
export function accuracyOf(reviews: number, correct: number): Accuracy {
  return { reviews, correct, share: reviews ? correct / reviews : null }
}

export type MasteryTally = Record<Mastery, number> & { total: number }

/** Counts new / learning / mastered questions in each group (a set, a source). */
export function tallyMastery<Key extends string>(
  items: readonly { groups: readonly Key[]; mastery: Mastery }[],
): Map<Key, MasteryTally> {
  const tallies = new Map<Key, MasteryTally>()
  for (const item of items) {
    for (const group of item.groups) {
      const tally = tallies.get(group) ?? { new: 0, learning: 0, mastered: 0, total: 0 }
      tally[item.mastery] += 1
      tally.total += 1
      tallies.set(group, tally)
    }
  }
  return tallies
}
