import { expect } from 'vitest'
import { bank } from './helpers'
import { freshEmail, InstructorBrowser, sql } from './studio-helpers'

/** A signed-up instructor's browser. */
export async function instructor(label = 'teacher'): Promise<InstructorBrowser> {
  const browser = new InstructorBrowser()
  await browser.signUp(freshEmail(label))
  return browser
}

/** Creates a set through the form with a unique slug and returns the slug. */
export async function newSet(browser: InstructorBrowser, title = 'Oil routes'): Promise<string> {
  const slug = `set-${crypto.randomUUID().slice(0, 8)}`
  const response = await browser.postForm('/studio/sets', { title, description: 'About oil.', slug })
  expect(response.status).toBe(303)
  expect(response.headers.get('location')).toBe(`/studio/sets/${slug}?done=created`)
  return slug
}

/** The draft's question ids in order, as stored. */
export async function draftIds(slug: string): Promise<string[]> {
  const { results } = await sql(
    'select question_id from set_questions where set_slug = ? order by position',
    slug,
  ).all<{ question_id: string }>()
  return results.map((row) => row.question_id)
}

export async function addFromBank(browser: InstructorBrowser, slug: string, questionId: string) {
  const response = await browser.postForm(`/studio/sets/${slug}/questions/add`, { question: questionId })
  expect(response.status).toBe(303)
}

/** The first bank source and a question citing it. */
export const bankSource = bank.sources[0]?.id ?? ''

/** A quote that occurs in `bankSource`'s text (a bank question's), so it passes the citation check. */
export const bankQuote =
  bank.sets
    .flatMap((set) => set.questions.flatMap((question) => question.evidence))
    .find((cited) => cited.source === bankSource)?.quote ?? ''

/** A complete, valid form for a true/false question. */
export const trueFalseForm = (prompt = 'The pipeline runs through Russia.') => ({
  type: 'true_false',
  prompt,
  answer: 'true',
  explanation: 'The source says so.',
  source: bankSource,
  quote: bankQuote,
  tags: 'pipeline, routes',
  difficulty: 'easy',
  intent: 'save',
})

/** The question ids of the instructor's own questions, newest last. */
export async function ownQuestionIds(slug: string): Promise<string[]> {
  const { results } = await sql(
    `select q.id from set_questions s join questions q on q.id = s.question_id
     where s.set_slug = ? and q.owner_id is not null order by s.position`,
    slug,
  ).all<{ id: string }>()
  return results.map((row) => row.id)
}
