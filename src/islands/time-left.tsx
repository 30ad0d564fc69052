import { useEffect, useState } from 'preact/hooks'
import { describeTimeLeft } from '../quiz/time-limit'

export type TimeLeftProps = {
  /** When answers stop being accepted (ISO). */
  deadline: string
  /**
   * The deadline's clock time as the server wrote it in the learner's time
   * zone ("14:05"), or in UTC ("14:05 UTC") when the browser has not said.
   */
  closesAt?: string
}

const clock = (iso: string) => `${iso.slice(11, 16)} UTC`

/**
 * The time left of a timed attempt. Rendered on the server (it reads right
 * without JavaScript, as of the page load); once hydrated it counts down every
 * 15 seconds and says when the time is up. The server enforces the deadline.
 */
export function TimeLeft({ deadline, closesAt }: TimeLeftProps) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000)
    return () => clearInterval(timer)
  }, [])
  const left = Date.parse(deadline) - now
  if (left <= 0)
    return (
      <p class="time-left time-left--up" role="alert">
        <strong>Time is up:</strong> answers are no longer accepted.
      </p>
    )
  return (
    <p class="time-left">
      <strong>Time left: {describeTimeLeft(left)}</strong> (answers are accepted until{' '}
      <time dateTime={deadline}>{closesAt ?? clock(deadline)}</time>).
    </p>
  )
}
