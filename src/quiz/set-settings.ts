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
})

export type SetSettings = z.output<typeof setSettingsSchema>

export const DEFAULT_SET_SETTINGS: SetSettings = setSettingsSchema.parse({})

export const visibilities = ['public', 'unlisted', 'private'] as const
/** public: listed on the home page; unlisted: anyone with the link; private: only its owner (a draft). */
export type Visibility = (typeof visibilities)[number]
