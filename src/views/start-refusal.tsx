import type { LearnerTimeZone } from '../learning/time-zone'
import type { StartDecision } from '../quiz/availability'
import { formatLocalTime } from './time-zone-note'

/**
 * Why a learner cannot start the set now, in their time zone: not open yet
 * (and when it opens), closed, or every attempt used. The server refuses the
 * start anyway (services/attempts.ts); this says so before anyone tries.
 */
export function StartRefusal({
  decision,
  timeZone,
}: {
  decision: Exclude<StartDecision, { ok: true }>
  timeZone: LearnerTimeZone
}) {
  const at = (time: number) => (
    <time dateTime={new Date(time).toISOString()}>{formatLocalTime(time, timeZone.zone)}</time>
  )
  switch (decision.reason) {
    case 'not_open':
      return (
        <p class="notice notice--info">
          This quiz opens on {at(decision.opensAt)}. Come back then to start it.
        </p>
      )
    case 'closed':
      return (
        <p class="notice notice--info">
          This quiz closed on {at(decision.closedAt)}. No new attempts can be started.
        </p>
      )
    case 'no_attempts_left':
      return (
        <p class="notice notice--info">
          You have used {decision.allowed === 1 ? 'the one attempt' : `all ${decision.allowed} attempts`}{' '}
          allowed for this quiz.
        </p>
      )
  }
}

/** "Closes on 2 Dec 2026, 14:05" for a set that is open now and has a closing date. */
export function ClosingNote({ closesAt, timeZone }: { closesAt: number | null; timeZone: LearnerTimeZone }) {
  if (closesAt === null) return null
  return (
    <p class="hint">
      Open until{' '}
      <time dateTime={new Date(closesAt).toISOString()}>{formatLocalTime(closesAt, timeZone.zone)}</time>.
    </p>
  )
}
