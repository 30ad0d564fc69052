import type { Answer } from './answer'
import { type Grade, gradeAnswer } from './grade'
import { type Penalties, pointsAfterPenalties } from './penalties'
import { type Question, type QuestionOf, type QuestionType, questionSchema } from './question'
import { isPassing } from './score'

/**
 * Regrade (docs/studio.md#regrade): the key of a question learners already
 * answered turns out wrong, so the instructor changes it and every stored
 * answer is graded again. Pure: the new question, each response's points
 * before and after, and what that does to each attempt. Nothing here changes
 * what a learner sees before answering: only key fields move (the correct
 * choice, accepted texts, the number and its tolerance), never the prompt,
 * the choices or their order.
 */

/** How a regrade changes the question. */
export type RegradeMode = 'key' | 'accept' | 'full_marks'

/** A new key, per question type (choices named by their text, as the question stores them). */
export type KeyChange =
  | { type: 'single'; answer: string }
  | { type: 'multiple'; answer: string[] }
  | { type: 'true_false'; answer: boolean }
  | { type: 'numeric'; answer: number; tolerance: number }
  | { type: 'text'; answer: string; accept: string[] }

export type RegradeChange =
  | { mode: 'key'; key: KeyChange }
  /** One more answer counts as right: a choice's text (single) or a typed text (text). */
  | { mode: 'accept'; answer: string }
  | { mode: 'full_marks' }

/** The types whose key a regrade can change, and those that take an additional answer. */
const KEY_TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false', 'numeric', 'text']
const ACCEPT_TYPES: readonly QuestionType[] = ['single', 'text']

/**
 * What a regrade can do to a question of this type. Every type can give full
 * marks; ordering and matching keys are their authored order, which also
 * decides the shuffle learners see, so their key is not changed here.
 * @example regradeModes('ordering') // ['full_marks']
 */
export function regradeModes(type: QuestionType): RegradeMode[] {
  return [
    ...(KEY_TYPES.includes(type) ? (['key'] as const) : []),
    ...(ACCEPT_TYPES.includes(type) ? (['accept'] as const) : []),
    'full_marks',
  ]
}

export type RegradedQuestion = { ok: true; question: Question } | { ok: false; error: string }

/** The question's key fields replaced by `key` (which must be of the question's type). */
function withKey(question: Question, key: KeyChange): Question | null {
  if (key.type !== question.type) return null
  switch (key.type) {
    case 'single': {
      // The new right answer is no longer "also accepted"; an emptied list goes (JSON drops undefined).
      const accept = (question as QuestionOf<'single'>).accept?.filter((choice) => choice !== key.answer)
      return {
        ...(question as QuestionOf<'single'>),
        answer: key.answer,
        accept: accept?.length ? accept : undefined,
      }
    }
    case 'multiple':
      return { ...(question as QuestionOf<'multiple'>), answer: key.answer }
    case 'true_false':
      return { ...(question as QuestionOf<'true_false'>), answer: key.answer }
    case 'numeric':
      return { ...(question as QuestionOf<'numeric'>), answer: key.answer, tolerance: key.tolerance }
    case 'text':
      return { ...(question as QuestionOf<'text'>), answer: key.answer, accept: key.accept }
  }
}

/** The question with one more accepted answer, or null when the type takes none. */
function withAccepted(question: Question, answer: string): Question | null {
  if (question.type === 'single') return { ...question, accept: [...(question.accept ?? []), answer] }
  if (question.type === 'text') return { ...question, accept: [...question.accept, answer] }
  return null
}

/**
 * The question as it reads after the regrade, checked by the question schema
 * (a new single answer must be one of the choices...). Refuses a change that
 * changes nothing, and a mode the type does not take.
 * @example applyRegradeChange(q, { mode: 'full_marks' }) // { ok: true, question: { ...q, fullMarks: true } }
 */
export function applyRegradeChange(question: Question, change: RegradeChange): RegradedQuestion {
  if (!regradeModes(question.type).includes(change.mode))
    return { ok: false, error: 'This kind of regrade does not apply to this type of question.' }
  if (question.fullMarks) return { ok: false, error: 'Everyone already has full marks on this question.' }
  const changed =
    change.mode === 'full_marks'
      ? { ...question, fullMarks: true as const }
      : change.mode === 'key'
        ? withKey(question, change.key)
        : withAccepted(question, change.answer)
  if (!changed) return { ok: false, error: 'This kind of regrade does not apply to this type of question.' }
  const parsed = questionSchema.safeParse(changed)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { ok: false, error: `The new key is not valid: ${issue?.message ?? 'check the fields'}.` }
  }
  if (sameKey(question, parsed.data)) return { ok: false, error: 'The new key is the same as the old one.' }
  return { ok: true, question: parsed.data }
}

/** Whether two versions of a question grade alike because their whole stored form is equal. */
function sameKey(before: Question, after: Question): boolean {
  const parsed = questionSchema.safeParse(before)
  return parsed.success && JSON.stringify(parsed.data) === JSON.stringify(after)
}

