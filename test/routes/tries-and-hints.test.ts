import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { responses, revealedHints, wrongTries } from '../../src/db/schema'
import { optionId } from '../../src/quiz/option-id'
import { type QuestionOf, questionSchema } from '../../src/quiz/question'
import { insertQuestion } from '../support/fixtures'
import {
  Browser,
  bank,
  decodeEntities,
  expectPage,
  formFieldsFor,
  islandProps,
  keysIn,
  learnerIdOf,
  storedAttempt,
  visibleText,
} from '../support/helpers'
import { createSet, db, instructorId } from '../support/set-settings-helpers'

/**
 * Hints (revealed one at a time, for a cost) and several tries per question
 * (Moodle's "interactive with multiple tries"): a hint is never in a page
 * before it is revealed, a wrong try with tries left never shows the key, and
 * a replayed request never costs a hint or a try twice.
 */

const suffix = crypto.randomUUID().slice(0, 8)
const evidence = bank.sets[0]?.questions[0]?.evidence ?? []
const quote = evidence[0]?.quote ?? 'no quote'

const question = questionSchema.parse({
  id: `tries-single-${suffix}`,
  type: 'single',
  prompt: 'Where does the CPC pipeline reach the sea?',
  choices: ['Novorossiysk', 'Aktau', 'Baku', 'Atyrau'],
  answer: 'Novorossiysk',
  explanation: 'EXPLANATION-MARK: the CPC terminal is at Novorossiysk.',
  tags: [],
  difficulty: 'easy',
  evidence,
  feedback: {
    Aktau: 'FB-AKTAU: Aktau is on the Caspian, where the oil starts.',
    Baku: 'FB-BAKU: Baku is the start of another pipeline.',
    Novorossiysk: 'FB-RIGHT: the terminal is there.',
  },
  hints: ['HINT-ONE: think of the Black Sea.', 'HINT-TWO: it is a Russian port.'],
}) as QuestionOf<'single'>
const second = questionSchema.parse({
  ...question,
  id: `tries-second-${suffix}`,
  prompt: 'Which port ships Kazakh oil on the Black Sea?',
  hints: undefined,
  feedback: undefined,
})

await db.batch([insertQuestion(question, instructorId), insertQuestion(second, instructorId)])
const triesSettings = { triesPerQuestion: 3, tryPenalty: 33, hintPenalty: 10 }
const slug = await createSet({ questionIds: [question.id, second.id], settings: triesSettings })
const oneTrySlug = await createSet({ questionIds: [question.id, second.id], settings: { hintPenalty: 25 } })
const publicId = await learnerIdOf(question.id)
const pick = (text: string) => ({ choice: optionId(publicId, 'choice', text) })
const hintMarks = ['HINT-ONE', 'HINT-TWO']
const keyMarks = ['EXPLANATION-MARK', 'FB-RIGHT', quote.slice(0, 30)]
const marksIn = (text: string, marks: string[]) => marks.filter((mark) => text.includes(mark))

type AnswerReply = {
  feedback: { correct: boolean; points: number; explanation: string; path?: unknown } | null
  saved: boolean
  tryAgain?: { triesLeft: number; yourAnswer: string[]; choiceFeedback: { choice: string; text: string }[] }
  duplicate: boolean
  progress: { score: number | null }
}

async function answerApi(browser: Browser, attemptId: string, answer: unknown): Promise<AnswerReply> {
  const response = await browser.postJson(`/api/attempts/${attemptId}/answers`, {
    questionId: publicId,
    answer,
  })
  expect(response.status).toBe(200)
  return (await response.json()) as AnswerReply
}

async function storedResponse(attemptId: string) {
  const [row] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.attemptId, attemptId), eq(responses.questionId, question.id)))
  return row
}

