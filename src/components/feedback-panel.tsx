import type { Ref } from 'preact'
import type { Feedback } from '../quiz/feedback'
import { questionPointsText } from '../quiz/points-text'
import { CitedPassages } from './cited-passages'

type Props = {
  feedback: Feedback
  headingRef?: Ref<HTMLHeadingElement>
  autoFocus?: boolean
  /** The question's "Report a problem" page in the learner's attempt; absent where reports do not apply (practice). */
  reportHref?: string
}

export function verdict(feedback: Pick<Feedback, 'correct' | 'points'>): { label: string; tone: string } {
  if (feedback.correct) return { label: 'Correct', tone: 'correct' }
  if (feedback.points > 0)
    return { label: `Partly right: ${questionPointsText(feedback.points)} of a point`, tone: 'partial' }
  return { label: 'Not quite', tone: 'incorrect' }
}

/**
 * The verdict, the correct answer, the learner's, per-choice feedback, then
 * the explanation and the evidence quotes with their sources (none for an
 * uncited question). The heading takes focus so screen readers announce the verdict.
 */
export function FeedbackPanel({ feedback, headingRef, autoFocus = false, reportHref }: Props) {
  const { label, tone } = verdict(feedback)
  return (
    <section
      class={`feedback feedback--${tone}`}
      aria-labelledby={`feedback-${feedback.questionId}`}
      // Read by the embed frame script to tell the host page what was answered.
      data-question-id={feedback.questionId}
      data-correct={String(feedback.correct)}
      data-points={String(feedback.points)}
    >
      <h2 id={`feedback-${feedback.questionId}`} tabIndex={-1} ref={headingRef} autofocus={autoFocus}>
        <span aria-hidden="true" class="feedback__icon">
          {tone === 'correct' ? '✓' : tone === 'partial' ? '◐' : '✗'}
        </span>{' '}
        {label}
      </h2>
      <AnswerPathNote feedback={feedback} />
      {/* The verdict and the right answer come first, then what the learner gave, then the why:
          on a phone the part most read is the part seen without scrolling. */}
      <dl class="answers">
        {!feedback.correct && (
          <>
            <dt>Correct answer</dt>
            <dd>
              <AnswerLines lines={feedback.correctAnswer} ordered={feedback.ordered} />
            </dd>
          </>
        )}
        <dt>Your answer</dt>
        <dd>
          <AnswerLines lines={feedback.yourAnswer} ordered={feedback.ordered} />
        </dd>
      </dl>
      <ChoiceFeedbackNotes notes={feedback.choiceFeedback} />
      <p class="explanation">{feedback.explanation}</p>
      <CitedPassages citations={feedback.evidence} />
      {reportHref && <ReportLink href={reportHref} />}
    </section>
  )
}

/** How the answer was reached, only when it took extra tries or hints (their penalties are off its points). */
export function AnswerPathNote({ feedback }: { feedback: Pick<Feedback, 'path' | 'points'> }) {
  if (!feedback.path) return null
  return <p class="feedback__path">{pathText(feedback.path, feedback.points)}</p>
}

/**
 * "On try 2, with 1 hint: 0.57 of a point kept after penalties."
 */
function pathText({ triesUsed, hintsUsed }: NonNullable<Feedback['path']>, points: number): string {
  const steps = [
    triesUsed > 1 ? `On try ${triesUsed}` : 'On the first try',
    hintsUsed > 0 ? `with ${hintsUsed} hint${hintsUsed === 1 ? '' : 's'}` : null,
  ].filter(Boolean)
  // Hundredths as they are: a penalised 0.57 is not the 4/7 that questionPointsText would read into it.
  return `${steps.join(', ')}: ${points} of a point kept after penalties.`
}

function AnswerLines({ lines, ordered }: { lines: string[]; ordered: boolean }) {
  if (lines.length === 1) return <>{lines[0]}</>
  const items = lines.map((line) => <li key={line}>{line}</li>)
  return ordered ? <ol class="answer-lines">{items}</ol> : <ul class="answer-lines">{items}</ul>
}

/**
 * The author's feedback on each choice the learner picked, named by the
 * choice when there are several (a multiple select).
 */
export function ChoiceFeedbackNotes({ notes }: { notes: Feedback['choiceFeedback'] | undefined }) {
  if (!notes?.length) return null
  return (
    <ul class="choice-feedback" aria-label="About your choice">
      {notes.map((note) => (
        <li key={note.choice}>
          <strong>{note.choice}</strong>: {note.text}
        </li>
      ))}
    </ul>
  )
}

/** The way to "Report a problem with this question": a plain link to a page with the form, so it works without JavaScript. */
export function ReportLink({ href }: { href: string }) {
  return (
    <p class="report-link">
      <a href={href}>Report a problem with this question</a>
    </p>
  )
}
