import { loadStartRules } from '../db/accommodations'
import { type AttemptState, loadAttemptState, recordResponse } from '../db/attempt-responses'
import { insertWrongTry, loadWrongTries, revealHintRow } from '../db/attempt-tries'
import { closeExpiredAttempt, insertAttemptWithinLimit } from '../db/attempts'
import type { Db } from '../db/client'
import { cardStateOf } from '../db/learning'
import { listPoolIds, type QuizSetSummary } from '../db/quiz-sets'
import type { AttemptRow } from '../db/schema'
import { fail } from '../http/fail'
import { ratingFor, reviewCard } from '../learning/schedule'
import {
  type AttemptItem,
  type AttemptView,
  citationsIn,
  describeAttempt,
  findItem,
  missedPositions,
} from '../quiz/attempt-view'
import {
  accommodatedAttempts,
  canStart,
  closingFor,
  effectiveDeadline,
  NO_ACCOMMODATION,
  type StartDecision,
  type StartStatus,
} from '../quiz/availability'
import { pickAttemptQuestions } from '../quiz/draw'
import { buildFeedback, type Feedback } from '../quiz/feedback'
import { gradeAnswer, readAnswer } from '../quiz/grade'
import { type LearnerQuestionIds, learnerQuestionIds } from '../quiz/learner-question-id'
import { pointsAfterPenalties } from '../quiz/penalties'
import { hintsOf, type Question } from '../quiz/question'
import { type SetSettings, triesAllowed } from '../quiz/set-settings'
import { isPastDeadline } from '../quiz/time-limit'
import { canonicalAnswer, type ItemHints, itemHints, type TryAgain, tryAgainOf } from '../quiz/tries'
import { appKey } from './app-secret'

/**
 * The attempt flow shared by the HTML pages and the JSON API: both start,
 * show and answer attempts exactly the same way.
 */

// The view of an attempt is pure and lives in quiz/; routes take it from here with the use cases.
export {
  type AttemptItem,
  type AttemptView,
  describeAttempt,
  type FinishedView,
  finishedView,
  nextStep,
} from '../quiz/attempt-view'

/** An attempt as its learner works on it: its questions also known by their learner ids. */
export type LearnerAttempt = AttemptState & { publicIds: LearnerQuestionIds }

/** What a new attempt holds: the set (and version) it is on, its settings and the questions to pick from. */
type AttemptPlan = {
  setSlug: string
  version: number | null
  settings: SetSettings
  /** The ids to draw from (a whole set), or the exact ids to ask (the ones missed last time). */
  questionIds: string[]
  draw: boolean
}

/** The 403 of a learner who has started every attempt the set allows. */
function failNoAttemptsLeft(allowed: number): never {
  fail(
    403,
    'no_attempts_left',
    `You have used ${allowed === 1 ? 'the one attempt' : `all ${allowed} attempts`} allowed for this quiz.`,
  )
}

/** "2026-12-02 14:05 UTC": the API has no time zone of the learner's; pages say it in theirs. */
const inUtc = (time: number) => `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`

/** The 403 of a start the set's dates or attempts allowed refuse, saying why and when. */
function failStart(decision: Exclude<StartDecision, { ok: true }>): never {
  if (decision.reason === 'not_open')
    fail(403, 'not_open', `This quiz opens on ${inUtc(decision.opensAt)}; it cannot be started before then.`)
  if (decision.reason === 'closed')
    fail(403, 'closed', `This quiz closed on ${inUtc(decision.closedAt)}; no new attempts can be started.`)
  failNoAttemptsLeft(decision.allowed)
}

/**
 * What a set's start page offers this learner: Start, or why not (not open
 * yet, closed, no attempts left), with their accommodation counted. Without a
 * learner cookie: the set's own dates and limits.
 */
export async function startStatus(
  db: Db,
  learnerId: string | null,
  set: Pick<QuizSetSummary, 'slug' | 'settings'>,
  now = Date.now(),
): Promise<StartStatus> {
  const { opensAt, closesAt, graceMinutes, attemptsAllowed } = set.settings
  const rules = learnerId
    ? await loadStartRules(db, set.slug, learnerId)
    : { schedule: { opensAt, closesAt, graceMinutes }, accommodation: NO_ACCOMMODATION, attemptsUsed: 0 }
  const allowed = accommodatedAttempts(attemptsAllowed, rules.accommodation)
  return {
    decision: canStart({ now, ...rules, attemptsAllowed }),
    attemptsLeft: allowed === null ? null : Math.max(0, allowed - rules.attemptsUsed),
    closesAt: closingFor(rules.schedule, rules.accommodation),
  }
}

