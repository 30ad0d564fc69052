// Every D1 table, index and row type. Over 300 lines on purpose: one schema file is drizzle-kit's source of
// truth for migrations, and read top to bottom it is the data model.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { JWK } from 'jose'
import type { EmbedPolicy } from '../embed/policy'
import type { State } from '../learning/schedule'
import type { Answer } from '../quiz/answer'
import type { ReportReason, ReportStatus } from '../quiz/problem-report'
import type { Question } from '../quiz/question'
import type { RegradeMode } from '../quiz/regrade'
import type { SetSettings, Visibility } from '../quiz/set-settings'
import type { SourceSummary } from '../quiz/source'

/** Source documents, seeded from questions/sources.yaml. */
export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  outlet: text('outlet').notNull(),
  author: text('author').notNull(),
  date: text('date').notNull(),
  kind: text('kind').$type<SourceSummary['kind']>().notNull(),
  reliability: text('reliability').notNull(),
  /** The instructor who added it (for their own questions); null for the bank's sources. */
  ownerId: text('owner_id').references(() => instructors.id),
  /** When an instructor added it (ms); null for the bank's. */
  createdAt: integer('created_at'),
})

/**
 * A source's text, one row per sentence as src/sources/passages.ts splits it
 * (paragraph and sentence numbered from 0). Citations point at a row; the
 * evidence finder ranks rows; the whole text is the rows in order. A source
 * without rows has no text (the bank's, when ../shared/seeds is absent).
 */
export const sourcePassages = sqliteTable(
  'source_passages',
  {
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    paragraph: integer('paragraph').notNull(),
    sentence: integer('sentence').notNull(),
    text: text('text').notNull(),
  },
  (table) => [primaryKey({ columns: [table.sourceId, table.paragraph, table.sentence] })],
)

export const quizSets = sqliteTable('quiz_sets', {
  slug: text('slug').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull().default(0),
  /** Course sites allowed to frame the set's embed pages (src/embed/policy.ts). */
  embedPolicy: text('embed_policy', { mode: 'json' })
    .$type<EmbedPolicy>()
    .notNull()
    .default(sql`'{"anywhere":false,"origins":[]}'`),
  /** The instructor who owns the set; null for the bank's sets (seeded from questions/). */
  ownerId: text('owner_id').references(() => instructors.id),
  visibility: text('visibility').$type<Visibility>().notNull().default('public'),
  /** The draft's settings (quiz/set-settings.ts); learners get the published version's copy. */
  settings: text('settings', { mode: 'json' }).$type<Partial<SetSettings>>().notNull().default(sql`'{}'`),
  /** The version learners take; null while an instructor's set was never published. */
  publishedVersion: integer('published_version'),
  archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
})

/**
 * A published version of an instructor's set, frozen: the questions (by id,
 * in order) and settings learners got. Attempts record the version they were
 * taken on. Questions in a published version are never edited in place: the
 * studio saves an edit as a new question id (copy on write).
 */
export const quizSetVersions = sqliteTable(
  'quiz_set_versions',
  {
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    settings: text('settings', { mode: 'json' }).$type<SetSettings>().notNull(),
    questionIds: text('question_ids', { mode: 'json' }).$type<string[]>().notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.setSlug, table.version] })],
)

/**
 * Questions with their answer key. `body` is the whole validated question as
 * JSON; the scalar columns copy what listings and later filters need.
 */
export const questions = sqliteTable(
  'questions',
  {
    id: text('id').primaryKey(),
    type: text('type').$type<Question['type']>().notNull(),
    prompt: text('prompt').notNull(),
    /**
     * The first source the question cites, for listings and filters; null for
     * an uncited question. All cited passages are in `body.evidence`.
     */
    sourceId: text('source_id').references(() => sources.id),
    body: text('body', { mode: 'json' }).$type<Question>().notNull(),
    /** The instructor who wrote it; null for the bank's questions. */
    ownerId: text('owner_id').references(() => instructors.id),
  },
  (table) => [
    index('questions_source_idx').on(table.sourceId),
    index('questions_owner_idx').on(table.ownerId),
  ],
)

export const setQuestions = sqliteTable(
  'set_questions',
  {
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.setSlug, table.questionId] })],
)

