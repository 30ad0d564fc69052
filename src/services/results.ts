import type { Db } from '../db/client'
import { type LearnerRow, loadResults } from '../db/results'
import type { QuizSetRow } from '../db/schema'
import type { Answer } from '../quiz/answer'
import type { Question } from '../quiz/question'
import { DEFAULT_SET_SETTINGS } from '../quiz/set-settings'
import { analyseItem, type ItemStats, type ItemSums } from '../stats/item-analysis'
import { learnerLabel } from '../stats/learners'
import { attemptsOverTime, type DayBucket, type SetSummary, summariseSet } from '../stats/set-summary'
import { learnerPseudonyms } from './learner-pseudonym'

/** Learners per page of the dashboard's learner table (the CSV has them all). */
export const LEARNERS_PER_PAGE = 50

export type ResultsView = {
  set: { slug: string; title: string }
  /** Pass mark of the draft settings, used for attempts on no recorded version. */
  passMark: number
  totals: { attempts: number; completed: number; learners: number; live: number }
  summary: SetSummary
  overTime: DayBucket[]
  items: (ItemStats & { position: number | null })[]
  /** Named by display name or per-set pseudonym: the learner id is their cookie and never shown. */
  learners: (Omit<LearnerRow, 'learnerId' | 'displayName' | 'nameFromHost'> & {
    pseudonym: string
    label: string
  })[]
  page: { number: number; count: number }
}

/**
 * The pass mark an attempt is judged by: its published version's, else the
 * set's current settings, else 60.
 */
export function passMarkResolver(set: QuizSetRow, versionPassMarks: Map<number, number>) {
  const draft = set.settings.passMark ?? DEFAULT_SET_SETTINGS.passMark
  return (version: number | null) => (version === null ? draft : (versionPassMarks.get(version) ?? draft))
}

/** Reads the set's results from D1 and computes every figure the dashboard shows. */
export async function buildResultsView(db: Db, set: QuizSetRow, pageNumber: number): Promise<ResultsView> {
  const data = await loadResults(db, set.slug, {
    learnerLimit: LEARNERS_PER_PAGE,
    learnerOffset: (pageNumber - 1) * LEARNERS_PER_PAGE,
  })
  const passMarkOf = passMarkResolver(set, data.versionPassMarks)
  const pseudonymOf = await learnerPseudonyms(db, set.slug)
  const summary = summariseSet(
    data.completed.map((attempt) => ({ ...attempt, passMark: passMarkOf(attempt.setVersion) })),
  )
  const sums = new Map<string, ItemSums>(data.itemSums.map((row) => [row.questionId, row]))
  const wrong = new Map<string, { answer: Answer; count: number }[]>()
  for (const row of data.wrongAnswers) {
    const list = wrong.get(row.questionId) ?? []
    list.push(row)
    wrong.set(row.questionId, list)
  }
  // Questions of the draft always show; questions only in older versions show once answered.
  const items = data.questions
    .filter((question) => question.position !== null || sums.has(question.id))
    .map((question: { id: string; body: Question; position: number | null }) => ({
      ...analyseItem(question.body, sums.get(question.id), wrong.get(question.id) ?? []),
      position: question.position,
    }))
  return {
    set: { slug: set.slug, title: set.title },
    passMark: passMarkOf(null),
    totals: data.totals,
    summary,
    overTime: attemptsOverTime(data.perDay),
    items,
    learners: await Promise.all(
      data.learners.map(async ({ learnerId, displayName, nameFromHost, ...row }) => {
        const pseudonym = await pseudonymOf(learnerId)
        return { ...row, pseudonym, label: learnerLabel(pseudonym, displayName, nameFromHost === 1) }
      }),
    ),
    page: { number: pageNumber, count: Math.max(1, Math.ceil(data.totals.learners / LEARNERS_PER_PAGE)) },
  }
}
