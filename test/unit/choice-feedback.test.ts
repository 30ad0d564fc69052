import { describe, expect, it } from 'vitest'
import { buildFeedback, type Citation, feedbackOnPicks, unansweredFeedback } from '../../src/quiz/feedback'
import { gradeAnswer } from '../../src/quiz/grade'
import { type QuestionOf, questionSchema } from '../../src/quiz/question'
import { decodeQuestionForm, questionToForm } from '../../src/studio/question-form'
import { choiceId, multiple, single, trueFalse } from './fixtures'

/** The feedback's citations play no part in per-choice feedback. */
const source: Citation[] = []

const withFeedback: QuestionOf<'single'> = {
  ...single,
  feedback: { 'Baltic Sea': 'The Baltic is the northern route.', 'Black Sea': 'Novorossiysk is on it.' },
}

describe('per-choice feedback in the question model', () => {
  it('accepts feedback keyed by choice text (True / False for true/false) and refuses other keys', () => {
    expect(questionSchema.safeParse({ ...trueFalse, feedback: { True: 'No.', False: 'Yes.' } }).success).toBe(
      true,
    )
    const wrongKey = questionSchema.safeParse({ ...single, feedback: { Atlantic: 'x' } })
    expect(wrongKey.success).toBe(false)
    expect(wrongKey.error?.issues[0]?.message).toBe('feedback for "Atlantic", which is not a choice')
    expect(questionSchema.safeParse({ ...trueFalse, feedback: { true: 'x' } }).success).toBe(false)
    expect(questionSchema.safeParse({ ...single, feedback: { 'Black Sea': 'x'.repeat(501) } }).success).toBe(
      false,
    )
  })
})

describe('feedbackOnPicks and buildFeedback', () => {
  it("gives only the feedback of the learner's own picks", () => {
    const answer = { choice: choiceId(withFeedback, 'Baltic Sea') }
    const feedback = buildFeedback(withFeedback, 'p', answer, gradeAnswer(withFeedback, answer), source)
    expect(feedback.choiceFeedback).toEqual([
      { choice: 'Baltic Sea', text: 'The Baltic is the northern route.' },
    ])
    expect(JSON.stringify(feedback)).not.toContain('Novorossiysk is on it.')
  })

  it('gives the feedback of each picked choice of a multiple select, in the order picked', () => {
    const question = questionSchema.parse({
      ...multiple,
      feedback: { Crimea: 'Russia annexed it.', Taiwan: 'Yes.' },
    })
    expect(feedbackOnPicks(question, ['Crimea', 'Kosovo', 'Taiwan'])).toEqual([
      { choice: 'Crimea', text: 'Russia annexed it.' },
      { choice: 'Taiwan', text: 'Yes.' },
    ])
  })

  it('gives true/false feedback for the answer given, and none for a question left unanswered', () => {
    const question = questionSchema.parse({ ...trueFalse, feedback: { True: 'He refused.' } })
    const answer = { value: true }
    expect(
      buildFeedback(question, 'p', answer, gradeAnswer(question, answer), source).choiceFeedback,
    ).toEqual([{ choice: 'True', text: 'He refused.' }])
    expect(feedbackOnPicks(question, ['False'])).toEqual([])
    expect(unansweredFeedback(question, 'p', source).choiceFeedback).toEqual([])
  })

  it('ignores keys inherited from Object.prototype', () => {
    expect(feedbackOnPicks(single, ['constructor', 'toString'])).toEqual([])
  })
})

describe('the question form carries per-choice feedback', () => {
  it('reads feedback_<row> beside each choice and writes it back for editing', () => {
    const form = questionToForm(withFeedback)
    expect(form.feedback_2).toEqual(['The Baltic is the northern route.'])
    const decoded = decodeQuestionForm(form, 'single', withFeedback.id)
    expect(decoded.question).toEqual(withFeedback)
  })

  it('reads feedback_true and feedback_false for true/false, and leaves empty ones out', () => {
    const question = questionSchema.parse({ ...trueFalse, feedback: { False: 'Right: he refused.' } })
    const form = questionToForm(question)
    expect(form.feedback_false).toEqual(['Right: he refused.'])
    expect(form.feedback_true).toBeUndefined()
    expect(decodeQuestionForm({ ...form, feedback_true: [''] }, 'true_false', question.id).question).toEqual(
      question,
    )
  })

  it('puts a feedback error next to its row', () => {
    const form = { ...questionToForm(single), feedback_3: ['x'.repeat(501)] }
    const decoded = decodeQuestionForm(form, 'single', single.id)
    expect(decoded.errors).toHaveProperty('feedback_3')
  })
})
