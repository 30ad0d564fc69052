import { describe, expect, inject, it } from 'vitest'
import { exportQuestion } from '../../src/bank/export'
import { allValid } from '../../src/bank/import-item'
import { parseCitedJson } from '../../src/bank/import-json'
import { parseGift } from '../../src/gift/gift-parse'
import { serialiseGift, serialiseQuestion } from '../../src/gift/gift-serialise'
import { type Question, questionTypes } from '../../src/quiz/question'

const bank = inject('bank')
const questions = bank.sets.flatMap((set) => set.questions)

/**
 * GIFT cannot say in which order the right answers of a multiple select were
 * listed (only which choices are right), so the comparison sorts them.
 */
function comparable(question: Question): Question {
  return question.type === 'multiple' ? { ...question, answer: [...question.answer].sort() } : question
}

describe('GIFT round trip over the real bank', () => {
  it('covers every question type', () => {
    expect(new Set(questions.map((question) => question.type))).toEqual(new Set(questionTypes))
  })

  for (const question of questions)
    it(`keeps every field of ${question.type} question ${question.id}`, () => {
      const items = parseGift(serialiseQuestion(question))
      expect(items).toHaveLength(1)
      expect(items[0]?.errors).toEqual([])
      expect(comparable(items[0]?.question as Question)).toEqual(comparable(question))
    })

  it('reads a whole exported set back, in order', () => {
    for (const set of bank.sets) {
      const items = parseGift(serialiseGift(set, set.questions))
      expect(allValid(items)).toBe(true)
      expect(items.map((item) => item.question?.id)).toEqual(set.questions.map((question) => question.id))
    }
  })
})

describe('Cited JSON round trip over the real bank', () => {
  it('reads the questions:export format back field for field', () => {
    const exported = bank.sets.flatMap((set) =>
      set.questions.map((question) => exportQuestion(set.slug, question, bank.sources)),
    )
    const items = parseCitedJson(JSON.stringify(exported))
    expect(allValid(items)).toBe(true)
    expect(items.map((item) => item.question)).toEqual(questions)
  })

  it('names the item of each error, counting from 1', () => {
    const [good] = questions
    const items = parseCitedJson(
      JSON.stringify([{ question: good }, { question: { ...good, prompt: '' } }, { nothing: true }]),
    )
    expect(items.map((item) => item.errors.length > 0)).toEqual([false, true, true])
    expect(items[1]?.errors).toEqual(['item 2: prompt: must not be empty'])
    expect(items[2]?.errors[0]).toMatch(/^item 3: /)
  })

  it('refuses what is not JSON or not an array', () => {
    expect(parseCitedJson('{oops')[0]?.errors[0]).toMatch(/^This is not valid JSON/)
    expect(parseCitedJson('{"question": {}}')[0]?.errors).toEqual([
      'Cited JSON is an array of questions, as the JSON export writes it.',
    ])
  })
})
