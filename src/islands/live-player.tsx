import { useEffect, useRef, useState } from 'preact/hooks'
import { LiveReveal, LiveStandings, secondsLeft } from '../components/live-reveal'
import { QuestionFields } from '../components/question-fields'
import type { Notice, PlayerView } from '../live/protocol'
import { answerFromForm } from '../quiz/answer-form'

export type RemovedView = { v: 1; t: 'removed' }

export type LivePlayerProps = {
  pin: string
  /** The player's seat token: the page is theirs alone (private, no-store), and the socket's hello needs it. */
  token: string
  view: PlayerView | RemovedView
  /** A message from the last form post (no-JavaScript path). */
  flash: string | null
}

/** How often the countdown is announced to screen readers (every 10 s, then the last 5 s). */
const announceAt = (seconds: number) => seconds <= 5 || seconds % 10 === 0

/**
 * A player's phone. Rendered on the server as a page that works alone (the
 * answer form posts, the page refreshes itself); once hydrated it holds a
 * WebSocket to the room, shows each view the room sends, and sends answers
 * on the socket, resending an unacknowledged one after a reconnect (the room
 * keeps the first answer, so a resend never counts twice).
 */
export function LivePlayer({ pin, token, view: first, flash }: LivePlayerProps) {
  const [view, setView] = useState<PlayerView | RemovedView>(first)
  const [status, setStatus] = useState<string | null>(flash)
  const [received, setReceived] = useState(first.t === 'question' && first.answered)
  const [now, setNow] = useState(() => Date.now())
  const socket = useRef<WebSocket | null>(null)
  const pending = useRef<string | null>(null)
  /**
   * Whether the room has answered this socket's hello. An answer goes only
   * after that: messages sent at once on a new socket can reach the room out
   * of order (seen in workerd), and an answer before the hello is refused.
   */
  const welcomed = useRef(false)
  const viewAt = useRef(Date.now())

  useEffect(() => {
    let closed = false
    let retry = 500
    const connect = () => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/live/${pin}/ws`)
      socket.current = ws
      welcomed.current = false
      ws.onopen = () => {
        retry = 500
        ws.send(JSON.stringify({ v: 1, t: 'hello', token }))
      }
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as PlayerView | Notice
        if (message.t === 'ack') {
          pending.current = null
          setReceived(true)
          setStatus('Answer received.')
        } else if (message.t === 'error') {
          pending.current = null
          setStatus(message.message)
        } else if (message.t === 'removed') {
          closed = true
          setView({ v: 1, t: 'removed' })
        } else if (message.t !== 'answered' && message.t !== 'pong') {
          // The first view is the hello's reply: now an unacknowledged answer can go again.
          if (!welcomed.current && pending.current) ws.send(pending.current)
          welcomed.current = true
          viewAt.current = Date.now()
          setView(message)
          if (message.t === 'question') setReceived(message.answered)
          if (message.t !== 'question') setStatus(null)
        }
      }
      ws.onclose = (event) => {
        if (closed || event.code === 4000 || event.code === 4001) return
        setTimeout(connect, retry)
        retry = Math.min(retry * 2, 8000)
      }
    }
    connect()
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      closed = true
      clearInterval(tick)
      socket.current?.close()
    }
  }, [pin, token])

  if (view.t === 'removed')
    return (
      <p role="alert">
        The host removed you from this room. <a href="/live">Join another game</a>
      </p>
    )

  const left =
    view.t === 'question'
      ? view.paused
        ? view.remainingMs
        : Math.max(0, view.remainingMs - (now - viewAt.current))
      : 0
  const seconds = secondsLeft(left)

  const submit = (event: Event) => {
    if (view.t !== 'question') return
    event.preventDefault()
    const form = new FormData(event.currentTarget as HTMLFormElement)
    const reading = answerFromForm(view.question, (name) => form.getAll(name).map(String))
    if (!reading.ok) return setStatus(reading.message)
    const message = JSON.stringify({
      v: 1,
      t: 'answer',
      q: view.q,
      answer: reading.answer,
      id: crypto.randomUUID(),
    })
    pending.current = message
    setStatus('Sending…')
    if (welcomed.current && socket.current?.readyState === WebSocket.OPEN) socket.current.send(message)
  }

  return (
    <div class="live-player">
      <p class="live-player__you">
        <strong>{view.you.nickname}</strong> · {view.you.score} points · rank {view.you.rank} of{' '}
        {view.you.players}
      </p>
      {view.t === 'lobby' && (
        <section aria-live="polite">
          <h2>You are in!</h2>
          <p>Waiting for the host to start {view.title}. Keep this page open.</p>
        </section>
      )}
      {view.t === 'question' && (
        <section>
          <p class="live-player__progress">
            Question {view.q + 1} of {view.total}
          </p>
          <p class="live-countdown" aria-hidden="true">
            {view.paused ? 'Paused' : `${seconds} s`}
          </p>
          <p class="visually-hidden" aria-live="polite">
            {view.paused ? 'Paused.' : announceAt(seconds) ? `${seconds} seconds left.` : ''}
          </p>
          <form method="post" action={`/live/${pin}/answer`} onSubmit={submit} class="live-answer">
            <input type="hidden" name="q" value={String(view.q)} />
            <QuestionFields question={view.question} submitted={null} disabled={received} />
            {!received && (
              <button type="submit" class="button live-answer__send">
                Send answer
              </button>
            )}
          </form>
          <p role="status" class="live-player__status">
            {received ? 'Answer received. Wait for the question to close.' : status}
          </p>
        </section>
      )}
      {view.t === 'reveal' && (
        <section aria-live="polite">
          <h2>
            {view.reveal.skipped
              ? 'Skipped'
              : !view.result.answered
                ? 'No answer this time'
                : view.result.correct
                  ? 'Right!'
                  : view.result.credit > 0
                    ? 'Partly right'
                    : 'Wrong'}
          </h2>
          <p>
            +{view.result.points} points. You are {ordinal(view.you.rank)} of {view.you.players}.
          </p>
          <p class="live-player__prompt">{view.prompt}</p>
          <LiveReveal reveal={view.reveal} showBars={false} />
        </section>
      )}
      {view.t === 'leaderboard' && (
        <section aria-live="polite">
          <h2>Leaderboard</h2>
          <LiveStandings rows={view.top} label="Top players" />
          <p>
            You are {ordinal(view.you.rank)} with {view.you.score} points.
          </p>
        </section>
      )}
      {view.t === 'podium' && (
        <section aria-live="polite">
          <h2>Podium</h2>
          <LiveStandings rows={view.top} label="Podium" />
          <p>
            You finished {ordinal(view.you.rank)} of {view.you.players} with {view.you.score} points.
          </p>
        </section>
      )}
      {view.t === 'ended' && (
        <section aria-live="polite">
          <h2>This live session has ended</h2>
          <p>
            You scored {view.you.score} points. <a href="/live">Join another game</a>
          </p>
        </section>
      )}
    </div>
  )
}

function ordinal(rank: number): string {
  const tens = rank % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th')
  return `${rank}${suffix}`
}
