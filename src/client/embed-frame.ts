import { type EmbedMessage, isHostHello, MESSAGE_VERSION } from '../embed/messages'

/**
 * Runs inside an embedded quiz page. Tells the host page (through
 * postMessage, only to the origins allowed to embed the set) when it is ready,
 * how tall it is, what was answered and the final score. Without a host
 * script nothing listens, and the iframe simply scrolls.
 */

type Config = { quiz: string; targets: string[]; learner?: string | null }
type Payload = EmbedMessage extends infer M
  ? M extends EmbedMessage
    ? Omit<M, 'source' | 'version' | 'quiz'>
    : never
  : never

const config = JSON.parse(document.body.dataset.citedEmbed ?? '{}') as Config

function post(payload: Payload) {
  if (window.parent === window) return
  const message = { source: 'cited', version: MESSAGE_VERSION, quiz: config.quiz, ...payload }
  for (const target of config.targets ?? []) window.parent.postMessage(message, target)
}

const contentHeight = () => Math.ceil(document.documentElement.getBoundingClientRect().height)

let lastHeight = contentHeight()
post({ type: 'ready', height: lastHeight, page: location.pathname })
// An attempt's page: give embed.js (on the parent, at an allowed origin only) the
// learner token to keep, so a reload of the course page brings this learner back.
if (config.learner) post({ type: 'learner', token: config.learner })

/** Puts what the course page holds into the start forms (a POST body: never a URL). */
function fillStartForms(fields: Record<string, string | undefined>) {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[action$="/start"]'))
    for (const [name, value] of Object.entries(fields)) {
      if (!value || form.elements.namedItem(name)) continue
      const input = document.createElement('input')
      input.type = 'hidden'
      input.name = name
      input.value = value
      form.append(input)
    }
}
// The host script loads async and may miss that first message: when it says
// hello (from an allowed origin), say ready again.
window.addEventListener('message', (event: MessageEvent) => {
  const allowed = config.targets?.includes('*') || config.targets?.includes(event.origin)
  if (event.source !== window.parent || !allowed || !isHostHello(event.data)) return
  fillStartForms({ learner: event.data.learner, learner_name: event.data.name })
  post({ type: 'ready', height: contentHeight(), page: location.pathname })
})
new ResizeObserver(() => {
  const height = contentHeight()
  if (height === lastHeight) return
  lastHeight = height
  post({ type: 'resize', height })
}).observe(document.documentElement)

const reported = new Set<string>()
function reportAnswers() {
  for (const panel of document.querySelectorAll<HTMLElement>('.feedback[data-question-id]')) {
    const questionId = panel.dataset.questionId ?? ''
    if (reported.has(questionId)) continue
    reported.add(questionId)
    post({
      type: 'answered',
      questionId,
      correct: panel.dataset.correct === 'true',
      points: Number(panel.dataset.points),
    })
  }
}
const completed = document.querySelector<HTMLElement>('[data-cited-completed]')
if (!completed) {
  reportAnswers()
  // The answer island swaps feedback in without a page load.
  new MutationObserver(reportAnswers).observe(document.body, { childList: true, subtree: true })
} else {
  const result = JSON.parse(completed.dataset.citedCompleted ?? '{}') as Extract<
    Payload,
    { type: 'completed' }
  >
  post({ ...result, type: 'completed' })
}
