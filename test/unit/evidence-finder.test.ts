import { describe, expect, it } from 'vitest'
import { rankPassages, termsOf } from '../../src/sources/evidence-finder'
import { contextOf, locateQuote, textOfPassages } from '../../src/sources/passage-context'
import { passagesOf } from '../../src/sources/passages'
import { matchSeedTexts } from '../../src/sources/seed-texts'

const article = [
  'Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.',
  'The pipeline ends at the Russian port of Novorossiysk on the Black Sea.',
  'In July a Russian court ordered the pipeline to stop for 30 days.',
  'Tokayev said Kazakhstan does not recognise Luhansk and Donetsk.',
].join('\n')

describe('termsOf', () => {
  it('folds case, accents, thousands separators, plurals and stop words', () => {
    expect(termsOf("The Pipelines of Kazakhstan's 1,500 Tokáyev")).toEqual([
      'pipeline',
      'kazakhstan',
      '1500',
      'tokayev',
    ])
  })
})

describe('rankPassages', () => {
  const passages = passagesOf(article)

  it('puts the passage naming the answer first', () => {
    const [best] = rankPassages(passages, {
      answer: ['Novorossiysk'],
      prompt: 'Where does the pipeline end?',
    })
    expect(best?.text).toContain('Novorossiysk')
    expect(best).toMatchObject({ paragraph: 1, sentence: 0 })
  })

  it('weighs answer words above prompt words', () => {
    const ranked = rankPassages(passages, {
      answer: ['30'],
      prompt: 'How long did Kazakhstan stop the pipeline?',
    })
    expect(ranked[0]?.text).toContain('30 days')
  })

  it('leaves out passages sharing no word with the question, and honours the limit', () => {
    expect(rankPassages(passages, { answer: ['Mongolia'], prompt: 'Which steppe?' })).toEqual([])
    expect(rankPassages(passages, { answer: ['pipeline'], prompt: '' }, 2)).toHaveLength(2)
  })
})

describe('locateQuote and contextOf', () => {
  const passages = passagesOf(article)

  it('finds the passage a quote starts in, folding quote marks and spaces', () => {
    expect(locateQuote(passages, 'the Russian  port of Novorossiysk')).toEqual({ paragraph: 1, sentence: 0 })
    expect(locateQuote(passages, 'a quote from nowhere')).toBeNull()
    expect(textOfPassages(passages)).toContain('Black Sea. In July')
  })

  it('gives the sentence before and after', () => {
    const context = contextOf(passages, { paragraph: 1, sentence: 0 })
    expect(context?.before?.text).toContain('Caspian Pipeline')
    expect(context?.after?.text).toContain('30 days')
    expect(contextOf(passages, { paragraph: 0, sentence: 0 })?.before).toBeNull()
    expect(contextOf(passages, { paragraph: 9, sentence: 0 })).toBeNull()
  })
})

describe('matchSeedTexts', () => {
  it('maps each source to the file holding most of its quotes, whatever the file is called', () => {
    const files = [
      { name: '001.txt', text: 'Oil flows west. Pipes are long.' },
      { name: '002.txt', text: 'Tokayev spoke at the forum.' },
    ]
    const matched = matchSeedTexts(
      [
        { source: 'courier', quote: 'Oil flows west.' },
        { source: 'courier', quote: 'Pipes are long.' },
        { source: 'blog', quote: 'Tokayev spoke' },
        { source: 'missing', quote: 'Not in any file' },
      ],
      files,
    )
    expect(matched.get('courier')?.name).toBe('001.txt')
    expect(matched.get('blog')?.name).toBe('002.txt')
    expect(matched.has('missing')).toBe(false)
  })
})
