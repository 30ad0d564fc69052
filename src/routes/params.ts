import { z } from 'zod'
import { fail } from '../http/errors'

export const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) })

/** Attempt ids are UUIDs; anything else cannot exist, so it is a 404 rather than a 400. */
export function attemptIdFrom(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value))
    fail(404, 'not_found', 'This attempt does not exist.')
  return value
}
