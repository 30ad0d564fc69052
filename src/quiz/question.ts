import * as z from 'zod'
import { gapMarkersOf } from './cloze'
import { figureSchema, imageRefSchema } from './image-ref'

/**
 * The question model: what an author writes in questions/*.yaml and what is
 * stored (answer key included) in D1. Learners never receive this shape; they
 * get a `PublicQuestion` (see public-question.ts).
 */

const text = z.string().trim().min(1, 'must not be empty')
/** Reports every repeated entry of `list`, at its own index under `path`. */
function reportDuplicates(
  list: string[],
  what: string,
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
) {
  const seen = new Set<string>()
  list.forEach((item, index) => {
    if (seen.has(item))
      ctx.addIssue({ code: 'custom', message: `duplicate ${what} "${item}"`, path: [...path, index] })
    seen.add(item)
  })
}
const distinct = (what: string) => (list: string[], ctx: z.RefinementCtx) => reportDuplicates(list, what, ctx)

export const difficulties = ['easy', 'medium', 'hard'] as const
export const questionTypes = [
  'single',
  'multiple',
  'true_false',
  'numeric',
  'ordering',
  'matching',
  'text',
  'cloze',
] as const
export type QuestionType = (typeof questionTypes)[number]

export const MAX_QUOTE_WORDS = 25

/** How many passages one question may cite. */
export const MAX_CITATIONS = 6

/**
 * One cited passage: a verbatim quote of a source and, when it was picked from
 * the source's stored text, its position there (src/sources/passages.ts
 * numbers paragraphs and sentences from 0).
 */
export const evidenceSchema = z.strictObject({
  source: text,
  quote: text.refine((quote) => countWords(quote) <= MAX_QUOTE_WORDS, {
    message: `quote is longer than ${MAX_QUOTE_WORDS} words`,
  }),
  paragraph: z.number().int().min(0).optional(),
  sentence: z.number().int().min(0).optional(),
  /** An image from the source shown with the quote (a chart, a map), with its caption. */
  figure: figureSchema.optional(),
})

/**
 * A question's evidence: the passages that together prove its answer (an
 * ordering question may need one per item). An empty list is an "uncited"
 * question: allowed for an instructor's own questions, shown without a source
 * box to learners and with a badge in the studio. A single object, the shape
 * written before questions could cite several passages, is read as a list of one.
 */
