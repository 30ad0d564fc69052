import { useEffect, useRef, useState } from 'preact/hooks'
import { LiveReveal, LiveStandings, secondsLeft } from '../components/live-reveal'
import type { HostCommand, HostView, Notice } from '../live/protocol'

export type LiveHostProps = {
  sessionId: string
  view: HostView
  /** The join link players open (also in the QR code). */
  joinUrl: string
}

/**
 * The host screen, for a projector (1280×720 and up): the PIN, the join link
 * and QR code, the lobby, each question with its countdown and answer count,
 * the answer with its source, the leaderboard and the podium. The controls
 * send commands on the host's socket; the space bar means "next".
 */
export function LiveHost({ sessionId, view: first, joinUrl }: LiveHostProps) {
  const [view, setView] = useState<HostView>(first)
  const [answered, setAnswered] = useState<number>('answered' in first ? first.answered : 0)
  const [problem, setProblem] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [online, setOnline] = useState(false)
  const socket = useRef<WebSocket | null>(null)
  const viewAt = useRef(Date.now())

  useEffect(() => {
    let closed = false
    const connect = () => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/studio/live/${sessionId}/ws`)
      socket.current = ws
      ws.onopen = () => setOnline(true)
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as HostView | Notice
        if (message.t === 'answered') setAnswered(message.count)
        else if (message.t === 'error') setProblem(message.message)
        else if (message.t !== 'ack' && message.t !== 'removed' && message.t !== 'pong') {
          viewAt.current = Date.now()
          setProblem(null)
          setView(message)
          if ('answered' in message) setAnswered(message.answered)
        }
      }
      ws.onclose = (event) => {
        setOnline(false)
        if (!closed && event.code !== 4000) setTimeout(connect, 1000)
      }
    }
    connect()
    const tick = setInterval(() => setNow(Date.now()), 250)
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (event.key === ' ' && !target?.closest('button, input, a, select, textarea')) {
        event.preventDefault()
        command('next')
      }
    }
    addEventListener('keydown', onKey)
    return () => {
      closed = true
      clearInterval(tick)
      removeEventListener('keydown', onKey)
      socket.current?.close()
    }
  }, [sessionId])

  const command = (t: HostCommand) => socket.current?.send(JSON.stringify({ v: 1, t }))
  const remove = (player: string) => socket.current?.send(JSON.stringify({ v: 1, t: 'remove', player }))
  const left =
    view.t === 'question'
      ? view.paused
        ? view.remainingMs
        : Math.max(0, view.remainingMs - (now - viewAt.current))
      : 0
  const button = (t: HostCommand, label: string) => (
    <button type="button" class="button" onClick={() => command(t)} disabled={!online}>
      {label}
    </button>
  )

  return (
    <div class="live-host">
      <header class="live-host__bar">
        <p class="live-host__pin">
          PIN <strong>{view.pin}</strong>
        </p>
        <p>
          {view.title} · {view.playerCount} players{view.locked ? ' · locked' : ''}
          {online ? '' : ' · connecting…'}
        </p>
      </header>
      {problem && <p role="alert">{problem}</p>}
      {view.t === 'lobby' && (
        <section class="live-host__lobby">
          <div class="live-host__join">
            <p>
              Join at <strong>{joinUrl}</strong>
            </p>
            <img
              src={`/studio/live/${sessionId}/qr.svg`}
              alt={`QR code for ${joinUrl}`}
              width={240}
              height={240}
            />
          </div>
          <h2>Players ({view.players.length})</h2>
          <ul class="live-host__players" aria-live="polite">
            {view.players.map((player) => (
              <li key={player.id}>
                {player.nickname}{' '}
                <button type="button" class="button button--small" onClick={() => remove(player.id)}>
                  Remove<span class="visually-hidden"> {player.nickname}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.t === 'question' && (
        <section class="live-host__question">
          <p>
            Question {view.q + 1} of {view.total} ·{' '}
            <span class="live-countdown">{view.paused ? 'Paused' : `${secondsLeft(left)} s`}</span> ·{' '}
            <span aria-live="polite">
              {answered} of {view.playerCount} answered
            </span>
          </p>
          <h2 class="live-host__prompt">{view.question.prompt}</h2>
          {'choices' in view.question && (
            <ul class="live-host__choices">
              {view.question.choices.map((choice) => (
                <li key={choice.id}>{choice.text}</li>
              ))}
            </ul>
          )}
          {'items' in view.question && (
            <ul class="live-host__choices">
              {view.question.items.map((item) => (
                <li key={item.id}>{item.text}</li>
              ))}
            </ul>
          )}
          {view.question.type === 'true_false' && (
            <ul class="live-host__choices">
              <li>True</li>
              <li>False</li>
            </ul>
          )}
        </section>
      )}
      {view.t === 'reveal' && (
        <section>
          <p>
            Question {view.q + 1} of {view.total} · {view.answered} of {view.playerCount} answered
          </p>
          <h2 class="live-host__prompt">{view.prompt}</h2>
          <LiveReveal reveal={view.reveal} />
        </section>
      )}
      {view.t === 'leaderboard' && (
        <section>
          <h2>Leaderboard after question {view.q + 1}</h2>
          <LiveStandings rows={view.top} label="Top 5" />
        </section>
      )}
      {view.t === 'podium' && (
        <section>
          <h2>Podium</h2>
          <LiveStandings rows={view.top} label="Podium" />
          <details>
            <summary>All results</summary>
            <table class="live-results">
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Player</th>
                  <th scope="col">Points</th>
                </tr>
              </thead>
              <tbody>
                {view.results.map((row) => (
                  <tr key={row.nickname}>
                    <td>{row.rank}</td>
                    <td>{row.nickname}</td>
                    <td>{row.score}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      )}
      {view.t === 'ended' && (
        <section>
          <h2>This live session has ended</h2>
          <p>
            Its results are in the set's <a href="/studio">results dashboard</a>.
          </p>
        </section>
      )}
      <nav class="live-host__controls" aria-label="Session controls">
        {view.t === 'lobby' && button('start', 'Start')}
        {view.t !== 'lobby' && view.t !== 'ended' && button('next', 'Next (space)')}
        {view.t === 'question' && button('skip', 'Skip')}
        {view.t === 'question' && (view.paused ? button('resume', 'Resume') : button('pause', 'Pause'))}
        {view.t === 'question' && button('extend', '+10 s')}
        {button(view.locked ? 'unlock' : 'lock', view.locked ? 'Unlock room' : 'Lock room')}
        {view.t !== 'ended' && button('end', view.t === 'podium' ? 'Close session' : 'End')}
      </nav>
    </div>
  )
}
