import { inArray, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Bank } from '../bank/bank'
import { passagesOf } from '../sources/passages'
import { readableTextOf } from '../sources/source-text'
import type { Db } from './client'
import { questions, quizSets, setQuestions, sources } from './schema'
import { replacePassages } from './source-passages'

/**
 * Writes the bank into D1 in one batch (one transaction). Idempotent: rows are
 * upserted by id, and each seeded set's question list is replaced, so running
 * it twice leaves the same rows. Questions dropped from the bank stay in
 * `questions` because past responses refer to them.
 */
export async function seedBank(db: Db, bank: Bank): Promise<void> {
  const statements: BatchItem<'sqlite'>[] = []
  for (const source of bank.sources) {
    const { file: _file, ...row } = source
    statements.push(db.insert(sources).values(row).onConflictDoUpdate({ target: sources.id, set: row }))
  }
  bank.sets.forEach((set, setIndex) => {
    const row = {
      slug: set.slug,
      title: set.title,
      description: set.description,
      position: setIndex,
      embedPolicy: set.embed,
    }
    statements.push(db.insert(quizSets).values(row).onConflictDoUpdate({ target: quizSets.slug, set: row }))
    for (const question of set.questions) {
      const questionRow = {
        id: question.id,
        type: question.type,
        prompt: question.prompt,
        sourceId: question.evidence[0]?.source ?? null,
        body: question,
      }
      statements.push(
        db
          .insert(questions)
          .values(questionRow)
          .onConflictDoUpdate({ target: questions.id, set: questionRow }),
      )
    }
  })
  const slugs = bank.sets.map((set) => set.slug)
  if (slugs.length) statements.push(db.delete(setQuestions).where(inArray(setQuestions.setSlug, slugs)))
  for (const set of bank.sets) {
    set.questions.forEach((question, position) => {
      statements.push(
        db.insert(setQuestions).values({ setSlug: set.slug, questionId: question.id, position }),
      )
    })
  }
  const [first, ...rest] = statements
  if (!first) return
  await db.batch([first, ...rest])
}

/** Row counts of the seeded tables, for the start script's summary line. */
export async function countBank(db: Db): Promise<{ sets: number; questions: number }> {
  const [row] = await db
    .select({
      sets: sql<number>`(select count(*) from ${quizSets})`,
      questions: sql<number>`(select count(*) from ${setQuestions})`,
    })
    .from(sql`(select 1)`)
  return row ?? { sets: 0, questions: 0 }
}

/**
 * Stores the bank sources' texts (source id -> text, from ../shared/seeds) as
 * passages, replacing what was there: the same rows an instructor's pasted
 * source gets, so citing, checking and the evidence finder work alike.
 */
export async function seedSourceTexts(db: Db, texts: Record<string, string>): Promise<number> {
  let stored = 0
  for (const [sourceId, text] of Object.entries(texts)) {
    await replacePassages(db, sourceId, passagesOf(readableTextOf(text).text))
    stored++
  }
  return stored
}
