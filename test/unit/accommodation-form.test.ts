import { describe, expect, it } from 'vitest'
import { checkAccommodation, describeAccommodation } from '../../src/studio/accommodation-form'
import { checkDates, datesFormOf } from '../../src/studio/set-dates-form'

describe('the accommodation form', () => {
  it('reads "1.5x" and "1,5" as time and a half, and a closing date in the chosen zone', () => {
    for (const typed of ['1.5x', '1,5', '1.5×']) {
      const { value } = checkAccommodation({ who: ['code'], timeMultiplier: [typed], note: ['A'] })
      expect(value?.timeMultiplier).toBe(1.5)
    }
    const { value } = checkAccommodation({
      who: ['abc'],
      closesAt: ['2099-01-05T14:30'],
      dateTimeZone: ['Asia/Almaty'],
      note: ['B'],
    })
    expect(value).toMatchObject({ who: 'abc', closesAt: Date.UTC(2099, 0, 5, 9, 30), extraAttempts: 0 })
  })

  it('refuses one that grants nothing, or has no note or learner', () => {
    expect(checkAccommodation({ who: ['code'], note: ['C'] }).errors.form).toMatch(/Grant at least one thing/)
    const { errors } = checkAccommodation({ extraAttempts: ['1'] })
    expect(Object.keys(errors).sort()).toEqual(['note', 'who'])
  })

  it('says what it grants', () => {
    expect(
      describeAccommodation(
        { timeMultiplier: 2, extraMinutes: 5, extraAttempts: 2, closesAt: 0 },
        () => 'then',
      ),
    ).toEqual(['2 × the time', '5 extra minutes', '2 extra attempts', 'closes for them on then'])
  })
})

describe('the dates of the settings form', () => {
  it('round-trips dates through the zone they were entered in', () => {
    const { value } = checkDates({
      opensAt: ['2099-07-01T09:00'],
      closesAt: ['2099-07-08T17:30'],
      dateTimeZone: ['Europe/Paris'],
      graceMinutes: ['15'],
    })
    if (!value) throw new Error('refused')
    expect(value.opensAt).toBe(Date.UTC(2099, 6, 1, 7, 0))
    expect(datesFormOf(value, 'UTC')).toEqual({
      opensAt: '2099-07-01T09:00',
      closesAt: '2099-07-08T17:30',
      dateTimeZone: 'Europe/Paris',
      graceMinutes: '15',
    })
  })

  it('keeps no zone when there are no dates, and shows the browser’s then', () => {
    const { value } = checkDates({ dateTimeZone: ['Europe/Paris'] })
    expect(value).toEqual({ opensAt: null, closesAt: null, graceMinutes: 0, dateTimeZone: null })
    if (value) expect(datesFormOf(value, 'Asia/Almaty').dateTimeZone).toBe('Asia/Almaty')
  })
})
