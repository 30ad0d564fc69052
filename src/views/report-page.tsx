import {
  REPORT_COMMENT_MAX,
  REPORT_REASONS,
  type ReportFields,
  reportReasonLabels,
} from '../quiz/problem-report'
import type { LearnerReport } from '../services/problem-reports'
import { type EmbedFrame, Layout } from './layout'

type Props = {
  setTitle: string
  position: number
  total: number
  prompt: string
  /** Where the form posts: the question's own address in this attempt, plus `/report`. */
  action: string
  /** The answered question's page (its feedback), and the results once the attempt is finished. */
  questionHref: string
  resultsHref: string | null
  /** The learner's earlier report on this question, if any (with the instructor's reply). */
  existing: LearnerReport | null
  /** What the form shows: the earlier report, or what was just refused. */
  fields: ReportFields
  /** A refusal, and the field it is about (marked invalid). */
  error: { message: string; field?: keyof ReportFields } | null
  /** Just sent: say so, and lead back. */
  sent: boolean
  embed?: EmbedFrame
}

/**
 * "Report a problem with this question": a reason and an optional sentence,
 * a plain form that works without JavaScript, inside an embed too. The page
 * shows the question's prompt only, which the learner has already seen.
 */
export function ReportPage(props: Props) {
  const { position, total, existing, fields, error, sent } = props
  const commentId = 'report-comment'
  return (
    <Layout
      title={`${error ? 'Error · ' : ''}Report a problem · Question ${position} of ${total} · ${props.setTitle}`}
      embed={props.embed}
    >
      <h1>Report a problem with this question</h1>
      <p class="quiz-title">
        {props.setTitle}, question {position} of {total}
      </p>
      <p class="question__prompt">{props.prompt}</p>
      {sent && (
        <p class="notice" role="status" tabIndex={-1} autofocus>
          Thank you: your report went to the quiz's author. You can change it here at any time.
        </p>
      )}
      {existing && <YourReport report={existing} />}
      <form class="report-form" method="post" action={props.action} noValidate>
        {error && (
          <p class="form-error" role="alert" id="report-error" tabIndex={-1} autofocus>
            {error.message}
          </p>
        )}
        <fieldset class="question" aria-describedby={error?.field === 'reason' ? 'report-error' : undefined}>
          <legend class="report-form__legend">What is wrong?</legend>
          <div class="options">
            {REPORT_REASONS.map((reason) => (
              <label class="option" key={reason}>
                <input
                  type="radio"
                  name="reason"
                  value={reason}
                  checked={fields.reason === reason}
                  required
                />
                <span>{reportReasonLabels[reason]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for={commentId}>Anything to add? (optional)</label>
          <p class="hint" id={`${commentId}-hint`}>
            One or two sentences for the author, at most {REPORT_COMMENT_MAX} characters. Only the author
            reads them.
          </p>
          <textarea
            id={commentId}
            name="comment"
            rows={3}
            maxLength={REPORT_COMMENT_MAX}
            aria-invalid={error?.field === 'comment' ? 'true' : undefined}
            aria-describedby={[`${commentId}-hint`, error?.field === 'comment' && 'report-error']
              .filter(Boolean)
              .join(' ')}
          >
            {fields.comment}
          </textarea>
        </div>
        <button class="button button--primary" type="submit">
          {existing ? 'Update my report' : 'Send report'}
        </button>
      </form>
      <p class="actions">
        <a class="button" href={props.questionHref}>
          Back to the question
        </a>
        {props.resultsHref && (
          <a class="button" href={props.resultsHref}>
            Your results
          </a>
        )}
      </p>
    </Layout>
  )
}

const reportDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' })

/**
 * The learner's own report and the author's reply, beside the question on
 * their results and on the report page. Shown to that learner only.
 */
export function YourReport({ report }: { report: LearnerReport }) {
  return (
    <div class="your-report">
      <p>
        <strong>You reported:</strong> {reportReasonLabels[report.reason]} (
        {reportDate.format(report.updatedAt)})
        {report.status === 'resolved' ? '. The author marked it resolved.' : '.'}
      </p>
      {report.comment && <p class="your-report__comment">“{report.comment}”</p>}
      {report.reply && (
        <p class="your-report__reply">
          <strong>Instructor replied:</strong> {report.reply}
        </p>
      )}
    </div>
  )
}
