import { type Answer, type AnswerOf, type AnswerParse, parseAnswer, readTypedNumber } from './answer'
import { normaliseText } from './normalise'
import { optionId } from './option-id'
import type { Question, QuestionOf, QuestionType } from './question'

/** Points are in [0, 1]; every question is worth one point. */
export type Grade = { correct: boolean; points: number }

/**
 * Parses an untrusted answer, as the learner's browser sends it (option ids
 * derived from `publicId`, see public-question.ts), checks that it refers
 * only to this question's options (an ordering must place every item once, a
 * matching must pair every left) and returns it in stored form (option ids
 * derived from the author's id, which grading, feedback and results use). A
 * failure carries a message fit to show the learner.
 */
export function readAnswer<T extends QuestionType>(
  question: QuestionOf<T>,
  raw: unknown,
  publicId: string,
): AnswerParse<T> {
  const asked = question as Question
  // A numeric answer may come as typed ("1,500"): read it as the no-JS form does.
  const input = asked.type === 'numeric' ? readTypedNumber(raw, asked.unit) : raw
  const parsed = parseAnswer(question.type as T, input)
  if (!parsed.ok) return parsed
  const stored = toStoredAnswer(question as Question, parsed.answer as Answer, publicId)
  const problem = findMismatch(question as Question, stored)
  return problem ? { ok: false, message: problem } : { ok: true, answer: stored as AnswerOf<T> }
}

/**
 * Renames the option ids a learner sent (derived from the question's learner
 * id) to the stored ones (derived from its author id), by option text. An id
 * that names no option stays unknown (`findMismatch` then says what is wrong).
 */
function toStoredAnswer(question: Question, answer: Answer, publicId: string): Answer {
  const renamer = (kind: 'choice' | 'item' | 'left' | 'right', texts: string[]) => {
    const stored = new Map(
      texts.map((text) => [optionId(publicId, kind, text), optionId(question.id, kind, text)]),
    )
    // Option ids are base 36, so an unknown id marked with '!' can never pass as a stored one.
    return (id: string) => stored.get(id) ?? `!${id}`
  }
  switch (question.type) {
    case 'single':
      return { choice: renamer('choice', question.choices)((answer as AnswerOf<'single'>).choice) }
    case 'multiple':
      return { choices: (answer as AnswerOf<'multiple'>).choices.map(renamer('choice', question.choices)) }
    case 'ordering':
      return { order: (answer as AnswerOf<'ordering'>).order.map(renamer('item', question.items)) }
    case 'matching': {
      const left = renamer(
        'left',
        question.pairs.map((pair) => pair.left),
      )
      const right = renamer(
        'right',
        question.pairs.map((pair) => pair.right),
      )
      return {
        matches: Object.fromEntries(
          Object.entries((answer as AnswerOf<'matching'>).matches).map(([l, r]) => [left(l), right(r)]),
        ),
      }
    }
    default:
      return answer
  }
}

function findMismatch(question: Question, answer: Answer): string | null {
  const ids = (kind: 'choice' | 'item' | 'left' | 'right', texts: string[]) =>
    new Set(texts.map((text) => optionId(question.id, kind, text)))
  switch (question.type) {
    case 'single': {
      const { choice } = answer as AnswerOf<'single'>
      return ids('choice', question.choices).has(choice) ? null : 'That option is not part of this question.'
    }
    case 'multiple': {
      const { choices } = answer as AnswerOf<'multiple'>
      const known = ids('choice', question.choices)
      if (new Set(choices).size !== choices.length) return 'Each option can be chosen only once.'
      return choices.every((choice) => known.has(choice)) ? null : 'That option is not part of this question.'
    }
    case 'ordering': {
      const { order } = answer as AnswerOf<'ordering'>
      const known = ids('item', question.items)
      const complete = order.length === known.size && new Set(order).size === order.length
      return complete && order.every((item) => known.has(item))
        ? null
        : 'Put every item in a different position, each exactly once.'
    }
    case 'matching': {
      const { matches } = answer as AnswerOf<'matching'>
      const lefts = ids(
        'left',
        question.pairs.map((pair) => pair.left),
      )
      const rights = ids(
        'right',
        question.pairs.map((pair) => pair.right),
      )
      const entries = Object.entries(matches)
      if (entries.length !== lefts.size || !entries.every(([left]) => lefts.has(left)))
        return 'Choose a match for every item.'
      return entries.every(([, right]) => rights.has(right))
        ? null
        : 'That option is not part of this question.'
    }
    default:
      return null
  }
}

