import { type Context, Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../../env'
import { readForm } from '../../http/form'
import { isHttps } from '../../http/is-https'
import { readPin } from '../../live/pin'
import { answerFromForm } from '../../quiz/answer-form'
import { connectToRoom, findSessionByPin, roomOf } from '../../services/live-sessions'
import { JoinPage, PlayerPage } from '../../views/live/live-pages'
import { renderPage } from '../../views/render'

/** The player's seat on this device: `<session id>.<token>`, sent only to /live pages. */
const SEAT_COOKIE = 'cited_live'
const SEAT_MAX_AGE = 60 * 60 * 6

function seatOf(c: Context, sessionId: string): string | null {
  const value = getCookie(c, SEAT_COOKIE) ?? ''
  const dot = value.indexOf('.')
  return dot > 0 && value.slice(0, dot) === sessionId ? value.slice(dot + 1) : null
}

/** A WebSocket upgrade from one of our own pages (browsers always send Origin on one). */
function sameOriginUpgrade(c: Context): boolean {
  const origin = c.req.header('origin')
  return (
    c.req.header('upgrade')?.toLowerCase() === 'websocket' &&
    (!origin || origin === new URL(c.req.url).origin)
  )
}

const flashes: Record<string, string> = {
  received: 'Answer received.',
  late: 'Too late: that question had closed.',
  invalid: 'That answer could not be read: check it and send it again.',
}

/**
 * Players: /live (join with PIN and nickname), /live/:pin (the phone page,
 * with or without JavaScript), its answer form and its WebSocket.
 */
export const live = new Hono<AppEnv>()
  .get('/', (c) =>
    renderPage(c, <JoinPage form={{ pin: readPin(c.req.query('pin') ?? '') ?? '', nickname: '' }} />),
  )
  .post('/', async (c) => {
    const form = await readForm(c)
    const typed = { pin: form.pin?.[0]?.trim() ?? '', nickname: form.nickname?.[0] ?? '' }
    const pin = readPin(typed.pin)
    if (!pin) return renderPage(c, <JoinPage form={{ ...typed, error: 'A game PIN has six digits.' }} />, 400)
    const found = await findSessionByPin(c.get('db'), {
      pin,
      ipHeader: c.req.header('cf-connecting-ip'),
      now: Date.now(),
    })
    if (!found.ok) return renderPage(c, <JoinPage form={{ ...typed, error: found.message }} />, 404)
    const room = roomOf(c.env, found.session.id)
    // Back on a device that already has a seat in this room: the same seat, whatever was typed.
    const existing = seatOf(c, found.session.id)
    if (existing && (await room.viewFor(existing))) return c.redirect(`/live/${pin}`, 303)
    const joined = await room.join(typed.nickname)
    if (!joined.ok)
      return renderPage(
        c,
        <JoinPage form={{ ...typed, error: joined.message }} />,
        joined.code === 'taken' ? 409 : joined.code === 'nickname' ? 400 : 403,
      )
    setCookie(c, SEAT_COOKIE, `${found.session.id}.${joined.token}`, {
      path: '/live',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      maxAge: SEAT_MAX_AGE,
    })
    return c.redirect(`/live/${pin}`, 303)
  })
  .get('/:pin{[0-9]{6}}', async (c) => {
    const pin = c.req.param('pin')
    const found = await findSessionByPin(c.get('db'), {
      pin,
      ipHeader: c.req.header('cf-connecting-ip'),
      now: Date.now(),
    })
    if (!found.ok) return renderPage(c, <JoinPage form={{ pin, nickname: '', error: found.message }} />, 404)
    const token = seatOf(c, found.session.id)
    const view = token ? await roomOf(c.env, found.session.id).viewFor(token) : null
    if (!token || !view) return c.redirect(`/live?pin=${pin}`, 303)
    const flash = flashes[c.req.query('answer') ?? ''] ?? null
    return renderPage(c, <PlayerPage pin={pin} token={token} view={view} flash={flash} />)
  })
  .post('/:pin{[0-9]{6}}/answer', async (c) => {
    const pin = c.req.param('pin')
    const form = await readForm(c)
    const found = await findSessionByPin(c.get('db'), {
      pin,
      ipHeader: c.req.header('cf-connecting-ip'),
      now: Date.now(),
    })
    if (!found.ok) return c.redirect(`/live?pin=${pin}`, 303)
    const token = seatOf(c, found.session.id)
    if (!token) return c.redirect(`/live?pin=${pin}`, 303)
    const room = roomOf(c.env, found.session.id)
    const view = await room.viewFor(token)
    const q = Number(form.q?.[0])
    if (view?.t !== 'question' || view.q !== q) return c.redirect(`/live/${pin}?answer=late`, 303)
    const reading = answerFromForm(view.question, (name) => form[name] ?? [])
    if (!reading.ok) return c.redirect(`/live/${pin}?answer=invalid`, 303)
    const result = await room.answerFromForm(token, q, reading.answer)
    if (result.ok) return c.redirect(`/live/${pin}?answer=received`, 303)
    return c.redirect(`/live/${pin}?answer=${result.code === 'late' ? 'late' : 'invalid'}`, 303)
  })
  .get('/:pin{[0-9]{6}}/ws', async (c) => {
    if (!sameOriginUpgrade(c)) return c.text('Expected a WebSocket upgrade from this site', 426)
    const found = await findSessionByPin(c.get('db'), {
      pin: c.req.param('pin'),
      ipHeader: c.req.header('cf-connecting-ip'),
      now: Date.now(),
    })
    if (!found.ok) return c.text(found.message, 404)
    // The player proves their seat in the socket's first message (hello with the token).
    return connectToRoom(c.env, found.session.id, 'player', c.req.url)
  })
