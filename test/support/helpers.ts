import { env, exports } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import type { Bank } from '../../src/bank/bank'
import { createDb } from '../../src/db/client'
import { type AttemptRow, attempts } from '../../src/db/schema'
import type { Answer } from '../../src/quiz/answer'
import { fieldName } from '../../src/quiz/answer-form'
import { gapKind } from '../../src/quiz/cloze'
import { learnerQuestionId } from '../../src/quiz/learner-question-id'
import { optionId } from '../../src/quiz/option-id'
import type { Question, QuestionType } from '../../src/quiz/question'
import { appKey } from '../../src/services/app-secret'

/**
 * The Worker under test. `wrangler types` does not declare the main module
 * (`Cloudflare.GlobalProps`), so `exports` needs this one narrow cast.
 */
const worker = (exports as unknown as { default: Fetcher }).default

/** The origin every test request is sent to; same-origin form posts carry it as `Origin`. */
export const ORIGIN = 'http://example.com'

/** The seeded bank, answer keys included: the test knows the answers, the learner's browser must not. */
export const bank = JSON.parse(env.TEST_BANK) as Bank
export const allQuestions: Question[] = bank.sets.flatMap((set) => set.questions)

const key = await appKey(createDb(env.DB))
const bankLearnerIds = new Map(
  await Promise.all(
    allQuestions.map(async (question) => [question.id, await learnerQuestionId(key, question.id)] as const),
  ),
)

/**
 * The id a learner's browser knows a bank question by (never its author id).
 * @example await browser.postJson(url, { questionId: publicIdOf(question.id), answer })
 */
export function publicIdOf(authorId: string): string {
  const id = bankLearnerIds.get(authorId)
  if (!id) throw new Error(`${authorId} is not a bank question: use await learnerIdOf(id)`)
  return id
}

/** The bank question a learner's browser knows as `learnerId`. */
export function questionOfLearnerId(learnerId: string): Question {
  const found = allQuestions.find((question) => bankLearnerIds.get(question.id) === learnerId)
  if (!found) throw new Error(`no bank question has the learner id ${learnerId}`)
  return found
}

/** The learner id of any question, an instructor's included. */
export async function learnerIdOf(authorId: string): Promise<string> {
  return learnerQuestionId(key, authorId)
}

export function setOf(slug: string) {
  const set = bank.sets.find((candidate) => candidate.slug === slug)
  if (!set) throw new Error(`no set ${slug} in the bank`)
  return set
}

export function questionOf(id: string): Question {
  const question = allQuestions.find((candidate) => candidate.id === id)
  if (!question) throw new Error(`no question ${id} in the bank`)
  return question
}

/** The first question of each type, with the set it belongs to. */
export function firstOfType(type: QuestionType): { slug: string; question: Question; position: number } {
  for (const set of bank.sets) {
    const index = set.questions.findIndex((question) => question.type === type)
    const question = set.questions[index]
    if (question) return { slug: set.slug, question, position: index + 1 }
  }
  throw new Error(`no ${type} question in the bank`)
}

export type FormFields = Record<string, string | string[]>

function encodeForm(fields: FormFields): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, item)
  return params.toString()
}

/**
 * One learner's browser: keeps cookies between requests and never follows
 * redirects, so tests can assert on each 303. A new Browser is a new learner.
 */
export class Browser {
  readonly cookies = new Map<string, string>()

  get learnerId(): string | undefined {
    return this.cookies.get('cited_learner')
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size && !headers.has('cookie'))
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await worker.fetch(new URL(path, ORIGIN).toString(), {
      ...init,
      headers,
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const split = pair.indexOf('=')
      this.cookies.set(pair.slice(0, split).trim(), pair.slice(split + 1).trim())
    }
    return response
  }

  get(path: string): Promise<Response> {
    return this.fetch(path)
  }

