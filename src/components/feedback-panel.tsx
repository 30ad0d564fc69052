import type { Ref } from 'preact'
import type { Feedback } from '../quiz/feedback'
import { questionPointsText } from '../quiz/points-text'
import { SourceLine } from './source-line'

type Props = { feedback: Feedback; headingRef?: Ref<HTMLHeadingElement>; autoFocus?: boolean }

export function verdict(feedback: Pick<Feedback, 'correct' | 'points'>): { label: string; tone: string } {
  if (feedback.correct) return { label: 'Correct', tone: 'correct' }
  if (feedback.points > 0)
    return { label: `Partly right: ${questionPointsText(feedback.points)} of a point`, tone: 'partial' }
  return { label: 'Not quite', tone: 'incorrect' }
}

/**
 * The verdict, the correct answer, the learner's, then the explanation and
 * the evidence quote with its source. The heading takes focus so screen readers announce the verdict.
 */
export function FeedbackPanel({ feedback, headingRef, autoFocus = false }: Props) {
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
      <p class="explanation">{feedback.explanation}</p>
      <figure class="evidence">
        <blockquote>{feedback.evidence.quote}</blockquote>
        <figcaption>
          Source: <SourceLine source={feedback.evidence.source} />
        </figcaption>
      </figure>
    </section>
  )
}

function AnswerLines({ lines, ordered }: { lines: string[]; ordered: boolean }) {
  if (lines.length === 1) return <>{lines[0]}</>
  const items = lines.map((line) => <li key={line}>{line}</li>)
  return ordered ? <ol class="answer-lines">{items}</ol> : <ul class="answer-lines">{items}</ul>
}
