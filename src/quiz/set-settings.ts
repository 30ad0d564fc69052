import * as z from 'zod'

/**
 * How an instructor's quiz set behaves for learners (the studio edits it; a
 * published version freezes it). Bank sets use the defaults.
 */
export const setSettingsSchema = z.strictObject({
  /** Feedback after each question, or only on the results page (exam style). */
  feedback: z.enum(['each', 'end']).default('each'),
  shuffleQuestions: z.boolean().default(false),
  shuffleChoices: z.boolean().default(true),
  /** Draw this many questions at random from the set for each attempt; null for all of them. */
  drawCount: z.number().int().min(1).max(200).nullable().default(null),
  timeLimitMinutes: z.number().int().min(1).max(600).nullable().default(null),
  /** Attempts a learner may start; null for unlimited. */
  attemptsAllowed: z.number().int().min(1).max(100).nullable().default(null),
  /** Percent of the points needed to pass. */
  passMark: z.number().int().min(0).max(100).default(60),
  /** When learners may start (ms since 1970, UTC); null: open from publishing. Applies at once, unpublished (quiz/availability.ts). */
  opensAt: z.number().int().nonnegative().nullable().default(null),
  /** When new attempts stop (ms since 1970, UTC); null: never closes. Checked to be after `opensAt` by the form. */
  closesAt: z.number().int().nonnegative().nullable().default(null),
  /** Minutes an attempt in progress at `closesAt` may go on after it. */
  graceMinutes: z.number().int().min(0).max(1440).default(0),
  /** The IANA zone the instructor entered the dates in, so the form shows them the same way again. */
  dateTimeZone: z.string().max(64).nullable().default(null),
})

export type SetSettings = z.output<typeof setSettingsSchema>

export const DEFAULT_SET_SETTINGS: SetSettings = setSettingsSchema.parse({})

export const visibilities = ['public', 'unlisted', 'private'] as const
/** public: listed on the home page; unlisted: anyone with the link; private: only its owner (a draft). */
export type Visibility = (typeof visibilities)[number]
