import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  Browser,
  correctAnswer,
  decodeEntities,
  expectPage,
  formFieldsFor,
  islandProps,
  questionOfLearnerId,
  visibleText,
} from '../support/helpers'
import { createSet, idsOfType } from '../support/set-settings-helpers'

/**
 * Embedded learners across reloads: the learner token the frame hands to
 * embed.js (kept in the course page's storage) brings the same learner back,
 * so "attempts allowed" holds; a forged token or another quiz's is not honoured.
 */

const START = (slug: string) => `/embed/${slug}/start`

/** A start from a freshly loaded course page (a new Browser: no cookies, as in a third-party iframe). */
async function startFromHost(slug: string, fields: Record<string, string> = {}) {
  const browser = new Browser()
  const response = await browser.postForm(START(slug), fields)
  return { browser, response }
}

/** Follows a start's redirect and reads the learner token its page hands to the host. */
async function learnerTokenAfter(browser: Browser, response: Response): Promise<string> {
  expect(response.status).toBe(303)
  const location = response.headers.get('location') ?? ''
  expect(location).toMatch(/^\/embed\/a\/[A-Za-z0-9_-]{32}\/q\/1$/)
  const html = decodeEntities(await expectPage(await browser.get(location), 200))
  const token = /"learner":"([A-Za-z0-9_-]{43})"/.exec(html)?.[1]
  if (!token) throw new Error('no learner token on the attempt page')
  expect(location).not.toContain(token)
  return token
}

async function learnerOf(token: string): Promise<string | undefined> {
  const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')
  const row = await env.DB.prepare('select id from learners where embed_token_hash = ?')
    .bind(hash)
    .first<{ id: string }>()
  return row?.id
}

const attemptsOf = async (slug: string) =>
  (
    await env.DB.prepare(
      'select learner_id as learnerId from attempts where set_slug = ? order by started_at',
    )
      .bind(slug)
      .all<{ learnerId: string }>()
  ).results.map((row) => row.learnerId)

describe('an embedded learner across reloads of the course page', () => {
  const questionIds = idsOfType('single').slice(0, 2)

  it('is the same learner with the kept token, so the attempts allowed are enforced', async () => {
    const slug = await createSet({ questionIds, settings: { attemptsAllowed: 2 }, embedAnywhere: true })
    const first = await startFromHost(slug)
    const token = await learnerTokenAfter(first.browser, first.response)

    // The page reloads: embed.js gives the kept token back to the start form.
    const second = await startFromHost(slug, { learner: token })
    expect(await learnerTokenAfter(second.browser, second.response)).toBe(token)
    const learners = await attemptsOf(slug)
    expect(learners).toHaveLength(2)
    expect(new Set(learners).size).toBe(1)

    const third = await startFromHost(slug, { learner: token })
    const refused = visibleText(await expectPage(third.response, 403))
    expect(refused).toContain('You have used all 2 attempts allowed for this quiz.')
    expect(await attemptsOf(slug)).toHaveLength(2)

    // Without the token (storage cleared, another device) it is a new learner, as before.
    const other = await startFromHost(slug)
    expect(await learnerTokenAfter(other.browser, other.response)).not.toBe(token)
  })

  it('does not honour a forged token or one kept for another quiz', async () => {
    const slug = await createSet({ questionIds, settings: { attemptsAllowed: 1 }, embedAnywhere: true })
    const elsewhere = await createSet({ questionIds, settings: { attemptsAllowed: 1 }, embedAnywhere: true })
    const first = await startFromHost(slug)
    const token = await learnerTokenAfter(first.browser, first.response)
    const owner = await learnerOf(token)
    expect(owner).toBeDefined()

    // Another quiz's token names no learner there: a new learner starts, with a token of its own.
    const foreign = await startFromHost(elsewhere, { learner: token })
    const foreignToken = await learnerTokenAfter(foreign.browser, foreign.response)
    expect(foreignToken).not.toBe(token)
    expect(await attemptsOf(elsewhere)).not.toContain(owner)

    // A made-up token (right shape, wrong value) is not honoured either.
    const forgedValue = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    const forged = await startFromHost(slug, { learner: forgedValue })
    const forgedToken = await learnerTokenAfter(forged.browser, forged.response)
    expect(forgedToken).not.toBe(token)
    const learners = await attemptsOf(slug)
    expect(learners).toHaveLength(2)
    expect(new Set(learners).size).toBe(2)
  })

  it("keeps a name the course page passed, marked as the host's word", async () => {
    const slug = await createSet({ questionIds, embedAnywhere: true })
    const first = await startFromHost(slug, { learner_name: '  Ada Lovelace (id 42)  ' })
    const token = await learnerTokenAfter(first.browser, first.response)
    const row = await env.DB.prepare(
      'select display_name as name, name_from_host as fromHost from learners where id = ?',
    )
      .bind((await learnerOf(token)) ?? '')
      .first<{ name: string; fromHost: number }>()
    expect(row).toEqual({ name: 'Ada Lovelace (id 42)', fromHost: 1 })
  })

  it('keeps the learner and the theme on "Try again", without JavaScript', async () => {
    const slug = await createSet({ questionIds: questionIds.slice(0, 1), embedAnywhere: true })
    const { browser, response } = await startFromHost(slug, { theme: 'dark' })
    const token = await learnerTokenAfter(browser, response)
    const location = response.headers.get('location') ?? ''
    const [props] = islandProps(await expectPage(await browser.get(location), 200)) as {
      question: { id: string }
      action: string
    }[]
    if (!props) throw new Error('no answer form')
    const question = questionOfLearnerId(props.question.id)
    const posted = await browser.postForm(props.action, formFieldsFor(question, correctAnswer(question)))
    expect(posted.status).toBe(303)
    const results = await expectPage(await browser.get(location.replace(/\/q\/1$/, '/results')), 200)
    expect(results).toContain(`<input type="hidden" name="learner" value="${token}"/>`)
    expect(results).toContain('<input type="hidden" name="theme" value="dark"/>')
  })
})
