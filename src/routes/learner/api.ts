import { Hono } from 'hono'
import * as z from 'zod'
import type { QuizSetSummary } from '../../db/quiz-sets'
import type { AppEnv } from '../../env'
import { cachePublicly } from '../../http/cache-control'
import { fail } from '../../http/fail'
import { requireJsonBody } from '../../http/json-body'
import { validate } from '../../http/validate'
import type { SourceSummary } from '../../quiz/source'
import {
  type AnswerOutcome,
  answerQuestion,
  describeAttempt,
  requireAttempt,
  revealHint,
  startAttempt,
} from '../../services/attempts'
import { requireEmbeddedAttempt } from '../../services/embedded-attempts'
import { answerPractice, nextPractice } from '../../services/practice'
import { describeProgress } from '../../services/progress'
import { findQuizSet, findQuizSetWithSources, listQuizSets } from '../../services/quiz-sets'
import { previewSetQuestions } from '../../services/set-preview'
import { passBackWhenComplete, passBackWhenTimedOut } from '../lti/passback'
import { attemptIdFrom, slugParam, uuid } from '../params'
import { ensureLearnerId, readLearnerId } from './learner-id'
import { readTimeZone } from './time-zone'

const startBody = z.strictObject({ quiz: z.string().min(1).max(80) })
const answerBody = z.strictObject({ questionId: z.string().min(1).max(80), answer: z.unknown() })
const hintBody = z.strictObject({
  questionId: z.string().min(1).max(80),
  /** The hint to reveal: 0 for the first. Naming it makes a retried request reveal nothing more. */
  hint: z.number().int().min(0).max(20),
})
const practiceAnswerBody = z.strictObject({
  reviewId: uuid,
  /** The question's learner id; optional, as the review id already names the question offered. */
  questionId: z.string().min(1).max(80).optional(),
  answer: z.unknown(),
  /** When the question was shown (ms since 1970), as a number or the island's hidden-field string. */
  shownAt: z.coerce.number().int().nonnegative().optional(),
})

/** In exam mode the score stays hidden until the attempt is complete, like the verdicts it adds up. */
const progressOf = ({ attempt, feedback }: AnswerOutcome) => ({
  answered: attempt.answeredCount,
  total: attempt.questionIds.length,
  completed: attempt.completedAt !== null,
  score: feedback === null && attempt.completedAt === null ? null : attempt.score,
})

/**
 * The reply to an answer: the feedback, or in exam mode `feedback: null` with
 * `saved: true` (the verdict comes with the results).
 */
const answerReply = (outcome: AnswerOutcome) => ({
  feedback: outcome.feedback,
  // A wrong try with tries left is kept as a try, not as the answer: nothing final is saved.
  saved: outcome.tryAgain === null,
  ...(outcome.tryAgain ? { tryAgain: outcome.tryAgain } : {}),
  duplicate: outcome.duplicate,
  progress: progressOf(outcome),
})

const withSources = (set: QuizSetSummary, sources: Map<string, SourceSummary>) => {
  const { sourceIds, listed: _listed, ...rest } = set
  return { ...rest, sources: sourceIds.flatMap((id) => sources.get(id) ?? []) }
}

/** How long the list and a set's JSON, the same for everyone without a cookie, may be cached. */
const PUBLIC_MAX_AGE = 60

/**
 * The JSON API beside the pages. Errors are `{ error: { code, message } }`
 * (see http/error-handler.ts); nothing here ever returns an unanswered question's key.
 */