  /** A same-origin form post, as the browser sends it from one of our pages. */
  postForm(path: string, fields: FormFields, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: encodeForm(fields),
    })
  }

  postJson(path: string, body: unknown): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    })
  }

  /** Starts a set with the no-JS form and returns the new attempt's id. */
  async start(slug: string, fields: FormFields = {}): Promise<string> {
    const response = await this.postForm(`/quiz/${slug}/start`, fields)
    expect(response.status).toBe(303)
    const match = /^\/attempts\/([0-9a-f-]{36})\/q\/1$/.exec(response.headers.get('location') ?? '')
    if (!match?.[1])
      throw new Error(`start did not redirect to question 1: ${response.headers.get('location')}`)
    return match[1]
  }

  /** Starts a set through the JSON API and returns the attempt as the API describes it. */
  async startApi(slug: string): Promise<ApiAttempt> {
    const response = await this.postJson('/api/attempts', { quiz: slug })
    expect(response.status).toBe(201)
    return ((await response.json()) as { attempt: ApiAttempt }).attempt
  }
}

/** The parts of the API's attempt description the tests read. */
export type ApiAttempt = {
  id: string
  quiz: string
  total: number
  answered: number
  completedAt: string | null
  score: { points: number; max: number; percent: number }
  items: { position: number; question: { id: string; type: QuestionType }; feedback: ApiFeedback | null }[]
}

export type ApiFeedback = {
  questionId: string
  correct: boolean
  points: number
  yourAnswer: string[]
  correctAnswer: string[]
  explanation: string
  evidence: { quote: string; source: { id: string; title: string } }[]
}

export type ApiAnswerResult = {
  feedback: ApiFeedback
  duplicate: boolean
  progress: { answered: number; total: number; completed: boolean; score: number }
}

/**
 * The answer that earns full marks, in the shape the API takes: option ids as
 * the learner's browser has them, derived from the question's learner id.
 */
export function correctAnswer(question: Question, publicId = publicIdOf(question.id)): Answer {
  const id = (kind: 'choice' | 'item' | 'left' | 'right', text: string) => optionId(publicId, kind, text)
  switch (question.type) {
    case 'single':
      return { choice: id('choice', question.answer) }
    case 'multiple':
      return { choices: question.answer.map((text) => id('choice', text)) }
    case 'true_false':
      return { value: question.answer }
    case 'numeric':
      return { value: question.answer }
    case 'ordering':
      return { order: question.items.map((text) => id('item', text)) }
    case 'matching':
      return {
        matches: Object.fromEntries(
          question.pairs.map((pair) => [id('left', pair.left), id('right', pair.right)]),
        ),
      }
    case 'text':
      return { text: question.answer }
    case 'cloze':
      return {
        gaps: question.gaps.map((gap, index) =>
          gap.type === 'choice' ? optionId(publicId, gapKind(index + 1), gap.answer) : gap.answer,
        ),
      }
  }
}

/** A well-formed answer that earns no points at all (no partial credit either). */
export function wrongAnswer(question: Question, publicId = publicIdOf(question.id)): Answer {
  const id = (kind: 'choice' | 'item' | 'left' | 'right', text: string) => optionId(publicId, kind, text)
  switch (question.type) {
    case 'single': {
      const other = question.choices.find((text) => text !== question.answer) ?? ''
      return { choice: id('choice', other) }
    }
    case 'multiple':
      return {
        choices: question.choices
          .filter((text) => !question.answer.includes(text))
          .map((text) => id('choice', text)),
      }
    case 'true_false':
      return { value: !question.answer }
    case 'numeric':
      return { value: question.answer + question.tolerance + 1000 }
    case 'ordering':
      return { order: [...question.items].reverse().map((text) => id('item', text)) }
    case 'matching': {
      const rights = question.pairs.map((pair) => pair.right)
      return {
        matches: Object.fromEntries(
          question.pairs.map((pair, index) => [
            id('left', pair.left),
            id('right', rights[(index + 1) % rights.length] ?? ''),
          ]),
        ),
      }
    }
    case 'text':
      return { text: 'certainly not the answer' }
    case 'cloze':
      return {
        gaps: question.gaps.map((gap, index) =>
          gap.type === 'choice'
            ? optionId(publicId, gapKind(index + 1), gap.choices.find((text) => text !== gap.answer) ?? '')
            : gap.type === 'numeric'
              ? gap.answer + gap.tolerance + 1000
              : 'certainly not the answer',
        ),
      }
  }
}

