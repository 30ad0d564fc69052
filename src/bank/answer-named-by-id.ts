import { normaliseText } from '../quiz/normalise'
import type { Question } from '../quiz/question'

/**
 * The answer text a question's id spells out, if any: ids reach the learner's
 * browser (element ids, API), so `routes-pipeline-to-baku` would give "Baku" away.
 */
export function answerNamedById(question: Question): string | null {
  const answers =
    question.type === 'single' || question.type === 'numeric'
      ? [String(question.answer)]
      : question.type === 'multiple'
        ? question.answer
        : question.type === 'text'
          ? [question.answer, ...question.accept]
          : question.type === 'cloze'
            ? question.gaps.flatMap((gap) =>
                gap.type === 'text' ? [gap.answer, ...gap.accept] : [String(gap.answer)],
              )
            : []
  const words = (value: string) => ` ${normaliseText(value.replace(/-/g, ' '))} `
  return answers.find((answer) => words(question.id).includes(words(answer))) ?? null
}
