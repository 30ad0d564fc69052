import { describe, expect, it } from 'vitest'
import { foldForQuoteMatch, quoteOccursIn } from '../../src/bank/quotes'

const source = `Tokayev said: “We do not recognize either Taiwan, or Kosovo, or South Ossetia, or Abkhazia.”
The pipeline carries over 80% of Kazakhstan’s total oil exports — a lifeline.
Novorossiysk, the Russian port that handles the majority of Kazakhstan's oil exports.`

describe('quoteOccursIn', () => {
  it('finds a quote copied exactly', () => {
    expect(quoteOccursIn('over 80% of Kazakhstan’s total oil exports', source)).toBe(true)
  })

  it('matches straight quote marks against curly ones, in both directions', () => {
    expect(quoteOccursIn("over 80% of Kazakhstan's total oil exports", source)).toBe(true)
    expect(quoteOccursIn('the majority of Kazakhstan’s oil exports', source)).toBe(true)
    expect(quoteOccursIn('"We do not recognize either Taiwan', source)).toBe(true)
    expect(quoteOccursIn('Abkhazia.»', source)).toBe(true)
  })

  it('matches any dash against any other', () => {
    expect(quoteOccursIn('total oil exports - a lifeline', source)).toBe(true)
    expect(quoteOccursIn('total oil exports – a lifeline', source)).toBe(true)
  })

  it('ignores line breaks and runs of spaces on either side', () => {
    expect(quoteOccursIn('or Abkhazia.” The pipeline carries', source)).toBe(true)
    expect(quoteOccursIn('  over   80%\nof  Kazakhstan’s  ', source)).toBe(true)
    expect(quoteOccursIn('a lifeline. Novorossiysk', source)).toBe(true)
  })

  it('still tells different words apart', () => {
    expect(quoteOccursIn('over 90% of Kazakhstan’s total oil exports', source)).toBe(false)
    expect(quoteOccursIn('We do not recognise either Taiwan', source)).toBe(false)
  })

  it('is case-sensitive, so a quote must keep the source’s capitals', () => {
    expect(quoteOccursIn('tokayev said', source)).toBe(false)
  })

  it('does not let a quote run words together that the source separates', () => {
    expect(quoteOccursIn('lifeline.Novorossiysk', source)).toBe(false)
  })
})

describe('foldForQuoteMatch', () => {
  it('folds quote marks, dashes and whitespace to one plain form', () => {
    expect(foldForQuoteMatch(' “Kazakhstan’s” —\n‘lifeline’ ')).toBe(`"Kazakhstan's" - 'lifeline'`)
  })
})
