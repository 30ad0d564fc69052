import type { Context } from 'hono'
import type { Submitted } from '../components/question-fields'
import { fail } from '../http/fail'

const MAX_FIELDS = 60
const MAX_VALUE = 12000

/**
 * Reads a studio form into name -> values. Like `readForm`, but studio forms
 * are longer (explanations up to 1,500 characters, lists of origins).
 */
export async function readStudioForm(c: Context): Promise<Submitted> {
  const body = await c.req
    .parseBody({ all: true })
    .catch(() => fail(400, 'bad_request', 'The form could not be read.'))
  const entries = Object.entries(body)
  if (entries.length > MAX_FIELDS) fail(400, 'bad_request', 'The form has too many fields.')
  const form: Submitted = {}
  for (const [name, value] of entries) {
    const values = Array.isArray(value) ? value : [value]
    const strings = values.filter((item): item is string => typeof item === 'string')
    if (strings.length !== values.length) fail(400, 'bad_request', 'Files cannot be uploaded here.')
    if (strings.length > MAX_FIELDS || strings.some((item) => item.length > MAX_VALUE))
      fail(400, 'bad_request', 'A field is too long.')
    form[name] = strings
  }
  return form
}

/** The first value of a field, trimmed ('' when absent). */
export const field = (form: Submitted, name: string) => (form[name]?.[0] ?? '').trim()

/**
 * A local path with one query parameter set (replacing any earlier value).
 * @example withParam('/studio/sets/a/bank?type=text&done=added', 'done', 'added') // '/studio/sets/a/bank?type=text&done=added'
 */
export function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, 'http://local')
  url.searchParams.set(name, value)
  return `${url.pathname}${url.search}`
}
