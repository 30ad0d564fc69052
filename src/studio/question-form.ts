import type { Submitted } from '../components/question-fields'
import {
  countWords,
  hintsOf,
  MAX_CITATIONS,
  MAX_GAPS,
  MAX_HINTS,
  MAX_QUOTE_WORDS,
  type Question,
  type QuestionType,
  questionSchema,
  TRUE_FALSE_CHOICES,
} from '../quiz/question'
import { field } from './form-fields'

/** How many rows each list-shaped question type offers in the form. */
export const ROWS = { choices: 8, items: 8, pairs: 6, gaps: MAX_GAPS } as const

/** The form names of cloze gap row `row` (from 1). */
export const gapFields = (row: number) => ({
  type: `gap_type_${row}`,
  answer: `gap_answer_${row}`,
  others: `gap_others_${row}`,
  tolerance: `gap_tolerance_${row}`,
})

/** The kinds of gap, as the studio names them. */
export const GAP_TYPES = ['text', 'numeric', 'choice'] as const

/** Field name -> problem, shown next to the field. */
export type FieldErrors = Record<string, string>

/**
 * The form names of citation row `row` (from 1): the first row keeps the plain
 * `source` and `quote` names, later rows are `source_2`, `quote_2`...
 */
export const citationFields = (row: number) =>
  row === 1 ? { source: 'source', quote: 'quote' } : { source: `source_${row}`, quote: `quote_${row}` }

/** The citation rows the form holds, filled or not, with their row numbers. */
export function citationRows(form: Submitted): { row: number; source: string; quote: string }[] {
  return Array.from({ length: MAX_CITATIONS }, (_, index) => {
    const names = citationFields(index + 1)
    return {
      row: index + 1,
      source: field(form, names.source),
      quote: field(form, names.quote).replace(/\s+/g, ' '),
    }
  })
}

/**
 * Puts a picked passage into the first empty citation row (the quote trimmed
 * to its first `MAX_QUOTE_WORDS` words: the instructor shortens it to the
 * words that prove the answer). Returns the form unchanged when every row is
 * taken or the passage is already cited.
 */
export function withCitation(
  form: Submitted,
  source: string,
  text: string,
): { form: Submitted; trimmed: boolean } {
  const words = text.trim().split(/\s+/)
  const quote = words.slice(0, MAX_QUOTE_WORDS).join(' ')
  const rows = citationRows(form)
  if (rows.some((row) => row.source === source && row.quote === quote)) return { form, trimmed: false }
  const free = rows.find((row) => !row.source && !row.quote)
  if (!free) return { form, trimmed: false }
  const names = citationFields(free.row)
  return {
    form: { ...form, [names.source]: [source], [names.quote]: [quote] },
    trimmed: countWords(text) > MAX_QUOTE_WORDS,
  }
}

/** Non-empty rows `name_1..name_n`, with the row number each came from (for errors). */
function rows(form: Submitted, name: string, count: number): { value: string; row: number }[] {
  const kept: { value: string; row: number }[] = []
  for (let row = 1; row <= count; row++) {
    const value = field(form, `${name}_${row}`)
    if (value) kept.push({ value, row })
  }
  return kept
}

const lines = (value: string) =>
  value
    .split(/\r?\n|,/)
    .map((line) => line.trim())
    .filter(Boolean)

const number = (value: string): number | string => {
  const parsed = Number(value.replace(',', '.'))
  return value === '' || Number.isNaN(parsed) ? value : parsed
}

/**
 * Builds a question from the studio's form and validates it with the bank's
 * own schema. Errors come back keyed by form field (`choice_3`, `quote`...),
 * so the page can show each one next to its field.
 *
 * @example decodeQuestionForm({ type: ['true_false'], prompt: ['…'], answer: ['true'], … }, 'q-abc')
 */
