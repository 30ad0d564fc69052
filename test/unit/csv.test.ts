import { describe, expect, it } from 'vitest'
import { csvCell, csvRow, defuseFormula } from '../../src/stats/csv'

describe('defuseFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1:A2)'],
    ['\tTAB'],
    ['\rCR'],
  ])('prefixes a quote to %j', (value) => {
    expect(defuseFormula(value)).toBe(`'${value}`)
  })

  it.each([
    ['Jo;=1+1', "Jo;'=1+1"],
    ['Jo,=1+1', "Jo,'=1+1"],
    ['Jo\t=1+1', "Jo\t'=1+1"],
    ['Jo\n@SUM(A1)', "Jo\n'@SUM(A1)"],
    ['Jo\r\n+1', "Jo\r\n'+1"],
    ['Jo; -1', "Jo; '-1"],
    ['a;=1;=2', "a;'=1;'=2"],
    ['=a;+b', "'=a;'+b"],
    ['a;\t=1', "a;'\t'=1"],
  ])('defuses a formula after a separator inside %j', (value, defused) => {
    expect(defuseFormula(value)).toBe(defused)
  })

  it('leaves ordinary text alone', () => {
    expect(defuseFormula('Ada = 1')).toBe('Ada = 1')
    expect(defuseFormula('a;b, c')).toBe('a;b, c')
    expect(defuseFormula('')).toBe('')
  })
})

describe('csvCell', () => {
  it('quotes every text cell and doubles the quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('"plain"')
    expect(csvCell('')).toBe('""')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"')
  })

  it('defuses a formula and then quotes it', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    )
    expect(csvCell('Jo;=1+1')).toBe(`"Jo;'=1+1"`)
  })

  it('writes numbers, booleans and missing values plainly (a negative number is data, not a formula)', () => {
    expect(csvCell(-1.5)).toBe('-1.5')
    expect(csvCell(0)).toBe('0')
    expect(csvCell(Number.NaN)).toBe('')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('keeps non-ASCII text as is', () => {
    expect(csvCell('Қазақстан — Köln')).toBe('"Қазақстан — Köln"')
  })
})

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('"a",1,,"b,c"\r\n')
  })
})
