import { describe, expect, it } from 'vitest'
import { readTypedNumber } from '../../src/quiz/answer'
import { normaliseText, parseLooseNumber } from '../../src/quiz/normalise'

describe('normaliseText', () => {
  it('folds case', () => {
    expect(normaliseText('NovoROSSIYSK')).toBe('novorossiysk')
  })

  it('strips accents and other combining marks', () => {
    expect(normaliseText('Côte Ürümqi Almaty̆')).toBe('cote urumqi almaty')
    // decomposed and precomposed forms compare equal
    expect(normaliseText('e\u0301')).toBe(normaliseText('\u00e9'))
    expect(normaliseText('İstanbul')).toBe('istanbul')
  })

  it('turns punctuation, quote marks and dashes into single spaces', () => {
    expect(normaliseText('“Port” of—Novorossiysk!?')).toBe('port of novorossiysk')
    expect(normaliseText("Putin's")).toBe(normaliseText('Putin’s'))
    expect(normaliseText('Kazakh-stan')).toBe('kazakh stan')
  })

  it('collapses and trims whitespace of every kind', () => {
    expect(normaliseText('  port\t of\n\u00a0Novorossiysk  ')).toBe('port of novorossiysk')
  })

  it('keeps letters of other scripts and digits', () => {
    expect(normaliseText('Қазақстан 2022')).toBe('қазақстан 2022')
    // й decomposes to и + breve, so Cyrillic is folded like Latin accents
    expect(normaliseText('Новороссийск')).toBe('новороссииск')
  })

  it('folds compatibility forms such as full-width letters and ligatures', () => {
    expect(normaliseText('ＯＩＬ')).toBe('oil')
    expect(normaliseText('ﬁeld')).toBe('field')
  })

  it('leaves nothing of a string that is only punctuation', () => {
    expect(normaliseText(' ?!… ')).toBe('')
  })
})

describe('parseLooseNumber', () => {
  it('reads plain integers and decimals', () => {
    expect(parseLooseNumber('80')).toBe(80)
    expect(parseLooseNumber('1.5')).toBe(1.5)
    expect(parseLooseNumber('.5')).toBe(0.5)
    expect(parseLooseNumber('0')).toBe(0)
    expect(parseLooseNumber('  42  ')).toBe(42)
  })

  it('reads negative numbers written with a hyphen or a minus sign', () => {
    expect(parseLooseNumber('-2')).toBe(-2)
    expect(parseLooseNumber('\u22122')).toBe(-2)
    expect(parseLooseNumber('-0.5')).toBe(-0.5)
  })

  it('reads commas in groups of three as thousands separators', () => {
    expect(parseLooseNumber('1,500')).toBe(1500)
    expect(parseLooseNumber('4,253')).toBe(4253)
    expect(parseLooseNumber('1,234,567.89')).toBe(1234567.89)
    expect(parseLooseNumber('-1,700')).toBe(-1700)
  })

  it('reads any other single comma as a decimal comma', () => {
    expect(parseLooseNumber('2,5')).toBe(2.5)
    expect(parseLooseNumber('7,25')).toBe(7.25)
    expect(parseLooseNumber('0,1234')).toBe(0.1234)
  })

  it('ignores spaces, non-breaking spaces and apostrophes used as digit group separators', () => {
    expect(parseLooseNumber('1 700')).toBe(1700)
    expect(parseLooseNumber('1\u00a0700')).toBe(1700)
    expect(parseLooseNumber('1\u202f700')).toBe(1700)
    expect(parseLooseNumber("1'700")).toBe(1700)
  })

  it('drops the question’s unit after the number, in any case', () => {
    expect(parseLooseNumber('300 km', 'km')).toBe(300)
    expect(parseLooseNumber('300km', 'km')).toBe(300)
    expect(parseLooseNumber('30 Days', 'days')).toBe(30)
    expect(parseLooseNumber('4,253 miles', 'miles')).toBe(4253)
    expect(parseLooseNumber('2,5 km', 'km')).toBe(2.5)
  })

  it('drops a trailing percent sign with or without a % unit', () => {
    expect(parseLooseNumber('80%')).toBe(80)
    expect(parseLooseNumber('80 %', '%')).toBe(80)
    expect(parseLooseNumber('80', '%')).toBe(80)
  })

  it('does not drop a unit the question does not have', () => {
    expect(parseLooseNumber('300 km')).toBeNull()
    expect(parseLooseNumber('300 km', 'miles')).toBeNull()
    expect(parseLooseNumber('300 miles', null)).toBeNull()
  })

  it('returns null for anything that is not a number', () => {
    for (const input of [
      '',
      '   ',
      '.',
      '-',
      'abc',
      'thirty',
      '1.5.3',
      '1,5,3',
      '12,34,567',
      '1e3',
      '0x1F',
      '+5',
      'NaN',
      'Infinity',
      '5 - 3',
      '--5',
    ])
      expect(parseLooseNumber(input), JSON.stringify(input)).toBeNull()
  })

  it('returns null for a number too large to be finite', () => {
    expect(parseLooseNumber('9'.repeat(400))).toBeNull()
  })
})

describe('readTypedNumber', () => {
  it('reads a numeric answer typed as text as the no-JS form does', () => {
    expect(readTypedNumber({ value: '1,500' })).toEqual({ value: 1500 })
    expect(readTypedNumber({ value: '4,253 miles' }, 'miles')).toEqual({ value: 4253 })
    expect(readTypedNumber({ value: '7,3 %' }, '%')).toEqual({ value: 7.3 })
  })

  it('leaves anything else as it came, for the schema to judge', () => {
    expect(readTypedNumber({ value: 'thirty' })).toEqual({ value: 'thirty' })
    expect(readTypedNumber({ value: 12 })).toEqual({ value: 12 })
    expect(readTypedNumber({ value: '1,500', extra: true })).toEqual({ value: 1500, extra: true })
    expect(readTypedNumber('1,500')).toBe('1,500')
    expect(readTypedNumber(null)).toBeNull()
  })
})
