import type { Answer } from './answer'
import { type GapValue, gapLabel } from './cloze'
import { parseLooseNumber } from './normalise'
import type { PublicQuestion } from './public-question'

/** Field names of the answer form, shared by the server-rendered form and the island. */
export const fieldName = {
  choice: 'choice',
  value: 'value',
  text: 'text',
  position: (itemId: string) => `position-${itemId}`,
  match: (leftId: string) => `match-${leftId}`,
  /** Gap `number` (from 1) of a cloze passage. */
  gap: (number: number) => `gap-${number}`,
} as const

/** A form's fields as submitted: every value of each name (what `FormData.getAll` gives). */
export type FormFields = Record<string, string[]>

export type FormReading = { ok: true; answer: Answer } | { ok: false; message: string }

/**
 * Turns the fields of a submitted answer form into an answer. Used on the
 * server for plain form posts and in the browser by the island, so both paths
 * read a form the same way. The result is still untrusted: the server checks
 * it with `readAnswer`.
 * @example answerFromForm(q, (name) => form.getAll(name).map(String))
 */
export function answerFromForm(question: PublicQuestion, read: (name: string) => string[]): FormReading {
  const first = (name: string) => read(name)[0]?.trim() ?? ''
  switch (question.type) {
    case 'single':
      return first(fieldName.choice) ? ok({ choice: first(fieldName.choice) }) : fail('Choose an answer.')
    case 'multiple': {
      const choices = read(fieldName.choice).filter(Boolean)
      return choices.length ? ok({ choices }) : fail('Choose at least one answer.')
    }
    case 'true_false': {
      const choice = first(fieldName.choice)
      return choice === 'true' || choice === 'false'
        ? ok({ value: choice === 'true' })
        : fail('Choose True or False.')
    }
    case 'numeric': {
      const value = parseLooseNumber(first(fieldName.value), question.unit)
      return value === null ? fail('Enter a number, such as 42 or 3.5.') : ok({ value })
    }
    case 'ordering': {
      const count = question.items.length
      const placed = question.items.map((item) => ({
        id: item.id,
        position: Number(first(fieldName.position(item.id))),
      }))
      const positions = new Set(placed.map((item) => item.position))
      const valid =
        positions.size === count &&
        placed.every(
          (item) => Number.isInteger(item.position) && item.position >= 1 && item.position <= count,
        )
      if (!valid) return fail(`Give each item a different position from 1 to ${count}.`)
      return ok({ order: placed.sort((a, b) => a.position - b.position).map((item) => item.id) })
    }
    case 'matching': {
      const matches: Record<string, string> = {}
      for (const left of question.lefts) {
        const right = first(fieldName.match(left.id))
        if (!right) return fail('Choose a match for every item.')
        matches[left.id] = right
      }
      // Every item has its own match (the bank refuses two equal rights), so a match chosen twice is a slip.
      if (new Set(Object.values(matches)).size < question.lefts.length)
        return fail('Use each match once: two items have the same one.')
      return ok({ matches })
    }
    case 'text': {
      const text = first(fieldName.text)
      return text ? ok({ text }) : fail('Type an answer.')
    }
    case 'cloze': {
      const gaps: GapValue[] = []
      for (const [index, gap] of question.gaps.entries()) {
        const value = first(fieldName.gap(index + 1))
        const label = gapLabel(index + 1, question.gaps.length)
        if (gap.kind === 'numeric') {
          const number = parseLooseNumber(value)
          if (number === null) return fail(`Type a number in ${label}, like 42 or 3.5.`)
          gaps.push(number)
        } else if (!value)
          return fail(gap.kind === 'choice' ? `Choose an option in ${label}.` : `Fill in ${label}.`)
        else gaps.push(value)
      }
      return ok({ gaps })
    }
  }
}

const ok = (answer: Answer): FormReading => ({ ok: true, answer })
const fail = (message: string): FormReading => ({ ok: false, message })

/**
 * The form fields that give `answer`: the inverse of `answerFromForm`, so an
 * answer kept on the device (waiting to be sent offline) can be put back into
 * the form when the server refuses it. Values of unknown shape give no fields.
 * @example fieldsOfAnswer(q, { value: 30 }) // { value: ['30'] }
 */
export function fieldsOfAnswer(question: PublicQuestion, answer: unknown): FormFields {
  if (typeof answer !== 'object' || answer === null) return {}
  const given = answer as Record<string, unknown>
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
  switch (question.type) {
    case 'single':
      return typeof given.choice === 'string' ? { [fieldName.choice]: [given.choice] } : {}
    case 'multiple':
      return { [fieldName.choice]: strings(given.choices) }
    case 'true_false':
      return typeof given.value === 'boolean' ? { [fieldName.choice]: [String(given.value)] } : {}
    case 'numeric':
      return typeof given.value === 'number' ? { [fieldName.value]: [String(given.value)] } : {}
    case 'text':
      return typeof given.text === 'string' ? { [fieldName.text]: [given.text] } : {}
    case 'ordering':
      return Object.fromEntries(
        strings(given.order).map((id, index) => [fieldName.position(id), [String(index + 1)]]),
      )
    case 'matching': {
      const matches = typeof given.matches === 'object' && given.matches !== null ? given.matches : {}
      return Object.fromEntries(
        Object.entries(matches)
          .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
          .map(([left, right]) => [fieldName.match(left), [right]]),
      )
    }
    case 'cloze': {
      const gaps = Array.isArray(given.gaps) ? given.gaps : []
      return Object.fromEntries(
        gaps.flatMap((value: unknown, index) =>
          typeof value === 'string' || typeof value === 'number'
            ? [[fieldName.gap(index + 1), [String(value)]]]
            : [],
        ),
      )
    }
  }
}
