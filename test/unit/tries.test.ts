import { describe, expect, it } from 'vitest'
import { questionSchema } from '../../src/quiz/question'
import { canonicalAnswer, itemHints, tryAgainOf, tryAgainText } from '../../src/quiz/tries'
import { choiceId, single } from './fixtures'

const hinted = questionSchema.parse({ ...single, hints: ['First.', 'Second.', 'Third.'] })

describe('itemHints', () => {
  it('gives only the revealed hints, in order, with the total and the cost', () => {
    expect(itemHints(hinted, [], 10)).toEqual({ revealed: [], total: 3, cost: 10 })
    expect(itemHints(hinted, [1, 0, 1], 0)).toEqual({ revealed: ['First.', 'Second.'], total: 3, cost: 0 })
  })

  it('skips indexes the question no longer has (edited since)', () => {
    expect(itemHints(single, [0], 5)).toEqual({ revealed: [], total: 0, cost: 5 })
  })
})

describe('canonicalAnswer', () => {
  it('is the same text whatever the order of the keys', () => {
    expect(canonicalAnswer({ matches: { b: 'x', a: 'y' } })).toBe(
      canonicalAnswer({ matches: { a: 'y', b: 'x' } }),
    )
  })

  it('keeps the order of lists (an ordering answer is its order)', () => {
    expect(canonicalAnswer({ order: ['a', 'b'] })).not.toBe(canonicalAnswer({ order: ['b', 'a'] }))
  })
})

describe('tryAgainOf', () => {
  it('names the pick and its feedback, never the key', () => {
    const withFeedback = questionSchema.parse({
      ...single,
      feedback: { 'Baltic Sea': 'The northern route.', 'Black Sea': 'Right.' },
    })
    const tryAgain = tryAgainOf(withFeedback, { choice: choiceId(single, 'Baltic Sea') }, 2)
    expect(tryAgain).toEqual({
      triesLeft: 2,
      yourAnswer: ['Baltic Sea'],
      choiceFeedback: [{ choice: 'Baltic Sea', text: 'The northern route.' }],
    })
    expect(JSON.stringify(tryAgain)).not.toContain('Black Sea')
  })

  it('says how many tries are left', () => {
    expect(tryAgainText(2)).toBe('Not quite: try again (2 tries left)')
    expect(tryAgainText(1)).toBe('Not quite: try again (1 try left)')
  })
})
