import * as z from 'zod'

/**
 * How an instructor's quiz set behaves for learners (the studio edits it; a
 * published version freezes it). Bank sets use the defaults.
 */
/** The most tries per question a set may allow. */
export const MAX_TRIES = 5

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
  /**
   * Tries a learner gets at each question (Moodle's "interactive with multiple
   * tries"): after a wrong try they see the feedback on their choices, never
   * the key, and answer again. Only with feedback after each question.
   */
  triesPerQuestion: z.number().int().min(1).max(MAX_TRIES).default(1),
  /** Percent of a question's points taken off for each try after the first. */
  tryPenalty: z.number().int().min(0).max(100).default(33),
  /** Percent of a question's points taken off for each hint revealed; 0 makes hints free. */
  hintPenalty: z.number().int().min(0).max(100).default(0),
})

export type SetSettings = z.output<typeof setSettingsSchema>

/** Why a set may not allow several tries while keeping feedback for the end. */
export const TRIES_NEED_FEEDBACK =
  'Several tries need feedback after each question: with feedback at the end, a learner would never learn a try was wrong. Choose one try, or feedback after each question.'

/**
 * The settings an instructor may save: the schema, plus the one rule across
 * fields (several tries only with feedback after each question).
 */
export const savedSetSettingsSchema = setSettingsSchema.superRefine((settings, ctx) => {
  if (settings.feedback === 'end' && settings.triesPerQuestion > 1)
    ctx.addIssue({ code: 'custom', message: TRIES_NEED_FEEDBACK, path: ['triesPerQuestion'] })
})

/**
 * The tries a learner really gets at each question: the set's
 * `triesPerQuestion`, or one when feedback waits for the end (no verdict, so
 * no second try; stored settings that somehow combine them read as one try).
 */
export function triesAllowed(settings: Pick<SetSettings, 'feedback' | 'triesPerQuestion'>): number {
  return settings.feedback === 'end' ? 1 : settings.triesPerQuestion
}

export const DEFAULT_SET_SETTINGS: SetSettings = setSettingsSchema.parse({})

export const visibilities = ['public', 'unlisted', 'private'] as const
/** public: listed on the home page; unlisted: anyone with the link; private: only its owner (a draft). */
export type Visibility = (typeof visibilities)[number]
