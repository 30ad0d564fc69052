import type { Locator, Page } from 'playwright-core'
import { loadBank } from '../../scripts/load-bank'
import type { QuizSetDefinition } from '../../src/bank/bank'
import type { Question } from '../../src/quiz/question'
import { textOf } from './browser'

const { bank } = loadBank()

/** A page, or a frame inside one (an embedded quiz): all these helpers need is `locator`. */
export type Scope = Pick<Page, 'locator'>

/** A quiz set from questions/, answer keys included: the tests play the learner who knows them. */
export function quizSet(slug: string): QuizSetDefinition {
  const set = bank.sets.find((candidate) => candidate.slug === slug)
  if (!set) throw new Error(`no quiz set "${slug}" in questions/`)
  return set
}

/**
 * The question on screen, found by its prompt (the page knows it only by an
 * opaque learner id, which says nothing of the author's id).
 */
export async function questionOnPage(page: Scope, set: QuizSetDefinition): Promise<Question> {
  const prompt = await textOf(page.locator('fieldset.question legend.question__prompt'))
  const question = set.questions.find((candidate) => candidate.prompt === prompt)
  if (!question) throw new Error(`the page shows the question "${prompt}", which is not in ${set.slug}`)
  return question
}

/** The heading of the feedback shown after answering (its id names the question's learner id). */
export const feedbackHeading = (page: Scope): Locator => page.locator('h2[id^="feedback-"]')

/** The learner id the page shows the current question under. */
export async function shownQuestionId(page: Scope): Promise<string> {
  const describedBy = await page.locator('fieldset.question').getAttribute('aria-describedby')
  const id = describedBy?.replace(/^hint-/, '')
  if (!id) throw new Error('no question id on the page')
  return id
}

/**
 * How to answer: `right` gives the key; `wrong` a wrong answer (single and
 * true/false questions only); `partial` only the first right option of a
 * multiple-choice question.
 */
export type Intent = 'right' | 'wrong' | 'partial'

/** The points a question earns when answered with `intent` (see `gradeAnswer`). */
export function pointsFor(question: Question, intent: Intent): number {
  if (intent === 'right') return 1
  if (intent === 'wrong') return 0
  if (question.type !== 'multiple') throw new Error('partial answers are for multiple-choice questions')
  return Math.round((1 / question.answer.length) * 100) / 100
}

/** Fills the answer form with the mouse and keyboard as a learner would, by visible text. */
export async function fillAnswer(page: Scope, question: Question, intent: Intent = 'right'): Promise<void> {
  const form = page.locator('form.answer-form')
  const byLabel = (text: string): Locator => form.getByLabel(text, { exact: true })
  switch (question.type) {
    case 'single': {
      const choice =
        intent === 'wrong' ? question.choices.find((text) => text !== question.answer) : question.answer
      if (choice === undefined) throw new Error(`no wrong choice in ${question.id}`)
      return byLabel(choice).check()
    }
    case 'multiple': {
      const picks = intent === 'partial' ? question.answer.slice(0, 1) : question.answer
      for (const text of picks) await byLabel(text).check()
      return
    }
    case 'true_false': {
      const value = intent === 'wrong' ? !question.answer : question.answer
      return byLabel(value ? 'True' : 'False').check()
    }
    case 'numeric':
      return byLabel('Your answer').fill(String(question.answer))
    case 'text':
      return byLabel('Your answer').fill(question.answer)
    case 'ordering':
      if (await scriptsRun(page)) return orderByTaps(page, question.items, 'click')
      for (const [index, text] of question.items.entries())
        await byLabel(text).selectOption(String(index + 1))
      return
    case 'matching': {
      if (await scriptsRun(page)) return matchByTaps(page, question.pairs, 'click')
      // Without JavaScript the selects offer letters, naming the matches listed in full above them.
      const matches = (await form.locator('.match-key__text').allTextContents()).map((text) => text.trim())
      for (const pair of question.pairs) {
        const index = matches.indexOf(pair.right)
        if (index < 0) throw new Error(`"${pair.right}" is not among the listed matches`)
        await byLabel(pair.left).selectOption({ label: letterOf(index) })
      }
      return
    }
    case 'cloze':
      // Each gap is labelled "gap n of m" for screen readers: typed or chosen by its visible text.
      for (const [index, gap] of question.gaps.entries()) {
        const field = byLabel(`gap ${index + 1} of ${question.gaps.length}`)
        if (gap.type === 'choice') await field.selectOption({ label: gap.answer })
        else await field.fill(String(gap.answer))
      }
      return
  }
}

