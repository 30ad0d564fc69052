import { keyedHash } from '../auth/keyed-hash'

/** Learner ids already made, per key: one entry per question, so bounded by the question count. */
const computed = new WeakMap<CryptoKey, Map<string, Promise<string>>>()

/**
 * The id a learner's browser knows a question by. Author ids often name the
 * answer (`oil-russia-not-named` for a true/false whose answer is false), so
 * learners only ever see this keyed hash of it: stable for a deployment (the
 * key lives in D1), meaningless, and impossible to compute or invert without
 * the server's key. Author ids stay in the bank, the studio and exports.
 * @example await learnerQuestionId(key, 'oil-russia-not-named') // 'qX3v9...' (18 characters)
 */
export function learnerQuestionId(key: CryptoKey, authorId: string): Promise<string> {
  // Every attempt page asks for the ids of all its questions: sign each once per key and isolate.
  let known = computed.get(key)
  if (!known) {
    known = new Map()
    computed.set(key, known)
  }
  let id = known.get(authorId)
  if (!id) {
    id = keyedHash(key, 'question-id', authorId, 17).then((hash) => `q${hash}`)
    known.set(authorId, id)
  }
  return id
}

/**
 * The learner ids of several questions at once, as a lookup both ways: out
 * to the browser (`of`) and back from what the browser sends (`find`).
 */
export type LearnerQuestionIds = {
  of(authorId: string): string
  /** The author id behind a learner id, or null when it names none of these questions. */
  authorIdOf(learnerId: string): string | null
}

export async function learnerQuestionIds(
  key: CryptoKey,
  authorIds: readonly string[],
): Promise<LearnerQuestionIds> {
  const pairs = await Promise.all(
    authorIds.map(async (authorId) => [authorId, await learnerQuestionId(key, authorId)] as const),
  )
  const out = new Map(pairs)
  const back = new Map(pairs.map(([authorId, learnerId]) => [learnerId, authorId]))
  return {
    of(authorId) {
      const id = out.get(authorId)
      if (!id) throw new Error(`no learner id was made for question ${authorId}`)
      return id
    },
    authorIdOf: (learnerId) => back.get(learnerId) ?? null,
  }
}
