import type { Answer } from './answer'
import { buildFeedback, type Citation, citationsOf, type Feedback, unansweredFeedback } from './feedback'
import type { LearnerQuestionIds } from './learner-question-id'
import { type PublicQuestion, toPublicQuestion } from './public-question'
import type { Question } from './question'
import { isPassing, type Score, summariseScore } from './score'
import { type SetSettings, triesAllowed } from './set-settings'
import type { SourceSummary } from './source'
import { type ItemHints, itemHints, type TryAgain, tryAgainOf } from './tries'

/**
 * What a learner may see of an attempt, built from its stored state. Pure: the
 * services load the state, this decides what of it is shown and when.
 */

/** The stored state of an attempt, as much of it as its view needs (answer keys included). */
export type AttemptViewState = {
  attempt: {
    id: string
    setSlug: string
    setVersion: number | null
    seed: string
    startedAt: Date
    completedAt: Date | null
    /** Epoch milliseconds, or null without a time limit. */
    deadline: number | null
  }
  /** The bank set, or the instructor's published version the attempt was started on. */
  set: { title: string; settings: SetSettings }
  /** In attempt order, answer keys included: never send these to a browser as they are. */
  questions: Question[]
  responses: {
    questionId: string
    answer: Answer
    correct: boolean
    points: number
    triesUsed?: number
    hintsUsed?: number
  }[]
  /** Wrong tries before a final answer, in try order (sets allowing several tries). */
  wrongTries?: { questionId: string; answer: Answer }[]
  /** The hints revealed, by question and index. */
  revealedHints?: { questionId: string; hintIndex: number }[]
  sources: SourceSummary[]
  displayName: string | null
  /** The learner ids of the attempt's questions. */
  publicIds: LearnerQuestionIds
  /** Regrades that recomputed an answer of this attempt, oldest first (quiz/regrade.ts). */
  regradeNotes?: {
    questionId: string
    at: number
    reason: string
    pointsBefore: number
    pointsAfter: number
  }[]
}

/** What a learner reads on a regraded question, once its feedback shows: when, why, and the points before. */
export type RegradeNoteView = { at: string; reason: string; pointsBefore: number; pointsAfter: number }

export type AttemptItem = {
  position: number
  question: PublicQuestion
  /** Answered already (in exam mode the feedback stays hidden until the attempt is finished). */
  answered: boolean
  feedback: Feedback | null
  /** Tries at this question: allowed, taken (wrong ones, plus the final answer once given). */
  tries: { allowed: number; used: number }
  /** While unanswered after a wrong try: the last try and the feedback on its picks (never the key). */
  tryAgain: TryAgain | null
  /** The hints revealed and how many there are; only revealed texts are ever here. */
  hints: ItemHints
  /** Present only on a regraded question whose feedback shows (the feedback holds the new outcome). */
  regrade?: RegradeNoteView
}

/** The set's settings a learner may know while taking an attempt (all of them: none is secret). */
export type AttemptRules = Pick<
  SetSettings,
  | 'feedback'
  | 'timeLimitMinutes'
  | 'attemptsAllowed'
  | 'passMark'
  | 'shuffleQuestions'
  | 'drawCount'
  | 'triesPerQuestion'
  | 'tryPenalty'
  | 'hintPenalty'
>

export type AttemptView = {
  id: string
  quiz: string
  /** The set's title as this attempt was taken (its version's, for an instructor's set). */
  setTitle: string
  /** The published version of an instructor's set; null for a bank set. */
  version: number | null
  rules: AttemptRules
  startedAt: string
  completedAt: string | null
  /** With a time limit: when answers stop being accepted (ISO). */
  deadline: string | null
  /** Finished because the time ran out, with questions left unanswered. */
  timedOut: boolean
  total: number
  answered: number
  /** Null while feedback is kept for the end (exam mode): a running score would give verdicts away. */
  score: Score | null
  /** Whether the score reaches the pass mark; null until the attempt is finished. */
  passed: boolean | null
  displayName: string | null
  items: AttemptItem[]
}

/** A finished attempt's view: its score and verdict are known. */
export type FinishedView = AttemptView & { completedAt: string; score: Score; passed: boolean }

/** The view of a finished attempt, or null while it is still open. */
export function finishedView(view: AttemptView): FinishedView | null {
  const { completedAt, score, passed } = view
  if (completedAt === null || score === null || passed === null) return null
  return { ...view, completedAt, score, passed }
}

/** The passages a question cites; a question citing a source the attempt lacks is a bug, not bad input. */
export function citationsIn(state: Pick<AttemptViewState, 'sources'>, question: Question): Citation[] {
  const citations = citationsOf(question, (id) => state.sources.find((candidate) => candidate.id === id))
  if (!citations) throw new Error(`question ${question.id} cites a source the attempt does not list`)
  return citations
}

