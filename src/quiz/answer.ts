import * as z from 'zod'
import { parseLooseNumber } from './normalise'
import { MAX_GAPS, type QuestionType } from './question'

/**
 * What a learner submits, per question type. Option ids are the opaque ids of
 * `PublicQuestion` options. The question type decides which shape applies, so
 * clients never send a `type` field.
 */
const id = z.string().min(1).max(40)

export const answerSchemas = {
  single: z.strictObject({ choice: id }),
  multiple: z.strictObject({ choices: z.array(id).min(1, 'choose at least one option').max(8) }),
  true_false: z.strictObject({ value: z.boolean() }),
  numeric: z.strictObject({
    value: z.number({ error: 'type a number, like 1,500 or 2.5' }).finite(),
  }),
  ordering: z.strictObject({ order: z.array(id).min(1).max(8) }),
  matching: z.strictObject({ matches: z.record(id, id) }),
  text: z.strictObject({ text: z.string().trim().min(1, 'type an answer').max(200) }),
  // One entry per gap, in passage order: typed text, a number (or the number as typed), or a choice's option id.
  cloze: z.strictObject({
    gaps: z
      .array(z.union([z.string().trim().max(200), z.number().finite()]))
      .min(1)
      .max(MAX_GAPS),
  }),
} satisfies Record<QuestionType, z.ZodType>

export type AnswerOf<T extends QuestionType> = z.infer<(typeof answerSchemas)[T]>
export type Answer = { [T in QuestionType]: AnswerOf<T> }[QuestionType]

export type AnswerParse<T extends QuestionType> =
  | { ok: true; answer: AnswerOf<T> }
  | { ok: false; message: string }

/**
 * Validates an untrusted answer for a question of type `type`.
 * @example parseAnswer('numeric', { value: 80 }) // { ok: true, answer: { value: 80 } }
 */
export function parseAnswer<T extends QuestionType>(type: T, raw: unknown): AnswerParse<T> {
  const result = answerSchemas[type].safeParse(raw)
  if (result.success) return { ok: true, answer: result.data as AnswerOf<T> }
  const issue = result.error.issues[0]
  const where = issue?.path.length ? ` (at answer.${issue.path.join('.')})` : ''
  return {
    ok: false,
    message: `Invalid answer for a ${type.replace('_', '/')} question: ${issue?.message}${where}`,
  }
}

/** Longer than any number a person types: not worth reading. */
const MAX_TYPED_NUMBER = 64

/**
 * A numeric answer sent as typed (`{ "value": "1,500" }`, as the API documents)
 * becomes the number the no-JS form would read from the same text
 * (`parseLooseNumber`, the question's unit allowed). Anything else comes back
 * as it was, for `parseAnswer` to accept or refuse.
 * @example readTypedNumber({ value: '4,253 miles' }, 'miles') // { value: 4253 }
 */
export function readTypedNumber(raw: unknown, unit?: string | null): unknown {
  if (!raw || typeof raw !== 'object' || !('value' in raw)) return raw
  const { value } = raw
  if (typeof value !== 'string' || value.length > MAX_TYPED_NUMBER) return raw
  const number = parseLooseNumber(value, unit)
  return number === null ? raw : { ...raw, value: number }
}
