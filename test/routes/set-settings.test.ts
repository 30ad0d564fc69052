import { describe, expect, it } from 'vitest'
import type { PublicQuestion } from '../../src/quiz/public-question'
import {
  type ApiAnswerResult,
  Browser,
  correctAnswer,
  countResponses,
  expectApiError,
  expectPage,
  formFieldsFor,
  islandProps,
  publicIdOf,
  questionOf,
  questionOfLearnerId,
  storedAttempt,
  visibleText,
  wrongAnswer,
} from '../support/helpers'
import { createSet, expireAttempt, idsOfType, questionAt, startSet } from '../support/set-settings-helpers'

/** Each published setting, as a learner meets it. */

const singles = idsOfType('single')

/** The public question an attempt's page hands the answer form island. */
async function shownQuestion(browser: Browser, attemptId: string, position: number): Promise<PublicQuestion> {
  const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/${position}`), 200)
  const [props] = islandProps(html, 'answer-form') as { question: PublicQuestion }[]
  if (!props) throw new Error('no answer form on the page')
  return props.question
}

async function answerByForm(
  browser: Browser,
  attemptId: string,
  questionIds: string[],
  position: number,
  right: boolean,
) {
  const question = questionAt(questionIds, position)
  return browser.postForm(
    `/attempts/${attemptId}/q/${position}`,
    formFieldsFor(question, right ? correctAnswer(question) : wrongAnswer(question)),
  )
}

describe('shuffleQuestions', () => {
  it("orders each attempt's questions from its seed, a permutation of the set", async () => {
    const pool = singles.slice(0, 6)
    const slug = await createSet({ questionIds: pool, settings: { shuffleQuestions: true } })
    const orders = new Set<string>()
    for (let run = 0; run < 6; run++) {
      const { questionIds } = await startSet(new Browser(), slug)
      expect([...questionIds].sort()).toEqual([...pool].sort())
      orders.add(questionIds.join())
    }
    expect(orders.size).toBeGreaterThan(1)
  })

  it('keeps the authored order when off', async () => {
    const pool = singles.slice(0, 6)
    const slug = await createSet({ questionIds: pool })
    for (let run = 0; run < 3; run++) expect((await startSet(new Browser(), slug)).questionIds).toEqual(pool)
  })
})

describe('drawCount', () => {
  it("draws that many questions at random for each attempt, in the set's order", async () => {
    const pool = singles.slice(0, 8)
    const slug = await createSet({ questionIds: pool, settings: { drawCount: 3 } })
    const text = visibleText(await expectPage(await new Browser().get(`/quiz/${slug}`), 200))
    expect(text).toContain('3 questions drawn at random from 8')
    const draws = new Set<string>()
    for (let run = 0; run < 6; run++) {
      const browser = new Browser()
      const { id, questionIds } = await startSet(browser, slug)
      expect(questionIds).toHaveLength(3)
      expect(questionIds).toEqual(pool.filter((questionId) => questionIds.includes(questionId)))
      draws.add(questionIds.join())
      expect(visibleText(await expectPage(await browser.get(`/attempts/${id}/q/1`), 200))).toContain(
        'Question 1 of 3',
      )
    }
    expect(draws.size).toBeGreaterThan(1)
  })

  it('asks every question when the set holds fewer than the draw count', async () => {
    const pool = singles.slice(0, 2)
    const slug = await createSet({ questionIds: pool, settings: { drawCount: 5 } })
    expect((await startSet(new Browser(), slug)).questionIds).toEqual(pool)
  })
})

describe('shuffleChoices', () => {
  it('shows choices in authored order when off, in the page and in the API', async () => {
    const pool = [...singles.slice(0, 3), ...idsOfType('multiple').slice(0, 2)]
    const slug = await createSet({ questionIds: pool, settings: { shuffleChoices: false } })
    for (let run = 0; run < 3; run++) {
      const browser = new Browser()
      const { id } = await startSet(browser, slug)
      for (const [index, questionId] of pool.entries()) {
        const question = questionOf(questionId)
        if (question.type !== 'single' && question.type !== 'multiple')
          throw new Error('not a choice question')
        const shown = await shownQuestion(browser, id, index + 1)
        if (shown.type !== 'single' && shown.type !== 'multiple') throw new Error('not a choice question')
        expect(shown.choices.map((choice) => choice.text)).toEqual(question.choices)
      }
      const api = (await (await browser.get(`/api/attempts/${id}`)).json()) as {
        attempt: { items: { question: PublicQuestion }[] }
      }
      for (const [index, item] of api.attempt.items.entries()) {
        const question = questionOf(pool[index] ?? '')
        if (question.type !== 'single' && question.type !== 'multiple') continue
        expect(
          item.question.type === question.type && item.question.choices.map((choice) => choice.text),
        ).toEqual(question.choices)
      }
    }
  })

  it('still shuffles ordering items (their authored order is the answer)', async () => {
    const orderings = idsOfType('ordering')
    const slug = await createSet({ questionIds: orderings, settings: { shuffleChoices: false } })
    const browser = new Browser()
    const { id, questionIds } = await startSet(browser, slug)
    let inAuthoredOrder = 0
    for (const [index, questionId] of questionIds.entries()) {
      const question = questionOf(questionId)
      if (question.type !== 'ordering') throw new Error('not an ordering question')
      const shown = await shownQuestion(browser, id, index + 1)
      if (shown.type !== 'ordering') throw new Error('not an ordering question')
      const texts = shown.items.map((item) => item.text)
      expect([...texts].sort()).toEqual([...question.items].sort())
      if (texts.every((text, position) => text === question.items[position])) inAuthoredOrder++
    }
    // A fair shuffle lands on the answer order 1 time in n! (never landing there would give
    // two-item answers away), so one question may show it by chance; all of them never do.
    expect(questionIds.length).toBeGreaterThan(2)
    expect(inAuthoredOrder).toBeLessThan(questionIds.length)
  })

  it("shuffles choices by default (the bank's behaviour)", async () => {
    const pool = singles.slice(0, 6)
    const slug = await createSet({ questionIds: pool })
    const browser = new Browser()
    const { id } = await startSet(browser, slug)
    let moved = 0
    for (const [index, questionId] of pool.entries()) {
      const question = questionOf(questionId)
      const shown = await shownQuestion(browser, id, index + 1)
      if (question.type === 'single' && shown.type === 'single')
        if (shown.choices.map((choice) => choice.text).join() !== question.choices.join()) moved++
    }
    expect(moved).toBeGreaterThan(0)
  })
})

describe('attemptsAllowed', () => {
  it('refuses a third start with a clear 403, while the open attempt can still be resumed', async () => {
    const pool = singles.slice(0, 2)
    const slug = await createSet({ questionIds: pool, settings: { attemptsAllowed: 2 } })
    const browser = new Browser()
    const first = await startSet(browser, slug)
    for (const position of [1, 2])
      await answerByForm(browser, first.id, first.questionIds, position, position === 1)
    const results = visibleText(await expectPage(await browser.get(`/attempts/${first.id}/results`), 200))
    expect(results).toContain('Try again')
    expect(results).toContain('Review the 1 I missed')

    const second = await startSet(browser, slug)
    const quizPage = await expectPage(await browser.get(`/quiz/${slug}`), 200)
    expect(visibleText(quizPage)).toContain('Resume (0 of 2 answered)')
    expect(visibleText(quizPage)).toContain('You have used all 2 attempts allowed for this quiz.')
    expect(quizPage).not.toContain(`action="/quiz/${slug}/start"`)

    const refused = await expectPage(await browser.postForm(`/quiz/${slug}/start`, {}), 403)
    expect(visibleText(refused)).toContain('You have used all 2 attempts allowed for this quiz.')
    const retry = await expectPage(
      await browser.postForm(`/quiz/${slug}/start`, { missedFrom: first.id }),
      403,
    )
    expect(visibleText(retry)).toContain('all 2 attempts')
    const api = await expectApiError(
      await browser.postJson('/api/attempts', { quiz: slug }),
      403,
      'no_attempts_left',
    )
    expect(api.error.message).toContain('all 2 attempts')

    // Resuming is not a new start.
    const resumed = await browser.get(`/attempts/${second.id}`)
    expect(resumed.status).toBe(303)
    expect(resumed.headers.get('location')).toBe(`/attempts/${second.id}/q/1`)
    for (const position of [1, 2]) await answerByForm(browser, second.id, second.questionIds, position, false)
    const last = visibleText(await expectPage(await browser.get(`/attempts/${second.id}/results`), 200))
    expect(last).not.toContain('Try again')
    expect(last).not.toContain('I missed')
    expect(last).toContain('You have used all 2 attempts allowed for this quiz.')
  })

  it('counts per learner: another learner may still start', async () => {
    const slug = await createSet({ questionIds: singles.slice(0, 1), settings: { attemptsAllowed: 1 } })
    await startSet(new Browser(), slug)
    await startSet(new Browser(), slug)
  })
})

describe('timeLimitMinutes', () => {
  it('sets the deadline at start and shows the time left on the question page', async () => {
    const slug = await createSet({ questionIds: singles.slice(0, 2), settings: { timeLimitMinutes: 15 } })
    expect(visibleText(await expectPage(await new Browser().get(`/quiz/${slug}`), 200))).toContain(
      'time limit: 15 minutes',
    )
    const browser = new Browser()
    const { id } = await startSet(browser, slug)
    const stored = await storedAttempt(id)
    expect(stored.deadline).toBe(stored.startedAt.getTime() + 15 * 60_000)
    const text = visibleText(await expectPage(await browser.get(`/attempts/${id}/q/1`), 200))
    expect(text).toMatch(/Time left: 1[45] minutes/)
    const api = (await (await browser.get(`/api/attempts/${id}`)).json()) as { attempt: { deadline: string } }
    expect(Date.parse(api.attempt.deadline)).toBe(stored.deadline)
    // The closing time is in UTC, and says so, until the browser names its zone; then in that zone.
    const deadline = stored.deadline ?? 0
    const utc = new Date(deadline).toISOString().slice(11, 16)
    expect(text).toContain(`answers are accepted until ${utc} UTC`)
    browser.cookies.set('cited_tz', 'Asia%2FAlmaty')
    const local = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(
      deadline,
    )
    const inZone = visibleText(await expectPage(await browser.get(`/attempts/${id}/q/1`), 200))
    expect(inZone).toContain(`answers are accepted until ${local}`)
    expect(inZone).not.toContain(`until ${local} UTC`)
  })

  it('refuses answers after the deadline and finishes the attempt, unanswered questions scoring 0', async () => {
    const pool = singles.slice(0, 3)
    const slug = await createSet({ questionIds: pool, settings: { timeLimitMinutes: 5 } })
    const browser = new Browser()
    const { id, questionIds } = await startSet(browser, slug)
    expect((await answerByForm(browser, id, questionIds, 1, true)).status).toBe(303)
    await expireAttempt(id)

    const page = await expectPage(await answerByForm(browser, id, questionIds, 2, true), 409)
    expect(visibleText(page)).toContain('Time is up')
    expect(page).toContain(`href="/attempts/${id}/results"`)
    const second = questionAt(questionIds, 2)
    await expectApiError(
      await browser.postJson(`/api/attempts/${id}/answers`, {
        questionId: publicIdOf(second.id),
        answer: correctAnswer(second),
      }),
      409,
      'time_up',
    )
    expect(await countResponses(id)).toBe(1)

    // The unanswered questions lead to the results, which count them as 0.
    const toResults = await browser.get(`/attempts/${id}/q/2`)
    expect(toResults.status).toBe(303)
    expect(toResults.headers.get('location')).toBe(`/attempts/${id}/results`)
    const results = visibleText(await expectPage(await browser.get(`/attempts/${id}/results`), 200))
    expect(results).toContain('1 of 3 points')
    expect(results).toContain('2 of 3 questions unanswered')
    expect(results).toContain('Not answered')
    const stored = await storedAttempt(id)
    expect(stored.completedAt?.getTime()).toBe(stored.deadline)
    expect(stored.score).toBe(1)
    // The answered question still shows its feedback.
    expect(visibleText(await expectPage(await browser.get(`/attempts/${id}/q/1`), 200))).toContain(
      questionAt(questionIds, 1).explanation,
    )
  })

  it('does not offer to resume an attempt whose time ran out', async () => {
    const slug = await createSet({ questionIds: singles.slice(0, 2), settings: { timeLimitMinutes: 5 } })
    const browser = new Browser()
    const { id } = await startSet(browser, slug)
    await expireAttempt(id)
    expect(visibleText(await expectPage(await browser.get(`/quiz/${slug}`), 200))).not.toContain('Resume')
  })
})

describe('passMark', () => {
  it("says passed or not passed with the set's own mark", async () => {
    const pool = singles.slice(0, 4)
    const slug = await createSet({ questionIds: pool, settings: { passMark: 80 } })
    const browser = new Browser()
    const { id, questionIds } = await startSet(browser, slug)
    for (const position of [1, 2, 3, 4])
      await answerByForm(browser, id, questionIds, position, position !== 4)
    const text = visibleText(await expectPage(await browser.get(`/attempts/${id}/results`), 200))
    expect(text).toContain('75%')
    expect(text).toContain('Not passed: the pass mark is 80%')
    const api = (await (await browser.get(`/api/attempts/${id}`)).json()) as { attempt: { passed: boolean } }
    expect(api.attempt.passed).toBe(false)

    const lenient = await createSet({ questionIds: pool, settings: { passMark: 75 } })
    const other = await startSet(browser, lenient)
    for (const position of [1, 2, 3, 4])
      await answerByForm(browser, other.id, other.questionIds, position, position !== 4)
    expect(visibleText(await expectPage(await browser.get(`/attempts/${other.id}/results`), 200))).toContain(
      'Passed: the pass mark is 75%',
    )
  })

  it("keeps 60% for the bank's sets", async () => {
    const browser = new Browser()
    const started = await browser.startApi('routes-around-russia')
    for (const item of started.items) {
      const question = questionOfLearnerId(item.question.id)
      await browser.postJson(`/api/attempts/${started.id}/answers`, {
        questionId: publicIdOf(question.id),
        answer:
          item.position <= Math.ceil(started.total * 0.6) ? correctAnswer(question) : wrongAnswer(question),
      })
    }
    const text = visibleText(await expectPage(await browser.get(`/attempts/${started.id}/results`), 200))
    expect(text).toContain('Passed: the pass mark is 60%')
  })

  it("decides the embed's completed event", async () => {
    const pool = singles.slice(0, 4)
    const slug = await createSet({ questionIds: pool, settings: { passMark: 80 }, embedAnywhere: true })
    const browser = new Browser()
    const start = await browser.postForm(`/embed/${slug}/start`, {})
    const base = start.headers.get('location')?.replace(/\/q\/1$/, '') ?? ''
    const token = base.split('/').pop() ?? ''
    expect(token.length).toBeGreaterThan(10)
    for (let position = 1; position <= 4; position++) {
      const html = await expectPage(await browser.get(`${base}/q/${position}`), 200)
      const [props] = islandProps(html, 'answer-form') as { question: PublicQuestion }[]
      const question = questionOfLearnerId(props?.question.id ?? '')
      const response = await browser.postJson(`/api/embed/${token}/answers`, {
        questionId: publicIdOf(question.id),
        answer: position === 4 ? wrongAnswer(question) : correctAnswer(question),
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as ApiAnswerResult).feedback.correct).toBe(position !== 4)
    }
    const html = await expectPage(await browser.get(`${base}/results`), 200)
    const completed = /data-cited-completed="([^"]*)"/.exec(html)?.[1] ?? ''
    expect(JSON.parse(completed.replaceAll('&quot;', '"'))).toEqual({
      score: 3,
      max: 4,
      percent: 75,
      passed: false,
    })
    expect(visibleText(html)).toContain('Not passed: the pass mark is 80%')
  })
})
