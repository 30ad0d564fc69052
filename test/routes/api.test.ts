import { describe, expect, it } from 'vitest'
import {
  type ApiAnswerResult,
  type ApiAttempt,
  Browser,
  bank,
  correctAnswer,
  expectApiError,
  firstOfType,
  publicIdOf,
  setOf,
  wrongAnswer,
} from '../support/helpers'

const slug = 'routes-around-russia'
const set = setOf(slug)

type QuizSummary = {
  slug: string
  title: string
  description: string
  questionCount: number
  sources: { id: string; title: string; outlet: string; reliability: string }[]
}

function answersUrl(attemptId: string) {
  return `/api/attempts/${attemptId}/answers`
}

describe('GET /api/quizzes', () => {
  it('lists every set with its question count and the sources it cites', async () => {
    const response = await new Browser().get('/api/quizzes')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const { quizzes } = (await response.json()) as { quizzes: QuizSummary[] }
    expect(quizzes.map((quiz) => quiz.slug)).toEqual(bank.sets.map((quizSet) => quizSet.slug))
    for (const quiz of quizzes) {
      const quizSet = setOf(quiz.slug)
      expect(quiz.title).toBe(quizSet.title)
      expect(quiz.questionCount).toBe(quizSet.questions.length)
      const cited = [
        ...new Set(quizSet.questions.flatMap((question) => question.evidence.map((item) => item.source))),
      ].sort()
      expect(quiz.sources.map((source) => source.id)).toEqual(cited)
      for (const source of quiz.sources) {
        expect(source.title.length).toBeGreaterThan(0)
        expect(source.reliability.length).toBeGreaterThan(0)
        expect(Object.keys(source)).not.toContain('file')
      }
    }
  })
})

describe('GET /api/quizzes/:slug', () => {
  it('returns the set with its questions in order, without keys', async () => {
    const response = await new Browser().get(`/api/quizzes/${slug}`)
    expect(response.status).toBe(200)
    const { quiz } = (await response.json()) as {
      quiz: QuizSummary & { questions: { id: string; type: string; prompt: string }[] }
    }
    expect(quiz.title).toBe(set.title)
    expect(quiz.questions.map((question) => question.id)).toEqual(
      set.questions.map((question) => publicIdOf(question.id)),
    )
    expect(JSON.stringify(quiz.questions)).not.toMatch(/"(answer|accept|explanation|evidence|tolerance)"/)
  })

  it('is a JSON 404 for an unknown set and a JSON 400 for a malformed slug', async () => {
    await expectApiError(await new Browser().get('/api/quizzes/no-such-set'), 404, 'not_found')
    await expectApiError(await new Browser().get('/api/quizzes/Not_A_Slug'), 400, 'bad_request')
  })
})

describe('POST /api/attempts', () => {
  it('starts an attempt (201), sets the learner cookie, and GET returns it to its owner', async () => {
    const browser = new Browser()
    const response = await browser.postJson('/api/attempts', { quiz: slug })
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('set-cookie')).toMatch(/^cited_learner=[0-9a-f-]{36};.*HttpOnly/i)
    const { attempt } = (await response.json()) as { attempt: ApiAttempt }
    expect(attempt).toMatchObject({
      quiz: slug,
      total: set.questions.length,
      answered: 0,
      completedAt: null,
      score: { points: 0, max: set.questions.length, percent: 0 },
    })
    expect(attempt.items.map((item) => item.question.id)).toEqual(
      set.questions.map((question) => publicIdOf(question.id)),
    )

    const fetched = await browser.get(`/api/attempts/${attempt.id}`)
    expect(fetched.status).toBe(200)
    expect(((await fetched.json()) as { attempt: ApiAttempt }).attempt).toEqual(attempt)
  })

  it('is a JSON 404 for an unknown quiz, without creating a learner', async () => {
    const response = await new Browser().postJson('/api/attempts', { quiz: 'no-such-set' })
    await expectApiError(response, 404, 'not_found')
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('is a JSON 400 for a body of the wrong shape', async () => {
    for (const body of [{}, { quiz: '' }, { quiz: 42 }, { quiz: slug, extra: true }, [], null, 'quiz'])
      await expectApiError(await new Browser().postJson('/api/attempts', body), 400, 'bad_request')
  })

  it('is a JSON 400 for invalid JSON', async () => {
    for (const body of ['{"quiz":', '', 'not json'])
      await expectApiError(
        await new Browser().fetch('/api/attempts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
        400,
        'bad_request',
      )
  })

  it('is a JSON 415 for a body that is not JSON', async () => {
    const browser = new Browser()
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])
      await expectApiError(
        await browser.fetch('/api/attempts', {
          method: 'POST',
          headers: { 'content-type': type, origin: 'http://example.com' },
          body: `quiz=${slug}`,
        }),
        415,
        'unsupported_media_type',
      )
    await expectApiError(
      await browser.fetch('/api/attempts', {
        method: 'POST',
        headers: { origin: 'http://example.com' },
        body: JSON.stringify({ quiz: slug }),
      }),
      415,
      'unsupported_media_type',
    )
  })

  it('is a JSON 403 for a body without content type from another site (read as text/plain)', async () => {
    await expectApiError(
      await new Browser().fetch('/api/attempts', { method: 'POST', body: JSON.stringify({ quiz: slug }) }),
      403,
      'forbidden',
    )
  })

  it('accepts a JSON content type with a charset', async () => {
    const response = await new Browser().fetch('/api/attempts', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ quiz: slug }),
    })
    expect(response.status).toBe(201)
  })
})

