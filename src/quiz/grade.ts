import { type Answer, type AnswerOf, type AnswerParse, parseAnswer, readTypedNumber } from './answer'
import { gapKind, gapLabel, gapResults } from './cloze'
import { normaliseText, parseLooseNumber } from './normalise'
import { type OptionKind, optionId } from './option-id'
import type { Question, QuestionOf, QuestionType } from './question'

/** Points are in [0, 1]; every question is worth one point. */
export type Grade = { correct: boolean; points: number }

/** Everything grading knows about one question type, typed for that type's questions and answers. */
type Grader<T extends QuestionType> = {
  type: T
  /** Prepares the raw input before it is parsed (a numeric answer may come as typed text). */
  prepare?(question: QuestionOf<T>, raw: unknown): unknown
  /**
   * Renames the option ids a learner sent (derived from the question's learner
   * id) to the stored ones (derived from its author id), by option text. An id
   * that names no option stays unknown (`mismatch` then says what is wrong).
   */
  toStored?(question: QuestionOf<T>, answer: AnswerOf<T>, publicId: string): AnswerOf<T>
  /** What is wrong with a parsed answer that names options this question lacks, or null. */
  mismatch?(question: QuestionOf<T>, answer: AnswerOf<T>): string | null
  grade(question: QuestionOf<T>, answer: AnswerOf<T>): Grade
  describeCorrect(question: QuestionOf<T>): string[]
  describeGiven(question: QuestionOf<T>, answer: AnswerOf<T>): string[]
}

/** Maps a learner's option ids to stored ones; an unknown id is marked so it never passes as stored. */
function renamer(question: Question, publicId: string, kind: OptionKind, texts: string[]) {
  const stored = new Map(
    texts.map((text) => [optionId(publicId, kind, text), optionId(question.id, kind, text)]),
  )
  // Option ids are base 36, so an unknown id marked with '!' can never pass as a stored one.
  return (id: string) => stored.get(id) ?? `!${id}`
}

/** The stored option ids of a question's options of one kind. */
function idsOf(question: Question, kind: OptionKind, texts: string[]): Set<string> {
  return new Set(texts.map((text) => optionId(question.id, kind, text)))
}

/** Resolves stored option ids back to their texts. */
function textOf(question: Question, kind: OptionKind, texts: string[]) {
  const byId = new Map(texts.map((text) => [optionId(question.id, kind, text), text]))
  return (id: string) => byId.get(id) ?? '(unknown option)'
}

const lefts = (question: QuestionOf<'matching'>) => question.pairs.map((pair) => pair.left)
const rights = (question: QuestionOf<'matching'>) => question.pairs.map((pair) => pair.right)

const NOT_AN_OPTION = 'That option is not part of this question.'

const all = (correct: boolean): Grade => ({ correct, points: correct ? 1 : 0 })
const partial = (share: number): Grade => {
  const points = Math.round(share * 100) / 100
  return { correct: points === 1, points }
}

// Made once: toLocaleString builds a new formatter on every call (about 15 µs against 0.4).
const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 })

function formatNumber(value: number, unit: string | undefined): string {
  const number = numberFormat.format(value)
  if (!unit) return number
  return unit === '%' ? `${number}%` : `${number} ${unit}`
}

/**
 * Partial credit:
 * - multiple: (right picks − wrong picks) / number of right options, floored at 0,
 *   so ticking every box earns nothing;
 * - matching: share of lefts paired with their right;
 * - cloze: share of gaps filled rightly;
 * - ordering is all or nothing (a near-miss timeline is still a wrong timeline).
 * `correct` means full marks.
 */
