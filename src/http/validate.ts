import { validator } from 'hono/validator'
import type * as z from 'zod'
import { fail } from './fail'

type Target = 'json' | 'form' | 'query' | 'param'

/**
 * A Hono validator backed by a zod schema; a failure becomes a 400 whose
 * message names the field, e.g. `quiz: Required`.
 * @example app.post('/x', validate('json', schema), (c) => c.req.valid('json'))
 */
export function validate<T extends Target, S extends z.ZodType>(target: T, schema: S) {
  return validator(target, (value) => {
    const result = schema.safeParse(value)
    if (result.success) return result.data as z.output<S>
    const issue = result.error.issues[0]
    const field = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    return fail(
      400,
      'bad_request',
      `Invalid ${target === 'json' ? 'request body' : target}: ${field}${issue?.message ?? 'invalid'}`,
    )
  })
}
