import { gapKind, passagePieces } from './cloze'
import { type PublicImage, publicImage } from './image-ref'
import { type OptionKind, optionId } from './option-id'
import type { Question, QuestionType } from './question'
import { seededShuffle } from './shuffle'

/**
 * One selectable thing as the learner sees it: an opaque id and its text, and
 * for a choice with an image, the image (named by the hash of its bytes, so it
 * tells nothing of the key).
 */
export type Option = { id: string; text: string; image?: PublicImage }

/** `image` only when the question has one, so a question without keeps exactly its old shape. */
type PublicBase = { id: string; prompt: string; image?: PublicImage }

/**
 * A cloze passage reaches the learner as `passage`, the words around the gaps
 * (gap n between `passage[n-1]` and `passage[n]`), and `gaps`, in order.
 */
/** A gap as the learner gets it: what to type or the options to choose from, never the key. */
export type PublicGap = { kind: 'text' } | { kind: 'numeric' } | { kind: 'choice'; choices: Option[] }

/**
 * What a learner's browser receives for a question it has not answered yet:
 * the prompt and the options, shuffled, with no trace of the answer key.
 */
export type PublicQuestion = PublicBase &
  (
    | { type: 'single'; choices: Option[] }
    | { type: 'multiple'; choices: Option[] }
    | { type: 'true_false' }
    | { type: 'numeric'; unit: string | null }
    | { type: 'ordering'; items: Option[] }
    | { type: 'matching'; lefts: Option[]; rights: Option[] }
    | { type: 'text' }
    | { type: 'cloze'; passage: string[]; gaps: PublicGap[] }
  )

export type PublicQuestionOf<T extends QuestionType> = Extract<PublicQuestion, { type: T }>

export type PublicQuestionOptions = {
  /** The id the learner knows this question by (see learner-question-id.ts); option ids derive from it. */
  publicId: string
  /**
   * Decides the order of options. It must be a value the learner never sees
   * (an attempt's stored seed, a practice offer's seed, or a keyed hash):
   * ordering items and matching rights are listed in answer order by their
   * author, so a learner who knew the seed could undo the shuffle.
   */
  seed: string
  /**
   * Shuffle the choices of single and multiple choice questions (the default);
   * false keeps them in authored order. Ordering items and matching rights are
   * always shuffled, because their authored order is the answer.
   */
  shuffleChoices?: boolean
}

/**
 * Strips the answer key, replaces the author's id with the learner id, and
 * shuffles options with `seed` (an attempt's seed, so the order is stable for
 * that attempt and differs between attempts). Lefts of a matching question
 * keep their order; only the rights move.
 * @example toPublicQuestion(question, { publicId, seed: attempt.seed, shuffleChoices: false }) // choices as authored
 */
export function toPublicQuestion(
  question: Question,
  { publicId, seed, shuffleChoices = true }: PublicQuestionOptions,
): PublicQuestion {
  const shuffleSeed = `${seed}:${publicId}`
  const options = (kind: OptionKind, texts: string[]): Option[] =>
    texts.map((text) => ({ id: optionId(publicId, kind, text), text }))
  const base = {
    id: publicId,
    prompt: question.prompt,
    ...(question.image ? { image: publicImage(question.image) } : {}),
  }
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const pictured = question.choiceImages ?? {}
      const choices = options('choice', question.choices).map((option) => {
        const image = Object.hasOwn(pictured, option.text) ? pictured[option.text] : undefined
        return image ? { ...option, image: publicImage(image) } : option
      })
      return {
        ...base,
        type: question.type,
        choices: shuffleChoices ? seededShuffle(shuffleSeed, choices) : choices,
      }
    }
    case 'true_false':
      return { ...base, type: 'true_false' }
    case 'numeric':
      return { ...base, type: 'numeric', unit: question.unit ?? null }
    case 'ordering':
      // A plain shuffle, which shows the answer order by chance (1 in n!): ruling it out
      // would tell a learner facing two items, or two pairs, the answer.
      return {
        ...base,
        type: 'ordering',
        items: seededShuffle(shuffleSeed, options('item', question.items)),
      }
    case 'matching':
      return {
        ...base,
        type: 'matching',
        lefts: options(
          'left',
          question.pairs.map((pair) => pair.left),
        ),
        rights: seededShuffle(
          shuffleSeed,
          options(
            'right',
            question.pairs.map((pair) => pair.right),
          ),
        ),
      }
    case 'text':
      return { ...base, type: 'text' }
    case 'cloze':
      return {
        ...base,
        type: 'cloze',
        passage: passagePieces(question.passage),
        gaps: question.gaps.map((gap, index): PublicGap => {
          if (gap.type !== 'choice') return { kind: gap.type }
          // Authors tend to write the right choice first: shuffle like other choices, each gap on its own.
          const choices = options(gapKind(index + 1), gap.choices)
          return {
            kind: 'choice',
            choices: shuffleChoices ? seededShuffle(`${shuffleSeed}:gap${index + 1}`, choices) : choices,
          }
        }),
      }
  }
}

/**
 * A question as its author previews it in the studio: the author may see the
 * author id, and a fresh random order on each preview shows what learners get.
 */
export function instructorPreview(question: Question): PublicQuestion {
  return toPublicQuestion(question, { publicId: question.id, seed: crypto.randomUUID() })
}
