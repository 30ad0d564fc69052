import { describe, expect, it } from 'vitest'
import {
  attemptsOverTime,
  formatDuration,
  median,
  passRate,
  percentOf,
  scoreHistogram,
  summariseSet,
} from '../../src/stats/set-summary'

describe('attemptsOverTime', () => {
  it('fills the quiet days between the first and the last day with zeros', () => {
    expect(
      attemptsOverTime([
        { day: '2026-03-01', count: 2 },
        { day: '2026-03-04', count: 1 },
      ]),
    ).toEqual([
      { start: '2026-03-01', days: 1, count: 2 },
      { start: '2026-03-02', days: 1, count: 0 },
      { start: '2026-03-03', days: 1, count: 0 },
      { start: '2026-03-04', days: 1, count: 1 },
    ])
  })

  it('crosses month ends in UTC', () => {
    const days = attemptsOverTime([
      { day: '2026-02-28', count: 1 },
      { day: '2026-03-01', count: 3 },
    ])
    expect(days.map((bucket) => bucket.start)).toEqual(['2026-02-28', '2026-03-01'])
  })

  it('groups several days per bar beyond the bar limit, keeping every attempt', () => {
    const buckets = attemptsOverTime(
      [
        { day: '2026-01-01', count: 1 },
        { day: '2026-01-02', count: 2 },
        { day: '2026-01-05', count: 4 },
        { day: '2026-01-10', count: 8 },
      ],
      4,
    )
    // 10 days over at most 4 bars: 3 days a bar.
    expect(buckets).toEqual([
      { start: '2026-01-01', days: 3, count: 3 },
      { start: '2026-01-04', days: 3, count: 4 },
      { start: '2026-01-07', days: 3, count: 0 },
      { start: '2026-01-10', days: 3, count: 8 },
    ])
  })

  it('has no bars without attempts', () => {
    expect(attemptsOverTime([])).toEqual([])
  })
})

describe('scoreHistogram', () => {
  it('puts each percent in its tenth, 100 in the last bin', () => {
    const bins = scoreHistogram([0, 9.99, 10, 55, 90, 100, 100])
    expect(bins.map((bin) => bin.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 3])
    expect(bins[0]).toEqual({ from: 0, to: 10, count: 2 })
    expect(bins[9]).toEqual({ from: 90, to: 100, count: 3 })
  })

  it('counts a percent computed just under a bin edge (7/10 as 69.999…) in the upper bin', () => {
    expect(scoreHistogram([(0.7 / 1) * 100 - 1e-12]).findIndex((bin) => bin.count === 1)).toBe(7)
  })

  it('supports other bin counts', () => {
    expect(scoreHistogram([20, 30, 80], 4).map((bin) => bin.count)).toEqual([1, 1, 0, 1])
  })
})

describe('percentOf', () => {
  it('is points over questions, 0 for an attempt without questions', () => {
    expect(percentOf(7.5, 10)).toBe(75)
    expect(percentOf(0, 0)).toBe(0)
  })
})

describe('passRate', () => {
  it('counts attempts at or above their own pass mark', () => {
    expect(
      passRate([
        { percent: 60, passMark: 60 },
        { percent: 59.9, passMark: 60 },
        { percent: 50, passMark: 50 },
        { percent: 70, passMark: 80 },
      ]),
    ).toBe(0.5)
  })

  it('is null without completed attempts', () => {
    expect(passRate([])).toBeNull()
  })
})

describe('median', () => {
  it('is the middle value of an odd count', () => {
    expect(median([5, 1, 3])).toBe(3)
  })

  it('is the mean of the middle two of an even count', () => {
    expect(median([10, 1, 3, 2])).toBe(2.5)
  })

  it('is null for no values', () => {
    expect(median([])).toBeNull()
  })
})

describe('summariseSet', () => {
  it('computes the headline figures of completed attempts', () => {
    const at = (minutes: number) => minutes * 60_000
    const summary = summariseSet([
      { score: 4, questionCount: 5, startedAt: 0, completedAt: at(3), passMark: 60 },
      { score: 2, questionCount: 5, startedAt: 0, completedAt: at(10), passMark: 60 },
      { score: 5, questionCount: 5, startedAt: at(1), completedAt: at(6), passMark: 60 },
      { score: 3, questionCount: 5, startedAt: 0, completedAt: at(4), passMark: 70 },
    ])
    // Percents 80, 40, 100, 60 (60 < 70: fails); durations 3, 10, 5, 4 minutes.
    expect(summary.completed).toBe(4)
    expect(summary.meanPercent).toBe(70)
    expect(summary.passRate).toBe(0.5)
    expect(summary.medianDurationMs).toBe(at(4.5))
    expect(summary.histogram.map((bin) => bin.count)).toEqual([0, 0, 0, 0, 1, 0, 1, 0, 1, 1])
  })

  it('has no figures without completed attempts', () => {
    const summary = summariseSet([])
    expect(summary).toMatchObject({ completed: 0, meanPercent: null, passRate: null, medianDurationMs: null })
    expect(summary.histogram.every((bin) => bin.count === 0)).toBe(true)
  })
})

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(formatDuration(45_000)).toBe('45 s')
    expect(formatDuration(200_000)).toBe('3 min 20 s')
    expect(formatDuration(3_900_000)).toBe('1 h 05 min')
  })
})
