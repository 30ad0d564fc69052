import { useEffect, useRef, useState } from 'preact/hooks'
import { FeedbackPanel, verdict } from '../components/feedback-panel'
import { QuestionFields, type Submitted } from '../components/question-fields'
import { answerFromForm } from '../quiz/answer-form'
import type { Feedback } from '../quiz/feedback'
import type { PublicQuestion } from '../quiz/public-question'

export type AnswerFormProps = {
  question: PublicQuestion
  /** Where the plain form posts (works without JavaScript). */
  action: string
  /** The JSON endpoint the island uses instead, to show feedback in place. */
  apiUrl: string
  next: { href: string; label: string }
  error: string | null
  submitted: Submitted | null
  /** Extra fields sent with the answer, both as hidden inputs and in the JSON body (e.g. a review id). */
  hidden?: Record<string, string>
}

type State =
  | { kind: 'answering'; error: string | null }
  | { kind: 'sending' }
  | { kind: 'answered'; feedback: Feedback }

/**
 * One question's form. Server-rendered as a normal form; once hydrated it
 * submits with fetch and swaps in the feedback without a page load. Any
 * failure leaves the form as it was, so nothing typed is lost.
 */
export function AnswerForm({
  question,
  action,
  apiUrl,
  next,
  error,
  submitted,
  hidden = {},
}: AnswerFormProps) {
  const [state, setState] = useState<State>({ kind: 'answering', error })
  const feedbackHeading = useRef<HTMLHeadingElement>(null)
  const errorRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (state.kind === 'answered') {
      feedbackHeading.current?.focus()
      // Same title as the server-rendered feedback page, so the tab and history say how it went.
      document.title = `${verdict(state.feedback).label} · ${document.title}`
    }
    if (state.kind === 'answering' && state.error) errorRef.current?.focus()
  }, [state])

  async function submit(event: SubmitEvent) {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const reading = answerFromForm(question, (name) => data.getAll(name).map(String))
    if (!reading.ok) return setState({ kind: 'answering', error: reading.message })
    setState({ kind: 'sending' })
    try {
      const response = await fetch(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...hidden, questionId: question.id, answer: reading.answer }),
      })
      const body = (await response.json()) as { feedback?: Feedback; error?: { message: string } }
      if (response.ok && body.feedback) return setState({ kind: 'answered', feedback: body.feedback })
      setState({
        kind: 'answering',
        error: body.error?.message ?? 'Your answer could not be checked. Try again.',
      })
    } catch {
      setState({
        kind: 'answering',
        error: 'No connection to the server. Your answer is still here: try again.',
      })
    }
  }

  if (state.kind === 'answered')
    return (
      <div class="answered">
        {/* Keep the question in view beside its verdict, as the server-rendered feedback page does. */}
        <p class="question__prompt">{question.prompt}</p>
        <FeedbackPanel feedback={state.feedback} headingRef={feedbackHeading} />
        <a class="button button--primary" href={next.href}>
          {next.label}
        </a>
      </div>
    )

  const message = state.kind === 'answering' ? state.error : null
  return (
    <form method="post" action={action} class="answer-form" onSubmit={submit} noValidate={false}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <QuestionFields question={question} submitted={submitted} />
      <p class="form-error" role="alert" tabIndex={-1} ref={errorRef} hidden={!message}>
        {message}
      </p>
      <button class="button button--primary" type="submit" disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Checking…' : 'Check answer'}
      </button>
    </form>
  )
}
