import type { Db } from '../db/client'
import { loadExportContext, pageOfAttempts, pageOfResponses } from '../db/results'
import type { QuizSetRow } from '../db/schema'
import type { Answer } from '../quiz/answer'
import type { Question } from '../quiz/question'
import { csvRow } from '../stats/csv'
import { answerText } from '../stats/item-analysis'
import { learnerLabel } from '../stats/learners'
import { percentOf } from '../stats/set-summary'
import { learnerPseudonyms } from './learner-pseudonym'
import { passMarkResolver } from './results'

/** Attempts read per D1 query while streaming (about 20 responses each). */
const ATTEMPTS_PER_PAGE = 250

/** A byte-order mark, so Excel opens the UTF-8 file with its accents intact. */
const BOM = '\uFEFF'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
const round2 = (value: number) => Math.round(value * 100) / 100
/** The `mode` column: how the attempt was played (docs/studio.md). */
const modeOf = (liveSessionId: string | null) => (liveSessionId === null ? 'self-paced' : 'live')

/** Streams the CSV text that `produce` yields, encoded as UTF-8, so a large set is never held in memory. */
function csvStream(produce: () => AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const chunks = produce()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}

/** One row per attempt of the set, oldest id order. */
export function attemptsCsv(db: Db, set: QuizSetRow): ReadableStream<Uint8Array> {
  return csvStream(async function* () {
    const { versionPassMarks } = await loadExportContext(db, set.slug)
    const pseudonymOf = await learnerPseudonyms(db, set.slug)
    const passMarkOf = passMarkResolver(set, versionPassMarks)
    yield BOM +
      csvRow([
        'attempt_id',
        'learner_pseudonym',
        'learner',
        'set_version',
        'started_at',
        'completed_at',
        'answered',
        'questions',
        'points',
        'percent',
        'passed',
        'duration_seconds',
        'mode',
        'live_session_id',
      ])
    let after = ''
    for (;;) {
      const rows = await pageOfAttempts(db, set.slug, after, ATTEMPTS_PER_PAGE)
      if (!rows.length) return
      let text = ''
      for (const row of rows) {
        const done = row.completedAt !== null
        const percent = percentOf(row.score, row.questionCount)
        const pseudonym = await pseudonymOf(row.learnerId)
        text += csvRow([
          row.id,
          pseudonym,
          learnerLabel(pseudonym, row.displayName, row.nameFromHost === 1),
          row.setVersion,
          iso(row.startedAt),
          iso(row.completedAt),
          row.answeredCount,
          row.questionCount,
          round2(row.score),
          done ? round2(percent) : null,
          done ? percent + 1e-9 >= passMarkOf(row.setVersion) : null,
          row.completedAt === null ? null : Math.round((row.completedAt - row.startedAt) / 1000),
          modeOf(row.liveSessionId),
          row.liveSessionId,
        ])
      }
      yield text
      after = rows[rows.length - 1]?.id ?? after
      if (rows.length < ATTEMPTS_PER_PAGE) return
    }
  })
}

/** One row per answer given in the set's attempts, attempt by attempt in the order answered. */
export function responsesCsv(db: Db, set: QuizSetRow): ReadableStream<Uint8Array> {
  return csvStream(async function* () {
    const { questions } = await loadExportContext(db, set.slug)
    const pseudonymOf = await learnerPseudonyms(db, set.slug)
    const byId = new Map<string, Question>(questions.map((question) => [question.id, question.body]))
    yield BOM +
      csvRow([
        'attempt_id',
        'learner_pseudonym',
        'learner',
        'question_id',
        'question',
        'answer',
        'correct',
        'points',
        'answered_at',
        'mode',
        'live_session_id',
        // Last, so scripts reading the older columns by position keep working.
        'tries',
        'hints',
      ])
    // Learners give the same few answers again and again: describe each distinct one once.
    const texts = new Map<string, string>()
    const describe = (questionId: string, raw: string) => {
      const key = `${questionId}\u0000${raw}`
      let text = texts.get(key)
      if (text === undefined) {
        const question = byId.get(questionId)
        text = question ? answerText(question, JSON.parse(raw) as Answer) : raw
        texts.set(key, text)
      }
      return text
    }
    let after = ''
    for (;;) {
      const rows = await pageOfResponses(db, set.slug, after, ATTEMPTS_PER_PAGE)
      if (!rows.length) return
      let text = ''
      const attemptIds = new Set<string>()
      for (const row of rows) {
        attemptIds.add(row.attemptId)
        if (row.questionId === null || row.answer === null) continue
        const question = byId.get(row.questionId)
        const pseudonym = await pseudonymOf(row.learnerId)
        text += csvRow([
          row.attemptId,
          pseudonym,
          learnerLabel(pseudonym, row.displayName, row.nameFromHost === 1),
          row.questionId,
          question?.prompt ?? null,
          describe(row.questionId, row.answer),
          row.correct === 1,
          row.points,
          iso(row.answeredAt),
          modeOf(row.liveSessionId),
          row.liveSessionId,
          row.triesUsed,
          row.hintsUsed,
        ])
      }
      if (text) yield text
      after = rows[rows.length - 1]?.attemptId ?? after
      if (attemptIds.size < ATTEMPTS_PER_PAGE) return
    }
  })
}