/** A stored response, as much as a regrade reads of it. */
export type RegradableResponse = {
  id: number
  attemptId: string
  answer: Answer
  correct: boolean
  points: number
  /** How the learner got to this answer, charged again at the set's rates (quiz/penalties.ts). */
  triesUsed: number
  hintsUsed: number
  /** The penalties of the set version the attempt was taken on. */
  penalties: Penalties
}

/**
 * The points a response earns once graded: THE one place a regrade turns a
 * grade into stored points, through the same penalty arithmetic as answering
 * (tries and hints the learner used, at their set's rates), so a regrade keeps
 * the penalties the learner earned.
 */
export function pointsForResponse(grade: Grade, response: RegradableResponse): Grade {
  return {
    correct: grade.correct,
    points: pointsAfterPenalties(grade.points, response, response.penalties),
  }
}

export type ResponseRegrade = {
  responseId: number
  attemptId: string
  before: Grade
  after: Grade
}

/** Every response graded again against the regraded question, in the order given. */
export function regradeResponses(
  question: Question,
  responses: readonly RegradableResponse[],
  pointsOf: (grade: Grade, response: RegradableResponse) => Grade = pointsForResponse,
): ResponseRegrade[] {
  return responses.map((response) => ({
    responseId: response.id,
    attemptId: response.attemptId,
    before: { correct: response.correct, points: response.points },
    after: pointsOf(gradeAnswer(question, response.answer), response),
  }))
}

export const responseChanged = (change: ResponseRegrade): boolean =>
  change.before.points !== change.after.points || change.before.correct !== change.after.correct

/** An attempt holding a regraded response, with what its score and pass state depend on. */
export type RegradeAttempt = {
  id: string
  /** Sum of its responses' points, as stored. */
  score: number
  /** How many questions the attempt has (its maximum). */
  total: number
  completed: boolean
  passMark: number
}

export type AttemptRegrade = {
  attemptId: string
  scoreBefore: number
  scoreAfter: number
  total: number
  /** Null while the attempt is in progress (it has no pass state yet). */
  passedBefore: boolean | null
  passedAfter: boolean | null
}

export type RegradeSummary = {
  /** Responses graded again, changed or not. */
  responses: number
  responsesChanged: number
  attemptsChanged: number
  /** Finished attempts that failed before and pass now, and the other way round. */
  nowPassing: number
  nowFailing: number
  /** The attempts whose score changes, in the order of `attempts`. */
  attempts: AttemptRegrade[]
}

const cents = (value: number) => Math.round(value * 100) / 100

/**
 * What a regrade does to each attempt: its new score (its stored score plus
 * the change of its regraded responses) and pass state, and the counts the
 * preview states ("23 attempts will change, 4 will now pass, 1 will now fail").
 */
export function summariseRegrade(
  attempts: readonly RegradeAttempt[],
  changes: readonly ResponseRegrade[],
): RegradeSummary {
  const delta = new Map<string, number>()
  for (const change of changes.filter(responseChanged))
    delta.set(
      change.attemptId,
      (delta.get(change.attemptId) ?? 0) + change.after.points - change.before.points,
    )
  const changed: AttemptRegrade[] = []
  for (const attempt of attempts) {
    const moved = delta.get(attempt.id)
    if (moved === undefined) continue
    const scoreBefore = cents(attempt.score)
    const scoreAfter = cents(attempt.score + moved)
    const passed = (points: number) =>
      attempt.completed ? isPassing({ points, max: attempt.total }, attempt.passMark) : null
    changed.push({
      attemptId: attempt.id,
      scoreBefore,
      scoreAfter,
      total: attempt.total,
      passedBefore: passed(scoreBefore),
      passedAfter: passed(scoreAfter),
    })
  }
  return {
    responses: changes.length,
    responsesChanged: changes.filter(responseChanged).length,
    attemptsChanged: changed.length,
    nowPassing: changed.filter((a) => a.passedBefore === false && a.passedAfter === true).length,
    nowFailing: changed.filter((a) => a.passedBefore === true && a.passedAfter === false).length,
    attempts: changed,
  }
}

/**
 * The preview's sentence, or with `done` the log's.
 * @example regradeSentence({ attemptsChanged: 23, nowPassing: 4, nowFailing: 1 }) // '23 attempts will change, 4 will now pass, 1 will now fail.'
 * @example regradeSentence({ attemptsChanged: 1, nowPassing: 0, nowFailing: 1 }, true) // '1 attempt changed, 1 now failing.'
 */
export function regradeSentence(
  summary: Pick<RegradeSummary, 'attemptsChanged' | 'nowPassing' | 'nowFailing'>,
  done = false,
): string {
  const n = summary.attemptsChanged
  const parts = [`${n} attempt${n === 1 ? '' : 's'} ${done ? 'changed' : 'will change'}`]
  if (summary.nowPassing) parts.push(`${summary.nowPassing} ${done ? 'now passing' : 'will now pass'}`)
  if (summary.nowFailing) parts.push(`${summary.nowFailing} ${done ? 'now failing' : 'will now fail'}`)
  return `${parts.join(', ')}.`
}
