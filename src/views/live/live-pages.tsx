import type { LiveSessionRow } from '../../db/schema'
import { MAX_NICKNAME_LENGTH } from '../../live/nickname'
import type { HostView, PlayerView } from '../../live/protocol'
import { Island } from '../island'
import { Layout } from '../layout'

const liveScript = <script type="module" src="/build/live.js" />

/**
 * How soon the no-JavaScript page reloads itself: every few seconds between
 * questions, and while a question is open only when it closes, so a player
 * typing an answer is not interrupted.
 */
export function refreshSeconds(view: PlayerView | { t: 'removed' }): number | null {
  if (view.t === 'removed' || view.t === 'ended') return null
  if (view.t === 'question') return view.paused ? 5 : Math.max(2, Math.ceil(view.remainingMs / 1000) + 1)
  return 3
}

export type JoinForm = { pin: string; nickname: string; error?: string }

/** /live: type the PIN and a nickname. */
export function JoinPage({ form }: { form: JoinForm }) {
  return (
    <Layout title="Join a live quiz">
      <h1>Join a live quiz</h1>
      <form method="post" action="/live" class="live-join">
        {form.error && (
          <p class="form-error" id="form-error" role="alert">
            {form.error}
          </p>
        )}
        <p class="field">
          <label for="pin">Game PIN</label>
          <input
            id="pin"
            name="pin"
            inputMode="numeric"
            autocomplete="off"
            pattern="[0-9 -]{6,8}"
            maxLength={8}
            required
            value={form.pin}
            aria-describedby={form.error ? 'form-error' : undefined}
          />
        </p>
        <p class="field">
          <label for="nickname">Nickname</label>
          <input
            id="nickname"
            name="nickname"
            autocomplete="nickname"
            maxLength={MAX_NICKNAME_LENGTH}
            required
            value={form.nickname}
            aria-describedby="nickname-hint"
          />
          <span class="field__hint" id="nickname-hint">
            Up to {MAX_NICKNAME_LENGTH} characters; everyone in the room sees it.
          </span>
        </p>
        <button type="submit" class="button button--primary live-join__go">
          Join
        </button>
      </form>
    </Layout>
  )
}

/** A player's page: the island renders the view; without JavaScript it reloads itself and posts answers. */
export function PlayerPage({
  pin,
  token,
  view,
  flash,
}: {
  pin: string
  token: string
  view: PlayerView | { v: 1; t: 'removed' }
  flash: string | null
}) {
  const refresh = refreshSeconds(view)
  return (
    <Layout
      title="Live quiz"
      head={
        <>
          {liveScript}
          {refresh !== null && (
            <noscript>
              <meta http-equiv="refresh" content={String(refresh)} />
            </noscript>
          )}
        </>
      }
    >
      <h1 class="visually-hidden">Live quiz {pin}</h1>
      <Island of="live-player" props={{ pin, token, view, flash }} />
    </Layout>
  )
}

/** The host screen. */
export function HostPage({
  session,
  view,
  joinUrl,
}: {
  session: LiveSessionRow
  view: HostView
  joinUrl: string
}) {
  return (
    <Layout title={`Live: ${session.title}`} head={liveScript}>
      <h1 class="visually-hidden">Live session: {session.title}</h1>
      <Island of="live-host" props={{ sessionId: session.id, view, joinUrl }} />
    </Layout>
  )
}

export type StartableSet = { slug: string; title: string; questionCount: number; own: boolean }

/** /studio/live: pick a set to play live. */
export function StartLivePage({ sets, error }: { sets: StartableSet[]; error?: string }) {
  return (
    <Layout title="Start a live session">
      <h1>Start a live session</h1>
      <p>
        Players join on their phones at <strong>/live</strong> with a PIN; you run the questions from this
        screen on a projector.
      </p>
      <p class="hint">
        Passage questions (gaps to fill in) are left out of live sessions: typing several gaps against the
        countdown on a phone is a race of thumbs, not of knowledge. They stay in the set for self-paced play.
      </p>
      <form method="post" action="/studio/live" class="live-start">
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <p class="field">
          <label for="set">Quiz set</label>
          <select id="set" name="set" required>
            {sets.map((set) => (
              <option key={set.slug} value={set.slug}>
                {set.title} ({set.questionCount} questions{set.own ? '' : ', bank'})
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="seconds">Seconds per question</label>
          <input id="seconds" name="seconds" type="number" min={5} max={300} value="20" required />
        </p>
        <button type="submit" class="button button--primary">
          Start live session
        </button>
      </form>
    </Layout>
  )
}
