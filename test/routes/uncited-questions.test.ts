import { describe, expect, it } from 'vitest'
import type { Question } from '../../src/quiz/question'
import {
  type ApiAnswerResult,
  allQuestions,
  Browser,
  correctAnswer,
  expectPage,
  formFieldsFor,
  learnerIdOf,
  visibleText,
} from '../support/helpers'
import { sql } from '../support/studio-helpers'
import {
  addFromBank,
  instructor,
  newSet,
  ownQuestionIds,
  trueFalseForm,
} from '../support/studio-sets-helpers'

/** A true/false question with neither a source nor a quote: an uncited question. */
const uncitedForm = (prompt: string) => ({ ...trueFalseForm(prompt), source: '', quote: '' })

async function storedRow(id: string) {
  const row = await sql('select body, source_id from questions where id = ?', id).first<{
    body: string
    source_id: string | null
  }>()
  if (!row) throw new Error(`no question ${id}`)
  return { question: JSON.parse(row.body) as Question, sourceId: row.source_id }
}

/** A set with one uncited own question and one bank question, published unlisted so a learner can take it. */
async function publishedUncitedSet() {
  const browser = await instructor()
  const slug = await newSet(browser)
  const saved = await browser.postForm(`/studio/sets/${slug}/questions/new`, uncitedForm('Oil flows west.'))
  expect(saved.status).toBe(303)
  const [id = ''] = await ownQuestionIds(slug)
  await sql("update quiz_sets set visibility = 'unlisted' where slug = ?", slug).run()
  return { browser, slug, id }
}

describe('uncited own questions', () => {
  it('saves a question with neither source nor quote, with no evidence and no source', async () => {
    const { id } = await publishedUncitedSet()
    const { question, sourceId } = await storedRow(id)
    expect(question.evidence).toEqual([])
    expect(sourceId).toBeNull()
  })

  it('still refuses a quote without its source, and a source without its quote', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const noSource = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      ...trueFalseForm(),
      source: '',
    })
    expect(visibleText(await expectPage(noSource, 400))).toContain(
      'Choose the source that proves the answer.',
    )
    const noQuote = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      ...trueFalseForm(),
      quote: '',
    })
    const html = await expectPage(noQuote, 400)
    expect(html).toMatch(/id="field-quote"[^>]*aria-invalid="true"/)
    expect(await ownQuestionIds(slug)).toEqual([])
  })

  it('shows an uncited badge per question and the count for the set, and warns before publishing', async () => {
    const { browser, slug } = await publishedUncitedSet()
    await addFromBank(browser, slug, allQuestions[0]?.id ?? '')
    await browser.postForm(`/studio/sets/${slug}/questions/new`, uncitedForm('A second one.'))
    const html = await expectPage(await browser.get(`/studio/sets/${slug}`), 200)
    const text = visibleText(html)
    expect(html.match(/class="badge badge--uncited">uncited</g)).toHaveLength(2)
    expect(text).toContain('2 uncited')
    expect(text).toContain('2 questions cite no source')
    expect(html).toContain('id="publish-uncited"')
  })

  it('publishes a set with uncited questions, with a warning instead of a refusal', async () => {
    const { browser, slug } = await publishedUncitedSet()
    const response = await browser.postForm(`/studio/sets/${slug}/publish`, {})
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}?done=published-uncited`)
    const text = visibleText(await expectPage(await browser.get(response.headers.get('location') ?? ''), 200))
    expect(text).toContain('the questions marked "uncited" show no source to them')
    const row = await sql('select published_version from quiz_sets where slug = ?', slug).first<{
      published_version: number | null
    }>()
    expect(row?.published_version).toBe(1)
  })

  it('publishes a fully cited set with the plain notice', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    await addFromBank(browser, slug, allQuestions[0]?.id ?? '')
    const response = await browser.postForm(`/studio/sets/${slug}/publish`, {})
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}?done=published`)
    expect(await (await browser.get(`/studio/sets/${slug}`)).text()).not.toContain('badge--uncited')
  })

  it('gives learners the feedback of an uncited question without any source box', async () => {
    const { browser, slug, id } = await publishedUncitedSet()
    await browser.postForm(`/studio/sets/${slug}/publish`, {})
    const { question } = await storedRow(id)
    const learnerId = await learnerIdOf(id)
    const learner = new Browser()
    const attemptId = await learner.start(slug)
    const answered = await learner.postForm(
      `/attempts/${attemptId}/q/1`,
      formFieldsFor(question, correctAnswer(question, learnerId)),
    )
    expect(answered.status).toBe(303)
    const html = await expectPage(await learner.get(`/attempts/${attemptId}/q/1`), 200)
    expect(visibleText(html)).toContain(question.explanation)
    expect(html).not.toContain('class="evidence"')
    expect(visibleText(html)).not.toContain('Source:')

    const apiLearner = new Browser()
    const attempt = await apiLearner.startApi(slug)
    const response = await apiLearner.postJson(`/api/attempts/${attempt.id}/answers`, {
      questionId: learnerId,
      answer: correctAnswer(question, learnerId),
    })
    expect(response.status).toBe(200)
    const { feedback } = (await response.json()) as ApiAnswerResult
    expect(feedback.correct).toBe(true)
    expect(feedback.evidence).toEqual([])
  })
})
