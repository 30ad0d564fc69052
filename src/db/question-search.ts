import { and, asc, eq, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { QuestionType } from '../quiz/question'
import type { Db } from './client'
import { questions } from './schema'

/** The studio's question picker: searching the questions an instructor may add to a set. */

/** What the bank picker filters on; every field optional. */
export type BankFilter = {
  source?: string
  tag?: string
  type?: QuestionType
  text?: string
  page: number
}

export type BankHit = {
  id: string
  type: QuestionType
  prompt: string
  /** The first cited source; null for an uncited question. */
  sourceId: string | null
  tags: string[]
}

export const BANK_PAGE_SIZE = 20

/**
 * Questions an instructor may add: the bank's and their own (never another
 * instructor's), filtered, `BANK_PAGE_SIZE` a page, with the total count.
 */
export async function searchQuestions(
  db: Db,
  ownerId: string,
  filter: BankFilter,
): Promise<{ hits: BankHit[]; total: number }> {
  const conditions: SQL[] = []
  const visible = or(isNull(questions.ownerId), eq(questions.ownerId, ownerId))
  if (visible) conditions.push(visible)
  if (filter.source)
    conditions.push(
      sql`exists (select 1 from json_each(${questions.body}, '$.evidence') where json_extract(value, '$.source') = ${filter.source})`,
    )
  if (filter.type) conditions.push(eq(questions.type, filter.type))
  if (filter.tag)
    conditions.push(
      sql`exists (select 1 from json_each(${questions.body}, '$.tags') where lower(value) = lower(${filter.tag}))`,
    )
  if (filter.text) {
    const pattern = `%${filter.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    conditions.push(sql`${questions.prompt} like ${pattern} escape '\\'`)
  }
  const where = and(...conditions)
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: questions.id,
        type: questions.type,
        prompt: questions.prompt,
        sourceId: questions.sourceId,
        tags: sql<string>`coalesce(json_extract(${questions.body}, '$.tags'), '[]')`,
      })
      .from(questions)
      .where(where)
      .orderBy(asc(questions.sourceId), asc(questions.id))
      .limit(BANK_PAGE_SIZE)
      .offset((filter.page - 1) * BANK_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)` }).from(questions).where(where),
  ])
  return {
    hits: rows.map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[] })),
    total: count?.n ?? 0,
  }
}

/** Every tag used by the questions an instructor can see, for the filter's list. */
export async function listVisibleTags(db: Db, ownerId: string): Promise<string[]> {
  const { results } = await db.$client
    .prepare(
      `select distinct tag.value as tag from questions, json_each(questions.body, '$.tags') as tag
       where questions.owner_id is null or questions.owner_id = ? order by tag.value`,
    )
    .bind(ownerId)
    .all<{ tag: string }>()
  return results.map((row) => row.tag)
}
