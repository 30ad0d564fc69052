import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

/**
 * Migrations must apply to a database that already holds data, as a deployed
 * one does, not only to the empty one every other test starts from. D1 keeps
 * foreign keys on, so a migration that rebuilds a table other tables point at
 * (0013 rebuilds `questions`) fails there unless the references are resolved
 * by the end of the migration.
 */
describe('migrations on a database with data', () => {
  it('upgrade a database holding questions, sets, attempts and answers, keeping every row', async () => {
    const db = env.UPGRADE_DB
    const upTo = (name: string) =>
      env.TEST_MIGRATIONS.findIndex((migration) => migration.name.startsWith(name))
    const before = env.TEST_MIGRATIONS.slice(0, upTo('0013_'))
    expect(before.length).toBeGreaterThan(10)
    await applyD1Migrations(db, before)

    const question = JSON.stringify({ id: 'q-old', type: 'true_false', prompt: 'Old?', answer: true })
    await db.batch([
      db.prepare(
        "insert into sources (id, title, outlet, author, date, kind, reliability) values ('s-old', 'T', 'O', 'A', '2022-07-06', 'article', 'R')",
      ),
      db
        .prepare(
          "insert into questions (id, type, prompt, source_id, body) values ('q-old', 'true_false', 'Old?', 's-old', ?)",
        )
        .bind(question),
      db.prepare(
        "insert into quiz_sets (slug, title, description, position) values ('old-set', 'Old', 'D', 1)",
      ),
      db.prepare(
        "insert into set_questions (set_slug, question_id, position) values ('old-set', 'q-old', 1)",
      ),
      db.prepare("insert into learners (id, created_at) values ('l-old', 1)"),
      db.prepare(
        "insert into attempts (id, learner_id, set_slug, started_at, seed, question_ids) values ('a-old', 'l-old', 'old-set', 1, 'seed', '[\"q-old\"]')",
      ),
      db.prepare(
        "insert into responses (attempt_id, question_id, answer, correct, points, answered_at) values ('a-old', 'q-old', 'true', 1, 1, 2)",
      ),
    ])

    await applyD1Migrations(db, env.TEST_MIGRATIONS)

    const counts = await db
      .prepare(
        'select (select count(*) from questions) as questions, (select count(*) from set_questions) as members, (select count(*) from responses) as responses',
      )
      .first<{ questions: number; members: number; responses: number }>()
    expect(counts).toEqual({ questions: 1, members: 1, responses: 1 })
    const violations = await db.prepare('pragma foreign_key_check').all()
    expect(violations.results).toEqual([])
    // The rebuilt table takes an uncited question (no source), which is what 0013 is for.
    await db
      .prepare(
        "insert into questions (id, type, prompt, source_id, body) values ('q-new', 'true_false', 'New?', null, '{}')",
      )
      .run()
  })
})
