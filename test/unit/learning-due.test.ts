import { describe, expect, it } from 'vitest'
import { dueWindow, isDue, summariseDue } from '../../src/learning/due'
import { countsPerDay, practiceStreak, reviewsPerDay } from '../../src/learning/progress'
import {
  addDays,
  dayIn,
  endOfDayIn,
  knownTimeZone,
  startOfDayIn,
  zoneOffsetAt,
} from '../../src/learning/time-zone'

const at = (iso: string) => Date.parse(iso)

describe('isDue and the due window', () => {
  it('is due from its due time on, not a millisecond before', () => {
    expect(isDue(1_000, 999)).toBe(false)
    expect(isDue(1_000, 1_000)).toBe(true)
    expect(isDue(1_000, 1_001)).toBe(true)
  })

  it('splits cards into due now, later today (in the learner’s zone) and after', () => {
    const now = at('2026-12-02T20:00:00Z') // 21:00 in Paris, 02:00 tomorrow in Almaty
    const dues = [now - 1, now, now + 1, at('2026-12-02T22:30:00Z'), at('2026-12-03T09:00:00Z')]
    expect(summariseDue(dues, dueWindow(now, 'Europe/Paris'))).toEqual({
      dueNow: 2,
      laterToday: 2, // Paris's day ends at 23:00 UTC
      nextDue: now + 1,
    })
    expect(summariseDue(dues, dueWindow(now, 'Asia/Almaty'))).toEqual({
      dueNow: 2,
      laterToday: 3, // Almaty's 3 December ends at 19:00 UTC on the 3rd
      nextDue: now + 1,
    })
  })
})

describe('time zones', () => {
  it('accepts the zones Intl knows and nothing else', () => {
    expect(knownTimeZone('Asia/Almaty')).toBe('Asia/Almaty')
    expect(knownTimeZone('UTC')).toBe('UTC')
    expect(knownTimeZone('Mars/Olympus')).toBeNull()
    expect(knownTimeZone('')).toBeNull()
    expect(knownTimeZone('<script>')).toBeNull()
    expect(knownTimeZone(undefined)).toBeNull()
  })

  it('names days and finds midnight in the zone, across a clock change', () => {
    expect(dayIn(at('2026-12-02T20:00:00Z'), 'Asia/Almaty')).toBe('2026-12-03')
    expect(dayIn(at('2026-12-02T20:00:00Z'), 'America/New_York')).toBe('2026-12-02')
    expect(startOfDayIn('2026-12-02', 'Europe/Paris')).toBe(at('2026-12-01T23:00:00Z'))
    // 29 March 2026: Paris moves from UTC+1 to UTC+2 at 02:00; the day still starts at UTC+1 midnight.
    expect(startOfDayIn('2026-03-29', 'Europe/Paris')).toBe(at('2026-03-28T23:00:00Z'))
    expect(endOfDayIn(at('2026-03-29T12:00:00Z'), 'Europe/Paris')).toBe(at('2026-03-29T22:00:00Z'))
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('reads the same offset as ICU around every clock change of a year, in zones with odd ones', () => {
    // One ICU reading per quarter hour is cached: this fails if a change fell inside a quarter hour.
    const zones = [
      'Europe/Paris',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'Pacific/Chatham',
      'Asia/Kathmandu',
    ]
    const HOUR = 3_600_000
    for (const zone of zones) {
      const format = new Intl.DateTimeFormat('sv-SE', {
        timeZone: zone,
        dateStyle: 'short',
        timeStyle: 'medium',
      })
      const icuOffset = (time: number) =>
        Date.parse(`${format.format(time).replace(' ', 'T')}Z`) - Math.floor(time / 1000) * 1000
      const mismatches: string[] = []
      let changes = 0
      for (let day = at('2026-01-01T00:00:00Z'); day < at('2027-01-01T00:00:00Z'); day += 24 * HOUR) {
        if (icuOffset(day) === icuOffset(day + 24 * HOUR)) continue
        changes++
        // Every minute (and the second before it) of the day the offset changed on.
        for (let time = day; time <= day + 24 * HOUR; time += 60_000) {
          for (const instant of [time, time - 1000]) {
            if (zoneOffsetAt(instant, zone) !== icuOffset(instant))
              mismatches.push(new Date(instant).toISOString())
          }
        }
      }
      expect({
        zone,
        changes: changes > 0 || zone === 'Asia/Kathmandu',
        mismatches: mismatches.slice(0, 3),
      }).toEqual({
        zone,
        changes: true,
        mismatches: [],
      })
      expect(zoneOffsetAt(at('2026-07-01T12:34:56Z'), zone)).toBe(icuOffset(at('2026-07-01T12:34:56Z')))
    }
  })

  it('counts streaks and days in the learner’s zone', () => {
    const now = new Date('2026-12-02T20:00:00Z') // already 3 December in Almaty
    expect(practiceStreak(['2026-12-01', '2026-12-02'], now, 'Asia/Almaty')).toBe(2)
    expect(practiceStreak(['2026-12-01', '2026-12-02'], now, 'UTC')).toBe(2)
    expect(practiceStreak(['2026-12-02', '2026-12-03'], now, 'UTC')).toBe(1)
    const spans = [
      { time: at('2026-12-02T17:45:00Z'), reviews: 2, correct: 1 }, // late on 2 December in Almaty
      { time: at('2026-12-02T19:30:00Z'), reviews: 1, correct: 1 },
      { time: at('2026-12-02T19:45:00Z'), reviews: 2, correct: 0 },
    ]
    expect(countsPerDay(spans, 'UTC')).toEqual([{ day: '2026-12-02', reviews: 5, correct: 2 }])
    const days = reviewsPerDay(countsPerDay(spans, 'Asia/Almaty'), now, 2, 'Asia/Almaty')
    expect(days).toEqual([
      { day: '2026-12-02', reviews: 2, correct: 1 },
      { day: '2026-12-03', reviews: 3, correct: 1 },
    ])
  })
})