describe('hints', () => {
  it('are not in the question page, its island props or the API before they are revealed', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/1`), 200)
    expect(marksIn(decodeEntities(html), hintMarks)).toEqual([])
    expect(visibleText(html)).toContain("Show hint 1 of 2 (costs 10% of this question's points)")
    const api = await (await browser.get(`/api/attempts/${attemptId}`)).text()
    expect(marksIn(api, hintMarks)).toEqual([])
    expect(marksIn(await (await browser.get(`/api/quizzes/${slug}`)).text(), hintMarks)).toEqual([])
  })

  it('reveal one at a time with a form post, show again on reload, and a replay charges nothing more', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const reveal = (hint: string) => browser.postForm(`/attempts/${attemptId}/q/1/hints`, { hint })
    const first = await reveal('0')
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe(`/attempts/${attemptId}/q/1#hints`)
    let html = decodeEntities(await (await browser.get(`/attempts/${attemptId}/q/1`)).text())
    expect(marksIn(html, hintMarks)).toEqual(['HINT-ONE'])
    expect(visibleText(html)).toContain('Show hint 2 of 2')
    // The same post again (a double tap, a back-and-resend): nothing more is revealed or stored.
    expect((await reveal('0')).status).toBe(303)
    html = decodeEntities(await (await browser.get(`/attempts/${attemptId}/q/1`)).text())
    expect(marksIn(html, hintMarks)).toEqual(['HINT-ONE'])
    const rows = await db.select().from(revealedHints).where(eq(revealedHints.attemptId, attemptId))
    expect(rows).toHaveLength(1)
    // Skipping ahead is refused; past the last hint is a 404.
    expect((await reveal('5')).status).toBe(404)
    expect((await reveal('1')).status).toBe(303)
    html = decodeEntities(await (await browser.get(`/attempts/${attemptId}/q/1`)).text())
    expect(marksIn(html, hintMarks)).toEqual(hintMarks)
    expect(visibleText(html)).toContain('No more hints.')
  })

  it('must be revealed in order', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const skipped = await browser.postForm(`/attempts/${attemptId}/q/1/hints`, { hint: '1' })
    expect(skipped.status).toBe(400)
    expect(visibleText(await skipped.text())).toContain('Reveal hint 1 first')
  })

  it('cost the set’s hint penalty on the final answer (API)', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(oneTrySlug)
    const revealed = await browser.postJson(`/api/attempts/${attempt.id}/hints`, {
      questionId: publicId,
      hint: 0,
    })
    expect(revealed.status).toBe(200)
    expect(await revealed.json()).toEqual({
      hints: { revealed: ['HINT-ONE: think of the Black Sea.'], total: 2, cost: 25 },
    })
    const reply = await answerApi(browser, attempt.id, pick('Novorossiysk'))
    expect(reply.feedback?.correct).toBe(true)
    expect(reply.feedback?.points).toBe(0.75)
    expect(reply.feedback?.path).toEqual({ triesUsed: 1, hintsUsed: 1 })
    expect(await storedResponse(attempt.id)).toMatchObject({ points: 0.75, triesUsed: 1, hintsUsed: 1 })
    expect((await storedAttempt(attempt.id)).score).toBe(0.75)
    // Once answered, no more hints (they would cost nothing).
    const late = await browser.postJson(`/api/attempts/${attempt.id}/hints`, {
      questionId: publicId,
      hint: 1,
    })
    expect(late.status).toBe(409)
  })
})

