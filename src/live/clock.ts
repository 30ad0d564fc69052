/**
 * A question's clock, measured on the server: it opens at `openedAt`, may be
 * paused (time paused does not count) and extended. Plain data so the room
 * can keep it in storage and rebuild it after hibernating.
 */
export type QuestionClock = {
  openedAt: number
  /** The question's time, extensions included. */
  allowedMs: number
  /** Set while paused. */
  pausedAt: number | null
  /** Time spent paused before `pausedAt`. */
  pausedTotalMs: number
}

export const openClock = (now: number, allowedMs: number): QuestionClock => ({
  openedAt: now,
  allowedMs,
  pausedAt: null,
  pausedTotalMs: 0,
})

/** Time the question has been open, pauses not counted. */
export function elapsedMs(clock: QuestionClock, now: number): number {
  return Math.max(0, (clock.pausedAt ?? now) - clock.openedAt - clock.pausedTotalMs)
}

export function remainingMs(clock: QuestionClock, now: number): number {
  return Math.max(0, clock.allowedMs - elapsedMs(clock, now))
}

/** When the question closes by itself, or null while paused. */
export function deadlineOf(clock: QuestionClock): number | null {
  return clock.pausedAt === null ? clock.openedAt + clock.pausedTotalMs + clock.allowedMs : null
}

export const pauseClock = (clock: QuestionClock, now: number): QuestionClock =>
  clock.pausedAt === null ? { ...clock, pausedAt: now } : clock

export const resumeClock = (clock: QuestionClock, now: number): QuestionClock =>
  clock.pausedAt === null
    ? clock
    : { ...clock, pausedAt: null, pausedTotalMs: clock.pausedTotalMs + (now - clock.pausedAt) }

export const extendClock = (clock: QuestionClock, byMs: number): QuestionClock => ({
  ...clock,
  allowedMs: clock.allowedMs + byMs,
})

/** What "extend" adds. */
export const EXTEND_MS = 10_000
