import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { Answer } from '../quiz/answer'
import type { Question } from '../quiz/question'
import type { SourceSummary } from '../quiz/source'

/** Source documents, seeded from questions/sources.yaml. */
export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  outlet: text('outlet').notNull(),
  author: text('author').notNull(),
  date: text('date').notNull(),
  kind: text('kind').$type<SourceSummary['kind']>().notNull(),
  reliability: text('reliability').notNull(),
})

export const quizSets = sqliteTable('quiz_sets', {
  slug: text('slug').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull().default(0),
})

/**
 * Questions with their answer key. `body` is the whole validated question as
 * JSON; the scalar columns copy what listings and later filters need.
 */
export const questions = sqliteTable(
  'questions',
  {
    id: text('id').primaryKey(),
    type: text('type').$type<Question['type']>().notNull(),
    prompt: text('prompt').notNull(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    body: text('body', { mode: 'json' }).$type<Question>().notNull(),
  },
  (table) => [index('questions_source_idx').on(table.sourceId)],
)

export const setQuestions = sqliteTable(
  'set_questions',
  {
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.setSlug, table.questionId] })],
)

/** Anonymous learners: a random id kept in a cookie, optionally a display name. */
export const learners = sqliteTable('learners', {
  id: text('id').primaryKey(),
  displayName: text('display_name'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
})

/**
 * One run through a quiz set. `questionIds` freezes which questions, in which
 * order, so later edits to a set never change an attempt in progress; `seed`
 * drives the per-attempt choice shuffle. `score` and `answeredCount` are kept
 * up to date in the same batch that stores each response.
 */
export const attempts = sqliteTable(
  'attempts',
  {
    id: text('id').primaryKey(),
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id),
    questionIds: text('question_ids', { mode: 'json' }).$type<string[]>().notNull(),
    seed: text('seed').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    answeredCount: integer('answered_count').notNull().default(0),
    score: real('score').notNull().default(0),
  },
  (table) => [index('attempts_learner_set_idx').on(table.learnerId, table.setSlug, table.startedAt)],
)

/** One graded answer; unique per (attempt, question) so a replayed answer never counts twice. */
export const responses = sqliteTable(
  'responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    answer: text('answer', { mode: 'json' }).$type<Answer>().notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    points: real('points').notNull(),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [uniqueIndex('responses_attempt_question_idx').on(table.attemptId, table.questionId)],
)

export type AttemptRow = typeof attempts.$inferSelect
export type ResponseRow = typeof responses.$inferSelect
export type QuizSetRow = typeof quizSets.$inferSelect