export function decodeQuestionForm(
  form: Submitted,
  type: QuestionType,
  id: string,
): { question: Question; errors: null } | { question: null; errors: FieldErrors } {
  const choices = rows(form, 'choice', ROWS.choices)
  const items = rows(form, 'item', ROWS.items)
  const lefts = rows(form, 'left', ROWS.pairs)
  const pairRows = Array.from({ length: ROWS.pairs }, (_, index) => index + 1)
    .map((row) => ({ left: field(form, `left_${row}`), right: field(form, `right_${row}`), row }))
    .filter((pair) => pair.left || pair.right)
  const correct = (form.correct ?? []).map(Number)
  const choiceAt = (row: number) => field(form, `choice_${row}`)
  // Rows with neither a source nor a quote are empty; none at all is an uncited question.
  const cited = citationRows(form).filter((row) => row.source || row.quote)
  const raw: Record<string, unknown> = {
    id,
    type,
    prompt: field(form, 'prompt'),
    explanation: field(form, 'explanation'),
    tags: lines(field(form, 'tags')),
    difficulty: field(form, 'difficulty'),
    evidence: cited.map(({ source, quote }) => ({ source, quote })),
  }
  // Hints `hint_1`..`hint_3`: empty rows are skipped, so hint 3 alone becomes the first hint.
  const hintRows = hintFieldNames.map((name) => ({ name, text: field(form, name) })).filter((row) => row.text)
  if (hintRows.length) raw.hints = hintRows.map((row) => row.text)
  // Per-choice feedback: `feedback_<row>` beside each choice, `feedback_true` / `feedback_false`.
  const feedbackRows = (keys: { key: string; name: string }[]) => {
    const written = keys.flatMap(({ key, name }) => {
      const text = field(form, name)
      return text ? [[key, text] as const] : []
    })
    if (written.length) raw.feedback = Object.fromEntries(written)
  }
  const choiceFeedbackRows = () =>
    feedbackRows(choices.map((choice) => ({ key: choice.value, name: `feedback_${choice.row}` })))
  switch (type) {
    case 'single':
      raw.choices = choices.map((choice) => choice.value)
      raw.answer = correct.length ? choiceAt(correct[0] ?? 0) : ''
      choiceFeedbackRows()
      break
    case 'multiple':
      raw.choices = choices.map((choice) => choice.value)
      raw.answer = correct.map(choiceAt).filter(Boolean)
      choiceFeedbackRows()
      break
    case 'true_false':
      raw.answer = field(form, 'answer') === 'true' ? true : field(form, 'answer') === 'false' ? false : ''
      feedbackRows([
        { key: 'True', name: 'feedback_true' },
        { key: 'False', name: 'feedback_false' },
      ])
      break
    case 'numeric': {
      raw.answer = number(field(form, 'answer'))
      raw.tolerance = field(form, 'tolerance') === '' ? 0 : number(field(form, 'tolerance'))
      const unit = field(form, 'unit')
      if (unit) raw.unit = unit
      break
    }
    case 'ordering':
      raw.items = items.map((item) => item.value)
      break
    case 'matching':
      raw.pairs = pairRows.map(({ left, right }) => ({ left, right }))
      break
    case 'text':
      raw.answer = field(form, 'answer')
      raw.accept = (form.accept?.[0] ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
      break
  }
  if (type === 'cloze') {
    raw.passage = field(form, 'passage')
    raw.gaps = gapRowsOf(form)
  }
  const parsed = questionSchema.safeParse(raw)
  if (parsed.success) return { question: parsed.data, errors: null }

  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const [head, index, leaf] = issue.path
    const at = typeof index === 'number' ? index : -1
    let field: string
    if (head === 'evidence') {
      const names = citationFields(cited[at]?.row ?? 1)
      field = leaf === 'source' ? names.source : names.quote
    } else if (head === 'feedback') {
      const key = String(index)
      const row = choices.find((choice) => choice.value === key)?.row
      field = type === 'true_false' ? `feedback_${key.toLowerCase()}` : `feedback_${row ?? 1}`
    } else if (head === 'choices') field = at >= 0 ? `choice_${choices[at]?.row ?? 1}` : 'choice_1'
    else if (head === 'items') field = at >= 0 ? `item_${items[at]?.row ?? 1}` : 'item_1'
    else if (head === 'pairs') {
      const row = at >= 0 ? (pairRows[at]?.row ?? 1) : (lefts[0]?.row ?? 1)
      field = leaf === 'right' ? `right_${row}` : `left_${row}`
    } else if (head === 'answer' && (type === 'single' || type === 'multiple')) field = 'correct'
    else if (head === 'tags') field = 'tags'
    else if (head === 'hints') field = hintRows[at]?.name ?? 'hint_1'
    else if (head === 'accept') field = 'accept'
    else field = typeof head === 'string' ? head : 'prompt'
    errors[field] ??= friendly(
      field,
      issue.message,
      issue.code,
      'minimum' in issue ? Number(issue.minimum) : null,
    )
  }
  return { question: null, errors }
}

