import type { Mastery } from './schedule'
import { addDays, dayIn, endOfDayIn, UTC } from './time-zone'

/**
 * Progress figures computed from a learner's review log. Days are calendar
 * days in the learner's time zone (UTC when the browser did not say).
 */

/** The day of a timestamp as `YYYY-MM-DD` in `zone`. */
export function dayOf(time: number, zone: string = UTC): string {
  return dayIn(time, zone)
}

/** End of the day containing `now` in `zone`: "today" means before this. */
export function endOfDay(now: Date, zone: string = UTC): number {
  return endOfDayIn(now.getTime(), zone)
}

/**
 * Consecutive days with at least one review, ending today, or yesterday when
 * nothing has been done yet today (the streak is not lost until the day is over).
 * `reviewDays` are days in `zone`, as `dayOf` names them.
 *
 * @example practiceStreak(['2026-11-21', '2026-11-22'], new Date('2026-11-23T08:00Z')) // 2
 */
export function practiceStreak(reviewDays: Iterable<string>, now: Date, zone: string = UTC): number {
  const days = new Set(reviewDays)
  let cursor = dayIn(now.getTime(), zone)
  if (!days.has(cursor)) cursor = addDays(cursor, -1)
  let streak = 0
  while (days.has(cursor)) {
    streak += 1
    cursor = addDays(cursor, -1)
  }
  return streak
}

export type DayCount = { day: string; reviews: number; correct: number }

/**
 * Reviews per day for the `days` days ending today in `zone`, oldest first,
 * zero-filled from the days that had some (`counts` are days in `zone`).
 */
export function reviewsPerDay(
  counts: readonly DayCount[],
  now: Date,
  days: number,
  zone: string = UTC,
): DayCount[] {
  const today = dayIn(now.getTime(), zone)
  const byDay = new Map(counts.map((count) => [count.day, count]))
  const chart: DayCount[] = []
  for (let offset = days - 1; offset >= 0; offset--) {
    const day = addDays(today, -offset)
    const count = byDay.get(day)
    chart.push({ day, reviews: count?.reviews ?? 0, correct: count?.correct ?? 0 })
  }
  return chart
}

/**
 * Review counts of short spans (each named by an instant inside it) folded
 * into days of `zone`. The spans must not straddle midnight in any zone:
 * quarter hours do not, since zone offsets are whole quarter hours.
 */
export function countsPerDay(
  spans: readonly { time: number; reviews: number; correct: number }[],
  zone: string = UTC,
): DayCount[] {
  const days = new Map<string, DayCount>()
  for (const span of spans) {
    const day = dayIn(span.time, zone)
    const count = days.get(day) ?? { day, reviews: 0, correct: 0 }
    count.reviews += span.reviews
    count.correct += span.correct
    days.set(day, count)
  }
  return [...days.values()]
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
