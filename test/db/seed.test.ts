import { env } from 'cloudflare:workers'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Bank } from '../../src/bank/bank'
import { builtInSets, builtInSources } from '../../src/bank/built-in.generated'
import { createDb } from '../../src/db/client'
import { questions, quizSets, setQuestions, sources } from '../../src/db/schema'
import { countBank, seedBank } from '../../src/db/seed'
import { listSetQuestions } from '../../src/db/set-questions'

const db = createDb(env.DB)
/** A fresh copy each time, so a test may edit it freely. */
const loadBank = () => JSON.parse(env.TEST_BANK) as Bank

async function snapshot() {
  return {
    sources: await db.select().from(sources).orderBy(asc(sources.id)),
    sets: await db.select().from(quizSets).orderBy(asc(quizSets.slug)),
    questions: await db.select().from(questions).orderBy(asc(questions.id)),
    setQuestions: await db
      .select()
      .from(setQuestions)
      .orderBy(asc(setQuestions.setSlug), asc(setQuestions.position)),
  }
}

describe('seedBank', () => {
  it('has seeded the whole bank before the tests run', async () => {
    const bank = loadBank()
    const questionCount = bank.sets.reduce((sum, set) => sum + set.questions.length, 0)
    expect(await countBank(db)).toEqual({ sets: bank.sets.length, questions: questionCount })
    const rows = await snapshot()
    expect(rows.sources.map((row) => row.id).sort()).toEqual(bank.sources.map((source) => source.id).sort())
    expect(rows.questions).toHaveLength(questionCount)
  })

  it('is idempotent: seeding again leaves exactly the same rows', async () => {
    const before = await snapshot()
    await seedBank(db, loadBank())
    await seedBank(db, loadBank())
    expect(await snapshot()).toEqual(before)
  })

  it('stores each question whole, answer key included, in the set order', async () => {
    const bank = loadBank()
    for (const set of bank.sets) expect(await listSetQuestions(db, set.slug)).toEqual(set.questions)
  })

  it('orders the sets by the bank order', async () => {
    const bank = loadBank()
    const rows = await db.select().from(quizSets).orderBy(asc(quizSets.position))
    expect(rows.map((row) => row.slug)).toEqual(bank.sets.map((set) => set.slug))
  })

  it("updates edited questions and replaces a set's question list, keeping dropped questions", async () => {
    const original = loadBank()
    const edited = loadBank()
    const set = edited.sets[0]
    const [kept, dropped] = set?.questions ?? []
    if (!set || !kept || !dropped) throw new Error('bank too small')
    kept.prompt = `${kept.prompt} (edited)`
    set.questions = set.questions.filter((question) => question.id !== dropped.id)
    set.title = 'Edited title'
    try {
      await seedBank(db, edited)
      expect((await listSetQuestions(db, set.slug)).map((question) => question.id)).toEqual(
        set.questions.map((question) => question.id),
      )
      const [setRow] = await db.select().from(quizSets).where(eq(quizSets.slug, set.slug))
      expect(setRow?.title).toBe('Edited title')
      const [keptRow] = await db.select().from(questions).where(eq(questions.id, kept.id))
      expect(keptRow?.prompt).toBe(kept.prompt)
      expect(keptRow?.body.prompt).toBe(kept.prompt)
      // Past responses may point at the dropped question, so its row stays.
      expect(await db.select().from(questions).where(eq(questions.id, dropped.id))).toHaveLength(1)
    } finally {
      await seedBank(db, original)
    }
    expect((await listSetQuestions(db, set.slug)).map((question) => question.id)).toEqual(
      original.sets[0]?.questions.map((question) => question.id),
    )
  })

  it('writes the same bank the Worker has built in: sets, questions, order and sources', async () => {
    const rows = await snapshot()
    const seededSets = [...rows.sets]
      .filter((row) => row.ownerId === null)
      .sort((a, b) => a.position - b.position)
      .map((row) => ({
        slug: row.slug,
        title: row.title,
        description: row.description,
        embed: row.embedPolicy,
        questionIds: rows.setQuestions
          .filter((link) => link.setSlug === row.slug)
          .map((link) => link.questionId),
      }))
    expect(seededSets).toEqual(
      builtInSets.map((set) => ({
        slug: set.slug,
        title: set.title,
        description: set.description,
        embed: set.embed,
        questionIds: set.questions.map((question) => question.id),
      })),
    )
    const seededBodies = new Map(rows.questions.map((row) => [row.id, row.body]))
    for (const question of builtInSets.flatMap((set) => set.questions))
      expect(seededBodies.get(question.id)).toEqual(question)
    expect(
      rows.sources
        .filter((row) => row.ownerId === null)
        .map(({ id, title, outlet, author, date, kind, reliability }) => ({
          id,
          title,
          outlet,
          author,
          date,
          kind,
          reliability,
        })),
    ).toEqual([...builtInSources].sort((a, b) => a.id.localeCompare(b.id)))
  })

  it('does nothing for an empty bank', async () => {
    const before = await snapshot()
    await seedBank(db, { sources: [], sets: [] })
    expect(await snapshot()).toEqual(before)
  })
})
