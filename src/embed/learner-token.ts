import { keyedHash } from '../auth/keyed-hash'

/**
 * The learner token of an embedded quiz: what brings a learner back after the
 * course page reloads, without third-party cookies. The frame hands it to
 * embed.js on its parent page only, which keeps it in the course page's own
 * storage (keyed by quiz) and gives it back to the frame's start form.
 *
 * It is a keyed hash of the quiz and the learner, so it opens that quiz for
 * that learner and nothing else: a token from another quiz, or one made up,
 * matches no learner. D1 keeps only its SHA-256 (`learners.embed_token_hash`).
 */
const LEARNER_TOKEN_LENGTH = 43

export const learnerTokenFor = (key: CryptoKey, quiz: string, learnerId: string) =>
  keyedHash(key, 'embed-learner-token', `${quiz}\u0000${learnerId}`, LEARNER_TOKEN_LENGTH)

/** Whether a form value can be a learner token at all (saves a query for garbage). */
export const looksLikeLearnerToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value)

/** A name or id the course page passed (data-cited-learner): trimmed, at most this long. */
export const HOST_LEARNER_NAME_MAX = 80