const letterOf = (index: number) => String.fromCharCode(65 + index)

/** Whether the page runs scripts (false in a context with `javaScriptEnabled: false`). */
export function scriptsRun(page: Scope): Promise<boolean> {
  return page.locator('html').evaluate(() => matchMedia('(scripting: enabled)').matches)
}

/** How the tests touch a control: `tap` needs a context with `hasTouch`. */
export type Touch = 'tap' | 'click'

/**
 * Puts the hydrated ordering list into `order` (full item texts) by tapping an
 * item, then the item whose place it takes, as a learner would.
 */
export async function orderByTaps(page: Scope, order: string[], touch: Touch): Promise<void> {
  const form = page.locator('form.answer-form')
  await form.locator('.reorder').waitFor()
  for (const [target, text] of order.entries()) {
    const labels = (await form.locator('.reorder__label').allTextContents()).map((label) => label.trim())
    const current = labels.indexOf(text)
    if (current < 0) throw new Error(`"${text}" is not in the list`)
    if (current === target) continue
    await form.locator('.reorder__text').nth(current)[touch]()
    await form.locator('.reorder__text').nth(target)[touch]()
  }
}

/** Pairs every item with its match in the hydrated matcher, tapping the item, then its match. */
export async function matchByTaps(
  page: Scope,
  pairs: { left: string; right: string }[],
  touch: Touch,
): Promise<void> {
  const form = page.locator('form.answer-form')
  await form.locator('.matcher').waitFor()
  for (const pair of pairs) {
    await form.locator('.matcher__lefts').getByRole('button', { name: pair.left, exact: true })[touch]()
    await form.locator('.matcher__rights').getByRole('button', { name: pair.right, exact: true })[touch]()
  }
}

/**
 * One wrong single-choice answer and one half-right multiple-choice answer,
 * the rest right: a score that is neither 0 nor 100% proves the arithmetic.
 */
export function planAnswers(set: QuizSetDefinition): Map<string, Intent> {
  const plan = new Map<string, Intent>(set.questions.map((question) => [question.id, 'right']))
  const wrong = set.questions.find((question) => question.type === 'single')
  const partial = set.questions.find((question) => question.type === 'multiple' && question.answer.length > 1)
  if (!wrong || !partial) throw new Error(`${set.slug} lacks a single or a multi-answer multiple question`)
  plan.set(wrong.id, 'wrong')
  plan.set(partial.id, 'partial')
  return plan
}

/** Opens a set's start page and starts a fresh attempt; returns the attempt id. */
export async function startQuiz(page: Page, slug: string): Promise<string> {
  await page.goto(`/quiz/${slug}`)
  await page.getByRole('button', { name: 'Start the quiz' }).click()
  await page.waitForURL(/\/attempts\/[0-9a-f-]{36}\/q\/1$/)
  const id = /\/attempts\/([0-9a-f-]{36})\//.exec(page.url())?.[1]
  if (!id) throw new Error(`no attempt id in ${page.url()}`)
  return id
}

/** The text of the question page's progress line, e.g. "Question 3 of 15". */
export function progressLabel(page: Page): Promise<string> {
  return textOf(page.locator('.progress-label'))
}

/** The score line the results page should show for these points out of `max`. */
export function expectedScore(points: number, max: number): { percent: string; line: string } {
  const total = Math.round(points * 100) / 100
  // The line shows the total to one decimal, cut down (src/quiz/points-text.ts).
  return {
    percent: `${Math.round((total / max) * 100)}%`,
    line: `${Math.floor(Math.round(total * 100) / 10) / 10} of ${max} points`,
  }
}
