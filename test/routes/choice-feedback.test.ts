import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { cards } from '../../src/db/schema'
import { type Question, type QuestionOf, questionSchema } from '../../src/quiz/question'
import { insertQuestion } from '../support/fixtures'
import {
  type ApiAnswerResult,
  type ApiAttempt,
  Browser,
  bank,
  correctAnswer,
  decodeEntities,
  expectPage,
  formFieldsFor,
  islandProps,
  learnerIdOf,
  leavesIn,
  visibleText,
  wrongAnswer,
} from '../support/helpers'
import { createSet, db, instructorId } from '../support/set-settings-helpers'

/**
 * Per-choice feedback is part of the key: it reaches a learner only after
 * they answered, and only the feedback of what they picked (docs/security.md).
 */

const suffix = crypto.randomUUID().slice(0, 8)
const evidence = bank.sets[0]?.questions[0]?.evidence ?? { source: '', quote: '' }
const base = { tags: [], difficulty: 'easy', evidence, explanation: 'Written for the feedback tests.' }

/** A question of one type, validated by the schema. */
const parsed = <T extends 'single' | 'multiple' | 'true_false'>(
  value: { type: T } & Record<string, unknown>,
) => questionSchema.parse(value) as QuestionOf<T>

const single = parsed({
  ...base,
  id: `fb-single-${suffix}`,
  type: 'single' as const,
  prompt: 'Where does the CPC pipeline reach the sea?',
  choices: ['Novorossiysk', 'Aktau', 'Baku'],
  answer: 'Novorossiysk',
  feedback: {
    Novorossiysk: 'FB-RIGHT-PORT: the CPC terminal is there.',
    Aktau: 'FB-AKTAU: Aktau is on the Caspian, where the oil starts.',
    Baku: 'FB-BAKU: Baku is the start of another pipeline.',
  },
})
const multiple = parsed({
  ...base,
  id: `fb-multiple-${suffix}`,
  type: 'multiple' as const,
  prompt: 'Which did Tokayev say Kazakhstan does not recognise?',
  choices: ['Taiwan', 'Kosovo', 'Russia'],
  answer: ['Taiwan', 'Kosovo'],
  feedback: {
    Russia: 'FB-RUSSIA: Russia is recognised, of course.',
    Taiwan: 'FB-TAIWAN: he named it first.',
  },
})
const trueFalse = parsed({
  ...base,
  id: `fb-truefalse-${suffix}`,
  type: 'true_false' as const,
  prompt: 'Tokayev recognised the Donbas republics.',
  answer: false,
  feedback: { True: 'FB-TRUE: he refused, on stage beside Putin.', False: 'FB-FALSE: right, he refused.' },
})
const questions = [single, multiple, trueFalse]
const allFeedback = questions.flatMap((question) => Object.values(question.feedback ?? {}))
/** Each feedback text is recognisable by its marker (FB-…), even HTML-escaped or cut short. */
const markers = allFeedback.map((text) => text.slice(0, text.indexOf(':')))

await db.batch([
  insertQuestion(single, instructorId),
  insertQuestion(multiple, instructorId),
  insertQuestion(trueFalse, instructorId),
])
const slug = await createSet({ title: `Feedback ${suffix}`, questionIds: questions.map((q) => q.id) })
const learnerIds = new Map(
  await Promise.all(questions.map(async (q) => [q.id, await learnerIdOf(q.id)] as const)),
)
const idOf = (question: Question) => learnerIds.get(question.id) ?? ''

const markersIn = (text: string) => markers.filter((marker) => text.includes(marker))

