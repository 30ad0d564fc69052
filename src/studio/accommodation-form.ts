import type { Submitted } from '../components/question-fields'
import { instantOfLocal, knownTimeZone, UTC } from '../learning/time-zone'
import type { Accommodation } from '../quiz/availability'
import { field } from './form-fields'

/** The value of the "who" radio for a learner who has not started yet: a code is made for them. */
export const NEW_CODE = 'code'

/** The accommodation form as typed, so a refused form comes back as it was. */
export type AccommodationForm = {
  /** A learner's per-set pseudonym (their id never leaves their cookie), or `code`. */
  who: string
  timeMultiplier: string
  extraMinutes: string
  extraAttempts: string
  closesAt: string
  dateTimeZone: string
  note: string
}
export type AccommodationErrors = Partial<Record<keyof AccommodationForm | 'form', string>>

export type AccommodationInput = Accommodation & { who: string; note: string }

export const emptyAccommodationForm = (zone: string, who = ''): AccommodationForm => ({
  who,
  timeMultiplier: '',
  extraMinutes: '',
  extraAttempts: '',
  closesAt: '',
  dateTimeZone: zone,
  note: '',
})

/**
 * Reads the form: a multiplier from 1 to 4 (1.5 is "time and a half"),
 * minutes from 1 to 600, extra attempts from 0 to 20, a closing date in the
 * chosen zone, and a note saying whom it is for. At least one of them must grant something.
 */
export function checkAccommodation(form: Submitted): {
  typed: AccommodationForm
  errors: AccommodationErrors
  value: AccommodationInput | null
} {
  const typed: AccommodationForm = {
    who: field(form, 'who'),
    timeMultiplier: field(form, 'timeMultiplier').replace(/[x×]$/i, '').replace(',', '.'),
    extraMinutes: field(form, 'extraMinutes'),
    extraAttempts: field(form, 'extraAttempts'),
    closesAt: field(form, 'closesAt'),
    dateTimeZone: field(form, 'dateTimeZone') || UTC,
    note: field(form, 'note').slice(0, 400),
  }
  const errors: AccommodationErrors = {}
  if (!typed.who) errors.who = 'Choose the learner, or make a code for someone who has not started yet.'
  const number = (text: string, min: number, max: number, whole: boolean): number | null | undefined => {
    if (text === '') return null
    const value = Number(text)
    return Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value))
      ? value
      : undefined
  }
  const timeMultiplier = number(typed.timeMultiplier, 1, 4, false)
  if (timeMultiplier === undefined) errors.timeMultiplier = 'A number from 1 to 4, such as 1.5, or empty.'
  const extraMinutes = number(typed.extraMinutes, 1, 600, true)
  if (extraMinutes === undefined) errors.extraMinutes = 'A whole number of minutes from 1 to 600, or empty.'
  const extraAttempts = number(typed.extraAttempts, 0, 20, true)
  if (extraAttempts === undefined) errors.extraAttempts = 'A whole number from 0 to 20, or empty.'
  const zone = knownTimeZone(typed.dateTimeZone)
  if (!zone) errors.dateTimeZone = 'Choose a time zone from the list.'
  let closesAt: number | null = null
  if (typed.closesAt !== '' && zone) {
    closesAt = instantOfLocal(typed.closesAt, zone)
    if (closesAt === null) errors.closesAt = 'A date and time, such as 2026-09-01 09:00, or empty.'
  }
  if (!typed.note) errors.note = 'Say whom this is for (a name the class list has), so you can find it again.'
  if (
    Object.keys(errors).length === 0 &&
    timeMultiplier === null &&
    extraMinutes === null &&
    !extraAttempts &&
    closesAt === null
  )
    errors.form = 'Grant at least one thing: extra time, extra attempts or a later closing date.'
  if (Object.keys(errors).length > 0) return { typed, errors, value: null }
  return {
    typed,
    errors,
    value: {
      who: typed.who,
      note: typed.note,
      timeMultiplier: timeMultiplier === 1 ? null : (timeMultiplier ?? null),
      extraMinutes: extraMinutes ?? null,
      extraAttempts: extraAttempts ?? 0,
      closesAt,
    },
  }
}

/**
 * What an accommodation grants, in words.
 * @example describeAccommodation({ timeMultiplier: 1.5, extraMinutes: null, extraAttempts: 1, closesAt: null }) // ['1.5 × the time', '1 extra attempt']
 */
export function describeAccommodation(
  accommodation: Accommodation,
  formatTime: (time: number) => string,
): string[] {
  const parts: string[] = []
  if (accommodation.timeMultiplier !== null) parts.push(`${accommodation.timeMultiplier} × the time`)
  if (accommodation.extraMinutes !== null) parts.push(`${accommodation.extraMinutes} extra minutes`)
  if (accommodation.extraAttempts > 0)
    parts.push(
      accommodation.extraAttempts === 1 ? '1 extra attempt' : `${accommodation.extraAttempts} extra attempts`,
    )
  if (accommodation.closesAt !== null) parts.push(`closes for them on ${formatTime(accommodation.closesAt)}`)
  return parts
}
