import { useEffect, useRef, useState } from 'preact/hooks'
import {
  isOffline,
  noteReached,
  onAnswersChange,
  saveAnswer,
  sendWaitingAnswers,
  sentAnswers,
  waitingAnswers,
} from '../browser/answer-queue'
import { refreshOffline } from '../browser/offline-cache'
import { FeedbackPanel, verdict } from '../components/feedback-panel'
import { NextBar } from '../components/next-bar'
import { QuestionFields, type Submitted } from '../components/question-fields'
import { TryAgainNotice } from '../components/try-again-notice'
import { answerFromForm, fieldsOfAnswer } from '../quiz/answer-form'
import type { Feedback } from '../quiz/feedback'
import type { PublicQuestion } from '../quiz/public-question'
import type { TryAgain } from '../quiz/try-again'

type Link = { href: string; label: string }

export type AnswerFormProps = {
  question: PublicQuestion
  /** Where the plain form posts (works without JavaScript). */
  action: string
  /** The JSON endpoint the island uses instead, to show feedback in place. */
  apiUrl: string
  /** The question's "Report a problem" page, linked from the feedback (attempts only, not practice). */
  reportHref?: string
  next: Link
  error: string | null
  submitted: Submitted | null
  /** Extra fields sent with the answer, both as hidden inputs and in the JSON body (e.g. a review id). */
  hidden?: Record<string, string>
  /**
   * Set where the quiz can go on without a connection: an answer that cannot
   * be sent waits on the device (browser/answer-queue.ts) under `id`, and the
   * learner moves on to `next`.
   */
  offline?: { id: string; group: string; label: string; next: Link }
  /** After a wrong try with tries left: what to tell the learner above the form (never the key). */
  tryAgain?: TryAgain | null
}

type State =
  | { kind: 'answering'; error: string | null; tryAgain?: TryAgain | null }
  | { kind: 'sending' }
  | { kind: 'saved' }
  /** Stored on the server in exam mode: the verdict comes with the results. */
  | { kind: 'recorded' }
  | { kind: 'answered'; feedback: Feedback }

const noConnection = 'No connection to the server. Your answer is still here: try again.'

/**
 * One question's form. Server-rendered as a normal form; once hydrated it
 * submits with fetch and swaps in the feedback without a page load. Any
 * failure leaves the form as it was, so nothing typed is lost; without a
 * connection (and with `offline`) the answer is saved on the device and
 * graded when the connection is back.
 */
