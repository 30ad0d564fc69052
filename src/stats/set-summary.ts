/**
 * Set-level figures for the results dashboard: attempts over time, the score
 * histogram, the pass rate and the median time to complete. Pure functions
 * over rows the database already aggregated or trimmed to a few numbers.
 */

const DAY_MS = 86_400_000

/** A completed attempt reduced to what the set figures need. */
export type CompletedAttempt = {
  /** Points scored (each question is worth one). */
  score: number
  /** Questions in the attempt. */
  questionCount: number
  startedAt: number
  completedAt: number
  /** The pass mark (percent) of the version the attempt was taken on. */
  passMark: number
}

/** The percent an instructor expects to read: points over questions, 0 for an empty attempt. */
export function percentOf(score: number, questionCount: number): number {
  return questionCount > 0 ? (score / questionCount) * 100 : 0
}

/** One bar of the attempts-over-time chart: `days` consecutive UTC days from `start`. */
export type DayBucket = { start: string; days: number; count: number }

/**
 * Fills the days between the first and last day with attempts (UTC dates,
 * `YYYY-MM-DD`), so quiet days show as zero. Beyond `maxBars` days, buckets
 * grow to several days each so the chart stays readable on a phone.
 * @example attemptsOverTime([{ day: '2026-03-01', count: 2 }, { day: '2026-03-03', count: 1 }])
 * // [{ start: '2026-03-01', days: 1, count: 2 }, { start: '2026-03-02', days: 1, count: 0 }, { start: '2026-03-03', days: 1, count: 1 }]
 */
export function attemptsOverTime(
  perDay: readonly { day: string; count: number }[],
  maxBars = 31,
): DayBucket[] {
  if (!perDay.length) return []
  const counts = new Map<number, number>()
  for (const { day, count } of perDay) {
    const time = Date.parse(`${day}T00:00:00Z`)
    counts.set(time, (counts.get(time) ?? 0) + count)
  }
  const times = [...counts.keys()]
  const first = Math.min(...times)
  const last = Math.max(...times)
  const span = Math.round((last - first) / DAY_MS) + 1
  const size = Math.ceil(span / maxBars)
  const buckets: DayBucket[] = []
  for (let offset = 0; offset < span; offset += size) {
    let count = 0
    for (let day = offset; day < Math.min(span, offset + size); day++)
      count += counts.get(first + day * DAY_MS) ?? 0
    buckets.push({ start: new Date(first + offset * DAY_MS).toISOString().slice(0, 10), days: size, count })
  }
  return buckets
}

/** One bin of the score histogram: percents in [from, to), the last bin including 100. */
export type ScoreBin = { from: number; to: number; count: number }

/**
 * Counts percents into `bins` equal bins over 0–100; 100 falls in the last bin.
 * @example scoreHistogram([0, 55, 100], 10).map((bin) => bin.count) // [1, 0, 0, 0, 0, 1, 0, 0, 0, 1]
 */
export function scoreHistogram(percents: readonly number[], bins = 10): ScoreBin[] {
  const width = 100 / bins
  const result = Array.from({ length: bins }, (_, index) => ({
    from: index * width,
    to: (index + 1) * width,
    count: 0,
  }))
  for (const percent of percents) {
    // A little slack so 70 computed as 69.99999999 lands in the 70s bin.
    const index = Math.min(bins - 1, Math.max(0, Math.floor((percent + 1e-9) / width)))
    const bin = result[index]
    if (bin) bin.count++
  }
  return result
}

/**
 * The share of completed attempts at or above their pass mark, or null when
 * none is completed.
 * @example passRate([{ percent: 60, passMark: 60 }, { percent: 59, passMark: 60 }]) // 0.5
 */
export function passRate(attempts: readonly { percent: number; passMark: number }[]): number | null {
  if (!attempts.length) return null
  const passed = attempts.filter(({ percent, passMark }) => percent + 1e-9 >= passMark).length
  return passed / attempts.length
}

/**
 * The median of the values (mean of the middle two for an even count), or null for none.
 * @example median([3, 1, 2, 10]) // 2.5
 */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? 0
  return sorted.length % 2 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2
}

export type SetSummary = {
  completed: number
  /** Mean percent of completed attempts, or null. */
  meanPercent: number | null
  passRate: number | null
  /** Median of completedAt − startedAt over completed attempts, in ms. */
  medianDurationMs: number | null
  histogram: ScoreBin[]
}

/** The headline figures of a set from its completed attempts. */
export function summariseSet(completed: readonly CompletedAttempt[]): SetSummary {
  const scored = completed.map((attempt) => ({
    percent: percentOf(attempt.score, attempt.questionCount),
    passMark: attempt.passMark,
  }))
  const percents = scored.map((attempt) => attempt.percent)
  return {
    completed: completed.length,
    meanPercent: percents.length ? percents.reduce((sum, value) => sum + value, 0) / percents.length : null,
    passRate: passRate(scored),
    medianDurationMs: median(
      completed.map((attempt) => Math.max(0, attempt.completedAt - attempt.startedAt)),
    ),
    histogram: scoreHistogram(percents),
  }
}

/**
 * A duration for people: "45 s", "3 min 20 s", "1 h 05 min".
 * @example formatDuration(200_000) // '3 min 20 s'
 */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}