/**
 * Inserts the attempt a plan describes, if the set's dates, the attempts
 * allowed and the learner's accommodation let them start now (403 otherwise).
 * The deadline is the earlier of the (accommodated) time limit and the
 * closing date plus grace, fixed at the start.
 */
async function insertPlannedAttempt(
  db: Db,
  learnerId: string,
  plan: AttemptPlan,
  accessTokenHash?: string,
): Promise<AttemptRow> {
  if (!plan.questionIds.length) fail(400, 'bad_request', 'There are no questions to practise.')
  const now = new Date()
  const { schedule, accommodation, attemptsUsed } = await loadStartRules(db, plan.setSlug, learnerId)
  const decision = canStart({
    now: now.getTime(),
    schedule,
    accommodation,
    attemptsAllowed: plan.settings.attemptsAllowed,
    attemptsUsed,
  })
  if (!decision.ok) failStart(decision)
  const seed = crypto.randomUUID()
  const questionIds = plan.draw
    ? pickAttemptQuestions(plan.questionIds, plan.settings, seed)
    : plan.questionIds
  const allowed = accommodatedAttempts(plan.settings.attemptsAllowed, accommodation)
  const row = await insertAttemptWithinLimit(
    db,
    {
      id: crypto.randomUUID(),
      setSlug: plan.setSlug,
      learnerId,
      questionIds,
      seed,
      accessTokenHash,
      setVersion: plan.version,
      deadline: effectiveDeadline({
        startedAt: now.getTime(),
        timeLimitMinutes: plan.settings.timeLimitMinutes,
        schedule,
        accommodation,
      }),
    },
    now,
    allowed,
  )
  if (row) return row
  // Parallel starts passed the early check together; the insert let only the first ones through.
  if (allowed !== null) failNoAttemptsLeft(allowed)
  throw new Error('attempt insert returned no row')
}

/**
 * Starts a fresh attempt on a set as learners get it: the bank set, or the
 * instructor's published version, with its settings (questions drawn and
 * shuffled from the attempt's seed, a deadline with a time limit). Refused
 * once the learner has no attempts left.
 */
export async function startAttempt(
  db: Db,
  learnerId: string,
  set: QuizSetSummary,
  accessTokenHash?: string,
): Promise<AttemptRow> {
  const questionIds = await listPoolIds(db, set)
  return insertPlannedAttempt(
    db,
    learnerId,
    { setSlug: set.slug, version: set.version, settings: set.settings, questionIds, draw: true },
    accessTokenHash,
  )
}

/**
 * Starts an attempt holding only the questions an earlier attempt got wrong
 * (or left unanswered when its time ran out), on that attempt's version and
 * settings. It counts towards the attempts allowed.
 */
export async function startMissedAttempt(
  db: Db,
  learnerId: string,
  previous: LearnerAttempt,
): Promise<AttemptRow> {
  const missed = missedPositions(describeAttempt(previous))
  const questionIds = previous.questions
    .filter((_, index) => missed.has(index + 1))
    .map((question) => question.id)
  return insertPlannedAttempt(db, learnerId, {
    setSlug: previous.attempt.setSlug,
    version: previous.attempt.setVersion,
    settings: previous.set.settings,
    questionIds,
    draw: false,
  })
}

/**
 * Loads an attempt for its owner; anyone else gets the same 404 as for a
 * missing attempt. An attempt whose time limit ran out is closed here, the
 * first time anything reads it after its deadline.
 */
export async function requireAttempt(
  db: Db,
  attemptId: string,
  learnerId: string | null,
  now = Date.now(),
): Promise<LearnerAttempt> {
  const [loaded, key] = await Promise.all([
    learnerId ? loadAttemptState(db, attemptId, learnerId) : null,
    appKey(db),
  ])
  if (!loaded)
    fail(404, 'not_found', 'This attempt does not exist, or it was started on another device or browser.')
  const publicIds = await learnerQuestionIds(
    key,
    loaded.questions.map((question) => question.id),
  )
  const state = { ...loaded, publicIds }
  const { attempt } = state
  if (attempt.completedAt === null && isPastDeadline(attempt.deadline, now))
    return { ...state, attempt: (await closeExpiredAttempt(db, attempt.id)) ?? attempt }
  return state
}

