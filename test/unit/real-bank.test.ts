import { describe, expect, inject, it } from 'vitest'
import { answerFromForm, fieldName } from '../../src/quiz/answer-form'
import { describeCorrectAnswer, describeGivenAnswer, gradeAnswer, readAnswer } from '../../src/quiz/grade'
import { type Option, type PublicQuestion, toPublicQuestion } from '../../src/quiz/public-question'
import type { Question } from '../../src/quiz/question'

/**
 * Properties every authored question must have, checked over the real bank in
 * questions/ (loaded and validated by vitest.config.ts): what the form posts
 * for the right answer grades as full marks, and the public form leaks nothing.
 */
const bank = inject('bank')
const questions = bank.sets.flatMap((set) => set.questions)

function idOf(options: Option[], text: string): string {
  const option = options.find((candidate) => candidate.text === text)
  if (!option) throw new Error(`no option "${text}"`)
  return option.id
}

/** The form fields a learner who knows the answer would submit. */
function correctForm(question: Question, shown: PublicQuestion): Record<string, string[]> {
  switch (question.type) {
    case 'single':
      return shown.type === 'single' ? { [fieldName.choice]: [idOf(shown.choices, question.answer)] } : {}
    case 'multiple':
      return shown.type === 'multiple'
        ? { [fieldName.choice]: question.answer.map((answer) => idOf(shown.choices, answer)) }
        : {}
    case 'true_false':
      return { [fieldName.choice]: [String(question.answer)] }
    case 'numeric':
      // typed the way the answer is displayed, unit and thousands separators included
      return { [fieldName.value]: describeGivenAnswer(question, { value: question.answer }) }
    case 'ordering':
      return shown.type === 'ordering'
        ? Object.fromEntries(
            question.items.map((item, index) => [
              fieldName.position(idOf(shown.items, item)),
              [String(index + 1)],
            ]),
          )
        : {}
    case 'matching':
      return shown.type === 'matching'
        ? Object.fromEntries(
            question.pairs.map((pair) => [
              fieldName.match(idOf(shown.lefts, pair.left)),
              [idOf(shown.rights, pair.right)],
            ]),
          )
        : {}
    case 'text':
      return { [fieldName.text]: [question.answer] }
    case 'cloze':
      return shown.type === 'cloze'
        ? Object.fromEntries(
            question.gaps.map((gap, index) => {
              const sent = shown.gaps[index]
              const value =
                gap.type === 'choice' && sent?.kind === 'choice'
                  ? idOf(sent.choices, gap.answer)
                  : String(gap.answer)
              return [fieldName.gap(index + 1), [value]]
            }),
          )
        : {}
  }
}

describe('the real question bank', () => {
  it('has questions of every type', () => {
    expect(new Set(questions.map((question) => question.type)).size).toBe(8)
  })

  it.each(questions.map((question) => [question.id, question] as const))(
    '%s earns full marks when answered correctly through the form',
    (_id, question) => {
      const shown = toPublicQuestion(question, { publicId: question.id, seed: 'attempt-under-test' })
      const fields = correctForm(question, shown)
      const reading = answerFromForm(shown, (name) => fields[name] ?? [])
      expect(reading.ok).toBe(true)
      if (!reading.ok) return
      const checked = readAnswer(question, JSON.parse(JSON.stringify(reading.answer)), question.id)
      expect(checked.ok).toBe(true)
      if (!checked.ok) return
      expect(gradeAnswer(question, checked.answer)).toEqual({ correct: true, points: 1 })
    },
  )

  it.each(questions.map((question) => [question.id, question] as const))(
    '%s shows nothing of its answer key before it is answered',
    (_id, question) => {
      const json = JSON.stringify(
        toPublicQuestion(question, { publicId: question.id, seed: 'attempt-under-test' }),
      )
      expect(json).not.toContain(question.explanation)
      for (const cited of question.evidence) expect(json).not.toContain(cited.quote)
      expect(json).not.toMatch(/"(answer|accept|tolerance|correct|pairs|evidence|explanation)"/)
      if (question.type === 'text')
        for (const accepted of [question.answer, ...question.accept])
          expect(json.toLowerCase()).not.toContain(`"${accepted.toLowerCase()}"`)
      expect(describeCorrectAnswer(question).length).toBeGreaterThan(0)
    },
  )
})
