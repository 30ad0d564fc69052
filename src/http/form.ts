import type { Context } from 'hono'
import type { Submitted } from '../components/question-fields'
import { fail } from './fail'

/** How much a form may hold, and what to say when a value is too long. */
export type FormLimits = { maxFields: number; maxValue: number; tooLong: string }

/** A learner's answer: a few short fields. */
export const SHORT_FORM: FormLimits = { maxFields: 40, maxValue: 500, tooLong: 'An answer is too long.' }

/** Signing in or up, an LTI platform: a few short fields that are not answers. */
export const SHORT_STUDIO_FORM: FormLimits = {
  ...SHORT_FORM,
  tooLong: 'A field is too long: 500 characters at most.',
}

/** A studio form: longer (explanations up to 1,500 characters, lists of origins, quotes). */
export const STUDIO_FORM: FormLimits = { maxFields: 60, maxValue: 12000, tooLong: 'A field is too long.' }

/**
 * Reads an urlencoded or multipart form into name -> values, refusing files
 * and oversized input with a 400 (a form of ours never sends either).
 * @example const form = await readForm(c, STUDIO_FORM)
 */
export async function readForm(c: Context, limits: FormLimits = SHORT_FORM): Promise<Submitted> {
  const body = await c.req
    .parseBody({ all: true })
    .catch(() => fail(400, 'bad_request', 'The form could not be read.'))
  const entries = Object.entries(body)
  if (entries.length > limits.maxFields) fail(400, 'bad_request', 'The form has too many fields.')
  const form: Submitted = {}
  for (const [name, value] of entries) {
    const values = Array.isArray(value) ? value : [value]
    const strings = values.filter((item): item is string => typeof item === 'string')
    if (strings.length !== values.length) fail(400, 'bad_request', 'Files cannot be uploaded here.')
    if (strings.length > limits.maxFields || strings.some((item) => item.length > limits.maxValue))
      fail(400, 'bad_request', limits.tooLong)
    form[name] = strings
  }
  return form
}
