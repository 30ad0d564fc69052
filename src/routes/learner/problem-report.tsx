import type { Context } from 'hono'
import { clientAddress, retryAfterSeconds, whenToRetry } from '../../auth/rate-limit'
import type { AppEnv } from '../../env'
import { type FormLimits, readForm } from '../../http/form'
import { REPORT_COMMENT_MAX, type ReportFields, readReportForm } from '../../quiz/problem-report'
import type { AttemptView, LearnerAttempt } from '../../services/attempts'
import { learnerReportsOf, requireReportable, sendReport } from '../../services/problem-reports'
import type { EmbedFrame } from '../../views/layout'
import { renderPage } from '../../views/render'
import { ReportPage } from '../../views/report-page'

/**
 * "Report a problem with this question", shared by Cited's attempt pages
 * (`/attempts/:id/q/:n/report`, the learner cookie) and embedded ones
 * (`/embed/a/:token/q/:n/report`, the attempt's token): the page with its
 * form, and the form's post. The question is named by its position in the
 * learner's own attempt, never by an id sent from the browser.
 */

/** An attempt as its learner sees it, and the address its pages live under. */
export type ReportScope = { state: LearnerAttempt; view: AttemptView; base: string; embed?: EmbedFrame }

/**
 * The form's fields: a note longer than the limit still arrives whole (the
 * page says so and keeps it, to shorten); only a body far past it is refused outright.
 */
const REPORT_FORM: FormLimits = {
  maxFields: 6,
  maxValue: REPORT_COMMENT_MAX * 8,
  tooLong: `Your note is far too long: keep it under ${REPORT_COMMENT_MAX} characters.`,
}

type Refusal = {
  fields: ReportFields
  error: { message: string; field?: keyof ReportFields }
  status: 400 | 429
}

/** The report page of the question at `position`; with a refusal, its 400 or 429 keeping what was typed. */
export async function reportPage(
  c: Context<AppEnv>,
  scope: ReportScope,
  position: string,
  refusal?: Refusal,
) {
  const { state, view, base } = scope
  const target = requireReportable(state, view, position)
  const existing = (await learnerReportsOf(c.get('db'), state)).get(target.item.position) ?? null
  const fields = refusal?.fields ?? {
    reason: existing?.reason ?? '',
    comment: existing?.comment ?? '',
  }
  return renderPage(
    c,
    <ReportPage
      setTitle={view.setTitle}
      position={target.item.position}
      total={view.total}
      prompt={target.item.question.prompt}
      action={`${base}/q/${target.item.position}/report`}
      questionHref={`${base}/q/${target.item.position}`}
      resultsHref={view.completedAt === null ? null : `${base}/results`}
      existing={existing}
      fields={fields}
      error={refusal?.error ?? null}
      sent={!refusal && c.req.query('sent') === '1' && existing !== null}
      embed={scope.embed}
    />,
    refusal?.status ?? 200,
  )
}

/** Stores the learner's report and shows it (303); a bad form or too many reports keep what was typed. */
export async function postReport(c: Context<AppEnv>, scope: ReportScope, position: string) {
  const target = requireReportable(scope.state, scope.view, position)
  const read = readReportForm(await readForm(c, REPORT_FORM))
  if (!read.ok)
    return reportPage(c, scope, position, {
      fields: read.fields,
      error: { message: read.error, field: read.field },
      status: 400,
    })
  const now = Date.now()
  const ip = clientAddress(c.req.header('cf-connecting-ip'))
  const sent = await sendReport(c.get('db'), scope.state, target, read.report, { ip, now })
  if (sent.outcome === 'blocked') {
    c.header('Retry-After', retryAfterSeconds(sent.block, now))
    const whose = sent.block.kind === 'ip' ? 'from this network' : 'from you'
    return reportPage(c, scope, position, {
      fields: read.fields,
      error: { message: `Too many reports ${whose} in the last hour. ${whenToRetry(sent.block, now)}` },
      status: 429,
    })
  }
  return c.redirect(`${scope.base}/q/${target.item.position}/report?sent=1`, 303)
}
