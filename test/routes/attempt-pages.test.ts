import { describe, expect, it } from 'vitest'
import { fieldName } from '../../src/quiz/answer-form'
import { optionId } from '../../src/quiz/option-id'
import {
  answerSetQuestion,
  Browser,
  expectPage,
  firstOfType,
  formFieldsFor,
  publicIdOf,
  setOf,
  storedAttempt,
  visibleText,
  wrongAnswer,
} from '../support/helpers'

const slug = 'pipeline-and-oil'
const set = setOf(slug)
const answerByForm = (browser: Browser, attemptId: string, position: number, correct: boolean) =>
  answerSetQuestion(browser, attemptId, slug, position, correct)

describe('GET /attempts/:id/q/:position', () => {
  it('shows the question with a form that works without JavaScript', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/3`), 200)
    const question = set.questions[2]
    expect(visibleText(html)).toContain(question?.prompt ?? '?')
    expect(visibleText(html)).toContain(`Question 3 of ${set.questions.length}`)
    expect(html).toContain(`<form method="post" action="/attempts/${attemptId}/q/3"`)
    expect(html).toContain('data-island="answer-form"')
    expect(html).toContain('<script type="module" src="/build/islands.js"></script>')
  })

  it('is a 404 page for positions outside the attempt', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    for (const position of ['0', String(set.questions.length + 1), 'abc', '1.5', '-1']) {
      const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/${position}`), 404)
      expect(visibleText(html)).toContain('Not found')
    }
  })

  it("is a 404 page for another learner's attempt, with or without a cookie", async () => {
    const owner = new Browser()
    const attemptId = await owner.start(slug)
    const stranger = new Browser()
    await stranger.start(slug)
    const html = await expectPage(await stranger.get(`/attempts/${attemptId}/q/1`), 404)
    expect(html).not.toContain(set.questions[0]?.prompt ?? '?')
    await expectPage(await new Browser().get(`/attempts/${attemptId}/q/1`), 404)
    await expectPage(await stranger.postForm(`/attempts/${attemptId}/q/1`, { choice: 'x' }), 404)
  })

  it('is a 404 page for an id that is not a uuid, or a uuid that does not exist', async () => {
    const browser = new Browser()
    await browser.start(slug)
    await expectPage(await browser.get('/attempts/not-an-id/q/1'), 404)
    await expectPage(await browser.get(`/attempts/${crypto.randomUUID()}/q/1`), 404)
    await expectPage(await browser.get("/attempts/1' or '1'='1/q/1"), 404)
  })
})