/**
 * What a learner may see of an attempt: questions without keys, and feedback
 * only where answered, or, in exam mode (feedback at the end), only once the
 * attempt is finished. A finished attempt shows the key of questions left
 * unanswered when the time ran out.
 */
export function describeAttempt(state: AttemptViewState): AttemptView {
  const { attempt, set } = state
  const { settings } = set
  const finished = attempt.completedAt !== null
  const showFeedback = finished || settings.feedback === 'each'
  const byQuestion = new Map(state.responses.map((response) => [response.questionId, response]))
  const allowed = triesAllowed(settings)
  // Oldest first, so the latest regrade of a question wins.
  const latestNotes = new Map((state.regradeNotes ?? []).map((note) => [note.questionId, note]))
  const items = state.questions.map((question, index): AttemptItem => {
    const response = byQuestion.get(question.id)
    const wrong = (state.wrongTries ?? []).filter((step) => step.questionId === question.id)
    const lastWrong = wrong.at(-1)
    const revealed = (state.revealedHints ?? [])
      .filter((hint) => hint.questionId === question.id)
      .map((hint) => hint.hintIndex)
    const citations = () => citationsIn(state, question)
    const publicId = state.publicIds.of(question.id)
    let feedback: Feedback | null = null
    if (response && showFeedback)
      feedback = buildFeedback(
        question,
        publicId,
        response.answer,
        { correct: response.correct, points: response.points },
        citations(),
        { triesUsed: response.triesUsed ?? 1, hintsUsed: response.hintsUsed ?? 0 },
      )
    else if (!response && finished) feedback = unansweredFeedback(question, publicId, citations())
    // The latest regrade of this question, shown only beside feedback: its reason may name the key.
    const note = feedback && response ? latestNotes.get(question.id) : undefined
    return {
      ...(note && {
        regrade: {
          at: new Date(note.at).toISOString(),
          reason: note.reason,
          pointsBefore: note.pointsBefore,
          pointsAfter: note.pointsAfter,
        },
      }),
      position: index + 1,
      question: toPublicQuestion(question, {
        publicId,
        seed: attempt.seed,
        shuffleChoices: settings.shuffleChoices,
      }),
      answered: response !== undefined,
      feedback,
      tries: { allowed, used: response ? (response.triesUsed ?? 1) : wrong.length },
      tryAgain:
        !response && lastWrong && !finished
          ? tryAgainOf(question, lastWrong.answer, Math.max(1, allowed - wrong.length))
          : null,
      hints: itemHints(question, revealed, settings.hintPenalty),
    }
  })
  const score = summariseScore(
    state.responses.map((response) => response.points),
    items.length,
  )
  return {
    id: attempt.id,
    quiz: attempt.setSlug,
    setTitle: set.title,
    version: attempt.setVersion,
    rules: {
      feedback: settings.feedback,
      timeLimitMinutes: settings.timeLimitMinutes,
      attemptsAllowed: settings.attemptsAllowed,
      passMark: settings.passMark,
      shuffleQuestions: settings.shuffleQuestions,
      drawCount: settings.drawCount,
      triesPerQuestion: allowed,
      tryPenalty: settings.tryPenalty,
      hintPenalty: settings.hintPenalty,
    },
    startedAt: attempt.startedAt.toISOString(),
    completedAt: attempt.completedAt?.toISOString() ?? null,
    deadline: attempt.deadline === null ? null : new Date(attempt.deadline).toISOString(),
    timedOut: finished && state.responses.length < items.length,
    total: items.length,
    answered: state.responses.length,
    score: showFeedback ? score : null,
    passed: finished ? isPassing(score, settings.passMark) : null,
    displayName: state.displayName,
    items,
  }
}

/** The positions of the questions a learner got wrong, or left unanswered when the time ran out. */
export function missedPositions(view: AttemptView): Set<number> {
  // In exam mode an unfinished attempt shows no verdicts yet, so nothing counts as missed.
  return new Set(
    view.items.filter((item) => item.feedback && !item.feedback.correct).map((item) => item.position),
  )
}

/**
 * Where "next" leads from question `position`: the next unanswered question, or
 * the results. `base` is the attempt's path: `/attempts/:id`, or `/embed/a/:token` inside an iframe.
 */
export function nextStep(
  view: AttemptView,
  position: number,
  base = `/attempts/${view.id}`,
): { href: string; label: string } {
  const pending = view.items.filter(
    (item) => !item.answered && item.position !== position && view.completedAt === null,
  )
  const next = pending.find((item) => item.position > position) ?? pending[0]
  return next
    ? { href: `${base}/q/${next.position}`, label: 'Next question' }
    : { href: `${base}/results`, label: 'See your results' }
}

/** The item at a 1-based position from the URL, or undefined when there is none. */
export function findItem(view: AttemptView, positionParam: string): AttemptItem | undefined {
  const position = Number(positionParam)
  return Number.isInteger(position) ? view.items[position - 1] : undefined
}
