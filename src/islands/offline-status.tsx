import { useEffect, useState } from 'preact/hooks'
import {
  isOffline,
  onAnswersChange,
  type SentAnswer,
  sentAnswers,
  waitingAnswers,
} from '../browser/answer-queue'
import { keepOffline } from '../browser/offline-cache'
import { verdict } from '../components/feedback-panel'
import { tryAgainText } from '../quiz/try-again'

export type OfflineStatusProps = {
  /** Pages to keep on the device so the learner can go on offline (a quiz's question pages). */
  keep: string[]
  /** False where the page itself already says the device is offline. */
  sayOffline?: boolean
}

type Snapshot = {
  offline: boolean
  waiting: { id: string; page: string; label: string }[]
  sent: readonly SentAnswer[]
}

const snapshot = (): Snapshot => ({
  offline: isOffline(),
  waiting: waitingAnswers(),
  sent: sentAnswers(),
})

/**
 * Says plainly what works offline: whether the device is offline, which
 * answers are still waiting to be sent (with links to their questions), and
 * how the ones sent since the page loaded were graded. Server-rendered as an
 * empty live region, so what it says later is announced.
 */
export function OfflineStatus({ keep, sayOffline = true }: OfflineStatusProps) {
  const [status, setStatus] = useState<Snapshot | null>(null)

  useEffect(() => {
    const update = () => setStatus(snapshot())
    update()
    addEventListener('online', update)
    addEventListener('offline', update)
    const stop = onAnswersChange(update)
    return () => {
      removeEventListener('online', update)
      removeEventListener('offline', update)
      stop()
    }
  }, [])

  useEffect(() => {
    if (keep.length) void keepOffline(keep)
  }, [keep.join(' ')])

  const waiting = status?.waiting ?? []
  const sent = status?.sent ?? []
  const offline = sayOffline && (status?.offline ?? false)
  const shown = offline || waiting.length > 0 || sent.length > 0
  return (
    <div class={shown ? 'offline-status' : undefined} role="status">
      {offline && (
        <p>
          <strong>You're offline.</strong> Answers you give are saved on this phone and graded when you're
          back online.
        </p>
      )}
      {waiting.length > 0 && (
        <>
          <p>
            <strong>
              {waiting.length === 1 ? '1 answer' : `${waiting.length} answers`} waiting to be sent:
            </strong>
          </p>
          <ul>
            {waiting.map((answer) => (
              <li key={answer.id}>
                <a href={answer.page}>{answer.label}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {sent.length > 0 && (
        <>
          <p>
            <strong>Sent now that you're back online:</strong>
          </p>
          <ul>
            {sent.map((result) => (
              <li key={result.answer.id}>
                <a href={result.answer.page}>{result.answer.label}</a>:{' '}
                {result.kind === 'graded'
                  ? verdict(result.feedback).label
                  : result.kind === 'recorded'
                    ? 'saved (feedback with your results)'
                    : result.kind === 'try-again'
                      ? tryAgainText(result.tryAgain.triesLeft)
                      : `not graded (${result.message})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
