import { keyedHash } from '../auth/keyed-hash'
import type { Block } from '../auth/rate-limit'
import type { Db } from '../db/client'
import {
  findLearnerReports,
  type LearnerReport,
  listSetReports,
  type SetReport,
  saveReport,
  setReportReply,
  setReportStatus,
} from '../db/question-reports'
import { fail } from '../http/fail'
import type { AttemptItem, AttemptView } from '../quiz/attempt-view'
import {
  countReports,
  type ReportCounts,
  type ReportInput,
  type ReportLimitKind,
  type ReportStatus,
  reportLimits,
} from '../quiz/problem-report'
import { appKey } from './app-secret'
import { itemAt, type LearnerAttempt } from './attempts'
import { reserve } from './rate-limits'

/**
 * "Report a problem with this question": a learner reports a question they
 * answered in their attempt; the set's owner reads the reports in the studio,
 * replies and resolves them. The learner names the question only by its
 * position in their own attempt, so a report can never reach a question they
 * were not asked, and no question id travels from the browser.
 */

export type { LearnerReport, SetReport } from '../db/question-reports'

/** A question of the attempt that its learner may report, with the id it is stored under. */
export type Reportable = { item: AttemptItem; questionId: string }

/**
 * The item at `position` if its learner may report it: answered, with its
 * feedback shown (so in exam mode, once the attempt is finished). Before
 * that, a 403 that says only when reporting opens: the page holds nothing
 * of the question but what the learner already sees.
 */
export function requireReportable(state: LearnerAttempt, view: AttemptView, position: string): Reportable {
  const item = itemAt(view, position)
  const question = state.questions[item.position - 1]
  if (!item.answered || !item.feedback || !question)
    fail(
      403,
      'forbidden',
      'You can report a problem with a question once you have answered it and seen its feedback.',
    )
  return { item, questionId: question.id }
}

export type SendOutcome = { outcome: 'saved' } | { outcome: 'blocked'; block: Block<ReportLimitKind> }

/**
 * Stores the learner's report (replacing their earlier one on this question
 * of this set), rate limited per learner and per address (quiz/problem-report.ts).
 */
export async function sendReport(
  db: Db,
  state: LearnerAttempt,
  target: Reportable,
  report: ReportInput,
  { ip, now }: { ip: string | null; now: number },
): Promise<SendOutcome> {
  const { attempt } = state
  // The learner id is a bearer secret: the bucket holds a keyed hash of it.
  const learnerKey = await keyedHash(await appKey(db), 'rate-limit-learner', attempt.learnerId)
  const reserved = await reserve(db, reportLimits(learnerKey, ip), now)
  if (!reserved.ok) return { outcome: 'blocked', block: reserved.block }
  await saveReport(
    db,
    {
      ...report,
      setSlug: attempt.setSlug,
      questionId: target.questionId,
      learnerId: attempt.learnerId,
      attemptId: attempt.id,
    },
    now,
  )
  return { outcome: 'saved' }
}

/** The learner's own reports on the questions of this attempt, by position. */
export async function learnerReportsOf(db: Db, state: LearnerAttempt): Promise<Map<number, LearnerReport>> {
  const ids = state.questions.map((question) => question.id)
  const reports = await findLearnerReports(db, state.attempt.learnerId, state.attempt.setSlug, ids)
  const byId = new Map(reports.map((report) => [report.questionId, report]))
  const byPosition = new Map<number, LearnerReport>()
  ids.forEach((id, index) => {
    const report = byId.get(id)
    if (report) byPosition.set(index + 1, report)
  })
  return byPosition
}

/** The reports on one question of a set, with their counts. */
export type QuestionReports = {
  questionId: string
  prompt: string
  regradable: boolean
  counts: ReportCounts
  reports: SetReport[]
}

/** A set's reports grouped by question, questions with open reports first, then the most reported. */
export async function setReportsView(db: Db, setSlug: string): Promise<QuestionReports[]> {
  const byQuestion = new Map<string, SetReport[]>()
  for (const report of await listSetReports(db, setSlug))
    byQuestion.set(report.questionId, [...(byQuestion.get(report.questionId) ?? []), report])
  return [...byQuestion.entries()]
    .map(([questionId, reports]) => ({
      questionId,
      prompt: reports[0]?.prompt ?? '',
      regradable: reports[0]?.regradable ?? false,
      counts: countReports(reports),
      reports,
    }))
    .sort(
      (a, b) =>
        b.counts.open - a.counts.open || b.counts.total - a.counts.total || a.prompt.localeCompare(b.prompt),
    )
}

const noSuchReport = (): never => fail(404, 'not_found', 'This set has no such report.')

/** Resolves or reopens a report of the set; 404 for a report of any other set. */
export async function changeReportStatus(db: Db, setSlug: string, id: string, status: ReportStatus) {
  if (!(await setReportStatus(db, setSlug, id, status, Date.now()))) noSuchReport()
}

/** Saves the instructor's reply to a report of the set (null removes it); 404 for any other set's. */
export async function replyToReport(db: Db, setSlug: string, id: string, reply: string | null) {
  if (!(await setReportReply(db, setSlug, id, reply, Date.now()))) noSuchReport()
}
