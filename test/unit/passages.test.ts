import { describe, expect, it } from 'vitest'
import { paragraphsOf, passagesOf, sentencesOf } from '../../src/sources/passages'

describe('sentencesOf', () => {
  it('does not end a sentence at a title, an initial or a known abbreviation', () => {
    expect(sentencesOf('Mr. Smith met J. K. Rowling in the U.S. last year. Then he left.')).toEqual([
      'Mr. Smith met J. K. Rowling in the U.S. last year.',
      'Then he left.',
    ])
  })

  it('splits sentences that scraping glued together, but not a contraction', () => {
    expect(sentencesOf('Tokayev said.He didn’t.Kazakhstan refused.')).toEqual([
      'Tokayev said.',
      'He didn’t.',
      'Kazakhstan refused.',
    ])
  })

  it('keeps decimals and closing quotes with their sentence', () => {
    expect(sentencesOf('It cost $1.5 billion. “We will not,” he said. “Never.” Done!')).toEqual([
      'It cost $1.5 billion.',
      '“We will not,” he said.',
      '“Never.”',
      'Done!',
    ])
  })
})

describe('passagesOf', () => {
  it('numbers paragraphs and sentences from zero, skipping blank lines', () => {
    const text = 'First one. Second one.\r\n\r\n  Next   paragraph.\n'
    expect(paragraphsOf(text)).toEqual(['First one. Second one.', 'Next paragraph.'])
    expect(passagesOf(text)).toEqual([
      { paragraph: 0, sentence: 0, text: 'First one.' },
      { paragraph: 0, sentence: 1, text: 'Second one.' },
      { paragraph: 1, sentence: 0, text: 'Next paragraph.' },
    ])
  })
})
