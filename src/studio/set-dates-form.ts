import type { Submitted } from '../components/question-fields'
import { instantOfLocal, knownTimeZone, localDateTimeIn, UTC } from '../learning/time-zone'
import { datesInOrder } from '../quiz/availability'
import type { SetSettings } from '../quiz/set-settings'
import { field } from './form-fields'

/**
 * The dates part of the settings form: opening and closing as the wall clock
 * reads in the zone the instructor picks (datetime-local inputs, which work
 * without JavaScript), stored as UTC ms with the zone, and the grace minutes.
 */
export type DatesForm = { opensAt: string; closesAt: string; dateTimeZone: string; graceMinutes: string }
export type DatesErrors = Partial<Record<keyof DatesForm, string>>
export type SetDates = Pick<SetSettings, 'opensAt' | 'closesAt' | 'graceMinutes' | 'dateTimeZone'>

/**
 * The fields as the form shows them: in the zone the dates were entered in,
 * or else `browserZone` (the instructor's, from the `cited_tz` cookie).
 * @example datesFormOf({ opensAt: null, closesAt: null, graceMinutes: 0, dateTimeZone: null }, 'Asia/Almaty').dateTimeZone // 'Asia/Almaty'
 */
export function datesFormOf(settings: SetDates, browserZone: string): DatesForm {
  const zone = knownTimeZone(settings.dateTimeZone) ?? browserZone
  const local = (time: number | null) => (time === null ? '' : localDateTimeIn(time, zone))
  return {
    opensAt: local(settings.opensAt),
    closesAt: local(settings.closesAt),
    dateTimeZone: zone,
    graceMinutes: String(settings.graceMinutes),
  }
}

/** Reads the dates fields; empty dates mean "no date". An unknown zone or date is an error that keeps what was typed. */
export function checkDates(form: Submitted): {
  typed: DatesForm
  errors: DatesErrors
  value: SetDates | null
} {
  const typed: DatesForm = {
    opensAt: field(form, 'opensAt'),
    closesAt: field(form, 'closesAt'),
    dateTimeZone: field(form, 'dateTimeZone') || UTC,
    graceMinutes: field(form, 'graceMinutes') || '0',
  }
  const errors: DatesErrors = {}
  const zone = knownTimeZone(typed.dateTimeZone)
  if (!zone) errors.dateTimeZone = 'Choose a time zone from the list.'
  const instant = (name: 'opensAt' | 'closesAt') => {
    if (typed[name] === '') return null
    const time = zone ? instantOfLocal(typed[name], zone) : null
    if (time === null && zone) errors[name] = 'A date and time, such as 2026-09-01 09:00, or empty for none.'
    return time
  }
  const opensAt = instant('opensAt')
  const closesAt = instant('closesAt')
  const grace = /^\d{1,4}$/.test(typed.graceMinutes) ? Number(typed.graceMinutes) : Number.NaN
  if (!(grace >= 0 && grace <= 1440))
    errors.graceMinutes = 'A whole number of minutes from 0 to 1440 (a day).'
  if (!errors.closesAt && !errors.opensAt && !datesInOrder({ opensAt, closesAt }))
    errors.closesAt = 'The closing date must come after the opening date.'
  if (Object.keys(errors).length > 0 || !zone) return { typed, errors, value: null }
  return {
    typed,
    errors,
    value: {
      opensAt,
      closesAt,
      graceMinutes: grace,
      dateTimeZone: opensAt === null && closesAt === null ? null : zone,
    },
  }
}