describe('several tries per question', () => {
  it('are announced on the quiz page before starting', async () => {
    const page = visibleText(await (await new Browser().get(`/quiz/${slug}`)).text())
    expect(page).toContain('3 tries per question (33% off for each extra try)')
  })

  it('a wrong try shows the feedback on the pick and tries left, never the key (JSON)', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const reply = await answerApi(browser, attempt.id, pick('Aktau'))
    expect(reply.feedback).toBeNull()
    expect(reply.saved).toBe(false)
    expect(reply.tryAgain).toEqual({
      triesLeft: 2,
      yourAnswer: ['Aktau'],
      choiceFeedback: [{ choice: 'Aktau', text: question.feedback?.Aktau }],
    })
    const text = JSON.stringify(reply)
    expect(marksIn(text, keyMarks)).toEqual([])
    expect(keysIn(reply)).not.toContain('correct')
    const fetched = await (await browser.get(`/api/attempts/${attempt.id}`)).text()
    expect(marksIn(fetched, keyMarks)).toEqual([])
    expect(await storedResponse(attempt.id)).toBeUndefined()
  })

  it('a wrong try (no JavaScript) redirects to the question, which says try again without the key', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const posted = await browser.postForm(`/attempts/${attemptId}/q/1`, formFieldsFor(question, pick('Baku')))
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe(`/attempts/${attemptId}/q/1`)
    const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/1`), 200)
    const decoded = decodeEntities(html)
    expect(visibleText(html)).toContain('Not quite: try again (2 tries left)')
    expect(decoded).toContain('FB-BAKU')
    expect(marksIn(decoded, keyMarks)).toEqual([])
    expect(html).not.toMatch(/data-correct|class="[^"]*correct/)
    // The form is there for the next try, with the notice in its props for the island.
    const [island] = islandProps(html, 'answer-form') as { tryAgain: { triesLeft: number } }[]
    expect(island?.tryAgain.triesLeft).toBe(2)
  })

  it('a right second try shows the key and keeps the points after the try penalty', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    await answerApi(browser, attempt.id, pick('Aktau'))
    const reply = await answerApi(browser, attempt.id, pick('Novorossiysk'))
    expect(reply.tryAgain).toBeUndefined()
    expect(reply.feedback).toMatchObject({ correct: true, points: 0.67, explanation: question.explanation })
    expect(reply.feedback?.path).toEqual({ triesUsed: 2, hintsUsed: 0 })
    expect(await storedResponse(attempt.id)).toMatchObject({ points: 0.67, triesUsed: 2, hintsUsed: 0 })
    expect((await storedAttempt(attempt.id)).score).toBe(0.67)
    const html = visibleText(await (await browser.get(`/attempts/${attempt.id}/q/1`)).text())
    expect(html).toContain('On try 2')
  })

  it('the last wrong try is final: the key, explanation and source come, with no points', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    expect((await answerApi(browser, attempt.id, pick('Aktau'))).tryAgain?.triesLeft).toBe(2)
    expect((await answerApi(browser, attempt.id, pick('Baku'))).tryAgain?.triesLeft).toBe(1)
    const last = await answerApi(browser, attempt.id, pick('Atyrau'))
    expect(last.feedback).toMatchObject({ correct: false, points: 0, explanation: question.explanation })
    expect(await storedResponse(attempt.id)).toMatchObject({ points: 0, triesUsed: 3 })
    // Answered now: a repeat returns the stored feedback.
    const again = await answerApi(browser, attempt.id, pick('Novorossiysk'))
    expect(again.duplicate).toBe(true)
    expect(again.feedback?.correct).toBe(false)
  })

  it('a retried wrong try (the same answer) never costs a second try, even sent at once', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const replies = await Promise.all([1, 2, 3].map(() => answerApi(browser, attempt.id, pick('Aktau'))))
    expect(replies.map((reply) => reply.tryAgain?.triesLeft)).toEqual([2, 2, 2])
    expect(replies.filter((reply) => !reply.duplicate)).toHaveLength(1)
    const stored = await db.select().from(wrongTries).where(eq(wrongTries.attemptId, attempt.id))
    expect(stored).toHaveLength(1)
    // Two more different wrong answers are still needed to use up the tries.
    expect((await answerApi(browser, attempt.id, pick('Baku'))).tryAgain?.triesLeft).toBe(1)
    const right = await answerApi(browser, attempt.id, pick('Novorossiysk'))
    expect(right.feedback?.points).toBe(0.34)
  })

  it('tries and hints add up in one penalty', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    await browser.postForm(`/attempts/${attemptId}/q/1/hints`, { hint: '0' })
    await browser.postForm(`/attempts/${attemptId}/q/1`, formFieldsFor(question, pick('Aktau')))
    await browser.postForm(`/attempts/${attemptId}/q/1`, formFieldsFor(question, pick('Novorossiysk')))
    // 1 − 33% (one extra try) − 10% (one hint)
    expect(await storedResponse(attemptId)).toMatchObject({ points: 0.57, triesUsed: 2, hintsUsed: 1 })
    const html = decodeEntities(await (await browser.get(`/attempts/${attemptId}/q/1`)).text())
    expect(html).toContain('EXPLANATION-MARK')
    // The results' review says so too, once the attempt is finished.
    await browser.postForm(
      `/attempts/${attemptId}/q/2`,
      formFieldsFor(second, { choice: optionId(await learnerIdOf(second.id), 'choice', 'Novorossiysk') }),
    )
    const results = visibleText(await (await browser.get(`/attempts/${attemptId}/results`)).text())
    expect(results).toContain('On try 2, with 1 hint: 0.57 of a point kept after penalties.')
  })

  it('with one try (the default) a wrong answer is final at once', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(oneTrySlug)
    const reply = await answerApi(browser, attempt.id, pick('Aktau'))
    expect(reply.tryAgain).toBeUndefined()
    expect(reply.feedback?.correct).toBe(false)
    expect(reply.feedback?.explanation).toBe(question.explanation)
  })

  it('are one try when feedback waits for the end, whatever the stored settings say', async () => {
    const examSlug = await createSet({
      questionIds: [question.id, second.id],
      settings: { feedback: 'end', triesPerQuestion: 3 },
    })
    const browser = new Browser()
    const attempt = await browser.startApi(examSlug)
    const reply = await answerApi(browser, attempt.id, pick('Aktau'))
    expect(reply).toMatchObject({ feedback: null, saved: true })
    expect(reply.tryAgain).toBeUndefined()
    expect(await storedResponse(attempt.id)).toMatchObject({ points: 0, triesUsed: 1 })
  })
})

describe('wiping a learner', () => {
  it('deletes their wrong tries and revealed hints with their attempts', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    await browser.postJson(`/api/attempts/${attempt.id}/hints`, { questionId: publicId, hint: 0 })
    await answerApi(browser, attempt.id, pick('Aktau'))
    const wiped = await browser.postForm('/progress/wipe', { confirm: 'yes' })
    expect(wiped.status).toBe(303)
    expect(await db.select().from(wrongTries).where(eq(wrongTries.attemptId, attempt.id))).toEqual([])
    expect(await db.select().from(revealedHints).where(eq(revealedHints.attemptId, attempt.id))).toEqual([])
  })
})

describe('in an embedded quiz', () => {
  it('hints and tries work in the iframe pages without JavaScript', async () => {
    const embedSlug = await createSet({
      questionIds: [question.id, second.id],
      settings: triesSettings,
      embedAnywhere: true,
    })
    const browser = new Browser()
    const started = await browser.postForm(`/embed/${embedSlug}/start`, {})
    expect(started.status).toBe(303)
    const questionUrl = started.headers.get('location') ?? ''
    expect(questionUrl).toMatch(/^\/embed\/a\/[^/]+\/q\/1$/)
    let html = decodeEntities(await (await browser.get(questionUrl)).text())
    expect(marksIn(html, hintMarks)).toEqual([])
    expect((await browser.postForm(`${questionUrl}/hints`, { hint: '0' })).status).toBe(303)
    html = decodeEntities(await (await browser.get(questionUrl)).text())
    expect(marksIn(html, hintMarks)).toEqual(['HINT-ONE'])
    expect((await browser.postForm(questionUrl, formFieldsFor(question, pick('Aktau')))).status).toBe(303)
    html = await (await browser.get(questionUrl)).text()
    expect(visibleText(html)).toContain('Not quite: try again (2 tries left)')
    expect(marksIn(decodeEntities(html), keyMarks)).toEqual([])
  })
})
