import type { QuizSetRow } from '../../db/schema'
import { REPORT_REASONS, reportReasonLabels } from '../../quiz/problem-report'
import type { QuestionReports, SetReport } from '../../services/problem-reports'
import { REPORT_REPLY_MAX } from '../../studio/report-reply'
import { Layout } from '../layout'
import { ActionButton, Notice } from './fields'

/** A reply the server refused: which report, why, and what was typed (kept in its field). */
export type ReplyRefusal = { reportId: string; message: string; typed: string }

type Props = { set: QuizSetRow; questions: QuestionReports[]; notice?: string; refused?: ReplyRefusal }

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })

/**
 * /studio/sets/:slug/reports: learners' problem reports, by question (open
 * ones first), each with its counts by reason, the learners' notes (their own
 * words, escaped as text like everything Preact renders), a reply to each
 * learner and resolve / reopen buttons. Plain forms: no JavaScript needed.
 */
export function StudioReportsPage({ set, questions, notice, refused }: Props) {
  const base = `/studio/sets/${set.slug}`
  const open = questions.reduce((sum, question) => sum + question.counts.open, 0)
  const total = questions.reduce((sum, question) => sum + question.counts.total, 0)
  return (
    <Layout title={`${refused ? 'Error: ' : ''}Reports: ${set.title}`} studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › Reports
      </p>
      <h1>Reports: {set.title}</h1>
      <Notice message={notice} />
      <p class="hint">
        Learners report a problem with a question from its feedback or their results, once they have answered
        it: a reason and, if they like, a sentence. One report per learner and question; a learner who changes
        theirs opens it again. Your reply is shown only to the learner who sent that report, on their results.
      </p>
      {questions.length === 0 ? (
        <p class="empty-state">No learner has reported a problem with this set's questions.</p>
      ) : (
        <p class="lead">
          {open} open of {total} {total === 1 ? 'report' : 'reports'} on {questions.length}{' '}
          {questions.length === 1 ? 'question' : 'questions'}.
        </p>
      )}
      {questions.map((question) => (
        <QuestionSection key={question.questionId} base={base} question={question} refused={refused} />
      ))}
    </Layout>
  )
}

function QuestionSection({
  base,
  question,
  refused,
}: {
  base: string
  question: QuestionReports
  refused: ReplyRefusal | undefined
}) {
  const { counts } = question
  const headingId = `heading-${question.questionId}`
  return (
    <section class="report-question" id={`q-${question.questionId}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{question.prompt}</h2>
      <p class="meta">
        {counts.open} open · {counts.total} in all ·{' '}
        <a href={`${base}/questions/${question.questionId}/preview`}>
          See the question and its key<span class="visually-hidden">: {question.prompt}</span>
        </a>
        {question.regradable && (
          <>
            {' · '}
            <a href={`${base}/questions/${question.questionId}/regrade`}>
              Regrade it<span class="visually-hidden">: {question.prompt}</span>
            </a>
          </>
        )}
      </p>
      <ul class="report-counts" aria-label="Reports by reason">
        {REPORT_REASONS.filter((reason) => counts.byReason[reason] > 0).map((reason) => (
          <li key={reason}>
            {reportReasonLabels[reason]}: <strong>{counts.byReason[reason]}</strong>
          </li>
        ))}
      </ul>
      <ol class="report-list">
        {question.reports.map((report) => (
          <ReportItem
            key={report.id}
            base={base}
            report={report}
            refused={refused?.reportId === report.id ? refused : undefined}
          />
        ))}
      </ol>
    </section>
  )
}

function ReportItem({
  base,
  report,
  refused,
}: {
  base: string
  report: SetReport
  refused: ReplyRefusal | undefined
}) {
  const action = `${base}/reports/${report.id}`
  const replyId = `reply-${report.id}`
  const errorId = `${replyId}-error`
  const resolved = report.status === 'resolved'
  return (
    <li class={`report-item${resolved ? ' is-resolved' : ''}`} id={`report-${report.id}`}>
      <p>
        <strong>{reportReasonLabels[report.reason]}</strong> · {when.format(report.updatedAt)} UTC ·{' '}
        <span class={`badge ${resolved ? 'badge--resolved' : 'badge--open'}`}>
          {resolved ? 'Resolved' : 'Open'}
        </span>
      </p>
      {report.comment ? (
        <blockquote class="report-item__comment">{report.comment}</blockquote>
      ) : (
        <p class="hint">No note.</p>
      )}
      <form method="post" action={`${action}/reply`} class="report-reply">
        <div class="field">
          <label for={replyId}>Your reply to this learner</label>
          <textarea
            id={replyId}
            name="reply"
            rows={2}
            maxLength={REPORT_REPLY_MAX}
            autofocus={refused !== undefined}
            aria-invalid={refused ? 'true' : undefined}
            aria-describedby={refused ? errorId : undefined}
          >
            {refused ? refused.typed : (report.reply ?? '')}
          </textarea>
          {refused && (
            <p class="field-error" id={errorId}>
              {refused.message}
            </p>
          )}
        </div>
        <button class="button" type="submit">
          {report.reply ? 'Update reply' : 'Save reply'}
        </button>
      </form>
      <div class="actions">
        {resolved ? (
          <ActionButton action={`${action}/reopen`} label="Reopen" />
        ) : (
          <ActionButton action={`${action}/resolve`} label="Resolve" variant="primary" />
        )}
      </div>
    </li>
  )
}
