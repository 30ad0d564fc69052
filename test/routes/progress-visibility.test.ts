import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { quizSets } from '../../src/db/schema'
import type { ProgressView } from '../../src/services/progress'
import { insertQuestion, insertSetQuestions, insertSource, testDb } from '../support/fixtures'
import { allQuestions, Browser, bank, expectPage } from '../support/helpers'
import { createSet, idsOfType, instructorId, startSet } from '../support/set-settings-helpers'

/**
 * /progress and /api/progress list only what this learner may see: the bank's
 * sets, instructors' public published sets, and sets the learner has taken;
 * sources only of those. Never a private draft, an unlisted set the learner
 * has not taken, or another instructor's private source.
 */

const suffix = crypto.randomUUID().slice(0, 8)
const singles = idsOfType('single')
const PRIVATE_SOURCE = `private-source-${suffix}`
const PRIVATE_QUESTION = `private-question-${suffix}`

const hidden = {
  draft: await createSet({ title: `Secret draft ${suffix}`, visibility: 'private', published: false }),
  privatePublished: await createSet({ title: `Private published ${suffix}`, visibility: 'private' }),
  unlisted: await createSet({
    title: `Unlisted ${suffix}`,
    visibility: 'unlisted',
    questionIds: singles.slice(0, 2),
  }),
  archived: await createSet({ title: `Archived ${suffix}`, archived: true }),
}
const publicSet = await createSet({ title: `Public ${suffix}`, questionIds: singles.slice(0, 3) })

// Another instructor's private source, used only by their private draft.
const template = allQuestions.find((question) => question.type === 'single')
if (!template) throw new Error('no single-choice question in the bank')
await testDb.batch([
  insertSource({
    id: PRIVATE_SOURCE,
    title: `Unpublished memo ${suffix}`,
    outlet: 'Private outlet',
    ownerId: instructorId,
  }),
  insertQuestion(
    {
      ...template,
      id: PRIVATE_QUESTION,
      evidence: template.evidence.map((cited) => ({ ...cited, source: PRIVATE_SOURCE })),
    },
    instructorId,
  ),
  insertSetQuestions(hidden.draft, [PRIVATE_QUESTION]),
])

async function progressOf(browser: Browser): Promise<ProgressView> {
  const response = await browser.get('/api/progress')
  expect(response.status).toBe(200)
  return ((await response.json()) as { progress: ProgressView }).progress
}

function expectNothingHidden(progress: ProgressView, html: string, except: string[] = []) {
  const ids = progress.sets.map((set) => set.id)
  for (const [name, slug] of Object.entries(hidden)) {
    if (except.includes(slug)) continue
    expect(ids, name).not.toContain(slug)
    expect(html, name).not.toContain(slug)
  }
  for (const title of [
    'Secret draft',
    'Private published',
    'Archived',
    ...(except.length ? [] : ['Unlisted']),
  ])
    expect(html).not.toContain(`${title} ${suffix}`)
  expect(progress.sources.map((source) => source.id)).not.toContain(PRIVATE_SOURCE)
  expect(html).not.toContain(`Unpublished memo ${suffix}`)
}

describe('progress for a learner', () => {
  it('lists the bank and public published sets only, with their sources, to a learner who took nothing', async () => {
    const withCookie = new Browser()
    // A learner id of its own (making a transfer code sets one), but none of the instructor sets taken.
    expect((await withCookie.postForm('/progress/transfer', {})).status).toBe(200)
    expect(withCookie.learnerId).toBeDefined()
    for (const browser of [new Browser(), withCookie]) {
      const progress = await progressOf(browser)
      const html = await expectPage(await browser.get('/progress'), 200)
      expectNothingHidden(progress, html)
      const ids = progress.sets.map((set) => set.id)
      for (const set of bank.sets) expect(ids).toContain(set.slug)
      // A public set counts the questions of its published version, not the studio's draft.
      expect(progress.sets.find((set) => set.id === publicSet)?.tally.total).toBe(3)
    }
  })

  it('adds a set the learner took, even unlisted, and keeps it after the set goes private', async () => {
    const browser = new Browser()
    await startSet(browser, hidden.unlisted)
    let progress = await progressOf(browser)
    expect(progress.sets.find((set) => set.id === hidden.unlisted)).toMatchObject({
      title: `Unlisted ${suffix}`,
      tally: { total: 2 },
    })
    expectNothingHidden(progress, await (await browser.get('/progress')).text(), [hidden.unlisted])

    await testDb.update(quizSets).set({ visibility: 'private' }).where(eq(quizSets.slug, hidden.unlisted))
    progress = await progressOf(browser)
    expect(progress.sets.find((set) => set.id === hidden.unlisted)?.tally.total).toBe(2)
    // Another learner who never took it does not see it.
    expect((await progressOf(new Browser())).sets.map((set) => set.id)).not.toContain(hidden.unlisted)
    await testDb.update(quizSets).set({ visibility: 'unlisted' }).where(eq(quizSets.slug, hidden.unlisted))
  })
})