function friendly(field: string, message: string, code: string, minimum: number | null): string {
  if (field === 'correct') return message.includes('not one of') ? message : 'Mark the correct answer.'
  if (field === 'difficulty') return 'Choose a difficulty.'
  if (/^source(_\d+)?$/.test(field)) return 'Choose the source that proves the answer.'
  if (field === 'answer' && code === 'invalid_type') return 'Give the answer.'
  if (/^gap_(answer|tolerance)_/.test(field) && code === 'invalid_type')
    return 'Type a number, like 42 or 3.5.'
  if (message === 'must not be empty' || code === 'invalid_type') return 'This is required.'
  if (code === 'too_small' && minimum !== null && /choice_|item_|left_|right_/.test(field))
    return `Fill in at least ${minimum} rows.`
  return message.charAt(0).toUpperCase() + message.slice(1)
}

/** The form's hint fields, one per hint a question may have. */
export const hintFieldNames = Array.from({ length: MAX_HINTS }, (_, index) => `hint_${index + 1}`)

/** The form's fields for an existing question (to edit it). */
export function questionToForm(question: Question): Submitted {
  const form: Submitted = {
    prompt: [question.prompt],
    explanation: [question.explanation],
    tags: [question.tags.join(', ')],
    difficulty: [question.difficulty],
  }
  hintsOf(question).forEach((hint, index) => {
    const name = hintFieldNames[index]
    if (name) form[name] = [hint]
  })
  question.evidence.forEach((cited, index) => {
    const names = citationFields(index + 1)
    form[names.source] = [cited.source]
    form[names.quote] = [cited.quote]
  })
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const answers = question.type === 'single' ? [question.answer] : question.answer
      question.choices.forEach((choice, index) => {
        form[`choice_${index + 1}`] = [choice]
      })
      form.correct = question.choices.flatMap((choice, index) =>
        answers.includes(choice) ? [String(index + 1)] : [],
      )
      question.choices.forEach((choice, index) => {
        const text = question.feedback?.[choice]
        if (text) form[`feedback_${index + 1}`] = [text]
      })
      break
    }
    case 'true_false':
      form.answer = [String(question.answer)]
      for (const key of TRUE_FALSE_CHOICES) {
        const text = question.feedback?.[key]
        if (text) form[`feedback_${key.toLowerCase()}`] = [text]
      }
      break
    case 'numeric':
      form.answer = [String(question.answer)]
      form.tolerance = [String(question.tolerance)]
      form.unit = [question.unit ?? '']
      break
    case 'ordering':
      question.items.forEach((item, index) => {
        form[`item_${index + 1}`] = [item]
      })
      break
    case 'matching':
      question.pairs.forEach((pair, index) => {
        form[`left_${index + 1}`] = [pair.left]
        form[`right_${index + 1}`] = [pair.right]
      })
      break
    case 'text':
      form.answer = [question.answer]
      form.accept = [question.accept.join('\n')]
      break
    case 'cloze':
      form.passage = [question.passage]
      question.gaps.forEach((gap, index) => {
        const names = gapFields(index + 1)
        form[names.type] = [gap.type]
        form[names.answer] = [String(gap.answer)]
        if (gap.type === 'text') form[names.others] = [gap.accept.join('\n')]
        if (gap.type === 'choice')
          form[names.others] = [gap.choices.filter((c) => c !== gap.answer).join('\n')]
        if (gap.type === 'numeric') form[names.tolerance] = [String(gap.tolerance)]
      })
      break
  }
  return form
}

/**
 * The gaps of a cloze form: rows 1 to the last one filled in (an empty row
 * between stays, so gap numbers keep matching the passage's markers and the
 * schema says which row is empty). A choice gap's choices are the answer and
 * the wrong ones, in alphabetical order (learners get them shuffled anyway).
 */
function gapRowsOf(form: Submitted): Record<string, unknown>[] {
  const filled = (row: number) => {
    const names = gapFields(row)
    return Boolean(field(form, names.answer) || field(form, names.others))
  }
  let last = 0
  for (let row = 1; row <= ROWS.gaps; row++) if (filled(row)) last = row
  return Array.from({ length: last }, (_, index) => {
    const names = gapFields(index + 1)
    const answer = field(form, names.answer)
    const others = (form[names.others]?.[0] ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
    switch (field(form, names.type)) {
      case 'numeric': {
        const tolerance = field(form, names.tolerance)
        return {
          type: 'numeric',
          answer: number(answer),
          tolerance: tolerance === '' ? 0 : number(tolerance),
        }
      }
      case 'choice':
        return {
          type: 'choice',
          answer,
          choices: [answer, ...others].filter(Boolean).sort((a, b) => a.localeCompare(b)),
        }
      default:
        return { type: 'text', answer, accept: others }
    }
  })
}
