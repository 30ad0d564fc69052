import { type Card, createEmptyCard, fsrs, type Grade, Rating, State } from 'ts-fsrs'

/**
 * The glue between Cited's graded answers and the FSRS scheduler (ts-fsrs).
 * Cited never schedules anything itself: it turns an answer into a rating and
 * stores the card ts-fsrs returns.
 */

/** A learner's memory of one question, as stored in D1 (plain numbers, dates as ms). */
export type CardState = {
  due: number
  stability: number
  difficulty: number
  scheduledDays: number
  learningSteps: number
  reps: number
  lapses: number
  state: State
  lastReview: number | null
}

/** An answer at least this quick (and fully right) rates Easy instead of Good. */
export const FAST_ANSWER_MS = 10_000

const scheduler = fsrs({ enable_fuzz: false })

/**
 * Full marks rate Good, or Easy when answered within FAST_ANSWER_MS; anything
 * less than full marks (a wrong or partly right answer) rates Again, so the
 * question comes back soon.
 *
 * @example ratingFor({ points: 1 }, 4_000) // Rating.Easy
 */
export function ratingFor(grade: { points: number }, elapsedMs: number | null): Grade {
  if (grade.points < 1) return Rating.Again
  return elapsedMs !== null && elapsedMs <= FAST_ANSWER_MS ? Rating.Easy : Rating.Good
}

function toCard(state: CardState | null, now: Date): Card {
  if (!state) return createEmptyCard(now)
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    last_review: state.lastReview === null ? undefined : new Date(state.lastReview),
  }
}

/** The card after one review: `previous` is null for a question never seen before. */
export function reviewCard(previous: CardState | null, rating: Grade, now: Date): CardState {
  const { card } = scheduler.next(toCard(previous, now), now, rating)
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review?.getTime() ?? now.getTime(),
  }
}

export type Mastery = 'new' | 'learning' | 'mastered'

/** Next review at least this many days away counts as mastered (Anki's "mature"). */
export const MASTERED_AFTER_DAYS = 21

/** New (never answered), learning, or mastered (in review with a 21+ day interval). */
export function masteryOf(card: Pick<CardState, 'state' | 'scheduledDays'> | null): Mastery {
  if (!card || card.state === State.New) return 'new'
  return card.state === State.Review && card.scheduledDays >= MASTERED_AFTER_DAYS ? 'mastered' : 'learning'
}

export { Rating, State }