describe('POST /attempts/:id/q/:position', () => {
  it('stores the answer and redirects back to the question, which now shows the feedback', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const response = await answerByForm(browser, attemptId, 1, true)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/attempts/${attemptId}/q/1`)
    const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/1`), 200)
    const text = visibleText(html)
    const question = set.questions[0]
    expect(text).toContain('Correct')
    expect(text).toContain(question?.explanation ?? '?')
    for (const cited of question?.evidence ?? []) expect(text).toContain(cited.quote)
    expect(question?.evidence.length).toBeGreaterThan(0)
    expect(html).toContain(`href="/attempts/${attemptId}/q/2"`)
    // No form to answer again.
    expect(html).not.toContain('<form method="post" action')
    expect(html).not.toContain('data-island="answer-form"')
  })

  it('shows a wrong answer as wrong, with the correct answer', async () => {
    const { slug: singleSlug, question, position } = firstOfType('single')
    if (question.type !== 'single') throw new Error('expected a single-choice question')
    const browser = new Browser()
    const attemptId = await browser.start(singleSlug)
    const response = await browser.postForm(
      `/attempts/${attemptId}/q/${position}`,
      formFieldsFor(question, wrongAnswer(question)),
    )
    expect(response.status).toBe(303)
    const text = visibleText(await (await browser.get(`/attempts/${attemptId}/q/${position}`)).text())
    expect(text).toContain('Not quite')
    expect(text).toContain(`Correct answer ${question.answer}`)
  })

  it('refuses an empty answer with a 400 page that keeps the form', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await expectPage(await browser.postForm(`/attempts/${attemptId}/q/1`, {}), 400)
    expect(visibleText(html)).toContain('Enter a number, such as 42 or 3.5.')
    expect(html).toContain(`action="/attempts/${attemptId}/q/1"`)
    expect((await storedAttempt(attemptId)).answeredCount).toBe(0)
  })

  it('refuses a number it cannot read, and gives the typed text back', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await expectPage(
      await browser.postForm(`/attempts/${attemptId}/q/1`, { [fieldName.value]: 'thirty-ish' }),
      400,
    )
    expect(visibleText(html)).toContain('Enter a number')
    expect(html).toMatch(/<input[^>]*name="value"[^>]*value="thirty-ish"/)
    expect(html).toContain('Error · Question 1')
  })

  it('refuses a number too large to be finite with a 400 page, not a crash', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const html = await expectPage(
      await browser.postForm(`/attempts/${attemptId}/q/1`, { [fieldName.value]: '9'.repeat(400) }),
      400,
    )
    expect(html).toContain(`action="/attempts/${attemptId}/q/1"`)
    expect((await storedAttempt(attemptId)).answeredCount).toBe(0)
  })

  it('refuses a choice that is not one of the options, keeping the page usable', async () => {
    const { slug: singleSlug, question, position } = firstOfType('single')
    const browser = new Browser()
    const attemptId = await browser.start(singleSlug)
    const html = await expectPage(
      await browser.postForm(`/attempts/${attemptId}/q/${position}`, { [fieldName.choice]: 'forged' }),
      400,
    )
    expect(visibleText(html)).toContain('That option is not part of this question.')
    expect(visibleText(html)).toContain(question.prompt)
    expect((await storedAttempt(attemptId)).answeredCount).toBe(0)
  })

  it('refuses an ordering with two items in one place and keeps the chosen positions', async () => {
    const { slug: orderingSlug, question, position } = firstOfType('ordering')
    if (question.type !== 'ordering') throw new Error('expected an ordering question')
    const browser = new Browser()
    const attemptId = await browser.start(orderingSlug)
    const [first, second] = question.items.map((text) => optionId(publicIdOf(question.id), 'item', text))
    const html = await expectPage(
      await browser.postForm(`/attempts/${attemptId}/q/${position}`, {
        [fieldName.position(first ?? '')]: '1',
        [fieldName.position(second ?? '')]: '1',
      }),
      400,
    )
    expect(visibleText(html)).toContain(
      `Give each item a different position from 1 to ${question.items.length}.`,
    )
    const selected = [...html.matchAll(/<option value="1" selected/g)]
    expect(selected).toHaveLength(2)
  })

  it('shows matching without cut texts: the matches in full under letters, letters in the selects', async () => {
    const { slug: matchingSlug, question, position } = firstOfType('matching')
    if (question.type !== 'matching') throw new Error('expected a matching question')
    const browser = new Browser()
    const attemptId = await browser.start(matchingSlug)
    const html = await expectPage(await browser.get(`/attempts/${attemptId}/q/${position}`), 200)
    const key = /<ol class="match-key"[^>]*>(.*?)<\/ol>/s.exec(html)?.[1] ?? ''
    for (const pair of question.pairs) expect(visibleText(key)).toContain(pair.right)
    for (const select of html.matchAll(/<select id="match-[^"]*"[^>]*>(.*?)<\/select>/gs)) {
      const labels = [...(select[1] ?? '').matchAll(/<option value="[^"]+"[^>]*>([^<]*)<\/option>/g)]
      expect(labels.map((label) => label[1])).toEqual(
        ['A', 'B', 'C', 'D', 'E', 'F'].slice(0, question.pairs.length),
      )
    }
  })

  it('refuses a matching that uses one match twice and keeps every chosen letter', async () => {
    const { slug: matchingSlug, question, position } = firstOfType('matching')
    if (question.type !== 'matching') throw new Error('expected a matching question')
    const browser = new Browser()
    const attemptId = await browser.start(matchingSlug)
    const learnerId = publicIdOf(question.id)
    const lefts = question.pairs.map((pair) => optionId(learnerId, 'left', pair.left))
    const rights = question.pairs.map((pair) => optionId(learnerId, 'right', pair.right))
    const chosen = lefts.map((_, index) => rights[Math.min(index, 1)] ?? '')
    const html = await expectPage(
      await browser.postForm(
        `/attempts/${attemptId}/q/${position}`,
        Object.fromEntries(lefts.map((left, index) => [fieldName.match(left), chosen[index] ?? ''])),
      ),
      400,
    )
    expect(visibleText(html)).toContain('Use each match once: two items have the same one.')
    for (const [index, left] of lefts.entries()) {
      const select = new RegExp(`<select id="match-${left}"[^>]*>(.*?)</select>`, 's').exec(html)?.[1] ?? ''
      expect(select, `the choice for item ${index + 1} is kept`).toContain(
        `value="${chosen[index]}" selected`,
      )
    }
    expect((await storedAttempt(attemptId)).answeredCount).toBe(0)
  })

  it('refuses a file upload with a 400 page', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const body = new FormData()
    body.append(fieldName.value, new File(['30'], 'answer.txt', { type: 'text/plain' }))
    const response = await browser.fetch(`/attempts/${attemptId}/q/1`, {
      method: 'POST',
      headers: { origin: 'http://example.com' },
      body,
    })
    const html = await expectPage(response, 400)
    expect(visibleText(html)).toContain('Files cannot be uploaded here.')
  })

  it('refuses an oversized form with a 400 page', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    const fields = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`f${index}`, 'x']))
    await expectPage(await browser.postForm(`/attempts/${attemptId}/q/1`, fields), 400)
    await expectPage(await browser.postForm(`/attempts/${attemptId}/q/1`, { value: 'x'.repeat(600) }), 400)
  })

  it('is a 404 page for a position outside the attempt', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    await expectPage(await browser.postForm(`/attempts/${attemptId}/q/99`, { value: '30' }), 404)
  })
})

