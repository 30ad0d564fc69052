import { describe, expect, it } from 'vitest'
import { gradeAnswer } from '../../src/quiz/grade'
import { toPublicQuestion } from '../../src/quiz/public-question'
import type { Question } from '../../src/quiz/question'
import {
  applyRegradeChange,
  pointsForResponse,
  type RegradableResponse,
  type RegradeChange,
  regradeModes,
  regradeResponses,
  regradeSentence,
  summariseRegrade,
} from '../../src/quiz/regrade'
import { decodeRegradeForm, readRegradeForm, regradeFormFor } from '../../src/studio/regrade-form'
import { choiceId, everyType, multiple, numeric, ordering, single, text, trueFalse } from './fixtures'

/** The question a change leads to, failing the test when it is refused. */
function regraded(question: Question, change: RegradeChange): Question {
  const result = applyRegradeChange(question, change)
  if (!result.ok) throw new Error(result.error)
  return result.question
}

const response = (
  id: number,
  attemptId: string,
  answer: RegradableResponse['answer'],
  points: number,
  used: Partial<Pick<RegradableResponse, 'triesUsed' | 'hintsUsed' | 'penalties'>> = {},
): RegradableResponse => ({
  id,
  attemptId,
  answer,
  correct: points === 1,
  points,
  triesUsed: 1,
  hintsUsed: 0,
  penalties: { tryPenalty: 33, hintPenalty: 0 },
  ...used,
})

describe('applyRegradeChange', () => {
  it('changes the key of each type that has one', () => {
    expect(regraded(single, { mode: 'key', key: { type: 'single', answer: 'Baltic Sea' } })).toMatchObject({
      answer: 'Baltic Sea',
    })
    expect(
      regraded(multiple, { mode: 'key', key: { type: 'multiple', answer: ['Taiwan', 'Kosovo'] } }),
    ).toMatchObject({ answer: ['Taiwan', 'Kosovo'] })
    expect(regraded(trueFalse, { mode: 'key', key: { type: 'true_false', answer: true } })).toMatchObject({
      answer: true,
    })
    expect(
      regraded(numeric, { mode: 'key', key: { type: 'numeric', answer: 31, tolerance: 0 } }),
    ).toMatchObject({ answer: 31, tolerance: 0, unit: 'days' })
    expect(
      regraded(text, { mode: 'key', key: { type: 'text', answer: 'Novorossiysk', accept: ['Novo'] } }),
    ).toMatchObject({ accept: ['Novo'] })
  })

  it('adds an accepted answer to single and text questions, and full marks to any', () => {
    const accepted = regraded(single, { mode: 'accept', answer: 'Caspian Sea' })
    expect(gradeAnswer(accepted, { choice: choiceId(single, 'Caspian Sea') })).toEqual({
      correct: true,
      points: 1,
    })
    expect(gradeAnswer(accepted, { choice: choiceId(single, 'Black Sea') })).toEqual({
      correct: true,
      points: 1,
    })
    expect(gradeAnswer(accepted, { choice: choiceId(single, 'Baltic Sea') })).toEqual({
      correct: false,
      points: 0,
    })
    const variant = regraded(text, { mode: 'accept', answer: 'Novo' })
    expect(gradeAnswer(variant, { text: 'novo' }).correct).toBe(true)
    const generous = regraded(ordering, { mode: 'full_marks' })
    expect(gradeAnswer(generous, { order: [] })).toEqual({ correct: true, points: 1 })
  })

  it('drops a choice from the accepted ones when it becomes the key', () => {
    const accepted = regraded(single, { mode: 'accept', answer: 'Caspian Sea' })
    const rekeyed = regraded(accepted, { mode: 'key', key: { type: 'single', answer: 'Caspian Sea' } })
    expect(JSON.parse(JSON.stringify(rekeyed))).not.toHaveProperty('accept')
    expect(gradeAnswer(rekeyed, { choice: choiceId(single, 'Black Sea') }).correct).toBe(false)
  })

  it('refuses the same key, a choice that is not one, a mode the type lacks, and full marks twice', () => {
    expect(applyRegradeChange(single, { mode: 'key', key: { type: 'single', answer: 'Black Sea' } })).toEqual(
      {
        ok: false,
        error: 'The new key is the same as the old one.',
      },
    )
    const notAChoice = applyRegradeChange(single, { mode: 'accept', answer: 'Red Sea' })
    expect(notAChoice.ok).toBe(false)
    expect(applyRegradeChange(ordering, { mode: 'key', key: { type: 'single', answer: 'x' } }).ok).toBe(false)
    expect(applyRegradeChange(numeric, { mode: 'accept', answer: '31' }).ok).toBe(false)
    const once = regraded(trueFalse, { mode: 'full_marks' })
    expect(applyRegradeChange(once, { mode: 'full_marks' }).ok).toBe(false)
  })

  it('offers full marks to every type, a key to five, an extra answer to two', () => {
    expect(regradeModes('ordering')).toEqual(['full_marks'])
    expect(regradeModes('matching')).toEqual(['full_marks'])
    expect(regradeModes('single')).toEqual(['key', 'accept', 'full_marks'])
    expect(regradeModes('numeric')).toEqual(['key', 'full_marks'])
  })

  it('changes nothing a learner sees before answering', () => {
    const changes: [Question, RegradeChange][] = [
      [single, { mode: 'key', key: { type: 'single', answer: 'Baltic Sea' } }],
      [single, { mode: 'accept', answer: 'Caspian Sea' }],
      [multiple, { mode: 'key', key: { type: 'multiple', answer: ['Crimea'] } }],
      [numeric, { mode: 'key', key: { type: 'numeric', answer: 3, tolerance: 9 } }],
      [text, { mode: 'accept', answer: 'Novo' }],
      ...Object.values(everyType).map((question): [Question, RegradeChange] => [
        question,
        { mode: 'full_marks' },
      ]),
    ]
    for (const [question, change] of changes) {
      const options = { publicId: 'q-public', seed: 'seed' }
      expect(toPublicQuestion(regraded(question, change), options)).toEqual(
        toPublicQuestion(question, options),
      )
    }
  })
})