const graders: { [T in QuestionType]: Grader<T> } = {
  single: {
    type: 'single',
    toStored: (question, { choice }, publicId) => ({
      choice: renamer(question, publicId, 'choice', question.choices)(choice),
    }),
    mismatch: (question, { choice }) =>
      idsOf(question, 'choice', question.choices).has(choice) ? null : NOT_AN_OPTION,
    grade: (question, { choice }) =>
      all(
        [question.answer, ...(question.accept ?? [])].some(
          (accepted) => choice === optionId(question.id, 'choice', accepted),
        ),
      ),
    describeCorrect: (question) => [question.answer, ...(question.accept ?? [])],
    describeGiven: (question, { choice }) => [textOf(question, 'choice', question.choices)(choice)],
  },
  multiple: {
    type: 'multiple',
    toStored: (question, { choices }, publicId) => ({
      choices: choices.map(renamer(question, publicId, 'choice', question.choices)),
    }),
    mismatch: (question, { choices }) => {
      const known = idsOf(question, 'choice', question.choices)
      if (new Set(choices).size !== choices.length) return 'Each option can be chosen only once.'
      return choices.every((choice) => known.has(choice)) ? null : NOT_AN_OPTION
    },
    grade: (question, { choices }) => {
      const right = idsOf(question, 'choice', question.answer)
      const hits = choices.filter((choice) => right.has(choice)).length
      const misses = choices.length - hits
      return partial(Math.max(0, hits - misses) / right.size)
    },
    describeCorrect: (question) => question.answer,
    describeGiven: (question, { choices }) => choices.map(textOf(question, 'choice', question.choices)),
  },
  true_false: {
    type: 'true_false',
    grade: (question, { value }) => all(value === question.answer),
    describeCorrect: (question) => [question.answer ? 'True' : 'False'],
    describeGiven: (_question, { value }) => [value ? 'True' : 'False'],
  },
  numeric: {
    type: 'numeric',
    // A numeric answer may come as typed ("1,500"): read it as the no-JS form does.
    prepare: (question, raw) => readTypedNumber(raw, question.unit),
    grade: (question, { value }) => all(Math.abs(value - question.answer) <= question.tolerance + 1e-9),
    describeCorrect: (question) => [
      `${formatNumber(question.answer, question.unit)}${question.tolerance ? ` (± ${question.tolerance} accepted)` : ''}`,
    ],
    describeGiven: (question, { value }) => [formatNumber(value, question.unit)],
  },
  ordering: {
    type: 'ordering',
    toStored: (question, { order }, publicId) => ({
      order: order.map(renamer(question, publicId, 'item', question.items)),
    }),
    mismatch: (question, { order }) => {
      const known = idsOf(question, 'item', question.items)
      const complete = order.length === known.size && new Set(order).size === order.length
      return complete && order.every((item) => known.has(item))
        ? null
        : 'Put every item in a different position, each exactly once.'
    },
    grade: (question, { order }) =>
      all(question.items.every((text, index) => order[index] === optionId(question.id, 'item', text))),
    describeCorrect: (question) => question.items,
    describeGiven: (question, { order }) => order.map(textOf(question, 'item', question.items)),
  },
  matching: {
    type: 'matching',
    toStored: (question, { matches }, publicId) => {
      const left = renamer(question, publicId, 'left', lefts(question))
      const right = renamer(question, publicId, 'right', rights(question))
      return { matches: Object.fromEntries(Object.entries(matches).map(([l, r]) => [left(l), right(r)])) }
    },
    mismatch: (question, { matches }) => {
      const known = idsOf(question, 'left', lefts(question))
      const entries = Object.entries(matches)
      if (entries.length !== known.size || !entries.every(([left]) => known.has(left)))
        return 'Choose a match for every item.'
      const answers = idsOf(question, 'right', rights(question))
      return entries.every(([, right]) => answers.has(right)) ? null : NOT_AN_OPTION
    },
    grade: (question, { matches }) => {
      const matched = question.pairs.filter(
        (pair) =>
          matches[optionId(question.id, 'left', pair.left)] === optionId(question.id, 'right', pair.right),
      ).length
      return partial(matched / question.pairs.length)
    },
    describeCorrect: (question) => question.pairs.map((pair) => `${pair.left} → ${pair.right}`),
    describeGiven: (question, { matches }) => {
      const left = textOf(question, 'left', lefts(question))
      const right = textOf(question, 'right', rights(question))
      return Object.entries(matches).map(([l, r]) => `${left(l)} → ${right(r)}`)
    },
  },
  text: {
    type: 'text',
    grade: (question, { text }) => {
      const given = normaliseText(text)
      return all([question.answer, ...question.accept].some((accepted) => normaliseText(accepted) === given))
    },
    describeCorrect: (question) => [question.answer],
    describeGiven: (_question, { text }) => [text],
  },
  cloze: {
    type: 'cloze',
    // Numeric gaps may come as typed ("1,500"): read them as the no-JS form does.
    prepare: (question, raw) => {
      if (!raw || typeof raw !== 'object' || !('gaps' in raw) || !Array.isArray(raw.gaps)) return raw
      const gaps = raw.gaps.map((value: unknown, index) =>
        question.gaps[index]?.type === 'numeric' && typeof value === 'string' && value.length <= 64
          ? (parseLooseNumber(value) ?? value)
          : value,
      )
      return { ...raw, gaps }
    },
    toStored: (question, { gaps }, publicId) => ({
      gaps: gaps.map((value, index) => {
        const gap = question.gaps[index]
        if (gap?.type !== 'choice' || typeof value !== 'string') return value
        return renamer(question, publicId, gapKind(index + 1), gap.choices)(value)
      }),
    }),
    mismatch: (question, { gaps }) => {
      const count = question.gaps.length
      if (gaps.length !== count)
        return `This passage has ${count} gap${count === 1 ? '' : 's'}: give one answer per gap (${gaps.length} given).`
      for (const [index, gap] of question.gaps.entries()) {
        const value = gaps[index]
        const label = gapLabel(index + 1, count)
        if (gap.type === 'numeric' && typeof value !== 'number')
          return `Type a number in ${label}, like 42 or 3.5.`
        if (gap.type === 'text' && (typeof value !== 'string' || value === '')) return `Fill in ${label}.`
        if (
          gap.type === 'choice' &&
          !(typeof value === 'string' && idsOf(question, gapKind(index + 1), gap.choices).has(value))
        )
          return `Choose one of the options in ${label}.`
      }
      return null
    },
    grade: (question, answer) => {
      const results = gapResults(question, answer)
      return partial(results.filter(Boolean).length / results.length)
    },
    describeCorrect: (question) =>
      question.gaps.map((gap, index) => {
        const key =
          gap.type === 'numeric'
            ? `${formatNumber(gap.answer, undefined)}${gap.tolerance ? ` (± ${gap.tolerance} accepted)` : ''}`
            : gap.answer
        return `Gap ${index + 1}: ${key}`
      }),
    describeGiven: (question, answer) => {
      const results = gapResults(question, answer)
      return question.gaps.map((gap, index) => {
        const value = answer.gaps[index]
        const given =
          value === undefined
            ? '(empty)'
            : gap.type === 'choice'
              ? textOf(question, gapKind(index + 1), gap.choices)(String(value))
              : typeof value === 'number'
                ? formatNumber(value, undefined)
                : value
        return `Gap ${index + 1}: ${given} (${results[index] ? 'right' : 'wrong'})`
      })
    },
  },
}

