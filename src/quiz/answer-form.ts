import type { Answer } from './answer'
import { parseLooseNumber } from './normalise'
import type { PublicQuestion } from './public-question'

/** Field names of the answer form, shared by the server-rendered form and the island. */
export const fieldName = {
  choice: 'choice',
  value: 'value',
  text: 'text',
  position: (itemId: string) => `position-${itemId}`,
  match: (leftId: string) => `match-${leftId}`,
} as const

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
      return ok({ matches })
    }
    case 'text': {
      const text = first(fieldName.text)
      return text ? ok({ text }) : fail('Type an answer.')
    }
  }
}

const ok = (answer: Answer): FormReading => ({ ok: true, answer })
const fail = (message: string): FormReading => ({ ok: false, message })
