import { describe, expect, it } from 'vitest'
import {
  analyseItem,
  answerText,
  correlationFromSums,
  discrimination,
  facility,
  mostChosenWrongAnswer,
  sumPairs,
} from '../../src/stats/item-analysis'
import { learnerLabel } from '../../src/stats/learners'
import { choiceId, multiple, single, text } from './fixtures'

describe('facility', () => {
  it('is the share of fully correct answers', () => {
    expect(facility({ n: 4, correct: 3 })).toBe(0.75)
  })

  it('is null without answers', () => {
    expect(facility({ n: 0, correct: 0 })).toBeNull()
  })
})

describe('discrimination (corrected point-biserial)', () => {
  it('correlates the points with the rest of the attempt, computed by hand', () => {
    // Item points x = 1, 1, 0, 0; attempt totals 3, 2, 1, 0 -> rest scores y = 2, 1, 1, 0.
    // Mean x 0.5, mean y 1; Σ(x−x̄)(y−ȳ) = 1, Σ(x−x̄)² = 1, Σ(y−ȳ)² = 2 -> r = 1/√2.
    const r = discrimination([
      { points: 1, attemptScore: 3, correct: true },
      { points: 1, attemptScore: 2, correct: true },
      { points: 0, attemptScore: 1, correct: false },
      { points: 0, attemptScore: 0, correct: false },
    ])
    expect(r).toBeCloseTo(Math.SQRT1_2, 10)
  })

  it('is negative when the stronger learners get the question wrong', () => {
    const r = discrimination([
      { points: 0, attemptScore: 4, correct: false },
      { points: 1, attemptScore: 1, correct: true },
    ])
    expect(r).toBeCloseTo(-1, 10)
  })

  it('handles partial credit as a Pearson correlation', () => {
    // x = 0.5, 1, 0 ; rest y = 1, 2, 0 -> perfectly linear (y = 2x).
    const r = discrimination([
      { points: 0.5, attemptScore: 1.5, correct: false },
      { points: 1, attemptScore: 3, correct: true },
      { points: 0, attemptScore: 0, correct: false },
    ])
    expect(r).toBeCloseTo(1, 10)
  })

  it('is null with fewer than two answers', () => {
    expect(discrimination([{ points: 1, attemptScore: 3, correct: true }])).toBeNull()
    expect(discrimination([])).toBeNull()
  })

  it('is null when everyone got the question right (no variance in the item)', () => {
    const r = discrimination([
      { points: 1, attemptScore: 3, correct: true },
      { points: 1, attemptScore: 1, correct: true },
    ])
    expect(r).toBeNull()
  })

  it('is null when the rest scores do not vary', () => {
    const r = discrimination([
      { points: 1, attemptScore: 2, correct: true },
      { points: 0, attemptScore: 1, correct: false },
    ])
    expect(r).toBeNull()
  })

  it('reads the same from the sums the database returns', () => {
    const sums = sumPairs([
      { points: 1, attemptScore: 3, correct: true },
      { points: 0, attemptScore: 1, correct: false },
      { points: 1, attemptScore: 2, correct: true },
    ])
    // Rest scores y = 2, 1, 1.
    expect(sums).toEqual({ n: 3, correct: 2, sumX: 2, sumY: 4, sumXX: 2, sumYY: 6, sumXY: 3 })
    // r = (3·3 − 2·4) / √((3·2 − 2²)(3·6 − 4²)) = 1 / √4
    expect(correlationFromSums(sums)).toBeCloseTo(0.5, 10)
  })
})

describe('mostChosenWrongAnswer', () => {
  const pick = (choice: string) => ({ choice: choiceId(single, choice) })

  it('names the wrong choice given most often, by its text', () => {
    expect(
      mostChosenWrongAnswer(single, [
        { answer: pick('Baltic Sea'), count: 3 },
        { answer: pick('Caspian Sea'), count: 5 },
        { answer: pick('Sea of Azov'), count: 1 },
      ]),
    ).toEqual({ text: 'Caspian Sea', count: 5 })
  })

  it('breaks ties alphabetically', () => {
    expect(
      mostChosenWrongAnswer(single, [
        { answer: pick('Sea of Azov'), count: 2 },
        { answer: pick('Baltic Sea'), count: 2 },
      ]),
    ).toEqual({ text: 'Baltic Sea', count: 2 })
  })

  it('counts the same picks in another order as one answer', () => {
    const taiwanCrimea = { choices: [choiceId(multiple, 'Taiwan'), choiceId(multiple, 'Crimea')] }
    const crimeaTaiwan = { choices: [choiceId(multiple, 'Crimea'), choiceId(multiple, 'Taiwan')] }
    const kosovo = { choices: [choiceId(multiple, 'Kosovo')] }
    expect(
      mostChosenWrongAnswer(multiple, [
        { answer: taiwanCrimea, count: 2 },
        { answer: kosovo, count: 3 },
        { answer: crimeaTaiwan, count: 2 },
      ]),
    ).toEqual({ text: 'Crimea; Taiwan', count: 4 })
  })

  it('merges typed answers that differ only in case and punctuation, showing the commonest spelling', () => {
    expect(
      mostChosenWrongAnswer(text, [
        { answer: { text: 'Moscow' }, count: 2 },
        { answer: { text: 'moscow!' }, count: 1 },
        { answer: { text: 'Astana' }, count: 2 },
      ]),
    ).toEqual({ text: 'Moscow', count: 3 })
  })

  it('is null when nobody answered wrongly', () => {
    expect(mostChosenWrongAnswer(single, [])).toBeNull()
  })
})

describe('answerText', () => {
  it('says so when nothing was chosen', () => {
    expect(answerText(multiple, { choices: [] })).toBe('(nothing chosen)')
  })
})

describe('analyseItem', () => {
  it('puts facility, discrimination and the wrong answer together, with empty sums for an unanswered question', () => {
    expect(analyseItem(single, undefined, [])).toEqual({
      questionId: single.id,
      prompt: single.prompt,
      responses: 0,
      facility: null,
      discrimination: null,
      mostChosenWrong: null,
    })
  })
})

describe('learnerLabel', () => {
  it('uses the display name, or Anonymous and the per-set pseudonym (never the learner id)', () => {
    expect(learnerLabel('kX3a9_Qm2bTz', ' Ada ')).toBe('Ada')
    expect(learnerLabel('kX3a9_Qm2bTz', null)).toBe('Anonymous kX3a9_Qm2bTz')
    expect(learnerLabel('kX3a9_Qm2bTz', '  ')).toBe('Anonymous kX3a9_Qm2bTz')
  })

  it("marks a name a course site passed into an embed as the site's word, not verified", () => {
    expect(learnerLabel('kX3a9_Qm2bTz', 'Ada', true)).toBe('Ada (named by the course site, not verified)')
    expect(learnerLabel('kX3a9_Qm2bTz', ' ', true)).toBe('Anonymous kX3a9_Qm2bTz')
  })
})
