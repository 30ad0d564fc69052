import { asc, eq, sql } from 'drizzle-orm'
import type { EmbedPolicy } from '../embed/policy'
import type { Question } from '../quiz/question'
import type { SourceSummary } from '../quiz/source'
import type { Db } from './client'
import { questions, quizSets, setQuestions, sources } from './schema'

export type QuizSetSummary = {
  slug: string
  title: string
  description: string
  questionCount: number
  sourceIds: string[]
  embedPolicy: EmbedPolicy
}

/** Every quiz set with its question count and the sources its questions cite, in home-page order. */
export async function listQuizSets(db: Db): Promise<QuizSetSummary[]> {
  const rows = await db
    .select({
      slug: quizSets.slug,
      title: quizSets.title,
      description: quizSets.description,
      embedPolicy: quizSets.embedPolicy,
      questionCount: sql<number>`count(${setQuestions.questionId})`,
      sourceIds: sql<string>`coalesce(json_group_array(distinct ${questions.sourceId}), '[]')`,
    })
    .from(quizSets)
    .leftJoin(setQuestions, eq(setQuestions.setSlug, quizSets.slug))
    .leftJoin(questions, eq(questions.id, setQuestions.questionId))
    .groupBy(quizSets.slug)
    .orderBy(asc(quizSets.position), asc(quizSets.slug))
  return rows.map((row) => ({
    ...row,
    sourceIds: (JSON.parse(row.sourceIds) as (string | null)[])
      .filter((id): id is string => id !== null)
      .sort(),
  }))
}

export async function getQuizSet(db: Db, slug: string): Promise<QuizSetSummary | null> {
  const all = await listQuizSets(db)
  return all.find((set) => set.slug === slug) ?? null
}

/** The questions of a set, answer keys included, in the set's order. */
export async function listSetQuestions(db: Db, slug: string): Promise<Question[]> {
  const rows = await db
    .select({ body: questions.body })
    .from(setQuestions)
    .innerJoin(questions, eq(questions.id, setQuestions.questionId))
    .where(eq(setQuestions.setSlug, slug))
    .orderBy(asc(setQuestions.position))
  return rows.map((row) => row.body)
}

export async function listSources(db: Db): Promise<Map<string, SourceSummary>> {
  const rows = await db.select().from(sources)
  return new Map(rows.map((row) => [row.id, row]))
}

/** One question of the bank with its key, or null. */
export async function getQuestion(db: Db, id: string): Promise<Question | null> {
  const [row] = await db.select({ body: questions.body }).from(questions).where(eq(questions.id, id))
  return row?.body ?? null
}