/** Anonymous learners: a random id kept in a cookie, optionally a display name. */
export const learners = sqliteTable('learners', {
  id: text('id').primaryKey(),
  displayName: text('display_name'),
  /**
   * True when `displayName` came from a course site embedding a quiz (the
   * snippet's data-cited-learner): shown as given, marked as not verified.
   */
  nameFromHost: integer('name_from_host', { mode: 'boolean' }).notNull().default(false),
  /**
   * Learners started inside an embed: SHA-256 of the learner token the course
   * page keeps (through embed.js, in its own storage) to bring them back after
   * a reload. Null for everyone else.
   */
  embedTokenHash: text('embed_token_hash').unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
})

/**
 * One run through a quiz set. `questionIds` freezes which questions, in which
 * order, so later edits to a set never change an attempt in progress; `seed`
 * drives the per-attempt choice shuffle. `score` and `answeredCount` are kept
 * up to date in the same batch that stores each response.
 */
export const attempts = sqliteTable(
  'attempts',
  {
    id: text('id').primaryKey(),
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id),
    questionIds: text('question_ids', { mode: 'json' }).$type<string[]>().notNull(),
    seed: text('seed').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    answeredCount: integer('answered_count').notNull().default(0),
    score: real('score').notNull().default(0),
    /**
     * SHA-256 of the bearer token that embedded attempts carry in their URLs
     * instead of a cookie (null for attempts started on Cited itself).
     */
    accessTokenHash: text('access_token_hash'),
    /** The published version of an instructor's set this attempt was taken on (null for bank sets). */
    setVersion: integer('set_version'),
    /** With a time limit: answers after this moment (ms) are refused. */
    deadline: integer('deadline'),
    /** The live session (live_sessions.id) this attempt was played in; null for attempts taken alone. */
    liveSessionId: text('live_session_id'),
    /** Embedded attempts: the colour scheme the course site asked for (light, dark or auto); null is light. */
    embedTheme: text('embed_theme').$type<'light' | 'dark' | 'auto'>(),
  },
  (table) => [
    index('attempts_learner_set_idx').on(table.learnerId, table.setSlug, table.startedAt),
    uniqueIndex('attempts_access_token_idx').on(table.accessTokenHash),
    // The results dashboard filters attempts by set and completion.
    index('attempts_set_completed_idx').on(table.setSlug, table.completedAt),
  ],
)

/** One graded answer; unique per (attempt, question) so a replayed answer never counts twice. */
export const responses = sqliteTable(
  'responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    answer: text('answer', { mode: 'json' }).$type<Answer>().notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    /** The points kept: the grade's, less the set's penalties for extra tries and hints (quiz/penalties.ts). */
    points: real('points').notNull(),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
    /** Tries this final answer took, itself included (1 unless the set allows several tries). */
    triesUsed: integer('tries_used').notNull().default(1),
    /** Hints revealed before this answer. */
    hintsUsed: integer('hints_used').notNull().default(0),
  },
  (table) => [
    uniqueIndex('responses_attempt_question_idx').on(table.attemptId, table.questionId),
    // Per-question statistics read every response to a question.
    index('responses_question_idx').on(table.questionId),
  ],
)

/**
 * A wrong try at a question of a set that allows several tries: not final, so
 * not a response. Unique per (attempt, question, try) so two tries arriving
 * at once cannot take the same place, and per (attempt, question, answer) so a
 * retried request with the same answer never costs a second try.
 */
export const wrongTries = sqliteTable(
  'wrong_tries',
  {
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    /** 1 for the first try. */
    tryNumber: integer('try_number').notNull(),
    answer: text('answer', { mode: 'json' }).$type<Answer>().notNull(),
    /** The answer as canonical JSON: the same answer sent again is the same try. */
    answerKey: text('answer_key').notNull(),
    points: real('points').notNull(),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.attemptId, table.questionId, table.tryNumber] }),
    uniqueIndex('wrong_tries_answer_idx').on(table.attemptId, table.questionId, table.answerKey),
  ],
)

/**
 * A hint a learner revealed during an attempt (0 is the question's first
 * hint). The primary key makes a replayed reveal a no-op.
 */