describe('before answering, no per-choice feedback reaches the learner', () => {
  it('in the question pages, their island props, and the quiz and attempt JSON', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    for (const position of [1, 2, 3]) {
      const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/${position}`), 200)
      expect(markersIn(decodeEntities(html))).toEqual([])
      expect(markersIn(JSON.stringify(islandProps(html)))).toEqual([])
    }
    expect(markersIn(await (await browser.get(`/api/quizzes/${slug}`)).text())).toEqual([])
    const started = await new Browser().startApi(slug)
    expect(markersIn(JSON.stringify(started))).toEqual([])
    expect(markersIn(await (await browser.get(`/api/attempts/${attemptId}`)).text())).toEqual([])
  })
})

describe('after answering, the learner sees the feedback of their own choice, and only that', () => {
  it('in the JSON API, for single, multiple and true/false questions', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const answer = async (question: Question, given: ReturnType<typeof wrongAnswer>) => {
      const response = await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
        questionId: idOf(question),
        answer: given,
      })
      expect(response.status).toBe(200)
      const body = (await response.json()) as ApiAnswerResult & {
        feedback: { choiceFeedback: { choice: string; text: string }[] }
      }
      return body.feedback.choiceFeedback
    }
    expect(await answer(single, wrongAnswer(single, idOf(single)))).toEqual([
      { choice: 'Aktau', text: single.feedback?.Aktau },
    ])
    expect(await answer(multiple, wrongAnswer(multiple, idOf(multiple)))).toEqual([
      { choice: 'Russia', text: multiple.feedback?.Russia },
    ])
    expect(await answer(trueFalse, correctAnswer(trueFalse, idOf(trueFalse)))).toEqual([
      { choice: 'False', text: 'FB-FALSE: right, he refused.' },
    ])
    // The attempt as the API describes it afterwards: the same picks, nothing more.
    const body = await (await browser.get(`/api/attempts/${attempt.id}`)).text()
    expect(markersIn(body).sort()).toEqual(['FB-AKTAU', 'FB-FALSE', 'FB-RUSSIA'])
    const parsed = JSON.parse(body) as { attempt: ApiAttempt }
    expect(leavesIn(parsed)).not.toContain(single.feedback?.Baku)
  })

  it('on the feedback page (no JavaScript) and on the results page', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const post = (position: number, question: Question, given: ReturnType<typeof wrongAnswer>) =>
      browser.postForm(`/attempts/${attemptId}/q/${position}`, formFieldsFor(question, given))
    expect((await post(1, single, wrongAnswer(single, idOf(single)))).status).toBe(303)
    const page = await expectPage(await browser.get(`/attempts/${attemptId}/q/1`), 200)
    const text = visibleText(page)
    expect(text).toContain('Aktau is on the Caspian, where the oil starts.')
    expect(markersIn(decodeEntities(page))).toEqual(['FB-AKTAU'])
    // The choice's feedback sits with the verdict, before the explanation and the source.
    expect(text.indexOf('FB-AKTAU')).toBeLessThan(text.indexOf(single.explanation))
    expect(text.indexOf('FB-AKTAU')).toBeGreaterThan(text.indexOf('Not quite'))

    expect((await post(2, multiple, correctAnswer(multiple, idOf(multiple)))).status).toBe(303)
    expect((await post(3, trueFalse, wrongAnswer(trueFalse, idOf(trueFalse)))).status).toBe(303)
    const results = await expectPage(await browser.get(`/attempts/${attemptId}/results`), 200)
    expect(markersIn(decodeEntities(results)).sort()).toEqual(['FB-AKTAU', 'FB-TAIWAN', 'FB-TRUE'])
    expect(visibleText(results)).toContain('he refused, on stage beside Putin.')
  })

  it('in practice, after the answer and not before', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    await browser.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: idOf(single),
      answer: wrongAnswer(single, idOf(single)),
    })
    await db
      .update(cards)
      .set({ due: Date.now() - 1000 })
      .where(and(eq(cards.learnerId, browser.learnerId ?? ''), eq(cards.questionId, single.id)))
    const next = await browser.get('/api/practice/next')
    const nextText = await next.text()
    expect(markersIn(nextText)).toEqual([])
    const offer = JSON.parse(nextText) as { reviewId: string; question: { id: string } }
    expect(offer.question.id).toBe(idOf(single))
    const page = await expectPage(await browser.get('/practice'), 200)
    expect(markersIn(decodeEntities(page))).toEqual([])

    const answered = await browser.postJson('/api/practice/answers', {
      reviewId: offer.reviewId,
      answer: { choice: (wrongAnswer(single, idOf(single)) as { choice: string }).choice },
    })
    expect(answered.status).toBe(200)
    const { feedback } = (await answered.json()) as { feedback: { choiceFeedback: unknown } }
    expect(feedback.choiceFeedback).toEqual([{ choice: 'Aktau', text: single.feedback?.Aktau }])
    const review = await expectPage(await browser.get(`/practice/reviews/${offer.reviewId}`), 200)
    expect(markersIn(decodeEntities(review))).toEqual(['FB-AKTAU'])
  })
})