/**
 * The grader of a question's type: the one place where a question meets the
 * table. `graders[question.type]` is the grader for exactly this question's
 * type by construction of the table. A caller holding a plain `Question` gets
 * the grader for `QuestionType`, which takes any `Answer` (method parameters
 * are checked loosely): answers reaching grading were read by `readAnswer` for
 * this very question, or stored after it, so their shape fits the question.
 */
function graderFor<T extends QuestionType>(question: QuestionOf<T>): Grader<T> {
  return graders[question.type]
}

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
  const grader = graderFor(question)
  const parsed = parseAnswer(grader.type, grader.prepare ? grader.prepare(question, raw) : raw)
  if (!parsed.ok) return parsed
  const stored = grader.toStored ? grader.toStored(question, parsed.answer, publicId) : parsed.answer
  const problem = grader.mismatch?.(question, stored) ?? null
  return problem ? { ok: false, message: problem } : { ok: true, answer: stored }
}

/**
 * Grades a validated answer (see the table above for partial credit).
 * `correct` means full marks.
 */
export function gradeAnswer(question: Question, answer: Answer): Grade {
  // A regrade that gave everyone full marks (src/quiz/regrade.ts) overrides the key.
  if (question.fullMarks) return all(true)
  return graderFor(question).grade(question, answer)
}

/**
 * The correct answer as lines of text for people (feedback, review, export).
 * @example describeCorrectAnswer(matchingQuestion) // ['Tokayev → President of Kazakhstan', ...]
 */
export function describeCorrectAnswer(question: Question): string[] {
  return graderFor(question).describeCorrect(question)
}

/** The learner's answer as lines of text, resolving option ids back to their texts. */
export function describeGivenAnswer(question: Question, answer: Answer): string[] {
  return graderFor(question).describeGiven(question, answer)
}
