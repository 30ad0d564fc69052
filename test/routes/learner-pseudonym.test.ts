import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  Browser,
  correctAnswer,
  expectPage,
  formFieldsFor,
  visibleText,
  wrongAnswer,
} from '../support/helpers'
import { createSet, idsOfType, questionAt, startSet } from '../support/set-settings-helpers'
import { freshEmail, InstructorBrowser } from '../support/studio-helpers'

/**
 * The learner id is the value of the learner's cookie: whoever knows it can
 * act as the learner. It must appear nowhere but in that cookie: an
 * instructor's dashboard and CSVs name learners by a per-set pseudonym.
 */

const owner = new InstructorBrowser()
const questionIds = idsOfType('single').slice(0, 2)
const sets = { a: '', b: '' }
const anonymous = new Browser()
const named = new Browser()
const NAME = 'Jo;=1+1'

/** Starts the set, answers both questions (one right) and returns the attempt id. */
async function takeSet(browser: Browser, slug: string): Promise<string> {
  const attempt = await startSet(browser, slug)
  for (const position of [1, 2]) {
    const question = questionAt(attempt.questionIds, position)
    const answer = position === 1 ? correctAnswer(question) : wrongAnswer(question)
    const response = await browser.postForm(
      `/attempts/${attempt.id}/q/${position}`,
      formFieldsFor(question, answer),
    )
    expect(response.status).toBe(303)
  }
  return attempt.id
}

/** The cookie value, and the first 8 characters the dashboard used to show. */
function secretsOf(browser: Browser): string[] {
  const id = browser.learnerId
  if (!id) throw new Error('the learner has no cookie')
  return [id, id.slice(0, 8)]
}

function expectNoSecret(body: string, browser: Browser) {
  for (const secret of secretsOf(browser)) expect(body).not.toContain(secret)
}

/** The CSV's records by header name (every text cell is quoted; none here holds a comma or quote). */
function records(csv: string): Record<string, string>[] {
  const [header = '', ...lines] = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  const names = header.split(',').map((name) => name.replaceAll('"', ''))
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''))
    return Object.fromEntries(names.map((name, index) => [name, cells[index] ?? '']))
  })
}

beforeAll(async () => {
  const email = freshEmail('pseudonym')
  await owner.signUp(email)
  const instructor = await env.DB.prepare('select id from instructors where email = ?')
    .bind(email)
    .first<{ id: string }>()
  for (const key of ['a', 'b'] as const) {
    sets[key] = await createSet({ questionIds })
    await env.DB.prepare('update quiz_sets set owner_id = ? where slug = ?')
      .bind(instructor?.id ?? '', sets[key])
      .run()
  }
  for (const browser of [anonymous, named]) {
    await takeSet(browser, sets.a)
    await takeSet(browser, sets.b)
  }
  const last = await takeSet(named, sets.a)
  const saved = await named.postForm(`/attempts/${last}/name`, { displayName: NAME })
  expect(saved.status).toBe(303)
})

describe("an instructor's view of learners", () => {
  it('never contains a learner id, in the dashboard or either CSV', async () => {
    for (const slug of [sets.a, sets.b]) {
      const html = await expectPage(await owner.get(`/studio/sets/${slug}/results`), 200)
      const attempts = await (await owner.get(`/studio/sets/${slug}/results/attempts.csv`)).text()
      const answers = await (await owner.get(`/studio/sets/${slug}/results/responses.csv`)).text()
      for (const body of [html, attempts, answers]) {
        expectNoSecret(body, anonymous)
        expectNoSecret(body, named)
      }
    }
  })

  it('names a learner by one pseudonym per set, the same in every export and the dashboard', async () => {
    const pseudonymsIn = async (slug: string) => {
      const attempts = records(await (await owner.get(`/studio/sets/${slug}/results/attempts.csv`)).text())
      const answers = records(await (await owner.get(`/studio/sets/${slug}/results/responses.csv`)).text())
      const anonymousRows = attempts.filter((row) => row.learner?.startsWith('Anonymous '))
      expect(anonymousRows).toHaveLength(1)
      const pseudonym = anonymousRows[0]?.learner_pseudonym ?? ''
      expect(pseudonym).toMatch(/^[\w-]{12}$/)
      expect(anonymousRows[0]?.learner).toBe(`Anonymous ${pseudonym}`)
      expect(
        new Set(
          answers.filter((row) => row.learner?.startsWith('Anonymous ')).map((row) => row.learner_pseudonym),
        ),
      ).toEqual(new Set([pseudonym]))
      return { attempts, pseudonym }
    }
    const first = await pseudonymsIn(sets.a)
    const again = await pseudonymsIn(sets.a)
    const other = await pseudonymsIn(sets.b)
    expect(again.pseudonym).toBe(first.pseudonym)
    expect(other.pseudonym).not.toBe(first.pseudonym)
    const html = await (await owner.get(`/studio/sets/${sets.a}/results`)).text()
    expect(visibleText(html)).toContain(`Anonymous ${first.pseudonym}`)

    // The named learner: their name, and a pseudonym of their own that also differs between sets.
    const namedA = first.attempts.filter((row) => row.learner !== `Anonymous ${first.pseudonym}`)
    expect(namedA).toHaveLength(2)
    expect(new Set(namedA.map((row) => row.learner_pseudonym)).size).toBe(1)
    const namedB = other.attempts.find((row) => row.learner_pseudonym !== other.pseudonym)
    expect(namedB?.learner_pseudonym).not.toBe(namedA[0]?.learner_pseudonym)
  })

  it('defuses a display name that is a formula after a separator', async () => {
    const csv = await (await owner.get(`/studio/sets/${sets.a}/results/attempts.csv`)).text()
    expect(csv).toContain(`"Jo;'=1+1"`)
    expect(csv).not.toContain('Jo;=1+1')
    const answers = await (await owner.get(`/studio/sets/${sets.a}/results/responses.csv`)).text()
    expect(answers).toContain(`"Jo;'=1+1"`)
    expect(answers).not.toContain('Jo;=1+1')
  })
})

describe("a learner's own pages and JSON", () => {
  it('never echo the learner id outside the Set-Cookie header', async () => {
    const browser = new Browser()
    const attemptId = await takeSet(browser, sets.a)
    const paths = [
      '/',
      `/quiz/${sets.a}`,
      `/attempts/${attemptId}/q/1`,
      `/attempts/${attemptId}/results`,
      `/api/attempts/${attemptId}`,
      '/progress',
      '/api/progress',
      '/practice',
      '/api/practice/next',
    ]
    for (const path of paths) {
      const response = await browser.get(path)
      expect(response.status, path).toBeLessThan(400)
      expectNoSecret(await response.text(), browser)
    }
    const transfer = await browser.postForm('/progress/transfer', {})
    expect(transfer.status).toBe(200)
    expectNoSecret(await transfer.text(), browser)
    const started = await browser.postJson('/api/attempts', { quiz: sets.b })
    expect(started.status).toBe(201)
    expectNoSecret(await started.text(), browser)
  })
})