describe('GET /attempts/:id and /attempts/:id/results', () => {
  it('sends the learner to the first unanswered question, then to the results', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    let response = await browser.get(`/attempts/${attemptId}`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/attempts/${attemptId}/q/1`)

    await answerByForm(browser, attemptId, 1, true)
    await answerByForm(browser, attemptId, 3, true)
    response = await browser.get(`/attempts/${attemptId}`)
    expect(response.headers.get('location')).toBe(`/attempts/${attemptId}/q/2`)

    response = await browser.get(`/attempts/${attemptId}/results`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/attempts/${attemptId}/q/2`)

    for (let position = 2; position <= set.questions.length; position++)
      if (position !== 3) await answerByForm(browser, attemptId, position, true)
    response = await browser.get(`/attempts/${attemptId}`)
    expect(response.headers.get('location')).toBe(`/attempts/${attemptId}/results`)

    const html = await expectPage(await browser.get(`/attempts/${attemptId}/results`), 200)
    const text = visibleText(html)
    expect(text).toContain('100%')
    expect(text).toContain(`${set.questions.length} of ${set.questions.length} points`)
    expect(text).toContain('Every answer was right.')
    expect(html).not.toContain('name="missedFrom"')
  })

  it('is a 404 page for a stranger or a made-up id', async () => {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    await expectPage(await new Browser().get(`/attempts/${attemptId}`), 404)
    await expectPage(await new Browser().get(`/attempts/${attemptId}/results`), 404)
    await expectPage(await browser.get('/attempts/nope'), 404)
    await expectPage(await browser.get('/attempts/nope/results'), 404)
  })
})

describe('POST /attempts/:id/name', () => {
  async function finishedAttempt() {
    const browser = new Browser()
    const attemptId = await browser.start(slug)
    for (let position = 1; position <= set.questions.length; position++)
      await answerByForm(browser, attemptId, position, position !== 1)
    return { browser, attemptId }
  }

  it('saves the display name and shows it, escaped, on the results', async () => {
    const { browser, attemptId } = await finishedAttempt()
    const response = await browser.postForm(`/attempts/${attemptId}/name`, {
      displayName: '  Ada <b>L</b>  ',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/attempts/${attemptId}/results?saved=1`)
    const html = await expectPage(await browser.get(`/attempts/${attemptId}/results?saved=1`), 200)
    expect(visibleText(html)).toContain('for Ada <b>L</b>.')
    expect(visibleText(html)).toContain('Name saved.')
    expect(html).not.toContain('<b>L</b>')
    expect(html).toContain('value="Ada &lt;b>L&lt;/b>"')
  })

  it('clears the name when it is left empty', async () => {
    const { browser, attemptId } = await finishedAttempt()
    await browser.postForm(`/attempts/${attemptId}/name`, { displayName: 'Temporary' })
    expect((await browser.postForm(`/attempts/${attemptId}/name`, { displayName: '   ' })).status).toBe(303)
    const text = visibleText(await (await browser.get(`/attempts/${attemptId}/results`)).text())
    expect(text).not.toContain('Temporary')
  })

  it('refuses a name over 60 characters with a 400 page', async () => {
    const { browser, attemptId } = await finishedAttempt()
    const html = await expectPage(
      await browser.postForm(`/attempts/${attemptId}/name`, { displayName: 'x'.repeat(61) }),
      400,
    )
    expect(visibleText(html)).toContain('Keep your name under 60 characters.')
    expect(visibleText(await (await browser.get(`/attempts/${attemptId}/results`)).text())).not.toContain(
      'x'.repeat(61),
    )
  })

  it('refuses a form without the name field, or with two of them', async () => {
    const { browser, attemptId } = await finishedAttempt()
    await expectPage(await browser.postForm(`/attempts/${attemptId}/name`, {}), 400)
    await expectPage(await browser.postForm(`/attempts/${attemptId}/name`, { displayName: ['a', 'b'] }), 400)
  })

  it("is a 404 page for someone else's attempt", async () => {
    const { attemptId } = await finishedAttempt()
    const stranger = new Browser()
    await stranger.start(slug)
    await expectPage(await stranger.postForm(`/attempts/${attemptId}/name`, { displayName: 'Mallory' }), 404)
  })
})
