/**
 * The messages an embedded quiz posts to its host page (version 1). Every
 * message is an object with `source: 'cited'` and `version: 1`; hosts should
 * ignore messages of other versions. Documented in the README (Embedding).
 */
export const MESSAGE_VERSION = 1

type Envelope<T extends string, P> = {
  source: 'cited'
  version: typeof MESSAGE_VERSION
  type: T
  quiz: string
} & P

export type EmbedMessage =
  /**
   * The embedded page loaded; `page` is its path, so a host can tell a new page
   * (the learner moved on: the host script scrolls the quiz's top into view)
   * from the same page saying ready again.
   */
  | Envelope<'ready', { height: number; page: string }>
  /** The content height changed (the host script resizes the iframe to it). */
  | Envelope<'resize', { height: number }>
  /** A question was graded. May repeat for the same question if the learner reloads its page. */
  | Envelope<'answered', { questionId: string; correct: boolean; points: number }>
  /**
   * The attempt is finished (every question answered, or the time limit ran out): the stored
   * score, out of `max`, and whether it reaches the set's pass mark (60% for the bank's sets).
   */
  | Envelope<'completed', { score: number; max: number; percent: number; passed: boolean }>
  /**
   * For embed.js only (never re-dispatched as a DOM event): the learner token
   * to keep in the course page's storage, so a reload brings the learner back.
   */
  | Envelope<'learner', { token: string }>

/** Narrows anything received through postMessage to a Cited message. */
export function isEmbedMessage(data: unknown): data is EmbedMessage {
  if (typeof data !== 'object' || data === null) return false
  const message = data as Partial<EmbedMessage>
  return (
    message.source === 'cited' &&
    message.version === MESSAGE_VERSION &&
    typeof message.type === 'string' &&
    typeof message.quiz === 'string'
  )
}

/** What the host script sends each Cited iframe when it starts, so the frame repeats `ready`. */
export const HOST_HELLO = { source: 'cited-host', version: MESSAGE_VERSION, type: 'hello' } as const

/**
 * The hello, with what the course page holds for this quiz: the learner token
 * embed.js kept from an earlier visit, and the name or id the page gave in
 * the iframe's `data-cited-learner` (the host's word, not verified).
 */
export type HostHello = typeof HOST_HELLO & { learner?: string; name?: string }

export function isHostHello(data: unknown): data is HostHello {
  if (typeof data !== 'object' || data === null) return false
  const message = data as Partial<HostHello>
  return (
    message.source === HOST_HELLO.source &&
    message.type === HOST_HELLO.type &&
    (message.learner === undefined || typeof message.learner === 'string') &&
    (message.name === undefined || typeof message.name === 'string')
  )
}
