import * as z from 'zod'
import { fail } from '../http/fail'

export const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) })

/** Attempt and review ids: lower-case UUIDs as `crypto.randomUUID()` makes them. */
export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'Expected an id like a UUID.')

/** Attempt ids are UUIDs; anything else cannot exist, so it is a 404 rather than a 400. */
export function attemptIdFrom(value: string): string {
  if (!uuid.safeParse(value).success) fail(404, 'not_found', 'This attempt does not exist.')
  return value
}

/** The `hint` field of a "Show hint" form: the index of the hint to reveal (0 for the first). */
export function hintIndexFrom(form: Record<string, string[] | undefined>): number {
  const value = form.hint?.[0] ?? ''
  if (!/^\d{1,2}$/.test(value)) fail(400, 'bad_request', 'Choose which hint to show.')
  return Number(value)
}