export const revealedHints = sqliteTable(
  'revealed_hints',
  {
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    hintIndex: integer('hint_index').notNull(),
    revealedAt: integer('revealed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.attemptId, table.questionId, table.hintIndex] })],
)

/**
 * FSRS memory state of one question for one learner (see learning/schedule.ts).
 * Updated in the same batch as the answer that reviewed it.
 */
export const cards = sqliteTable(
  'cards',
  {
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    due: integer('due').notNull(),
    stability: real('stability').notNull(),
    difficulty: real('difficulty').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    state: integer('state').$type<State>().notNull(),
    lastReview: integer('last_review'),
  },
  (table) => [
    primaryKey({ columns: [table.learnerId, table.questionId] }),
    index('cards_learner_due_idx').on(table.learnerId, table.due),
  ],
)

/**
 * The review log: every graded answer, from an attempt or from practice. The id
 * is `attemptId:questionId` for attempts and the practice offer's id for practice,
 * so a replayed answer (double tap, offline queue) is stored once.
 */
export const reviews = sqliteTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    attemptId: text('attempt_id').references(() => attempts.id),
    answer: text('answer', { mode: 'json' }).$type<Answer>().notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    points: real('points').notNull(),
    rating: integer('rating').notNull(),
    reviewedAt: integer('reviewed_at').notNull(),
  },
  (table) => [index('reviews_learner_time_idx').on(table.learnerId, table.reviewedAt)],
)

/** One-time codes that hand a learner id to another device (learning/transfer-code.ts). */
export const transferCodes = sqliteTable(
  'transfer_codes',
  {
    code: text('code').primaryKey(),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('transfer_codes_learner_idx').on(table.learnerId)],
)

/**
 * Studio accounts. `email` is stored lower-cased (so it is unique regardless of
 * case); the password is PBKDF2-SHA-256 (see auth/password.ts) with the salt
 * and iteration count kept per row, so the cost can be raised later without
 * locking anyone out.
 */
export const instructors = sqliteTable(
  'instructors',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    salt: text('salt').notNull(),
    iterations: integer('iterations').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (table) => [uniqueIndex('instructors_email_idx').on(table.email)],
)

/**
 * Signed-in browsers. `id` is the SHA-256 of the cookie's token, so a leaked
 * database cannot be replayed as cookies. Times are ms since 1970.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    instructorId: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (table) => [index('sessions_instructor_idx').on(table.instructorId)],
)

/**
 * Passkeys (WebAuthn credentials) an instructor signs in with instead of a
 * password (services/passkeys.ts). `id` is the credential id (base64url) the
 * authenticator returns at sign-in; `publicKey` is its COSE public key
 * (base64url). `counter` is the authenticator's signature counter, which must
 * grow at each use when it is not 0 (a cloned key would fall behind).
 */
export const passkeys = sqliteTable(
  'passkeys',
  {
    id: text('id').primaryKey(),
    instructorId: text('instructor_id')
      .notNull()
      .references(() => instructors.id, { onDelete: 'cascade' }),
    /** The instructor's own label, e.g. "Laptop fingerprint". */
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull(),
    /** How the browser may reach the authenticator ("internal", "usb", "hybrid"...), as JSON. */
    transports: text('transports', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
  },
  (table) => [index('passkeys_instructor_idx').on(table.instructorId)],
)

/**
 * WebAuthn challenges handed out and not yet used: single-use (deleted when
 * a response comes back with one), short-lived, and bound to what they were
 * issued for (`purpose`: register or sign-in; `instructorId` for register).
 */
export const webauthnChallenges = sqliteTable(
  'webauthn_challenges',
  {
    challenge: text('challenge').primaryKey(),
    purpose: text('purpose', { enum: ['register', 'signin'] }).notNull(),
    instructorId: text('instructor_id').references(() => instructors.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('webauthn_challenges_expiry_idx').on(table.expiresAt)],
)

/**
 * Rate limits (auth/rate-limit.ts, db/rate-limits.ts): one row per counted
 * attempt, keyed by bucket (`signin:account:<email>`, `signin:ip:<address>`,
 * `passkey:challenge:ip:<address>`,
 * `signup:ip:<address>`, `signup:all`, `claim:learner:<keyed hash>`,
 * `claim:ip:<address>`, `claim:all`, `report:learner:<keyed hash>`,
 * `report:ip:<address>`). A row is reserved before the guarded
 * work, in the statement that counts the window, so a burst of parallel
 * requests cannot all pass; pruned once `expires_at` has passed.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bucket: text('bucket').notNull(),
    at: integer('at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [
    index('rate_limits_bucket_at_idx').on(table.bucket, table.at),
    index('rate_limits_expiry_idx').on(table.expiresAt),
  ],
)

/**
 * LTI 1.3: the tool's own RS256 signing keys (src/lti/tool-keys.ts). Made on
 * first use; `kid` names the key in /lti/jwks so keys can be rotated. The
 * private JWK never leaves the Worker: no route returns it and nothing logs it.
 */
export const ltiKeys = sqliteTable('lti_keys', {
  kid: text('kid').primaryKey(),
  privateJwk: text('private_jwk', { mode: 'json' }).$type<JWK>().notNull(),
  publicJwk: text('public_jwk', { mode: 'json' }).$type<JWK>().notNull(),
  createdAt: integer('created_at').notNull(),
  /** Set when a newer key took over; still published for a while so tokens in flight verify. */
  retiredAt: integer('retired_at'),
})

/** An LMS (Moodle, Canvas...) registered by an instructor in the studio (/studio/lti). */
export const ltiPlatforms = sqliteTable(
  'lti_platforms',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => instructors.id, { onDelete: 'cascade' }),
    /** The instructor's own label, e.g. "Moodle at Riverside". */
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    authLoginUrl: text('auth_login_url').notNull(),
    authTokenUrl: text('auth_token_url').notNull(),
    jwksUrl: text('jwks_url').notNull(),
    /**
     * The client assertion's `aud` when the platform wants something other
     * than its token URL (Brightspace); null means the token URL.
     */
    audience: text('audience'),
    /**
     * The school's own LMS address when its grade services live there and not
     * on the token, JWKS or issuer host (Canvas Cloud, Blackboard); passback
     * URLs may use its origin too.
     */
    servicesUrl: text('services_url'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    uniqueIndex('lti_platforms_issuer_client_idx').on(table.issuer, table.clientId),
    index('lti_platforms_owner_idx').on(table.ownerId),
  ],
)

/** The deployment ids a platform may launch with (an LMS can deploy one registration several times). */
export const ltiDeployments = sqliteTable(
  'lti_deployments',
  {
    platformId: text('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    deploymentId: text('deployment_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.platformId, table.deploymentId] })],
)

