import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { Browser, expectApiError } from '../support/helpers'
import { createSet, idsOfType } from '../support/set-settings-helpers'

/** "Attempts allowed" must hold under a burst of parallel starts, not only one start at a time. */

const PARALLEL = 50

async function storedAttempts(learnerId: string, slug: string): Promise<number> {
  const row = await env.DB.prepare('select count(*) as n from attempts where learner_id = ? and set_slug = ?')
    .bind(learnerId, slug)
    .first<{ n: number }>()
  return row?.n ?? 0
}

describe('attemptsAllowed under concurrency', () => {
  it(`stores exactly one attempt of a one-attempt set out of ${PARALLEL} parallel starts`, async () => {
    const questionIds = idsOfType('single').slice(0, 2)
    const slug = await createSet({ questionIds, settings: { attemptsAllowed: 1 } })
    const browser = new Browser()
    // A learner cookie first (from another set), so every start below is the same learner.
    await browser.startApi(await createSet({ questionIds }))
    const learnerId = browser.learnerId ?? ''
    expect(learnerId).not.toBe('')

    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        index % 2
          ? browser.postJson('/api/attempts', { quiz: slug })
          : browser.fetch('/api/attempts', {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json' },
              body: JSON.stringify({ quiz: slug }),
            }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 201)).toHaveLength(1)
    for (const response of responses.filter((candidate) => candidate.status !== 201))
      await expectApiError(response, 403, 'no_attempts_left')
    expect(await storedAttempts(learnerId, slug)).toBe(1)
  })

  it('holds for parallel no-JS starts too, answered with the 403 page', async () => {
    const questionIds = idsOfType('single').slice(0, 2)
    const slug = await createSet({ questionIds, settings: { attemptsAllowed: 2 } })
    const browser = new Browser()
    await browser.startApi(await createSet({ questionIds }))
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () => browser.postForm(`/quiz/${slug}/start`, {})),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 303)).toHaveLength(2)
    expect(statuses.filter((status) => status === 403)).toHaveLength(PARALLEL - 2)
    expect(await storedAttempts(browser.learnerId ?? '', slug)).toBe(2)
  })
})
