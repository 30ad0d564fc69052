/**
 * What "due" means, once, for the home page, the progress page and the
 * practice queue (they used to disagree: the home page counted everything
 * due before midnight UTC while practice served only what was due now).
 *
 * A card is **due** when its FSRS due time has come: `card.due <= now`. Cards
 * falling due later today (in the learner's time zone) are counted apart, as
 * "later today", and are not served early: an Again-rated card is due again
 * a minute later, and serving it before then would repeat it at once.
 * The one query that counts them is `loadDueSummary` (src/db/learning.ts),
 * which the practice queue runs too.
 */

import { endOfDayIn } from './time-zone'

/** The instants that split a learner's cards: due now, due later today, due after today. */
export type DueWindow = { now: number; endOfToday: number }

/** The counts every page shows. */
export type DueSummary = {
  /** Cards due now: what practice serves first, and the number every page shows. */
  dueNow: number
  /** Cards that fall due after now but before the end of the learner's day. */
  laterToday: number
  /** When the next card that is not yet due falls due (null with none). */
  nextDue: number | null
}

/** The due window at `now` for a learner in `zone`. */
export function dueWindow(now: number, zone: string): DueWindow {
  return { now, endOfToday: endOfDayIn(now, zone) }
}

/**
 * Whether a card due at `cardDue` is due at `now` (the definition the SQL in
 * `loadDueSummary` and `loadPracticeQueue` spells as `due <= now`).
 *
 * @example isDue(1_000, 1_000) // true: due from its due time on
 */
export function isDue(cardDue: number, now: number): boolean {
  return cardDue <= now
}

/** The summary of a list of due times, as the query computes it (for tests and small lists). */
export function summariseDue(dueTimes: readonly number[], window: DueWindow): DueSummary {
  let dueNow = 0
  let laterToday = 0
  let nextDue: number | null = null
  for (const due of dueTimes) {
    if (isDue(due, window.now)) dueNow += 1
    else {
      if (due < window.endOfToday) laterToday += 1
      if (nextDue === null || due < nextDue) nextDue = due
    }
  }
  return { dueNow, laterToday, nextDue }
}