/**
 * `feedback` is null in exam mode (feedback at the end): the answer is saved,
 * its verdict kept back. `tryAgain` is set instead of feedback after a wrong
 * try with tries left (nothing final stored, no key sent).
 */
export type AnswerOutcome = {
  feedback: Feedback | null
  tryAgain: TryAgain | null
  attempt: AttemptRow
  duplicate: boolean
}

/** The 409 for an answer that came after the attempt's deadline: its time limit, or the set's closing plus grace. */
function failTimeUp(state: LearnerAttempt): never {
  const minutes = state.set.settings.timeLimitMinutes
  const { startedAt, deadline } = state.attempt
  // An accommodated limit ends later than the set's; a deadline before the set's limit is the set closing.
  const closed = deadline !== null && (minutes === null || deadline < startedAt.getTime() + minutes * 60_000)
  if (closed)
    fail(
      409,
      'time_up',
      'This quiz has closed (its grace period is over), so this answer was not accepted. Your results count the answers given in time.',
    )
  fail(
    409,
    'time_up',
    `The time limit${minutes ? ` of ${minutes} minute${minutes === 1 ? '' : 's'}` : ''} for this quiz has run out, so this answer was not accepted. Your results count the answers given in time.`,
  )
}

/** The question of an attempt a learner id names, or a 404. */
function questionOf(state: LearnerAttempt, publicId: string): Question {
  const authorId = state.publicIds.authorIdOf(publicId)
  const question = state.questions.find((candidate) => candidate.id === authorId)
  if (!question) fail(404, 'not_found', `Question "${publicId}" is not part of this attempt.`)
  return question
}

/** How many times a wrong try may lose the race for its place before we give up (never seen in practice). */
const TRY_RACE_LIMIT = 3

/**
 * Grades one answer on the server and stores it. The answer is validated
 * against the question (a 400 with a readable message when it does not fit);
 * a repeated answer returns the feedback of the first one; an answer after
 * the deadline is refused (409 `time_up`). In exam mode the outcome carries no
 * feedback at all: the key stays on the server until the results.
 *
 * With several tries per question (`triesPerQuestion`), a wrong answer with
 * tries left is stored as a wrong try and answered with `tryAgain` (the
 * learner's picks and their feedback, no key); the same answer sent again is
 * the same try and costs nothing. A right answer or the last try is final:
 * its points lose the set's penalties for extra tries and revealed hints
 * (`pointsAfterPenalties`).
 */
