import { keyedHash } from '../auth/keyed-hash'
import type { Db } from '../db/client'
import { appKey } from './app-secret'

/**
 * How a learner is named to the instructor of a set. The learner id is the
 * value of the learner's cookie, a bearer secret: whoever knows it can act
 * as the learner, so it never leaves the cookie. Dashboards and exports show
 * a keyed hash of it instead, per set, so the same learner is the same
 * pseudonym in every export of one set, and two instructors cannot join
 * their exports on it.
 */

/** Characters kept from the hash (72 bits: no collision among any realistic class). */
const LENGTH = 12

/**
 * A memoised namer for one set's learners (a CSV names the same learner on many rows).
 * @example const nameOf = await learnerPseudonyms(db, 'oil'); await nameOf(learnerId) // 'kX3a9_Qm2bTz'
 */
export async function learnerPseudonyms(
  db: Db,
  setSlug: string,
): Promise<(learnerId: string) => Promise<string>> {
  const key = await appKey(db)
  const known = new Map<string, Promise<string>>()
  return (learnerId) => {
    let pseudonym = known.get(learnerId)
    if (!pseudonym) {
      // The set comes first and a NUL separates them: no (set, learner) pair can pose as another.
      pseudonym = keyedHash(key, 'learner-pseudonym', `${setSlug}\u0000${learnerId}`, LENGTH).then(
        // A leading '-' would read as a formula start in a spreadsheet and get a ' in the CSV.
        (hash) => (hash.startsWith('-') ? `0${hash.slice(1)}` : hash),
      )
      known.set(learnerId, pseudonym)
    }
    return pseudonym
  }
}
