import type { Db } from '../db/client'
import { getOwnedSet } from '../db/owned-sets'
import type { QuizSetRow } from '../db/schema'
import { fail } from '../http/fail'

/** Every studio route and API call on a set goes through this: not yours is the same 404 as missing. */
export async function requireOwnedSet(db: Db, instructorId: string, slug: string): Promise<QuizSetRow> {
  const set = await getOwnedSet(db, instructorId, slug)
  if (!set) fail(404, 'not_found', 'You have no quiz set at this address.')
  return set
}