describe('GET /api/attempts/:id', () => {
  it("is a JSON 404 for someone else's attempt, a made-up id or a non-uuid", async () => {
    const owner = new Browser()
    const attempt = await owner.startApi(slug)
    const stranger = new Browser()
    await stranger.startApi(slug)
    await expectApiError(await stranger.get(`/api/attempts/${attempt.id}`), 404, 'not_found')
    await expectApiError(await new Browser().get(`/api/attempts/${attempt.id}`), 404, 'not_found')
    await expectApiError(await owner.get(`/api/attempts/${crypto.randomUUID()}`), 404, 'not_found')
    await expectApiError(await owner.get('/api/attempts/not-a-uuid'), 404, 'not_found')
  })
})

describe('POST /api/attempts/:id/answers', () => {
  it('grades an answer and returns feedback with progress', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const [first, second] = set.questions
    if (!first || !second) throw new Error('set too small')

    const right = await browser.postJson(answersUrl(attempt.id), {
      questionId: publicIdOf(first.id),
      answer: correctAnswer(first),
    })
    expect(right.status).toBe(200)
    const rightBody = (await right.json()) as ApiAnswerResult
    expect(rightBody.duplicate).toBe(false)
    expect(rightBody.feedback).toMatchObject({
      questionId: publicIdOf(first.id),
      correct: true,
      points: 1,
      explanation: first.explanation,
      evidence: first.evidence.map((cited) => ({ quote: cited.quote })),
    })
    expect(rightBody.progress).toEqual({
      answered: 1,
      total: set.questions.length,
      completed: false,
      score: 1,
    })

    const wrong = await browser.postJson(answersUrl(attempt.id), {
      questionId: publicIdOf(second.id),
      answer: wrongAnswer(second),
    })
    const wrongBody = (await wrong.json()) as ApiAnswerResult
    expect(wrongBody.feedback.correct).toBe(false)
    expect(wrongBody.feedback.points).toBe(0)
    expect(wrongBody.progress).toEqual({
      answered: 2,
      total: set.questions.length,
      completed: false,
      score: 1,
    })

    const { attempt: after } = (await (await browser.get(`/api/attempts/${attempt.id}`)).json()) as {
      attempt: ApiAttempt
    }
    expect(after.answered).toBe(2)
    expect(after.score.points).toBe(1)
    expect(after.items[0]?.feedback?.correct).toBe(true)
    expect(after.items[1]?.feedback?.correct).toBe(false)
    expect(after.items[2]?.feedback).toBeNull()
  })

  it('gives partial credit for a half-right multiple choice', async () => {
    const { slug: multipleSlug, question } = firstOfType('multiple')
    if (question.type !== 'multiple') throw new Error('expected a multiple question')
    const browser = new Browser()
    const attempt = await browser.startApi(multipleSlug)
    const right = correctAnswer(question)
    if (!('choices' in right)) throw new Error('expected choices')
    const picked = right.choices.slice(0, Math.max(1, right.choices.length - 1))
    const response = await browser.postJson(answersUrl(attempt.id), {
      questionId: publicIdOf(question.id),
      answer: { choices: picked },
    })
    const body = (await response.json()) as ApiAnswerResult
    const expected = Math.round((picked.length / right.choices.length) * 100) / 100
    expect(body.feedback.points).toBe(expected)
    expect(body.feedback.correct).toBe(expected === 1)
  })

  it('is a JSON 400 (invalid_answer) for an answer of the wrong shape, and stores nothing', async () => {
    const browser = new Browser()
    const { slug: textSlug, question } = firstOfType('text')
    const attempt = await browser.startApi(textSlug)
    const url = answersUrl(attempt.id)
    for (const answer of [
      { value: 3 },
      { text: 7 },
      { text: '   ' },
      { text: 'x'.repeat(201) },
      { text: 'ok', type: 'text' },
      'bow',
      null,
      [],
    ])
      await expectApiError(
        await browser.postJson(url, { questionId: publicIdOf(question.id), answer }),
        400,
        'invalid_answer',
      )
    const { attempt: after } = (await (await browser.get(`/api/attempts/${attempt.id}`)).json()) as {
      attempt: ApiAttempt
    }
    expect(after.answered).toBe(0)
  })

  it('is a JSON 400 for options that are not part of the question, per type', async () => {
    const cases = [
      ['single', { choice: 'forged' }],
      ['multiple', { choices: ['forged'] }],
      ['ordering', { order: ['a', 'b', 'c'] }],
      ['matching', { matches: { a: 'b' } }],
      ['numeric', { value: 'thirty' }],
      ['true_false', { value: 'true' }],
    ] as const
    for (const [type, answer] of cases) {
      const { slug: typeSlug, question } = firstOfType(type)
      const browser = new Browser()
      const attempt = await browser.startApi(typeSlug)
      const body = await expectApiError(
        await browser.postJson(answersUrl(attempt.id), { questionId: publicIdOf(question.id), answer }),
        400,
        'invalid_answer',
      )
      expect(body.error.message).not.toContain(question.explanation)
    }
  })

  it('refuses the same option twice in a multiple choice and an incomplete ordering', async () => {
    const multiple = firstOfType('multiple')
    const browser = new Browser()
    const attempt = await browser.startApi(multiple.slug)
    const right = correctAnswer(multiple.question)
    if (!('choices' in right)) throw new Error('expected choices')
    const first = right.choices[0] ?? ''
    await expectApiError(
      await browser.postJson(answersUrl(attempt.id), {
        questionId: publicIdOf(multiple.question.id),
        answer: { choices: [first, first] },
      }),
      400,
      'invalid_answer',
    )

    const ordering = firstOfType('ordering')
    const orderingBrowser = new Browser()
    const orderingAttempt = await orderingBrowser.startApi(ordering.slug)
    const order = correctAnswer(ordering.question)
    if (!('order' in order)) throw new Error('expected an order')
    await expectApiError(
      await orderingBrowser.postJson(answersUrl(orderingAttempt.id), {
        questionId: publicIdOf(ordering.question.id),
        answer: { order: order.order.slice(1) },
      }),
      400,
      'invalid_answer',
    )
  })

  it('is a JSON 404 for a question that is not part of the attempt', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const elsewhere = setOf('tokayev-at-spief').questions[0]
    if (!elsewhere) throw new Error('empty set')
    await expectApiError(
      await browser.postJson(answersUrl(attempt.id), {
        questionId: publicIdOf(elsewhere.id),
        answer: correctAnswer(elsewhere),
      }),
      404,
      'not_found',
    )
    await expectApiError(
      await browser.postJson(answersUrl(attempt.id), {
        questionId: 'no-such-question',
        answer: { text: 'x' },
      }),
      404,
      'not_found',
    )
  })

  it('is a JSON 400 for a body without a question id or with extra fields', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    const question = set.questions[0]
    if (!question) throw new Error('empty set')
    for (const body of [
      { answer: correctAnswer(question) },
      { questionId: '', answer: correctAnswer(question) },
      { questionId: publicIdOf(question.id), answer: correctAnswer(question), points: 1 },
    ])
      await expectApiError(await browser.postJson(answersUrl(attempt.id), body), 400, 'bad_request')
  })

  it("is a JSON 404 for someone else's attempt, and does not record the answer", async () => {
    const owner = new Browser()
    const attempt = await owner.startApi(slug)
    const question = set.questions[0]
    if (!question) throw new Error('empty set')
    const stranger = new Browser()
    await stranger.startApi(slug)
    await expectApiError(
      await stranger.postJson(answersUrl(attempt.id), {
        questionId: publicIdOf(question.id),
        answer: correctAnswer(question),
      }),
      404,
      'not_found',
    )
    const { attempt: after } = (await (await owner.get(`/api/attempts/${attempt.id}`)).json()) as {
      attempt: ApiAttempt
    }
    expect(after.answered).toBe(0)
  })

  it('is a JSON 415 for a form post and a JSON 400 for broken JSON', async () => {
    const browser = new Browser()
    const attempt = await browser.startApi(slug)
    await expectApiError(
      await browser.postForm(answersUrl(attempt.id), { questionId: 'x', answer: 'y' }),
      415,
      'unsupported_media_type',
    )
    await expectApiError(
      await browser.fetch(answersUrl(attempt.id), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"questionId": ',
      }),
      400,
      'bad_request',
    )
  })
})

describe('unknown API routes', () => {
  it('are a JSON 404, whatever the method', async () => {
    const browser = new Browser()
    await expectApiError(await browser.get('/api/nope'), 404, 'not_found')
    await expectApiError(await browser.get('/api/quizzes/a/b'), 404, 'not_found')
    await expectApiError(await browser.postJson('/api/nope', {}), 404, 'not_found')
    await expectApiError(
      await browser.fetch('/api/quizzes', { method: 'DELETE', headers: { origin: 'http://example.com' } }),
      404,
      'not_found',
    )
  })
})
