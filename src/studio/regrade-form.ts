import type { Submitted } from '../components/question-fields'
import type { Question } from '../quiz/question'
import type { KeyChange, RegradeChange, RegradeMode } from '../quiz/regrade'
import { field } from './form-fields'

/**
 * The studio's regrade form (src/views/studio/regrade-pages.tsx): which mode,
 * the new key or the additional answer, and the reason learners will read.
 * Choices travel as their position (0-based), as in the question form, so a
 * long choice text never has to round-trip through a value attribute.
 */

export const MAX_REGRADE_REASON = 500

/** A mode the form does not offer for the type (regradeModes): only a hand-made post gets it. */
const NOT_FOR_TYPE = 'Not for this type of question.'

export type RegradeForm = {
  mode: string
  reason: string
  /** single: a choice's position; true_false: 'true' / 'false'; numeric and text: typed. */
  answer: string
  /** multiple: the positions ticked. */
  answers: string[]
  tolerance: string
  /** text: accepted variants, one per line. */
  accept: string
  /** accept mode: a choice's position (single) or a typed text (text). */
  also: string
}

export type RegradeErrors = Partial<Record<keyof RegradeForm, string>>

export type DecodedRegrade =
  | { ok: true; change: RegradeChange; reason: string }
  | { ok: false; errors: RegradeErrors }

export function readRegradeForm(form: Submitted): RegradeForm {
  return {
    mode: field(form, 'mode'),
    reason: field(form, 'reason'),
    answer: field(form, 'answer'),
    answers: (form.answers ?? []).map((value) => value.trim()),
    tolerance: field(form, 'tolerance'),
    accept: form.accept?.[0] ?? '',
    also: field(form, 'also'),
  }
}

/** The form as it reads for the question's current key (nothing chosen for the mode yet). */
export function regradeFormFor(question: Question): RegradeForm {
  const blank: RegradeForm = {
    mode: '',
    reason: '',
    answer: '',
    answers: [],
    tolerance: '',
    accept: '',
    also: '',
  }
  switch (question.type) {
    case 'single':
      return { ...blank, answer: String(question.choices.indexOf(question.answer)) }
    case 'multiple':
      return { ...blank, answers: question.answer.map((answer) => String(question.choices.indexOf(answer))) }
    case 'true_false':
      return { ...blank, answer: String(question.answer) }
    case 'numeric':
      return { ...blank, answer: String(question.answer), tolerance: String(question.tolerance) }
    case 'text':
      return { ...blank, answer: question.answer, accept: question.accept.join('\n') }
    default:
      return blank
  }
}

/** A typed number ("2,5" reads as 2.5), or null. */
function readNumber(value: string): number | null {
  if (value === '') return null
  const parsed = Number(value.replace(',', '.'))
  return Number.isFinite(parsed) ? parsed : null
}

/** The choice at a submitted position, or null when the position names none. */
function choiceAt(choices: readonly string[], position: string): string | null {
  if (!/^\d+$/.test(position)) return null
  return choices[Number(position)] ?? null
}

function decodeKey(question: Question, form: RegradeForm): KeyChange | RegradeErrors {
  switch (question.type) {
    case 'single': {
      const answer = choiceAt(question.choices, form.answer)
      return answer ? { type: 'single', answer } : { answer: 'Choose the right answer.' }
    }
    case 'multiple': {
      const picked = form.answers.map((position) => choiceAt(question.choices, position))
      if (picked.length === 0) return { answers: 'Tick at least one right answer.' }
      if (picked.some((choice) => choice === null))
        return { answers: 'That option is not part of this question.' }
      return { type: 'multiple', answer: [...new Set(picked as string[])] }
    }
    case 'true_false':
      return form.answer === 'true' || form.answer === 'false'
        ? { type: 'true_false', answer: form.answer === 'true' }
        : { answer: 'Choose True or False.' }
    case 'numeric': {
      const answer = readNumber(form.answer)
      const tolerance = form.tolerance === '' ? 0 : readNumber(form.tolerance)
      if (answer === null) return { answer: 'Type the right number, like 1500 or 2.5.' }
      if (tolerance === null || tolerance < 0) return { tolerance: 'Type a tolerance of 0 or more.' }
      return { type: 'numeric', answer, tolerance }
    }
    case 'text': {
      if (!form.answer) return { answer: 'Type the right answer.' }
      const accept = form.accept
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
      return { type: 'text', answer: form.answer, accept: [...new Set(accept)] }
    }
    default:
      return { mode: NOT_FOR_TYPE }
  }
}

function decodeAccepted(question: Question, form: RegradeForm): string | RegradeErrors {
  if (question.type === 'single')
    return choiceAt(question.choices, form.also) ?? { also: 'Choose the answer to accept as well.' }
  if (question.type === 'text') return form.also || { also: 'Type the answer to accept as well.' }
  return { mode: NOT_FOR_TYPE }
}

/**
 * Reads the regrade form for `question` into a change and a reason, or the
 * errors to show beside the fields (the page keeps what was typed).
 */
export function decodeRegradeForm(question: Question, form: RegradeForm): DecodedRegrade {
  const errors: RegradeErrors = {}
  if (!form.reason) errors.reason = 'Say why: learners read this beside their new result.'
  else if (form.reason.length > MAX_REGRADE_REASON)
    errors.reason = `Keep the reason under ${MAX_REGRADE_REASON} characters.`
  const mode = form.mode as RegradeMode
  let change: RegradeChange | null = null
  if (mode === 'full_marks') change = { mode }
  else if (mode === 'key') {
    const key = decodeKey(question, form)
    if ('type' in key) change = { mode, key }
    else Object.assign(errors, key)
  } else if (mode === 'accept') {
    const answer = decodeAccepted(question, form)
    if (typeof answer === 'string') change = { mode, answer }
    else Object.assign(errors, answer)
  } else errors.mode = 'Choose how to regrade.'
  if (!change || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, change, reason: form.reason }
}

/** The form's fields as hidden inputs, so the preview's confirm button posts the same regrade. */
export function regradeFormFields(form: RegradeForm): [string, string][] {
  return [
    ['mode', form.mode],
    ['reason', form.reason],
    ['answer', form.answer],
    ...form.answers.map((value): [string, string] => ['answers', value]),
    ['tolerance', form.tolerance],
    ['accept', form.accept],
    ['also', form.also],
  ]
}