export async function answerQuestion(
  db: Db,
  state: LearnerAttempt,
  publicId: string,
  raw: unknown,
  now = new Date(),
): Promise<AnswerOutcome> {
  const question = questionOf(state, publicId)
  const questionId = question.id
  const settings = state.set.settings
  const withheld = settings.feedback === 'end'
  const existing = state.responses.find((response) => response.questionId === questionId)
  if (existing)
    return {
      feedback: withheld
        ? null
        : buildFeedback(
            question,
            publicId,
            existing.answer,
            existing,
            citationsIn(state, question),
            existing,
          ),
      tryAgain: null,
      attempt: state.attempt,
      duplicate: true,
    }
  if (state.attempt.completedAt !== null || isPastDeadline(state.attempt.deadline, now.getTime()))
    failTimeUp(state)
  const reading = readAnswer(question, raw, publicId)
  if (!reading.ok) fail(400, 'invalid_answer', reading.message)
  const answer = reading.answer
  const grade = gradeAnswer(question, answer)
  const allowed = triesAllowed(settings)
  const hintsUsed = state.revealedHints.filter((hint) => hint.questionId === questionId).length
  let wrong = state.wrongTries.filter((step) => step.questionId === questionId)
  const answerKey = canonicalAnswer(answer)
  for (let race = 0; ; race++) {
    const triesUsed = wrong.length + 1
    // A retried request of a wrong try (the same answer): the same reply, no try spent.
    if (wrong.some((step) => step.answerKey === answerKey))
      return {
        feedback: null,
        tryAgain: tryAgainOf(question, answer, Math.max(1, allowed - wrong.length)),
        attempt: state.attempt,
        duplicate: true,
      }
    if (grade.correct || triesUsed >= allowed) break
    const stored = await insertWrongTry(db, {
      attemptId: state.attempt.id,
      questionId,
      tryNumber: triesUsed,
      answer,
      answerKey,
      points: grade.points,
      answeredAt: now,
    })
    if (stored === 'stored' || stored === 'same-answer')
      return {
        feedback: null,
        tryAgain: tryAgainOf(question, answer, allowed - triesUsed),
        attempt: state.attempt,
        duplicate: stored === 'same-answer',
      }
    // Answered meanwhile (another tab): the stored answer stands, as for any repeat.
    if (stored === 'answered' || race >= TRY_RACE_LIMIT)
      return answerQuestion(
        db,
        await requireAttempt(db, state.attempt.id, state.attempt.learnerId),
        publicId,
        raw,
        now,
      )
    // Another try took this place first: decide again on the tries stored now.
    wrong = await loadWrongTries(db, state.attempt.id, questionId)
  }
  const path = { triesUsed: wrong.length + 1, hintsUsed }
  const kept = { correct: grade.correct, points: pointsAfterPenalties(grade.points, path, settings) }
  // Attempts do not time each question, so a right answer rates Good, never Easy; one that needed
  // another try or a hint was not remembered, and rates Again.
  const rating = ratingFor(path.triesUsed > 1 || hintsUsed > 0 ? { points: 0 } : grade, null)
  const card = cardStateOf(state.cards.find((row) => row.questionId === question.id) ?? null)
  // Exam answers are not practice reviews: a card due soon would show the key in /practice.
  const schedule = withheld
    ? null
    : { learnerId: state.attempt.learnerId, card: reviewCard(card, rating, now), rating }
  const recorded = await recordResponse(db, state.attempt.id, question.id, answer, kept, now, schedule, path)
  const { response } = recorded
  return {
    feedback: withheld
      ? null
      : buildFeedback(question, publicId, response.answer, response, citationsIn(state, question), response),
    tryAgain: null,
    attempt: recorded.attempt,
    duplicate: recorded.duplicate,
  }
}

/**
 * Reveals hint `hintIndex` (0 for the first) of an unanswered question.
 * Hints are revealed in order: asking for a later one before the earlier is
 * a 400; asking again for one already revealed changes nothing (a replayed
 * form post), so a hint is charged once. Returns the question's hints as the
 * learner may now see them.
 */
export async function revealHint(
  db: Db,
  state: LearnerAttempt,
  publicId: string,
  hintIndex: number,
  now = new Date(),
): Promise<ItemHints> {
  const question = questionOf(state, publicId)
  const hints = hintsOf(question)
  const revealed = state.revealedHints
    .filter((hint) => hint.questionId === question.id)
    .map((hint) => hint.hintIndex)
  const cost = state.set.settings.hintPenalty
  if (revealed.includes(hintIndex)) return itemHints(question, revealed, cost)
  if (!Number.isInteger(hintIndex) || hintIndex < 0 || hintIndex >= hints.length)
    fail(404, 'not_found', `This question has ${hints.length === 1 ? 'one hint' : `${hints.length} hints`}.`)
  if (state.responses.some((response) => response.questionId === question.id))
    fail(409, 'conflict', 'This question is answered: its hints are no longer needed.')
  if (state.attempt.completedAt !== null || isPastDeadline(state.attempt.deadline, now.getTime()))
    failTimeUp(state)
  if (hintIndex > revealed.length)
    fail(400, 'bad_request', `Reveal hint ${revealed.length + 1} first: hints come in order.`)
  const stored = await revealHintRow(db, state.attempt.id, question.id, hintIndex, now)
  if (!stored) fail(409, 'conflict', 'This question is answered: its hints are no longer needed.')
  return itemHints(question, [...revealed, hintIndex], cost)
}

/** The item at a 1-based position from the URL, or a 404 that says how many questions there are. */
export function itemAt(view: AttemptView, positionParam: string): AttemptItem {
  const item = findItem(view, positionParam)
  if (!item)
    fail(404, 'not_found', `This quiz has ${view.total} questions; there is no question ${positionParam}.`)
  return item
}
