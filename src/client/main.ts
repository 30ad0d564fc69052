import { type FunctionComponent, h, hydrate } from 'preact'
import { sendWaitingAnswers } from '../browser/answer-queue'
import { islands } from '../islands/registry'

/**
 * Hydrates every `[data-island]` element with its component and the JSON
 * props the server wrote beside it. Nothing else on the page runs script.
 */
for (const element of document.querySelectorAll<HTMLElement>('[data-island]')) {
  // The server wrote the name and props together (views/island.tsx), so they match.
  const component = islands[element.dataset.island as keyof typeof islands] as
    | FunctionComponent<object>
    | undefined
  if (!component) continue
  const props: object = JSON.parse(element.dataset.props ?? '{}')
  hydrate(h(component, props), element)
}

// Pages with islands work offline once opened (see sw.ts), and answers saved
// offline are sent now and whenever the connection comes back.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {})
addEventListener('online', () => void sendWaitingAnswers())
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void sendWaitingAnswers()
})
void sendWaitingAnswers()
