import type { Feedback } from '../quiz/feedback'
import type { TryAgain } from '../quiz/try-again'
import { refreshOffline } from './offline-cache'

/**
 * Answers given without a connection wait here (in localStorage) until they
 * can be sent to the server, which grades them. Each has the id the server
 * dedupes on (attempt and question), so sending one twice, from a retry or
 * another tab, never counts it twice: the server answers the first feedback.
 */

/** One answer waiting to be graded. */
export type WaitingAnswer = {
  /** Unique per attempt and question: saving the same id again replaces the answer. */
  id: string
  /** The attempt it belongs to, to count what a quiz still waits for. */
  group: string
  /** The JSON endpoint and body the island would have sent online. */
  url: string
  body: Record<string, unknown>
  /** The question's page and its name for the learner ("Question 4 of 12"). */
  page: string
  label: string
}

/** What became of an answer once sent: graded, or refused by the server (it will not be retried). */
export type SentAnswer =
  | { answer: WaitingAnswer; kind: 'graded'; feedback: Feedback }
  /** Stored, in exam mode: the verdict comes with the results. */
  | { answer: WaitingAnswer; kind: 'recorded' }
  /** A wrong try with tries left (sets allowing several): the answer comes back to the form. */
  | { answer: WaitingAnswer; kind: 'try-again'; tryAgain: TryAgain }
  | { answer: WaitingAnswer; kind: 'refused'; message: string }

/** Where the queue lives in localStorage (forget-device.ts clears it). */
export const WAITING_ANSWERS_KEY = 'cited.waiting-answers'
const storageKey = WAITING_ANSWERS_KEY
/** The first retry after a failed send; each next one waits twice as long, up to `maxRetryMs`. */
const firstRetryMs = 5_000
const maxRetryMs = 60_000

const isWaitingAnswer = (value: unknown): value is WaitingAnswer =>
  typeof value === 'object' &&
  value !== null &&
  ['id', 'group', 'url', 'page', 'label'].every(
    (key) => typeof (value as Record<string, unknown>)[key] === 'string',
  )

/** The answers waiting to be sent, oldest first. */
export function waitingAnswers(): WaitingAnswer[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]')
    return Array.isArray(stored) ? stored.filter(isWaitingAnswer) : []
  } catch {
    return []
  }
}

const listeners = new Set<() => void>()
const sent: SentAnswer[] = []

function store(answers: WaitingAnswer[]) {
  localStorage.setItem(storageKey, JSON.stringify(answers))
  notify()
}

function notify() {
  for (const listener of listeners) listener()
}

/**
 * Calls `listener` whenever the waiting answers change (here or in another
 * tab) or one was sent; returns the function that stops it.
 */
export function onAnswersChange(listener: () => void): () => void {
  listeners.add(listener)
  if (listeners.size === 1) addEventListener('storage', notify)
  return () => {
    listeners.delete(listener)
    if (!listeners.size) removeEventListener('storage', notify)
  }
}

/** Answers sent since this page loaded, with the server's verdict. */
export function sentAnswers(): readonly SentAnswer[] {
  return sent
}

let unreachable = false

/**
 * Whether the server is out of reach: the device says it is offline, or the
 * last request got no response at all. `navigator.onLine` alone is not
 * enough: it stays true on a network that goes nowhere.
 */
export function isOffline(): boolean {
  return !navigator.onLine || unreachable
}

/** Records whether the last request reached the server (any HTTP response counts). */
export function noteReached(reached: boolean): void {
  if (unreachable === !reached) return
  unreachable = !reached
  notify()
}

/** Keeps an answer on the device until it can be sent; replaces an earlier one with the same id. */
export function saveAnswer(answer: WaitingAnswer): void {
  store([...waitingAnswers().filter((other) => other.id !== answer.id), answer])
  retryDelay = firstRetryMs
  retryLater()
}

let sending: Promise<void> | null = null
let retry: ReturnType<typeof setTimeout> | undefined
let retryDelay = firstRetryMs

/**
 * Sends every waiting answer, one at a time. An answer leaves the queue once
 * the server has answered it: graded (first time or `duplicate`), or refused
 * with a 4xx (the attempt is gone, the answer does not fit). A network error
 * or a 5xx keeps it, and the queue is tried again a little later.
 */
export function sendWaitingAnswers(): Promise<void> {
  sending ??= sendAll().finally(() => {
    sending = null
  })
  return sending
}

async function sendAll(): Promise<void> {
  clearTimeout(retry)
  for (const answer of waitingAnswers()) {
    let response: Response
    try {
      response = await fetch(answer.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(answer.body),
      })
    } catch {
      noteReached(false)
      return retryLater()
    }
    noteReached(true)
    retryDelay = firstRetryMs
    if (response.status >= 500 || response.status === 429) return retryLater()
    const body = (await response.json().catch(() => ({}))) as {
      feedback?: Feedback | null
      saved?: boolean
      tryAgain?: TryAgain | null
      error?: { message?: string }
    }
    store(waitingAnswers().filter((other) => other.id !== answer.id))
    sent.push(
      response.ok && body.feedback
        ? { answer, kind: 'graded', feedback: body.feedback }
        : response.ok && body.tryAgain
          ? { answer, kind: 'try-again', tryAgain: body.tryAgain }
          : response.ok && body.saved
            ? { answer, kind: 'recorded' }
            : {
                answer,
                kind: 'refused',
                message: body.error?.message ?? 'The server could not grade this answer.',
              },
    )
    notify()
    // The kept copy of the page still shows the form; now it can show the feedback.
    if (response.ok) void refreshOffline(answer.page)
  }
}

/**
 * Tries again later, waiting longer each time. The `online` event (see
 * main.ts) sends at once when the device reconnects; this covers networks
 * that come back without the device noticing, and flaky ones.
 */
function retryLater() {
  clearTimeout(retry)
  if (!waitingAnswers().length) return
  retry = setTimeout(() => void sendWaitingAnswers(), retryDelay)
  retryDelay = Math.min(retryDelay * 2, maxRetryMs)
}
