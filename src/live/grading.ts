import type { Answer } from '../quiz/answer'
import type { Citation } from '../quiz/feedback'
import { describeCorrectAnswer, gradeAnswer, readAnswer } from '../quiz/grade'
import { optionId } from '../quiz/option-id'
import type { PublicQuestion } from '../quiz/public-question'
import type { Question } from '../quiz/question'
import { livePoints } from './points'
import type { Reveal } from './protocol'

/**
 * One question of a live session as the room keeps it: the whole question
 * (answer key included, never sent before it closes) and what players get.
 */
export type LiveItem = { question: Question; publicQuestion: PublicQuestion; citations: Citation[] }

export type LiveGrade =
  | { ok: true; answer: Answer; credit: number; correct: boolean; points: number }
  | { ok: false; message: string }

/**
 * Grades a player's answer with the quizzes' grader (same parsing, same
 * partial credit), then turns the credit into live points (points.ts).
 */
export function gradeLive(item: LiveItem, raw: unknown, elapsedMs: number, allowedMs: number): LiveGrade {
  const read = readAnswer(item.question, raw, item.publicQuestion.id)
  if (!read.ok) return read
  const { correct, points: credit } = gradeAnswer(item.question, read.answer)
  return { ok: true, answer: read.answer, credit, correct, points: livePoints(credit, elapsedMs, allowedMs) }
}

export type GradedAnswer = { answer: Answer; credit: number; correct: boolean }

/**
 * The answer bars: for single and multiple choice and true/false one bar per
 * option (how many picked it), for the other types right / partly right /
 * wrong; then those who did not answer.
 */
export function distributionOf(
  item: LiveItem,
  answers: readonly GradedAnswer[],
  players: number,
): Reveal['distribution'] {
  const { question } = item
  const bars: Reveal['distribution'] = []
  if (question.type === 'single' || question.type === 'multiple') {
    const right = new Set(Array.isArray(question.answer) ? question.answer : [question.answer])
    for (const text of question.choices) {
      const id = optionId(question.id, 'choice', text)
      const count = answers.filter(({ answer }) =>
        'choice' in answer ? answer.choice === id : 'choices' in answer && answer.choices.includes(id),
      ).length
      bars.push({ label: text, count, correct: right.has(text) })
    }
  } else if (question.type === 'true_false') {
    for (const value of [true, false])
      bars.push({
        label: value ? 'True' : 'False',
        count: answers.filter(({ answer }) => 'value' in answer && answer.value === value).length,
        correct: question.answer === value,
      })
  } else {
    const partly = answers.filter(({ credit, correct }) => credit > 0 && !correct).length
    bars.push({ label: 'Right', count: answers.filter(({ correct }) => correct).length, correct: true })
    if (partly) bars.push({ label: 'Partly right', count: partly, correct: false })
    bars.push({ label: 'Wrong', count: answers.filter(({ credit }) => credit === 0).length, correct: false })
  }
  bars.push({ label: 'No answer', count: Math.max(0, players - answers.length), correct: false })
  return bars
}

/** What every screen learns once a question closed: only now the key, with the explanation and its source. */
export function revealOf(
  item: LiveItem,
  answers: readonly GradedAnswer[],
  players: number,
  skipped: boolean,
): Reveal {
  return {
    correctAnswer: describeCorrectAnswer(item.question),
    ordered: item.question.type === 'ordering',
    explanation: item.question.explanation,
    evidence: item.citations,
    distribution: distributionOf(item, answers, players),
    skipped,
  }
}

/**
 * Whether a question is played in live rooms. Passage (cloze) questions are
 * not: filling several gaps on a phone against a shared countdown is a typing
 * race more than a question, and the projector could not show the passage and
 * the answer bars together. They stay in the set for self-paced play.
 */
export const playsLive = (question: Question): boolean => question.type !== 'cloze'
