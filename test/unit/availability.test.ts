import { describe, expect, it } from 'vitest'
import { instantOfLocal, localDateTimeIn } from '../../src/learning/time-zone'
import {
  type Accommodation,
  accommodatedAttempts,
  accommodatedTimeLimit,
  canStart,
  closingFor,
  datesInOrder,
  effectiveDeadline,
  NO_ACCOMMODATION,
  type SetSchedule,
  secondsUntilChange,
} from '../../src/quiz/availability'

const MINUTE = 60_000
const open: SetSchedule = { opensAt: null, closesAt: null, graceMinutes: 0 }
const dated: SetSchedule = { opensAt: 1_000 * MINUTE, closesAt: 2_000 * MINUTE, graceMinutes: 10 }
const extra = (fields: Partial<Accommodation>): Accommodation => ({ ...NO_ACCOMMODATION, ...fields })
const decide = (
  now: number,
  schedule = dated,
  accommodation = NO_ACCOMMODATION,
  used = 0,
  allowed: number | null = 2,
) => canStart({ now, schedule, accommodation, attemptsAllowed: allowed, attemptsUsed: used })

describe('canStart', () => {
  it('refuses before the set opens, saying when it opens', () => {
    expect(decide(999 * MINUTE)).toEqual({ ok: false, reason: 'not_open', opensAt: 1_000 * MINUTE })
    expect(decide(1_000 * MINUTE)).toEqual({ ok: true })
  })

  it('refuses from the closing moment on, grace or not (grace is for attempts in progress)', () => {
    expect(decide(2_000 * MINUTE - 1)).toEqual({ ok: true })
    expect(decide(2_000 * MINUTE)).toEqual({ ok: false, reason: 'closed', closedAt: 2_000 * MINUTE })
  })

  it('lets a learner with a later closing date start after the set closed', () => {
    const later = extra({ closesAt: 3_000 * MINUTE })
    expect(decide(2_500 * MINUTE, dated, later)).toEqual({ ok: true })
    expect(decide(3_000 * MINUTE, dated, later)).toMatchObject({ ok: false, reason: 'closed' })
  })

  it('counts extra attempts on top of the attempts allowed', () => {
    expect(decide(1_500 * MINUTE, dated, NO_ACCOMMODATION, 2)).toEqual({
      ok: false,
      reason: 'no_attempts_left',
      allowed: 2,
    })
    expect(decide(1_500 * MINUTE, dated, extra({ extraAttempts: 1 }), 2)).toEqual({ ok: true })
    expect(decide(1_500 * MINUTE, dated, NO_ACCOMMODATION, 50, null)).toEqual({ ok: true })
  })

  it('lets anyone start a set without dates', () => {
    expect(decide(0, open)).toEqual({ ok: true })
  })
})

describe('effectiveDeadline', () => {
  const at = (
    startedAt: number,
    timeLimitMinutes: number | null,
    schedule = dated,
    accommodation = NO_ACCOMMODATION,
  ) => effectiveDeadline({ startedAt, timeLimitMinutes, schedule, accommodation })

  it('is the time limit when the set closes later', () => {
    expect(at(1_100 * MINUTE, 30)).toBe(1_130 * MINUTE)
  })

  it('is the closing date plus grace when that comes first', () => {
    expect(at(1_990 * MINUTE, 30)).toBe(2_010 * MINUTE)
    expect(at(1_990 * MINUTE, null)).toBe(2_010 * MINUTE)
  })

  it('is null with neither a time limit nor a closing date', () => {
    expect(at(0, null, open)).toBeNull()
    expect(at(0, 15, open)).toBe(15 * MINUTE)
  })

  it('stretches the time limit and the closing date for an accommodated learner', () => {
    expect(at(0, 20, open, extra({ timeMultiplier: 1.5 }))).toBe(30 * MINUTE)
    expect(at(0, 20, open, extra({ extraMinutes: 10 }))).toBe(30 * MINUTE)
    expect(at(1_990 * MINUTE, null, dated, extra({ closesAt: 2_100 * MINUTE }))).toBe(2_110 * MINUTE)
  })
})

describe('the accommodation arithmetic', () => {
  it('rounds a stretched limit up to whole minutes, and keeps no limit as none', () => {
    expect(accommodatedTimeLimit(25, extra({ timeMultiplier: 1.25 }))).toBe(32)
    expect(accommodatedTimeLimit(null, extra({ timeMultiplier: 2 }))).toBeNull()
    expect(accommodatedAttempts(null, extra({ extraAttempts: 3 }))).toBeNull()
  })

  it('never closes earlier for the learner than for the class, and never closes a set without a date', () => {
    expect(closingFor(dated, extra({ closesAt: 10 }))).toBe(2_000 * MINUTE)
    expect(closingFor(open, extra({ closesAt: 10 }))).toBeNull()
  })

  it('checks that a set closes after it opens', () => {
    expect(datesInOrder({ opensAt: 2, closesAt: 1 })).toBe(false)
    expect(datesInOrder({ opensAt: 1, closesAt: 1 })).toBe(false)
    expect(datesInOrder({ opensAt: null, closesAt: 1 })).toBe(true)
  })
})

describe('secondsUntilChange', () => {
  it('caps a start page’s cache life at the next opening or closing', () => {
    expect(secondsUntilChange(open, 0, 60)).toBe(60)
    expect(secondsUntilChange(dated, 1_000 * MINUTE - 30_500, 60)).toBe(30)
    expect(secondsUntilChange(dated, 1_500 * MINUTE, 60)).toBe(60)
    expect(secondsUntilChange(dated, 2_000 * MINUTE - 400, 60)).toBe(0)
    expect(secondsUntilChange(dated, 3_000 * MINUTE, 60)).toBe(60)
  })
})

describe('local date-times in a zone', () => {
  it('reads a datetime-local value as the instant it names in the zone', () => {
    expect(instantOfLocal('2026-01-05T14:30', 'Asia/Almaty')).toBe(Date.UTC(2026, 0, 5, 9, 30))
    expect(instantOfLocal('2026-07-01T09:00', 'Europe/Paris')).toBe(Date.UTC(2026, 6, 1, 7, 0))
    expect(instantOfLocal('2026-01-01T09:00', 'Europe/Paris')).toBe(Date.UTC(2026, 0, 1, 8, 0))
    expect(localDateTimeIn(Date.UTC(2026, 6, 1, 7, 0), 'Europe/Paris')).toBe('2026-07-01T09:00')
  })

  it('refuses what is no wall-clock reading', () => {
    expect(instantOfLocal('2026-02-30T10:00', 'UTC')).toBeNull()
    expect(instantOfLocal('tomorrow', 'UTC')).toBeNull()
    expect(instantOfLocal('2026-01-01T25:00', 'UTC')).toBeNull()
  })
})
