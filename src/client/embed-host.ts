import { HOST_HELLO, isEmbedMessage } from '../embed/messages'

/**
 * Cited's host-page script (`<script src="https://CITED/embed.js" async>`).
 * For every Cited iframe on the page it:
 * - sets the iframe's height to its content, as the learner moves through the quiz;
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
  frame.dispatchEvent(new CustomEvent(`cited:${message.type}`, { detail: message, bubbles: true }))
})

/** Cited iframes already on the page when this script ran may have said ready before anyone listened. */
function greet(frame: HTMLIFrameElement) {
  if (new URL(frame.src, location.href).origin === citedOrigin)
    frame.contentWindow?.postMessage(HOST_HELLO, citedOrigin)
}
for (const frame of document.querySelectorAll('iframe')) {
  greet(frame)
  frame.addEventListener('load', () => greet(frame))
}