/**
 * OIDC login state, kept server-side: `state` travels through the platform and
 * comes back with the id_token, `nonce` must come back inside it, once
 * (`usedAt`). No cookie is involved, because an LMS iframe often gets none.
 */
export const ltiNonces = sqliteTable(
  'lti_nonces',
  {
    nonce: text('nonce').primaryKey(),
    state: text('state').notNull(),
    platformId: text('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    targetLinkUri: text('target_link_uri').notNull(),
    /** The login's `lti_deployment_id`, when the platform sent one: the id_token must name the same. */
    deploymentId: text('deployment_id'),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (table) => [
    uniqueIndex('lti_nonces_state_idx').on(table.state),
    index('lti_nonces_expiry_idx').on(table.expiresAt),
  ],
)

/** An LMS user (the id_token's `sub` on one platform) and the Cited learner who stands for them. */
export const ltiUsers = sqliteTable(
  'lti_users',
  {
    platformId: text('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    sub: text('sub').notNull(),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.platformId, table.sub] })],
)

/** Where a score goes back to the LMS gradebook, and how sending it went. */
export type PassbackStatus = 'none' | 'pending' | 'sent' | 'failed'

/**
 * One resource-link launch that started an attempt: who (platform + sub),
 * which link, and the Assignment and Grade Services line item to score, with
 * the outcome of the last score passback (visible and retryable).
 */
export const ltiLaunches = sqliteTable(
  'lti_launches',
  {
    id: text('id').primaryKey(),
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    platformId: text('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    deploymentId: text('deployment_id').notNull(),
    /** Null for an anonymous launch (no `sub`): nothing can be sent back then. */
    userSub: text('user_sub'),
    resourceLinkId: text('resource_link_id').notNull(),
    contextId: text('context_id'),
    /** The AGS line item URL, when the platform granted the score scope for this link. */
    lineItemUrl: text('line_item_url'),
    createdAt: integer('created_at').notNull(),
    passbackStatus: text('passback_status').$type<PassbackStatus>().notNull().default('none'),
    passbackTries: integer('passback_tries').notNull().default(0),
    passbackError: text('passback_error'),
    passbackAt: integer('passback_at'),
  },
  (table) => [
    uniqueIndex('lti_launches_attempt_idx').on(table.attemptId),
    index('lti_launches_link_user_idx').on(table.platformId, table.resourceLinkId, table.userSub),
    index('lti_launches_passback_idx').on(table.platformId, table.passbackStatus),
  ],
)

export type AttemptRow = typeof attempts.$inferSelect
export type ResponseRow = typeof responses.$inferSelect
export type WrongTryRow = typeof wrongTries.$inferSelect
export type RevealedHintRow = typeof revealedHints.$inferSelect
export type QuizSetRow = typeof quizSets.$inferSelect
export type CardRow = typeof cards.$inferSelect
export type ReviewRow = typeof reviews.$inferSelect
export type InstructorRow = typeof instructors.$inferSelect
export type SessionRow = typeof sessions.$inferSelect
export type PasskeyRow = typeof passkeys.$inferSelect
export type LtiPlatformRow = typeof ltiPlatforms.$inferSelect
export type LtiLaunchRow = typeof ltiLaunches.$inferSelect

/**
 * Server-held secrets made on first use (src/services/app-secret.ts): the key
 * behind every keyed hash the learner must not be able to compute (opaque
 * question ids, shuffle seeds, learner pseudonyms). Never returned by a route.
 */
export const appSecrets = sqliteTable('app_secrets', {
  name: text('name').primaryKey(),
  /** 32 random bytes, base64url. */
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull(),
})

/**
 * A practice question as the server handed it to one learner. Its id is the
 * review id the learner answers with, so practice grades only what the queue
 * served to that learner (never a made-up id naming another question), and
 * its seed, which the learner never sees, decides the shuffle of the options.
 */
export const practiceOffers = sqliteTable(
  'practice_offers',
  {
    id: text('id').primaryKey(),
    learnerId: text('learner_id').notNull(),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    seed: text('seed').notNull(),
    servedAt: integer('served_at').notNull(),
  },
  (table) => [index('practice_offers_learner_idx').on(table.learnerId, table.servedAt)],
)

export type PracticeOfferRow = typeof practiceOffers.$inferSelect

/**
 * Live sessions (docs/live.md): one row per session an instructor starts,
 * mapping its 6-digit PIN to the Durable Object that runs the room
 * (`LIVE_ROOM.idFromName(id)`). A PIN is unique among rows; a row whose
 * `expires_at` has passed frees its PIN for the next session.
 */
export const liveSessions = sqliteTable(
  'live_sessions',
  {
    id: text('id').primaryKey(),
    pin: text('pin').notNull(),
    instructorId: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    /** The published version played (null for a bank set). */
    setVersion: integer('set_version'),
    title: text('title').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [
    uniqueIndex('live_sessions_pin_idx').on(table.pin),
    index('live_sessions_instructor_idx').on(table.instructorId, table.createdAt),
  ],
)

export type LiveSessionRow = typeof liveSessions.$inferSelect

/**
 * "Report a problem with this question": one row per learner, set and
 * question (a second report from the same learner replaces the first and
 * opens it again). Sent from an attempt in which the learner answered the
 * question and saw its feedback; `attempt_id` is the attempt it was last sent
 * from. The comment is the learner's own words: shown to the set's owner
 * (escaped) and back to that learner, never to another learner. The reply is
 * the instructor's, shown to that learner on their results. Reports on a bank
 * set (no owner) are stored and read by the operator (docs/studio.md).
 */
export const questionReports = sqliteTable(
  'question_reports',
  {
    id: text('id').primaryKey(),
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id, { onDelete: 'cascade' }),
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    reason: text('reason').$type<ReportReason>().notNull(),
    /** The learner's optional sentence (at most 500 characters); null when they wrote none. */
    comment: text('comment'),
    status: text('status').$type<ReportStatus>().notNull().default('open'),
    /** The instructor's reply, shown to this learner only; null until they write one. */
    reply: text('reply'),
    repliedAt: integer('replied_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (table) => [
    uniqueIndex('question_reports_learner_question_idx').on(table.learnerId, table.setSlug, table.questionId),
    // The studio lists and counts a set's reports, open ones first.
    index('question_reports_set_status_idx').on(table.setSlug, table.status),
  ],
)

export type QuestionReportRow = typeof questionReports.$inferSelect

/**
 * What an instructor grants one learner on one set (quiz/availability.ts):
 * extra time, extra attempts, a later closing date. Granted to a learner who
 * attempted the set (chosen by pseudonym in the studio), or made with a
 * `code` the instructor hands to a learner who has not started yet; the
 * learner enters it, which sets `learnerId` and clears the code.
 */
export const accommodations = sqliteTable(
  'accommodations',
  {
    id: text('id').primaryKey(),
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    /** Null until a code is claimed. */
    learnerId: text('learner_id').references(() => learners.id, { onDelete: 'cascade' }),
    /** The unclaimed code (`ACC-XXXX-XXXX`); null once claimed, or for a learner chosen from the results. */
    code: text('code'),
    /** The instructor's words for whom it is for and why ("Aisha B., 10C: reader"); only the studio shows it. */
    note: text('note').notNull(),
    timeMultiplier: real('time_multiplier'),
    extraMinutes: integer('extra_minutes'),
    extraAttempts: integer('extra_attempts').notNull().default(0),
    /** The learner's own closing date (ms since 1970); later than the set's to matter. */
    closesAt: integer('closes_at'),
    createdBy: text('created_by')
      .notNull()
      .references(() => instructors.id),
    createdAt: integer('created_at').notNull(),
    claimedAt: integer('claimed_at'),
  },
  (table) => [
    uniqueIndex('accommodations_learner_idx').on(table.setSlug, table.learnerId),
    uniqueIndex('accommodations_code_idx').on(table.code),
  ],
)

export type AccommodationRow = typeof accommodations.$inferSelect

/** Where a regrade stands: `running` until every response is recomputed (a resumed POST finishes it). */
export type RegradeStatus = 'running' | 'done'

/**
 * A regrade (docs/studio.md#regrade): the instructor fixed the key of a
 * published question in place and recomputed the answers already given. The
 * question's body before and after is kept, with the instructor's reason, so
 * the change can be shown to learners and audited. The id is made when the
 * preview is shown and comes back with the confirming POST, so a second POST
 * of the same form finds the row and changes nothing.
 */
export const regrades = sqliteTable(
  'regrades',
  {
    id: text('id').primaryKey(),
    setSlug: text('set_slug')
      .notNull()
      .references(() => quizSets.slug),
    questionId: text('question_id')
      .notNull()
      .references(() => questions.id),
    mode: text('mode').$type<RegradeMode>().notNull(),
    oldBody: text('old_body', { mode: 'json' }).$type<Question>().notNull(),
    newBody: text('new_body', { mode: 'json' }).$type<Question>().notNull(),
    reason: text('reason').notNull(),
    instructorId: text('instructor_id')
      .notNull()
      .references(() => instructors.id),
    createdAt: integer('created_at').notNull(),
    status: text('status').$type<RegradeStatus>().notNull().default('running'),
    finishedAt: integer('finished_at'),
    /** Counts from the preview the instructor confirmed: responses and attempts whose points change, new passes and fails. */
    responsesChanged: integer('responses_changed').notNull().default(0),
    attemptsChanged: integer('attempts_changed').notNull().default(0),
    nowPassing: integer('now_passing').notNull().default(0),
    nowFailing: integer('now_failing').notNull().default(0),
  },
  (table) => [
    index('regrades_set_idx').on(table.setSlug, table.createdAt),
    index('regrades_question_idx').on(table.questionId),
  ],
)

/**
 * One response a regrade recomputed, with its points before and after (also
 * when they did not change: the learner still sees the note). Written in the
 * same batch that updates the response, so a regrade resumed after a failure
 * skips the responses it already did.
 */
export const regradeResponses = sqliteTable(
  'regrade_responses',
  {
    regradeId: text('regrade_id')
      .notNull()
      .references(() => regrades.id, { onDelete: 'cascade' }),
    responseId: integer('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    correctBefore: integer('correct_before', { mode: 'boolean' }).notNull(),
    pointsBefore: real('points_before').notNull(),
    correctAfter: integer('correct_after', { mode: 'boolean' }).notNull(),
    pointsAfter: real('points_after').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.regradeId, table.responseId] }),
    index('regrade_responses_attempt_idx').on(table.attemptId),
  ],
)

export type RegradeRow = typeof regrades.$inferSelect
export type RegradeResponseRow = typeof regradeResponses.$inferSelect

/**
 * Uploaded images, one row per distinct content: `hash` is the SHA-256 of the
 * bytes (hex), which is also the R2 key (`images/<hash>`) and the id questions
 * refer to. The format and size were read from the bytes at upload
 * (src/images/image-format.ts). `owner_id` is the instructor who uploaded it
 * first. A row (and its R2 object) no question refers to is deleted by the
 * daily cleanup once older than a day (services/images.ts).
 */
export const images = sqliteTable(
  'images',
  {
    hash: text('hash').primaryKey(),
    ownerId: text('owner_id').references(() => instructors.id, { onDelete: 'set null' }),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('images_created_idx').on(table.createdAt)],
)

export type ImageRow = typeof images.$inferSelect