export const evidenceListSchema = z.preprocess(
  (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
  z.array(evidenceSchema).max(MAX_CITATIONS),
)

/** The most hints one question may carry. */
export const MAX_HINTS = 3
/** The longest hint an author may write. */
export const MAX_HINT_LENGTH = 500

/**
 * Hints a learner may reveal, one at a time and in order, before answering
 * (a set may charge for each, see quiz/penalties.ts). They may give the
 * answer away, so a page never holds one the learner has not revealed.
 */
const hintsSchema = z.array(text.max(MAX_HINT_LENGTH)).max(MAX_HINTS).optional()

const base = {
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case (a-z, 0-9 and single hyphens)')
    .max(80),
  prompt: text.max(500),
  explanation: text.max(1500),
  tags: z.array(text).default([]),
  difficulty: z.enum(difficulties),
  evidence: evidenceListSchema,
  hints: hintsSchema,
  /**
   * Set by a regrade (src/quiz/regrade.ts) that gave everyone full marks: every
   * answer to this question, given before or after, earns its point.
   */
  fullMarks: z.literal(true).optional(),
  /** An image shown with the prompt (docs/studio.md#images). */
  image: imageRefSchema.optional(),
}

const choices = (min: number) => z.array(text.max(200)).min(min).max(8).superRefine(distinct('choice'))

/** The longest feedback an author may write for one choice. */
export const MAX_CHOICE_FEEDBACK = 500

/**
 * Per-choice feedback: what picking this choice tells the learner (typically
 * what a wrong answer misunderstands), keyed by the choice's text (`True` and
 * `False` for true/false). Shown only with the learner's own pick, after they
 * answered (see feedback.ts).
 */
const choiceFeedbackSchema = z.record(z.string(), text.max(MAX_CHOICE_FEEDBACK)).optional()

/** Reports every feedback key that names no choice. */
function feedbackKeysIn(feedback: Record<string, string> | undefined, keys: string[], ctx: z.RefinementCtx) {
  for (const key of Object.keys(feedback ?? {}))
    if (!keys.includes(key))
      ctx.addIssue({
        code: 'custom',
        message: `feedback for "${key}", which is not a choice`,
        path: ['feedback', key],
      })
}

/**
 * Images shown with choices, keyed by the choice's text like `feedback`. The
 * learner gets them with the shuffled choices; an image's id is the hash of
 * its bytes, so it says nothing about which choice is right.
 */
const choiceImagesSchema = z.record(z.string(), imageRefSchema).optional()

/** Reports every choice image whose key names no choice. */
function choiceImageKeysIn(
  images: Record<string, unknown> | undefined,
  keys: string[],
  ctx: z.RefinementCtx,
) {
  for (const key of Object.keys(images ?? {}))
    if (!keys.includes(key))
      ctx.addIssue({
        code: 'custom',
        message: `an image for "${key}", which is not a choice`,
        path: ['choiceImages', key],
      })
}

/** The texts per-choice feedback is keyed by for a true/false question. */
export const TRUE_FALSE_CHOICES = ['True', 'False'] as const

const singleSchema = z
  .strictObject({
    ...base,
    type: z.literal('single'),
    choices: choices(2),
    answer: text,
    /** Other choices also accepted as right, added by a regrade (src/quiz/regrade.ts). */
    accept: z.array(text).optional(),
    feedback: choiceFeedbackSchema,
    choiceImages: choiceImagesSchema,
  })
  .superRefine((q, ctx) => {
    feedbackKeysIn(q.feedback, q.choices, ctx)
    choiceImageKeysIn(q.choiceImages, q.choices, ctx)
    if (!q.choices.includes(q.answer))
      ctx.addIssue({
        code: 'custom',
        message: `answer "${q.answer}" is not one of the choices`,
        path: ['answer'],
      })
    q.accept?.forEach((accepted, index) => {
      if (!q.choices.includes(accepted))
        ctx.addIssue({
          code: 'custom',
          message: `accepted answer "${accepted}" is not one of the choices`,
          path: ['accept', index],
        })
    })
  })

const multipleSchema = z
  .strictObject({
    ...base,
    type: z.literal('multiple'),
    choices: choices(3),
    answer: z.array(text).min(1).superRefine(distinct('answer')),
    feedback: choiceFeedbackSchema,
    choiceImages: choiceImagesSchema,
  })
  .superRefine((q, ctx) => {
    feedbackKeysIn(q.feedback, q.choices, ctx)
    choiceImageKeysIn(q.choiceImages, q.choices, ctx)
    q.answer.forEach((answer, index) => {
      if (!q.choices.includes(answer))
        ctx.addIssue({
          code: 'custom',
          message: `answer "${answer}" is not one of the choices`,
          path: ['answer', index],
        })
    })
  })

const trueFalseSchema = z
  .strictObject({
    ...base,
    type: z.literal('true_false'),
    answer: z.boolean(),
    feedback: choiceFeedbackSchema,
  })
  .superRefine((q, ctx) => feedbackKeysIn(q.feedback, [...TRUE_FALSE_CHOICES], ctx))

const numericSchema = z.strictObject({
  ...base,
  type: z.literal('numeric'),
  answer: z.number().finite(),
  tolerance: z.number().min(0).default(0),
  unit: text.max(20).optional(),
})

const orderingSchema = z.strictObject({
  ...base,
  type: z.literal('ordering'),
  items: z.array(text.max(200)).min(3).max(8).superRefine(distinct('item')),
})

const matchingSchema = z
  .strictObject({
    ...base,
    type: z.literal('matching'),
    pairs: z
      .array(z.strictObject({ left: text.max(200), right: text.max(200) }))
      .min(3)
      .max(6),
  })
  .superRefine((q, ctx) => {
    reportDuplicates(
      q.pairs.map((pair) => pair.left),
      'left',
      ctx,
      ['pairs'],
    )
    reportDuplicates(
      q.pairs.map((pair) => pair.right),
      'right',
      ctx,
      ['pairs'],
    )
  })

const textSchema = z.strictObject({
  ...base,
  type: z.literal('text'),
  answer: text.max(200),
  accept: z.array(text.max(200)).default([]),
})

/** The most gaps one passage may have, and the longest passage. */
export const MAX_GAPS = 8
export const MAX_PASSAGE = 1500

/**
 * One gap of a cloze passage: typed text (the answer and accepted variants,
 * compared as the `text` type does), a number (with a tolerance, as the
 * `numeric` type), or a choice from a short list (shuffled per attempt).
 */
const gapSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('text'),
    answer: text.max(100),
    accept: z.array(text.max(100)).default([]),
  }),
  z.strictObject({
    type: z.literal('numeric'),
    answer: z.number().finite(),
    tolerance: z.number().min(0).default(0),
  }),
  z
    .strictObject({
      type: z.literal('choice'),
      choices: z.array(text.max(100)).min(2).max(6).superRefine(distinct('choice')),
      answer: text.max(100),
    })
    .superRefine((gap, ctx) => {
      if (!gap.choices.includes(gap.answer))
        ctx.addIssue({
          code: 'custom',
          message: `answer "${gap.answer}" is not one of the choices`,
          path: ['answer'],
        })
    }),
])
export type Gap = z.infer<typeof gapSchema>

