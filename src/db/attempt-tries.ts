// The steps before an attempt's final answer: wrong tries (sets allowing several) and revealed hints.

import { and, eq } from 'drizzle-orm'
import type { Answer } from '../quiz/answer'
import type { Db } from './client'
import { type WrongTryRow, wrongTries } from './schema'

export type WrongTryInsert = {
  attemptId: string
  questionId: string
  tryNumber: number
  answer: Answer
  answerKey: string
  points: number
  answeredAt: Date
}

// Plain D1 statements: drizzle's D1 batch cannot carry a raw INSERT ... SELECT (see attempts.ts).
const NOT_ANSWERED = 'not exists (select 1 from responses where attempt_id = ?1 and question_id = ?2)'

/**
 * Stores a wrong try unless the question already has a final answer, in one
 * statement. Returns `stored` when this call added it, `same-answer` when this
 * very answer was already a try (a retried request: it costs nothing),
 * `answered` when the question has its final answer, or `taken` when another
 * request took this try's place first (the caller reloads and decides again).
 */
export async function insertWrongTry(
  db: Db,
  row: WrongTryInsert,
): Promise<'stored' | 'same-answer' | 'taken' | 'answered'> {
  const client = db.$client
  const [inserted, same, final] = await client.batch<{ n: number }>([
    client
      .prepare(
        `insert into wrong_tries (attempt_id, question_id, try_number, answer, answer_key, points, answered_at)
         select ?1, ?2, ?3, ?4, ?5, ?6, ?7 where ${NOT_ANSWERED}
         on conflict do nothing returning 1 as n`,
      )
      .bind(
        row.attemptId,
        row.questionId,
        row.tryNumber,
        JSON.stringify(row.answer),
        row.answerKey,
        row.points,
        row.answeredAt.getTime(),
      ),
    client
      .prepare(
        'select 1 as n from wrong_tries where attempt_id = ?1 and question_id = ?2 and answer_key = ?3',
      )
      .bind(row.attemptId, row.questionId, row.answerKey),
    client
      .prepare('select 1 as n from responses where attempt_id = ?1 and question_id = ?2')
      .bind(row.attemptId, row.questionId),
  ])
  if (inserted?.results.length) return 'stored'
  if (final?.results.length) return 'answered'
  return same?.results.length ? 'same-answer' : 'taken'
}

/**
 * Records that hint `hintIndex` of a question was revealed, unless the
 * question already has a final answer (a hint then would cost nothing).
 * Revealing the same hint again changes nothing. Returns whether the hint is
 * revealed now (newly or before).
 */
export async function revealHintRow(
  db: Db,
  attemptId: string,
  questionId: string,
  hintIndex: number,
  now: Date,
): Promise<boolean> {
  const client = db.$client
  const [, revealed] = await client.batch<{ n: number }>([
    client
      .prepare(
        `insert into revealed_hints (attempt_id, question_id, hint_index, revealed_at)
         select ?1, ?2, ?3, ?4 where ${NOT_ANSWERED}
         on conflict do nothing`,
      )
      .bind(attemptId, questionId, hintIndex, now.getTime()),
    client
      .prepare(
        'select 1 as n from revealed_hints where attempt_id = ?1 and question_id = ?2 and hint_index = ?3',
      )
      .bind(attemptId, questionId, hintIndex),
  ])
  return Boolean(revealed?.results.length)
}

/** The wrong tries at one question of an attempt, in order. */
export function loadWrongTries(db: Db, attemptId: string, questionId: string): Promise<WrongTryRow[]> {
  return db
    .select()
    .from(wrongTries)
    .where(and(eq(wrongTries.attemptId, attemptId), eq(wrongTries.questionId, questionId)))
    .orderBy(wrongTries.tryNumber)
}
