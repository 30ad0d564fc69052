import { CitedPassages } from '../components/cited-passages'
import { AnswerPathNote, ChoiceFeedbackNotes, ReportLink, verdict } from '../components/feedback-panel'
import { ResponsiveImage } from '../components/responsive-image'
import type { FinishedView, RegradeNoteView } from '../quiz/attempt-view'
import { questionPointsText, withFullStop } from '../quiz/points-text'
import type { LearnerReport } from '../services/problem-reports'
import { YourReport } from './report-page'

// Made once: a formatter per call costs more than the page. A day in UTC, said so on the page.
const regradeDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

/** "This question was regraded on 2 December 2026: <reason>", with the points before and now. */
export function RegradeNote({ note }: { note: RegradeNoteView }) {
  return (
    <p class="notice notice--info review__regrade">
      This question was regraded on <time dateTime={note.at}>{regradeDay.format(new Date(note.at))}</time>{' '}
      (UTC): {withFullStop(note.reason)} Your points on it: {questionPointsText(note.pointsBefore)} →{' '}
      {questionPointsText(note.pointsAfter)}.
    </p>
  )
}

type Props = {
  items: FinishedView['items']
  /**
   * Where the attempt's question pages live (`/attempts/<id>` or an embed's
   * `/embed/a/<token>`): each answered question links to its report page.
   */
  base?: string
  /** This learner's own reports on the attempt's questions, by position, with any reply. */
  reports?: ReadonlyMap<number, LearnerReport>
}

/**
 * The results' review, question by question: one line per question with its
 * verdict, each a native disclosure (it opens without JavaScript) whose
 * summary is styled as a control, opening to the learner's answer, the
 * correct one, per-choice feedback, the explanation and the sources.
 */
export function ReviewList({ items, base, reports }: Props) {
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
                    <span class="review__verdict">
                      {label}
                      {item.regrade && ' · regraded'}
                    </span>
                  </span>
                  <span class="review__toggle" aria-hidden="true" />
                </summary>
                <div class="review__body">
                  {item.question.image && (
                    <ResponsiveImage image={item.question.image} class="question__image" />
                  )}
                  {item.regrade && <RegradeNote note={item.regrade} />}
                  <dl class="answers">
                    <dt>Your answer</dt>
                    <dd>{feedback.yourAnswer.join('; ') || 'Not answered'}</dd>
                    <dt>Correct answer</dt>
                    <dd>{feedback.correctAnswer.join('; ')}</dd>
                  </dl>
                  <AnswerPathNote feedback={feedback} />
                  <ChoiceFeedbackNotes notes={feedback.choiceFeedback} />
                  <p>{feedback.explanation}</p>
                  <CitedPassages citations={feedback.evidence} withReliability={false} />
                  <ReportPart item={item} base={base} report={reports?.get(item.position)} />
                </div>
              </details>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/**
 * Under an answered question: the learner's report and the author's reply if
 * they sent one, and the way to send or change it.
 */
function ReportPart({
  item,
  base,
  report,
}: {
  item: FinishedView['items'][number]
  base: string | undefined
  report: LearnerReport | undefined
}) {
  if (!item.answered || base === undefined) return null
  return (
    <>
      {report && <YourReport report={report} />}
      <ReportLink href={`${base}/q/${item.position}/report`} />
    </>
  )
}