/**
 * A passage with gaps: `passage` holds `{{1}}`…`{{n}}` markers, once each and
 * in order, and `gaps[i]` is the key of marker `{{i+1}}`. The prompt says what
 * to do ("Fill in the gaps in this passage from…").
 */
const clozeSchema = z
  .strictObject({
    ...base,
    type: z.literal('cloze'),
    passage: text.max(MAX_PASSAGE),
    gaps: z.array(gapSchema).min(1).max(MAX_GAPS),
  })
  .superRefine((q, ctx) => {
    const markers = gapMarkersOf(q.passage)
    const expected = q.gaps.map((_, index) => index + 1)
    if (markers.join(',') === expected.join(',')) return
    const missing = expected.filter((number) => !markers.includes(number))
    const unknown = markers.filter((number) => number < 1 || number > q.gaps.length)
    const message = missing.length
      ? `gap ${missing[0]} has no {{${missing[0]}}} marker in the passage`
      : unknown.length
        ? `marker {{${unknown[0]}}} has no gap (there are ${q.gaps.length})`
        : `write each marker once, in order: ${expected.map((number) => `{{${number}}}`).join(' ')}`
    ctx.addIssue({ code: 'custom', message, path: ['passage'] })
  })

export const questionSchema = z.discriminatedUnion('type', [
  singleSchema,
  multipleSchema,
  trueFalseSchema,
  numericSchema,
  orderingSchema,
  matchingSchema,
  textSchema,
  clozeSchema,
])

export type Question = z.infer<typeof questionSchema>
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>
export type Evidence = z.infer<typeof evidenceSchema>

/** The types whose choices may each carry feedback. */
export type ChoiceFeedbackType = 'single' | 'multiple' | 'true_false'
export const hasChoiceFeedback = (question: Question): question is QuestionOf<ChoiceFeedbackType> =>
  question.type === 'single' || question.type === 'multiple' || question.type === 'true_false'

/** A question's hints (none when it has no `hints` field). */
export const hintsOf = (question: Pick<Question, 'hints'>): string[] => question.hints ?? []

/** Whether a question cites no passage (allowed for own questions; the studio flags it). */
export const isUncited = (question: Pick<Question, 'evidence'>): boolean => question.evidence.length === 0

/** Counts words the way a reader would: runs of non-space characters. */
export function countWords(value: string): number {
  return value.trim().split(/\s+/).filter(Boolean).length
}
