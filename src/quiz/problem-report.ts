import * as z from 'zod'
import type { Limit } from '../auth/rate-limit'

/**
 * "Report a problem with this question": the reasons a learner can give, the
 * form they fill in, and how often they may send it. Pure: the services store
 * reports, the views show them.
 */

export const REPORT_REASONS = ['wrong_answer', 'source_mismatch', 'unclear', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
/** Open until the instructor resolves it; a learner's changed report opens it again. */
export type ReportStatus = 'open' | 'resolved'

/** The reasons as a learner reads them on the form, in the form's order. */
export const reportReasonLabels: Record<ReportReason, string> = {
  wrong_answer: 'The answer is wrong',
  source_mismatch: 'The source does not say this',
  unclear: 'The wording is unclear',
  other: 'Something else',
}

/** The learner's optional sentence: long enough to say what is wrong, too short to be a channel. */
export const REPORT_COMMENT_MAX = 500

/** What a learner sent, as the form holds it (values kept to re-fill the form after a refusal). */
export type ReportFields = { reason: string; comment: string }

/** A report as it is stored: a known reason and a trimmed comment, null when none was written. */
export type ReportInput = { reason: ReportReason; comment: string | null }

const reportForm = z.object({
  reason: z.enum(REPORT_REASONS, { error: 'Choose what is wrong with the question.' }),
  comment: z
    .string()
    .trim()
    .max(REPORT_COMMENT_MAX, `Keep your note under ${REPORT_COMMENT_MAX} characters.`)
    // Control characters (bar line breaks and tabs) have no place in a sentence shown to an instructor.
    .refine((text) => !/[^\P{Cc}\n\r\t]/u.test(text), {
      message: 'Your note has characters that cannot be shown.',
    }),
})

/**
 * Reads the report form's fields (name -> values, as `readForm` gives them).
 * @example readReportForm({ reason: ['unclear'], comment: [' Which year? '] })
 *   // { ok: true, report: { reason: 'unclear', comment: 'Which year?' }, fields: {...} }
 */
export function readReportForm(
  form: Record<string, string[] | undefined>,
):
  | { ok: true; report: ReportInput; fields: ReportFields }
  | { ok: false; error: string; field: keyof ReportFields; fields: ReportFields } {
  const fields: ReportFields = { reason: form.reason?.[0] ?? '', comment: form.comment?.[0] ?? '' }
  const parsed = reportForm.safeParse(fields)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path[0] === 'comment' ? 'comment' : 'reason'
    return { ok: false, error: issue?.message ?? 'The report was not understood.', field, fields }
  }
  const { reason, comment } = parsed.data
  return { ok: true, report: { reason, comment: comment || null }, fields }
}

/** Reports (new or changed) are counted over a sliding hour. */
export const REPORT_WINDOW_MS = 60 * 60 * 1000
/** Reports one learner may send per hour: a whole quiz's worth, not a flood. */
export const REPORT_LEARNER_LIMIT = 30
/** Reports per address per hour: a classroom behind one address, each learner reporting a few. */
export const REPORT_IP_LIMIT = 200

export type ReportLimitKind = 'learner' | 'ip'

/**
 * The limits of one report: per learner (a keyed hash of the id, which is a
 * bearer secret) and, when the client address is known, per address. No
 * site-wide cap: each report needs an answered question, so storage is
 * bounded by the answers already stored, and a cap would let one flood
 * silence every class.
 */
export function reportLimits(learnerKey: string, ip: string | null): (Limit & { kind: ReportLimitKind })[] {
  const learner = {
    kind: 'learner' as const,
    bucket: `report:learner:${learnerKey}`,
    limit: REPORT_LEARNER_LIMIT,
    windowMs: REPORT_WINDOW_MS,
  }
  if (ip === null) return [learner]
  return [
    learner,
    { kind: 'ip', bucket: `report:ip:${ip}`, limit: REPORT_IP_LIMIT, windowMs: REPORT_WINDOW_MS },
  ]
}

/** How many reports a question has by reason, with how many are still open. */
export type ReportCounts = { total: number; open: number; byReason: Record<ReportReason, number> }

/**
 * Counts reports by reason and status.
 * @example countReports([{ reason: 'unclear', status: 'open' }]).byReason.unclear === 1
 */
export function countReports(
  reports: readonly { reason: ReportReason; status: ReportStatus }[],
): ReportCounts {
  const counts: ReportCounts = {
    total: reports.length,
    open: 0,
    byReason: { wrong_answer: 0, source_mismatch: 0, unclear: 0, other: 0 },
  }
  for (const report of reports) {
    counts.byReason[report.reason] += 1
    if (report.status === 'open') counts.open += 1
  }
  return counts
}
