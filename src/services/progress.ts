import type { Db } from '../db/client'
import { loadProgressData } from '../db/progress'
import {
  type Accuracy,
  accuracyOf,
  countsPerDay,
  type DayCount,
  dayOf,
  type MasteryTally,
  practiceStreak,
  reviewsPerDay,
  tallyMastery,
} from '../learning/progress'
import { type Mastery, masteryOf } from '../learning/schedule'
import { addDays, startOfDayIn, UTC } from '../learning/time-zone'

export type ProgressGroup = { id: string; title: string; subtitle: string | null; tally: MasteryTally }

export type ProgressView = {
  sets: ProgressGroup[]
  sources: ProgressGroup[]
  totals: MasteryTally
  accuracy: Accuracy
  streak: number
  perDay: DayCount[]
}

/** Days shown on the reviews-per-day chart. */
export const CHART_DAYS = 14
/** "Recent" accuracy covers this many days. */
export const ACCURACY_DAYS = 7

const DAY_MS = 86_400_000

const emptyTally = (): MasteryTally => ({ new: 0, learning: 0, mastered: 0, total: 0 })

/**
 * A learner's progress: mastery per set and per source, accuracy, streak and
 * daily reviews, with days counted in `zone` (the learner's time zone).
 */
export async function describeProgress(
  db: Db,
  learnerId: string | null,
  now: Date,
  zone: string = UTC,
): Promise<ProgressView> {
  const todayName = dayOf(now.getTime(), zone)
  const today = startOfDayIn(todayName, zone)
  const chartStart = startOfDayIn(addDays(todayName, -(CHART_DAYS - 1)), zone)
  const accuracySince = now.getTime() - ACCURACY_DAYS * DAY_MS
  // A first-time visitor has no id yet: '' matches no learner, so everything is new.
  const data = await loadProgressData(db, learnerId ?? '', {
    since: Math.min(chartStart, accuracySince),
    accuracySince,
    today,
  })
  const mastery = new Map<string, Mastery>(data.cards.map((card) => [card.questionId, masteryOf(card)]))
  const byQuestion = new Map<string, { sets: string[]; source: string | null }>()
  for (const row of data.membership) {
    const entry = byQuestion.get(row.questionId) ?? { sets: [], source: row.sourceId }
    entry.sets.push(row.setSlug)
    byQuestion.set(row.questionId, entry)
  }
  const items = [...byQuestion].map(([questionId, entry]) => ({
    // An uncited question counts in its sets only; a question is tallied under its first cited source.
    groups: [...entry.sets.map((slug) => `set:${slug}`), ...(entry.source ? [`source:${entry.source}`] : [])],
    mastery: mastery.get(questionId) ?? 'new',
  }))
  const tallies = tallyMastery(items)
  return {
    sets: data.sets.map((set) => ({
      id: set.slug,
      title: set.title,
      subtitle: null,
      tally: tallies.get(`set:${set.slug}`) ?? emptyTally(),
    })),
    sources: data.sources.map((source) => ({
      id: source.id,
      title: source.outlet,
      subtitle: source.title,
      tally: tallies.get(`source:${source.id}`) ?? emptyTally(),
    })),
    totals: [...byQuestion.keys()].reduce((total, questionId) => {
      const level = mastery.get(questionId) ?? 'new'
      total[level] += 1
      total.total += 1
      return total
    }, emptyTally()),
    accuracy: accuracyOf(
      data.reviewsBySlot.reduce((sum, slot) => sum + slot.recentReviews, 0),
      data.reviewsBySlot.reduce((sum, slot) => sum + slot.recentCorrect, 0),
    ),
    streak: practiceStreak(
      data.streakDayStarts.map((start) => dayOf(start, zone)),
      now,
      zone,
    ),
    perDay: reviewsPerDay(
      countsPerDay(
        data.reviewsBySlot.map(({ slot, reviews, correct }) => ({ time: slot, reviews, correct })),
        zone,
      ),
      now,
      CHART_DAYS,
      zone,
    ),
  }
}
