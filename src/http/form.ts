import type { Context } from 'hono'
import type { Submitted } from '../components/question-fields'
import { fail } from './fail'

const MAX_FIELDS = 40
const MAX_VALUE = 500

/**
 * Reads an urlencoded or multipart form into name -> values, refusing files
 * and oversized input with a 400 (a form of ours never sends either).
 */
export async function readForm(c: Context): Promise<Submitted> {
  const body = await c.req
    .parseBody({ all: true })
    .catch(() => fail(400, 'bad_request', 'The form could not be read.'))
  const entries = Object.entries(body)
  if (entries.length > MAX_FIELDS) fail(400, 'bad_request', 'The form has too many fields.')
  const form: Submitted = {}
  for (const [name, value] of entries) {
    const values = Array.isArray(value) ? value : [value]
    if (values.some((item) => typeof item !== 'string'))
      fail(400, 'bad_request', 'Files cannot be uploaded here.')
    const strings = values as string[]
    if (strings.length > MAX_FIELDS || strings.some((item) => item.length > MAX_VALUE))
      fail(400, 'bad_request', 'An answer is too long.')
    form[name] = strings
  }
  return form
}
