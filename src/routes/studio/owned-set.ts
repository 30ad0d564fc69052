import { createMiddleware } from 'hono/factory'
import type { OwnedSetEnv } from '../../env'
import { requireOwnedSet } from '../../services/owned-sets'

/**
 * Loads the set named by the route's `:slug` and puts it on the context as
 * `set`, if the signed-in instructor owns it; a missing set, a bank set and
 * another instructor's set are all the same 404. Runs behind the studio
 * router's session check, which has set `instructor`.
 * @example studioSets.post('/:slug/archive', ownedSet, (c) => archive(c.get('set')))
 */
export const ownedSet = createMiddleware<OwnedSetEnv>(async (c, next) => {
  c.set('set', await requireOwnedSet(c.get('db'), c.get('instructor').id, c.req.param('slug') ?? ''))
  await next()
})