/**
 * Grades a validated answer. Partial credit:
 * - multiple: (right picks − wrong picks) / number of right options, floored at 0,
 *   so ticking every box earns nothing;
 * - matching: share of lefts paired with their right;
 * - ordering is all or nothing (a near-miss timeline is still a wrong timeline).
 * `correct` means full marks.
 */
export function gradeAnswer(question: Question, answer: Answer): Grade {
  switch (question.type) {
    case 'single': {
      const { choice } = answer as AnswerOf<'single'>
      return all(choice === optionId(question.id, 'choice', question.answer))
    }
    case 'multiple': {
      const { choices } = answer as AnswerOf<'multiple'>
      const right = new Set(question.answer.map((text) => optionId(question.id, 'choice', text)))
      const hits = choices.filter((choice) => right.has(choice)).length
      const misses = choices.length - hits
      return partial(Math.max(0, hits - misses) / right.size)
    }
    case 'true_false':
      return all((answer as AnswerOf<'true_false'>).value === question.answer)
    case 'numeric':
      return all(
        Math.abs((answer as AnswerOf<'numeric'>).value - question.answer) <= question.tolerance + 1e-9,
      )
    case 'ordering': {
      const { order } = answer as AnswerOf<'ordering'>
      return all(question.items.every((text, index) => order[index] === optionId(question.id, 'item', text)))
    }
    case 'matching': {
      const { matches } = answer as AnswerOf<'matching'>
      const matched = question.pairs.filter(
        (pair) =>
          matches[optionId(question.id, 'left', pair.left)] === optionId(question.id, 'right', pair.right),
      ).length
      return partial(matched / question.pairs.length)
    }
    case 'text': {
      const given = normaliseText((answer as AnswerOf<'text'>).text)
      return all([question.answer, ...question.accept].some((accepted) => normaliseText(accepted) === given))
    }
  }
}

const all = (correct: boolean): Grade => ({ correct, points: correct ? 1 : 0 })
const partial = (share: number): Grade => {
  const points = Math.round(share * 100) / 100
  return { correct: points === 1, points }
}

/**
 * The correct answer as lines of text for people (feedback, review, export).
 * @example describeCorrectAnswer(matchingQuestion) // ['Tokayev → President of Kazakhstan', ...]
 */
export function describeCorrectAnswer(question: Question): string[] {
  switch (question.type) {
    case 'single':
    case 'text':
      return [question.answer]
    case 'multiple':
      return question.answer
    case 'true_false':
      return [question.answer ? 'True' : 'False']
    case 'numeric':
      return [
        `${formatNumber(question.answer, question.unit)}${question.tolerance ? ` (± ${question.tolerance} accepted)` : ''}`,
      ]
    case 'ordering':
      return question.items
    case 'matching':
      return question.pairs.map((pair) => `${pair.left} → ${pair.right}`)
  }
}

/** The learner's answer as lines of text, resolving option ids back to their texts. */
export function describeGivenAnswer(question: Question, answer: Answer): string[] {
  const textOf = (kind: 'choice' | 'item' | 'left' | 'right', texts: string[]) => {
    const byId = new Map(texts.map((text) => [optionId(question.id, kind, text), text]))
    return (id: string) => byId.get(id) ?? '(unknown option)'
  }
  switch (question.type) {
    case 'single':
      return [textOf('choice', question.choices)((answer as AnswerOf<'single'>).choice)]
    case 'multiple':
      return (answer as AnswerOf<'multiple'>).choices.map(textOf('choice', question.choices))
    case 'true_false':
      return [(answer as AnswerOf<'true_false'>).value ? 'True' : 'False']
    case 'numeric':
      return [formatNumber((answer as AnswerOf<'numeric'>).value, question.unit)]
    case 'ordering':
      return (answer as AnswerOf<'ordering'>).order.map(textOf('item', question.items))
    case 'matching': {
      const left = textOf(
        'left',
        question.pairs.map((pair) => pair.left),
      )
      const right = textOf(
        'right',
        question.pairs.map((pair) => pair.right),
      )
      return Object.entries((answer as AnswerOf<'matching'>).matches).map(
        ([l, r]) => `${left(l)} → ${right(r)}`,
      )
    }
    case 'text':
      return [(answer as AnswerOf<'text'>).text]
  }
}

function formatNumber(value: number, unit: string | undefined): string {
  const number = value.toLocaleString('en-GB', { maximumFractionDigits: 6 })
  if (!unit) return number
  return unit === '%' ? `${number}%` : `${number} ${unit}`
}
