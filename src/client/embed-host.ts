import { HOST_HELLO, isEmbedMessage } from '../embed/messages'

/**
 * Cited's host-page script (`<script src="https://CITED/embed.js" async>`).
 * For every Cited iframe on the page it:
 * - sets the iframe's height to its content, as the learner moves through the quiz;
 * - when the quiz moves to another page ("Next question", "See your results") and the
 *   iframe's top is off screen, scrolls the host page to it (never on resizes or the first page);
 * - re-dispatches the quiz's messages as DOM events on the iframe
 *   (`cited:ready`, `cited:resize`, `cited:answered`, `cited:completed`; `event.detail` is the message),
 *   so a course page can listen with `addEventListener('cited:completed', ...)`.
 * Messages are accepted only from Cited's own origin and only from one of its iframes.
 */

const script = document.currentScript as HTMLScriptElement | null
const citedOrigin = new URL(script?.src ?? location.href).origin

function frameOf(source: MessageEventSource | null): HTMLIFrameElement | undefined {
  for (const frame of document.querySelectorAll('iframe'))
    if (frame.contentWindow === source && new URL(frame.src, location.href).origin === citedOrigin)
      return frame
  return undefined
}

/** The page each iframe last said it was on: a `ready` from another page means the learner moved on. */
const pages = new WeakMap<HTMLIFrameElement, string>()

function bringIntoView(frame: HTMLIFrameElement) {
  const top = frame.getBoundingClientRect().top
  if (top >= 0 && top < window.innerHeight) return
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
  frame.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' })
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== citedOrigin || !isEmbedMessage(event.data)) return
  const frame = frameOf(event.source)
  if (!frame) return
  const message = event.data
  if (message.type === 'ready' || message.type === 'resize') {
    frame.style.height = `${message.height}px`
    // The script took over sizing: no inner scrollbar needed any more.
    frame.setAttribute('scrolling', 'no')
  }
  if (message.type === 'learner') {
    // Kept in this page's own storage, keyed by Cited and quiz; not re-dispatched as an event.
    keepLearnerToken(message.quiz, message.token)
    return
  }
  if (message.type === 'ready') {
    const previous = pages.get(frame)
    pages.set(frame, message.page)
    if (previous !== undefined && previous !== message.page) bringIntoView(frame)
  }
  frame.dispatchEvent(new CustomEvent(`cited:${message.type}`, { detail: message, bubbles: true }))
})

const NOT_ALLOWED_MESSAGE = "This quiz can't be shown on this site; ask the instructor to allow it."

/**
 * A set that does not allow this site shows the browser's blank error box in
 * the frame (its CSP refuses the framing): ask Cited first, and put a short
 * message in the frame's place instead.
 */
async function explainIfRefused(frame: HTMLIFrameElement) {
  const match = /^\/embed\/([^/]+)$/.exec(new URL(frame.src, location.href).pathname)
  if (!match?.[1]) return
  try {
    const url = `${citedOrigin}/embed/${match[1]}/allowed?host=${encodeURIComponent(location.origin)}`
    const answer = (await (await fetch(url, { credentials: 'omit' })).json()) as { allowed?: unknown }
    if (answer.allowed !== false) return
  } catch {
    return // Offline or an old Cited: leave the frame as it is.
  }
  const note = document.createElement('p')
  note.setAttribute('role', 'note')
  note.className = 'cited-embed-refused'
  note.textContent = NOT_ALLOWED_MESSAGE
  note.style.cssText =
    'box-sizing:border-box;max-width:100%;margin:0;padding:1rem;border:1px solid #8a8f98;border-radius:.5rem;background:#fff;color:#1a1a1a;font:1rem/1.4 system-ui,sans-serif'
  note.style.width = frame.style.width || `${frame.width || 640}px`
  frame.replaceWith(note)
}

/**
 * The learner token of each quiz, in the course page's localStorage (no
 * third-party cookie needed): handed back to that quiz's frame only, at
 * Cited's origin, so a reload keeps the learner (and their attempts allowed).
 */
const learnerKey = (quiz: string) => `cited-learner:${citedOrigin}:${quiz}`

function keepLearnerToken(quiz: string, token: string) {
  try {
    localStorage.setItem(learnerKey(quiz), token)
  } catch {
    // Storage blocked or full: the learner is simply new after a reload.
  }
}

function keptLearnerToken(quiz: string): string | undefined {
  try {
    return localStorage.getItem(learnerKey(quiz)) ?? undefined
  } catch {
    return undefined
  }
}

/** The quiz slug of a Cited iframe's snippet address (`/embed/:slug`). */
const quizOf = (frame: HTMLIFrameElement) =>
  /^\/embed\/([^/]+)$/.exec(new URL(frame.src, location.href).pathname)?.[1]

/**
 * Cited iframes already on the page when this script ran may have said ready
 * before anyone listened; the hello also carries the kept learner token and
 * the name or id the page gave in `data-cited-learner` (the host's word).
 */
function greet(frame: HTMLIFrameElement) {
  if (new URL(frame.src, location.href).origin !== citedOrigin) return
  const quiz = quizOf(frame)
  const learner = quiz ? keptLearnerToken(decodeURIComponent(quiz)) : undefined
  const name = frame.dataset.citedLearner?.trim() || undefined
  frame.contentWindow?.postMessage({ ...HOST_HELLO, learner, name }, citedOrigin)
}
for (const frame of document.querySelectorAll('iframe')) {
  if (new URL(frame.src, location.href).origin === citedOrigin) void explainIfRefused(frame)
  greet(frame)
  frame.addEventListener('load', () => greet(frame))
}