export const api = new Hono<AppEnv>()
  .use(requireJsonBody)
  .get('/quizzes', async (c) => {
    const { sets, sources } = await listQuizSets(c.get('db'), { anonymous: !c.req.header('cookie') })
    cachePublicly(c, PUBLIC_MAX_AGE)
    return c.json({ quizzes: sets.map((set) => withSources(set, sources)) })
  })
  .get('/quizzes/:slug', validate('param', slugParam), async (c) => {
    const db = c.get('db')
    const { slug } = c.req.valid('param')
    const found = await findQuizSetWithSources(db, slug)
    if (!found) fail(404, 'not_found', `There is no quiz called "${slug}".`)
    const { sourceIds: _sourceIds, listed: _listed, ...set } = found.set
    const quiz = { ...set, sources: found.sources }
    // The same for every reader (the preview's learner ids and shuffle do not depend on who asks).
    cachePublicly(c, PUBLIC_MAX_AGE)
    // An instructor's set keeps its questions for attempts: read beforehand, they would
    // cheat its time limit and its random draw.
    if (set.version !== null) return c.json({ quiz })
    return c.json({ quiz: { ...quiz, questions: await previewSetQuestions(db, slug) } })
  })
  .post('/attempts', validate('json', startBody), async (c) => {
    const db = c.get('db')
    const { quiz } = c.req.valid('json')
    const set = await findQuizSet(db, quiz)
    if (!set?.poolSize) fail(404, 'not_found', `There is no quiz called "${quiz}".`)
    const learnerId = ensureLearnerId(c)
    const attempt = await startAttempt(db, learnerId, set)
    const state = await requireAttempt(db, attempt.id, learnerId)
    return c.json({ attempt: describeAttempt(state) }, 201)
  })
  .get('/attempts/:id', async (c) => {
    const state = await requireAttempt(c.get('db'), attemptIdFrom(c.req.param('id')), readLearnerId(c))
    return c.json({ attempt: describeAttempt(state) })
  })
  .post('/attempts/:id/answers', validate('json', answerBody), async (c) => {
    const db = c.get('db')
    const state = await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const { questionId, answer } = c.req.valid('json')
    const outcome = await answerQuestion(db, state, questionId, answer)
    return c.json(answerReply(outcome))
  })
  .post('/attempts/:id/hints', validate('json', hintBody), async (c) => {
    const db = c.get('db')
    const state = await requireAttempt(db, attemptIdFrom(c.req.param('id')), readLearnerId(c))
    const { questionId, hint } = c.req.valid('json')
    return c.json({ hints: await revealHint(db, state, questionId, hint) })
  })
  .get('/practice/next', async (c) => {
    const next = await nextPractice(c.get('db'), readLearnerId(c), new Date(), readTimeZone(c).zone)
    return c.json(
      next.kind === 'done'
        ? {
            done: true,
            nextDue: next.nextDue === null ? null : new Date(next.nextDue).toISOString(),
            laterToday: next.laterToday,
          }
        : { done: false, ...next.item },
    )
  })
  .post('/practice/answers', validate('json', practiceAnswerBody), async (c) => {
    const { reviewId, questionId, answer, shownAt } = c.req.valid('json')
    const outcome = await answerPractice(
      c.get('db'),
      ensureLearnerId(c),
      { reviewId, questionId: questionId ?? null, answer, shownAt: shownAt ?? null },
      new Date(),
    )
    return c.json(outcome)
  })
  .get('/progress', async (c) => {
    const zone = readTimeZone(c).zone
    return c.json({ progress: await describeProgress(c.get('db'), readLearnerId(c), new Date(), zone) })
  })
  .post('/embed/:token/answers', validate('json', answerBody), async (c) => {
    const db = c.get('db')
    // The same rule as the embed pages: an attempt started may finish, unless embedding was withdrawn.
    const { state } = await requireEmbeddedAttempt(db, c.req.param('token'))
    // Reading an attempt past its deadline is what closes it: its LMS score goes now (before the 409).
    passBackWhenTimedOut(c, state.attempt)
    const { questionId, answer } = c.req.valid('json')
    const outcome = await answerQuestion(db, state, questionId, answer)
    passBackWhenComplete(c, outcome)
    return c.json(answerReply(outcome))
  })
  .post('/embed/:token/hints', validate('json', hintBody), async (c) => {
    const db = c.get('db')
    const { state } = await requireEmbeddedAttempt(db, c.req.param('token'))
    const { questionId, hint } = c.req.valid('json')
    return c.json({ hints: await revealHint(db, state, questionId, hint) })
  })