/**
 * Answers question `position` of a whole-set attempt with the no-JS form, rightly or wrongly.
 * @example await answerSetQuestion(browser, attemptId, 'pipeline-and-oil', 1, true) // a 303
 */
export function answerSetQuestion(
  browser: Browser,
  attemptId: string,
  slug: string,
  position: number,
  correct: boolean,
): Promise<Response> {
  const question = setOf(slug).questions[position - 1]
  if (!question) throw new Error(`${slug} has no question ${position}`)
  const answer = correct ? correctAnswer(question) : wrongAnswer(question)
  return browser.postForm(`/attempts/${attemptId}/q/${position}`, formFieldsFor(question, answer))
}

/** The fields the server-rendered form sends for `answer` (see src/quiz/answer-form.ts). */
export function formFieldsFor(question: Question, answer: Answer): FormFields {
  if ('choice' in answer) return { [fieldName.choice]: answer.choice }
  if ('choices' in answer) return { [fieldName.choice]: answer.choices }
  if ('order' in answer)
    return Object.fromEntries(
      answer.order.map((item, index) => [fieldName.position(item), String(index + 1)]),
    )
  if ('matches' in answer)
    return Object.fromEntries(
      Object.entries(answer.matches).map(([left, right]) => [fieldName.match(left), right]),
    )
  if ('text' in answer) return { [fieldName.text]: answer.text }
  if ('gaps' in answer)
    return Object.fromEntries(answer.gaps.map((value, index) => [fieldName.gap(index + 1), String(value)]))
  return question.type === 'true_false'
    ? { [fieldName.choice]: String(answer.value) }
    : { [fieldName.value]: String(answer.value) }
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

/** Decodes the HTML entities a renderer writes, so tests compare with the bank's raw text. */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return namedEntities[entity.toLowerCase()] ?? whole
  })
}

/** The text a reader sees (tags dropped, entities decoded, spaces collapsed). */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The JSON props of the page's islands, decoded from their `data-props`
 * attributes; with `of`, only the islands of that name.
 * @example islandProps(html, 'answer-form') // [{ question: {...}, action: '/attempts/…' }]
 */
export function islandProps(html: string, of?: string): unknown[] {
  return [...html.matchAll(/data-island="([^"]*)" data-props="([^"]*)"/g)]
    .filter((match) => of === undefined || match[1] === of)
    .map((match) => JSON.parse(decodeEntities(match[2] ?? '')))
}

/** Every object key anywhere in a JSON value. */
export function keysIn(value: unknown): Set<string> {
  const keys = new Set<string>()
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) {
        keys.add(key)
        visit(child)
      }
  }
  visit(value)
  return keys
}

/** Every string and number leaf anywhere in a JSON value. */
export function leavesIn(value: unknown): (string | number)[] {
  if (Array.isArray(value)) return value.flatMap(leavesIn)
  if (value && typeof value === 'object') return Object.values(value).flatMap(leavesIn)
  return typeof value === 'string' || typeof value === 'number' ? [value] : []
}

/** The attempt row as stored in D1. */
export async function storedAttempt(id: string): Promise<AttemptRow> {
  const [row] = await createDb(env.DB).select().from(attempts).where(eq(attempts.id, id))
  if (!row) throw new Error(`attempt ${id} is not in D1`)
  return row
}

export async function countResponses(attemptId: string): Promise<number> {
  const row = await env.DB.prepare('select count(*) as n from responses where attempt_id = ?')
    .bind(attemptId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/** Asserts an HTML page response and returns its body. */
export async function expectPage(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i)
  const html = await response.text()
  expect(html.startsWith('<!doctype html>')).toBe(true)
  return html
}

export type ApiError = { error: { code: string; message: string } }

/** Asserts a JSON error of the API (`{ error: { code, message } }`) and returns it. */
export async function expectApiError(response: Response, status: number, code: string): Promise<ApiError> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await response.json()) as ApiError
  expect(body.error.code).toBe(code)
  expect(body.error.message.length).toBeGreaterThan(0)
  return body
}