export function AnswerForm({
  question,
  action,
  apiUrl,
  next,
  error,
  submitted,
  hidden = {},
  offline,
  reportHref,
  tryAgain = null,
}: AnswerFormProps) {
  const [state, setState] = useState<State>({ kind: 'answering', error, tryAgain })
  // What the learner last submitted: if the form is shown again (an error after the feedback
  // or the saved panel replaced it), it comes back filled in, never empty.
  const [kept, setKept] = useState<Submitted | null>(submitted)
  const heading = useRef<HTMLHeadingElement>(null)
  const errorRef = useRef<HTMLParagraphElement>(null)
  const pageTitle = useRef<string | null>(null)

  useEffect(() => {
    pageTitle.current ??= document.title
    if (state.kind === 'answered' || state.kind === 'saved' || state.kind === 'recorded') {
      heading.current?.focus()
      // Same title as the server-rendered feedback page, so the tab and history say how it went.
      const status =
        state.kind === 'answered'
          ? verdict(state.feedback).label
          : state.kind === 'saved'
            ? 'Saved'
            : 'Answer saved'
      document.title = `${status} · ${pageTitle.current}`
    }
    if (state.kind === 'answering' && state.error) errorRef.current?.focus()
    else if (state.kind === 'answering' && state.tryAgain) heading.current?.focus()
  }, [state])

  // An answer saved earlier (this visit or a previous one) shows as saved, then graded once sent.
  useEffect(() => {
    if (!offline) return
    const update = () => {
      const result = sentAnswers().find((sent) => sent.answer.id === offline.id)
      if (result?.kind === 'graded') setState({ kind: 'answered', feedback: result.feedback })
      else if (result?.kind === 'recorded') setState({ kind: 'recorded' })
      else if (result?.kind === 'try-again') {
        setKept(fieldsOfAnswer(question, result.answer.body.answer))
        setState({ kind: 'answering', error: null, tryAgain: result.tryAgain })
      } else if (result?.kind === 'refused') {
        setKept(fieldsOfAnswer(question, result.answer.body.answer))
        setState({ kind: 'answering', error: `Your saved answer was not graded: ${result.message}` })
      } else if (waitingAnswers().some((answer) => answer.id === offline.id)) setState({ kind: 'saved' })
    }
    update()
    return onAnswersChange(update)
  }, [offline?.id])

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    setKept(fieldsOf(data))
    const reading = answerFromForm(question, (name) => data.getAll(name).map(String))
    if (!reading.ok) return setState({ kind: 'answering', error: reading.message })
    const body = { ...hidden, questionId: question.id, answer: reading.answer }
    const keep = () => {
      if (!offline) return setState({ kind: 'answering', error: noConnection })
      const { id, group, label } = offline
      try {
        saveAnswer({ id, group, label, url: apiUrl, body, page: location.pathname })
      } catch {
        // Storage refused (full, or blocked by the browser): the form keeps the answer instead.
        return setState({ kind: 'answering', error: noConnection })
      }
      setState({ kind: 'saved' })
    }
    if (!navigator.onLine) return keep()
    setState({ kind: 'sending' })
    try {
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      })
      noteReached(true)
      const reply = (await response.json()) as {
        feedback?: Feedback | null
        saved?: boolean
        tryAgain?: TryAgain | null
        error?: { code?: string; message: string }
      }
      // A wrong try with tries left: the form stays, with what the learner gave, for the next try.
      if (response.ok && reply.tryAgain)
        return setState({ kind: 'answering', error: null, tryAgain: reply.tryAgain })
      if (response.ok && (reply.feedback || reply.saved)) {
        // The copy kept for offline use still shows the form; keep the page with its feedback instead.
        if (offline) void refreshOffline(location.pathname)
        return setState(
          reply.feedback ? { kind: 'answered', feedback: reply.feedback } : { kind: 'recorded' },
        )
      }
      // The time limit ran out: the question's page now leads to the results.
      if (reply.error?.code === 'time_up') return location.assign(action)
      setState({
        kind: 'answering',
        error: reply.error?.message ?? 'Your answer could not be checked. Try again.',
      })
    } catch {
      // fetch rejects (a TypeError) only when no response came at all: no connection.
      noteReached(false)
      keep()
    }
  }

  if (state.kind === 'saved' && offline) {
    const waiting = waitingAnswers().filter((answer) => answer.group === offline.group).length
    const toResults = offline.next.href.endsWith('/results')
    return (
      <div class="answered">
        <p class="question__prompt">{question.prompt}</p>
        <section class="feedback feedback--saved" aria-labelledby={`saved-${question.id}`}>
          <h2 id={`saved-${question.id}`} tabIndex={-1} ref={heading}>
            Answer saved on this phone
          </h2>
          <p>
            <strong>Feedback when you're back online.</strong> Cited checks every answer on its server, so
            this one waits here until there is a connection, then it is graded once.
          </p>
          {toResults && waiting > 0 && (
            <p>
              Your results need {waiting === 1 ? 'the waiting answer' : `all ${waiting} waiting answers`}{' '}
              graded first: they are sent as soon as you're back online.
            </p>
          )}
        </section>
        <NextLink link={offline.next} group={offline.group} />
      </div>
    )
  }

  if (state.kind === 'recorded')
    return (
      <div class="answered">
        <p class="question__prompt">{question.prompt}</p>
        <section class="feedback feedback--saved" aria-labelledby={`saved-${question.id}`}>
          <h2 id={`saved-${question.id}`} tabIndex={-1} ref={heading}>
            Answer saved
          </h2>
          <p>Feedback comes with your results, once every question is answered.</p>
        </section>
        <NextLink link={next} group={offline?.group} />
      </div>
    )

  if (state.kind === 'answered')
    return (
      <div class="answered">
        {/* Keep the question in view beside its verdict, as the server-rendered feedback page does. */}
        <p class="question__prompt">{question.prompt}</p>
        <FeedbackPanel feedback={state.feedback} headingRef={heading} reportHref={reportHref} />
        <NextLink link={next} group={offline?.group} />
      </div>
    )

  const message = state.kind === 'answering' ? state.error : null
  const retry = state.kind === 'answering' ? state.tryAgain : null
  return (
    <form method="post" action={action} class="answer-form" onSubmit={submit} noValidate={false}>
      {retry && <TryAgainNotice tryAgain={retry} headingRef={heading} autoFocus={!message} />}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <QuestionFields question={question} submitted={kept} />
      <p class="form-error" role="alert" tabIndex={-1} ref={errorRef} hidden={!message}>
        {message}
      </p>
      <button class="button button--primary" type="submit" disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Checking…' : 'Check answer'}
      </button>
    </form>
  )
}

/** Every field of the form with all its values, as the server reads a form post. */
function fieldsOf(data: FormData): Submitted {
  const fields: Submitted = {}
  data.forEach((value, name) => {
    if (typeof value === 'string') fields[name] = [...(fields[name] ?? []), value]
  })
  return fields
}

/**
 * The link onwards. Online, answers of this quiz still waiting are sent
 * first, so the results page (which needs every answer graded) is ready.
 */
function NextLink({ link, group }: { link: Link; group: string | undefined }) {
  const [busy, setBusy] = useState(false)
  async function follow(event: MouseEvent) {
    const waiting = group !== undefined && waitingAnswers().some((answer) => answer.group === group)
    if (!waiting || isOffline()) return
    event.preventDefault()
    setBusy(true)
    await sendWaitingAnswers()
    location.assign(link.href)
  }
  return (
    <NextBar>
      <a class="button button--primary" href={link.href} onClick={follow} aria-disabled={busy || undefined}>
        {busy ? 'Sending saved answers…' : link.label}
      </a>
    </NextBar>
  )
}
