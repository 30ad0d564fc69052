import { keyedHash } from '../auth/keyed-hash'
import type { Block } from '../auth/rate-limit'
import {
  claimAccommodation,
  deleteAccommodation,
  findByCode,
  listAccommodations,
  listSetLearners,
  saveAccommodation,
} from '../db/accommodations'
import type { Db } from '../db/client'
import { releaseAttempts } from '../db/rate-limits'
import type { AccommodationRow, QuizSetRow } from '../db/schema'
import { fail } from '../http/fail'
import { type ClaimLimitKind, claimLimits, generateTransferCode } from '../learning/transfer-code'
import { learnerLabel } from '../stats/learners'
import { type AccommodationInput, NEW_CODE } from '../studio/accommodation-form'
import { appKey } from './app-secret'
import { learnerPseudonyms } from './learner-pseudonym'
import { reserve } from './rate-limits'

/**
 * Accommodations in the studio: finding the learner (among those who
 * attempted the set, by name or pseudonym), granting, withdrawing, and codes
 * for learners who have not started yet, which they claim themselves.
 */

/** A learner as the instructor picks them: never their id (a bearer secret), always the per-set pseudonym. */
export type PickableLearner = {
  pseudonym: string
  label: string
  fromLms: boolean
  attempts: number
  lastActiveAt: number
}

/** An accommodation with the learner it is for named as the studio names them. */
export type GrantedAccommodation = { row: AccommodationRow; who: string | null }

/** Learners listed at most (the search box narrows them). */
export const LEARNERS_SHOWN = 50

export type AccommodationsView = {
  granted: GrantedAccommodation[]
  learners: PickableLearner[]
  /** How many learners matched the search, of whom `learners` are the first LEARNERS_SHOWN. */
  matched: number
}

async function namedLearners(db: Db, setSlug: string) {
  const [learners, nameOf] = await Promise.all([listSetLearners(db, setSlug), learnerPseudonyms(db, setSlug)])
  return Promise.all(
    learners.map(async (learner) => {
      const pseudonym = await nameOf(learner.learnerId)
      return {
        learnerId: learner.learnerId,
        pseudonym,
        label: learnerLabel(pseudonym, learner.displayName, learner.nameFromHost),
        fromLms: learner.fromLms,
        attempts: learner.attempts,
        lastActiveAt: learner.lastActiveAt,
      }
    }),
  )
}

/**
 * The accommodations page: what is granted (the learner named by label), and
 * the learners who attempted the set whose label or pseudonym contains `search`.
 */
export async function accommodationsView(
  db: Db,
  set: QuizSetRow,
  search: string,
): Promise<AccommodationsView> {
  const [rows, learners, nameOf] = await Promise.all([
    listAccommodations(db, set.slug),
    namedLearners(db, set.slug),
    learnerPseudonyms(db, set.slug),
  ])
  const labels = new Map(learners.map((learner) => [learner.learnerId, learner.label]))
  const granted = await Promise.all(
    rows.map(async (row) => ({
      row,
      who:
        row.learnerId === null
          ? null
          : (labels.get(row.learnerId) ?? `Anonymous ${await nameOf(row.learnerId)}`),
    })),
  )
  const needle = search.trim().toLowerCase()
  const matching = learners.filter(
    (learner) =>
      !needle ||
      learner.label.toLowerCase().includes(needle) ||
      learner.pseudonym.toLowerCase().includes(needle),
  )
  return {
    granted,
    learners: matching.slice(0, LEARNERS_SHOWN).map(({ learnerId: _id, ...learner }) => learner),
    matched: matching.length,
  }
}

/**
 * Grants an accommodation: to the learner with this pseudonym among those who
 * attempted the set (replacing what they had), or as a new code. Returns the code, if one was made.
 */
export async function grantAccommodation(
  db: Db,
  set: QuizSetRow,
  instructorId: string,
  input: AccommodationInput,
  now = Date.now(),
): Promise<{ code: string | null }> {
  let learnerId: string | null = null
  let code: string | null = null
  if (input.who === NEW_CODE) code = generateTransferCode()
  else {
    const learner = (await namedLearners(db, set.slug)).find((candidate) => candidate.pseudonym === input.who)
    if (!learner)
      fail(400, 'bad_request', 'No learner of this quiz has that pseudonym. Search for them again.')
    learnerId = learner.learnerId
  }
  await saveAccommodation(db, {
    id: crypto.randomUUID(),
    setSlug: set.slug,
    learnerId,
    code,
    note: input.note,
    timeMultiplier: input.timeMultiplier,
    extraMinutes: input.extraMinutes,
    extraAttempts: input.extraAttempts,
    closesAt: input.closesAt,
    createdBy: instructorId,
    createdAt: now,
  })
  return { code }
}

/** Withdraws one of the set's accommodations (attempts already started keep their deadline). */
export function withdrawAccommodation(db: Db, set: QuizSetRow, id: string): Promise<void> {
  return deleteAccommodation(db, set.slug, id)
}

export type AccommodationClaim =
  | { outcome: 'claimed'; setSlug: string; title: string }
  /** No unclaimed code like this: a wrong guess, counted against the limits. */
  | { outcome: 'unknown' }
  /** The learner already has an accommodation on that set. */
  | { outcome: 'taken'; title: string }
  | { outcome: 'blocked'; block: Block<ClaimLimitKind> }

/**
 * A learner binds a code's accommodation to themselves. Wrong codes count
 * against the same limits as transfer codes (learning/transfer-code.ts:
 * same alphabet and length, so one guessing budget bounds both).
 */
export async function claimAccommodationCode(
  db: Db,
  { code, learnerId, ip, now }: { code: string; learnerId: string; ip: string | null; now: number },
): Promise<AccommodationClaim> {
  const learnerKey = await keyedHash(await appKey(db), 'rate-limit-learner', learnerId)
  const attempt = await reserve(db, claimLimits(learnerKey, ip), now)
  if (!attempt.ok) return { outcome: 'blocked', block: attempt.block }
  const found = await findByCode(db, code)
  if (!found) return { outcome: 'unknown' }
  await releaseAttempts(db, attempt.reserved)
  if (!(await claimAccommodation(db, found.row.id, learnerId, now)))
    return { outcome: 'taken', title: found.title }
  return { outcome: 'claimed', setSlug: found.row.setSlug, title: found.title }
}
