import { describe, expect, it } from 'vitest'
import { exportQuestion } from '../../src/bank/export'
import type { Source } from '../../src/quiz/source'
import { matching, multiple, numeric, ordering, single, text, trueFalse } from './fixtures'

const sources: Source[] = [
  {
    id: 'diplomatic-courier-mikovic',
    title: 'Kazakhstan is slowly turning its back to Russia',
    outlet: 'Diplomatic Courier',
    author: 'Nikola Mikovic',
    date: '2022-07-13',
    kind: 'article',
    reliability: 'Signed analysis.',
    file: '003.txt',
  },
]

describe('exportQuestion', () => {
  it('flattens a single-choice question with its choices and correct text', () => {
    expect(exportQuestion('pipeline-and-oil', single, sources)).toEqual({
      id: single.id,
      set: 'pipeline-and-oil',
      type: 'single',
      prompt: single.prompt,
      choices: ['Black Sea', 'Baltic Sea', 'Caspian Sea', 'Sea of Azov'],
      correct: ['Black Sea'],
      explanation: single.explanation,
      tags: [],
      difficulty: 'easy',
      evidence: [
        {
          source: 'diplomatic-courier-mikovic',
          quote: single.evidence[0]?.quote,
          title: 'Kazakhstan is slowly turning its back to Russia',
          outlet: 'Diplomatic Courier',
        },
      ],
      question: single,
    })
  })

  it('lists every correct text of a multiple-choice question', () => {
    const exported = exportQuestion('spief', multiple, sources)
    expect(exported.choices).toEqual(multiple.choices)
    expect(exported.correct).toEqual(['Taiwan', 'Kosovo', 'South Ossetia', 'Abkhazia'])
  })

  it('offers True and False as the choices of a true/false question', () => {
    const exported = exportQuestion('spief', trueFalse, sources)
    expect(exported.choices).toEqual(['True', 'False'])
    expect(exported.correct).toEqual(['False'])
  })

  it('writes a numeric answer as the bare number, without unit or tolerance', () => {
    const exported = exportQuestion('pipeline-and-oil', numeric, sources)
    expect(exported.choices).toBeNull()
    expect(exported.correct).toEqual(['30'])
    expect(exportQuestion('x', { ...numeric, answer: 4253.5 }, sources).correct).toEqual(['4253.5'])
  })

  it('gives ordering items in the correct order', () => {
    const exported = exportQuestion('pipeline-and-oil', ordering, sources)
    expect(exported.choices).toEqual(ordering.items)
    expect(exported.correct).toEqual(ordering.items)
  })

  it('writes matching answers as "left → right" and offers the rights as choices', () => {
    const exported = exportQuestion('people', matching, sources)
    expect(exported.choices).toEqual(matching.pairs.map((pair) => pair.right))
    expect(exported.correct).toEqual([
      'Dosim Satpaev → Kazakh political scientist',
      "Dmitry Peskov → Putin's spokesman",
      'Bruce Pannier → Podcast guest',
      'Nikola Mikovic → Diplomatic Courier correspondent',
    ])
  })

  it('gives a text question no choices and the main answer as correct', () => {
    const exported = exportQuestion('pipeline-and-oil', text, sources)
    expect(exported.choices).toBeNull()
    expect(exported.correct).toEqual(['Novorossiysk'])
    // the accepted variants survive in the full question
    expect(exported.question).toMatchObject({ accept: ['Novorossiisk', 'port of Novorossiysk'] })
  })

  it('leaves the title and outlet null when the source is not listed', () => {
    expect(exportQuestion('pipeline-and-oil', single, []).evidence).toEqual([
      {
        source: 'diplomatic-courier-mikovic',
        quote: single.evidence[0]?.quote,
        title: null,
        outlet: null,
      },
    ])
  })

  it('carries per-choice feedback as feedback: { "<choice text>": "<text>" }, only when written', () => {
    const withFeedback = { ...single, feedback: { 'Baltic Sea': 'The Baltic is the northern route.' } }
    expect(exportQuestion('s', withFeedback, sources).feedback).toEqual({
      'Baltic Sea': 'The Baltic is the northern route.',
    })
    expect(exportQuestion('s', single, sources)).not.toHaveProperty('feedback')
  })

  it('survives JSON, so an import can restore the authored question', () => {
    for (const question of [single, multiple, trueFalse, numeric, ordering, matching, text]) {
      const exported = exportQuestion('set', question, sources)
      expect(JSON.parse(JSON.stringify(exported)).question).toEqual(question)
    }
  })
})