describe('regradeResponses and summariseRegrade', () => {
  const newKey = regraded(single, { mode: 'key', key: { type: 'single', answer: 'Baltic Sea' } })
  const responses = [
    response(1, 'passes', { choice: choiceId(single, 'Baltic Sea') }, 0),
    response(2, 'fails', { choice: choiceId(single, 'Black Sea') }, 1),
    response(3, 'same', { choice: choiceId(single, 'Caspian Sea') }, 0),
    response(4, 'open', { choice: choiceId(single, 'Baltic Sea') }, 0),
  ]
  const attempts = [
    { id: 'passes', score: 1, total: 3, completed: true, passMark: 50 },
    { id: 'fails', score: 2, total: 3, completed: true, passMark: 50 },
    { id: 'same', score: 1, total: 3, completed: true, passMark: 50 },
    { id: 'open', score: 0, total: 3, completed: false, passMark: 50 },
  ]

  it('grades each stored answer against the new key', () => {
    const changes = regradeResponses(newKey, responses)
    expect(changes.map((change) => change.after.points)).toEqual([1, 0, 0, 1])
    expect(changes[1]?.before).toEqual({ correct: true, points: 1 })
  })

  it('counts changed attempts, new passes and new fails, and leaves attempts in progress without a pass state', () => {
    const summary = summariseRegrade(attempts, regradeResponses(newKey, responses))
    expect(summary).toMatchObject({
      responses: 4,
      responsesChanged: 3,
      attemptsChanged: 3,
      nowPassing: 1,
      nowFailing: 1,
    })
    expect(summary.attempts.find((attempt) => attempt.attemptId === 'open')).toEqual({
      attemptId: 'open',
      scoreBefore: 0,
      scoreAfter: 1,
      total: 3,
      passedBefore: null,
      passedAfter: null,
    })
    expect(regradeSentence(summary)).toBe('3 attempts will change, 1 will now pass, 1 will now fail.')
    expect(regradeSentence(summary, true)).toBe('3 attempts changed, 1 now passing, 1 now failing.')
  })

  it('takes each response’s points from one function, which keeps the tries and hints the learner used', () => {
    expect(pointsForResponse({ correct: true, points: 1 }, responses[0] as RegradableResponse)).toEqual({
      correct: true,
      points: 1,
    })
    // Right on the second try with one hint, at 33% a try and 10% a hint: the regrade keeps 0.57, not 1.
    const second = response(5, 'passes', { choice: choiceId(single, 'Baltic Sea') }, 0, {
      triesUsed: 2,
      hintsUsed: 1,
      penalties: { tryPenalty: 33, hintPenalty: 10 },
    })
    expect(regradeResponses(newKey, [second])[0]?.after).toEqual({ correct: true, points: 0.57 })
    const halved = regradeResponses(newKey, responses, (grade) => ({ ...grade, points: grade.points / 2 }))
    expect(halved[0]?.after).toEqual({ correct: true, points: 0.5 })
  })
})

describe('the regrade form', () => {
  it('reads choices by position and starts from the current key', () => {
    expect(regradeFormFor(single).answer).toBe('0')
    const decoded = decodeRegradeForm(
      single,
      readRegradeForm({ mode: ['key'], answer: ['1'], reason: ['Typo'] }),
    )
    expect(decoded).toEqual({
      ok: true,
      change: { mode: 'key', key: { type: 'single', answer: 'Baltic Sea' } },
      reason: 'Typo',
    })
  })

  it('says what is missing or wrong, field by field', () => {
    const missing = decodeRegradeForm(numeric, readRegradeForm({ mode: ['key'], answer: ['many'] }))
    expect(missing).toEqual({
      ok: false,
      errors: {
        reason: 'Say why: learners read this beside their new result.',
        answer: 'Type the right number, like 1500 or 2.5.',
      },
    })
    expect(
      decodeRegradeForm(single, readRegradeForm({ mode: ['accept'], also: ['9'], reason: ['x'] })),
    ).toEqual({
      ok: false,
      errors: { also: 'Choose the answer to accept as well.' },
    })
    expect(decodeRegradeForm(ordering, readRegradeForm({ mode: ['sideways'], reason: ['x'] }))).toEqual({
      ok: false,
      errors: { mode: 'Choose how to regrade.' },
    })
  })
})
