import { CitedPassages } from '../components/cited-passages'
import { ChoiceFeedbackNotes, verdict } from '../components/feedback-panel'
import { ResponsiveImage } from '../components/responsive-image'
import type { FinishedView } from '../quiz/attempt-view'

/**
 * The results' review, question by question: one line per question with its
 * verdict, each a native disclosure (it opens without JavaScript) whose
 * summary is styled as a control, opening to the learner's answer, the
 * correct one, per-choice feedback, the explanation and the sources.
 */
export function ReviewList({ items }: { items: FinishedView['items'] }) {
  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">Question by question</h2>
      <p class="hint">Open a question to see your answer, the correct one and its source.</p>
      <ol class="review">
        {items.map((item) => {
          const feedback = item.feedback
          if (!feedback) return null
          const { label, tone } = item.answered
            ? verdict(feedback)
            : { label: 'Not answered', tone: 'incorrect' }
          return (
            <li class={`review__item review__item--${tone}`} key={item.question.id}>
              <details class="review__details">
                <summary class="review__summary">
                  <span class="review__mark" aria-hidden="true">
                    {tone === 'correct' ? '✓' : tone === 'partial' ? '◐' : '✗'}
                  </span>
                  <span class="review__line">
                    <span class="review__prompt">
                      <span class="visually-hidden">Question {item.position}: </span>
                      {item.question.prompt}
                    </span>
                    <span class="review__verdict">{label}</span>
                  </span>
                  <span class="review__toggle" aria-hidden="true" />
                </summary>
                <div class="review__body">
                  {item.question.image && (
                    <ResponsiveImage image={item.question.image} class="question__image" />
                  )}
                  <dl class="answers">
                    <dt>Your answer</dt>
                    <dd>{feedback.yourAnswer.join('; ') || 'Not answered'}</dd>
                    <dt>Correct answer</dt>
                    <dd>{feedback.correctAnswer.join('; ')}</dd>
                  </dl>
                  <ChoiceFeedbackNotes notes={feedback.choiceFeedback} />
                  <p>{feedback.explanation}</p>
                  <CitedPassages citations={feedback.evidence} withReliability={false} />
                </div>
              </details>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
