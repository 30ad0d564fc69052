import { optionId } from './option-id'
import type { Question, QuestionType } from './question'
import { seededShuffle } from './shuffle'

/** One selectable thing as the learner sees it: an opaque id and its text. */
export type Option = { id: string; text: string }

type PublicBase = { id: string; prompt: string }

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
  )

export type PublicQuestionOf<T extends QuestionType> = Extract<PublicQuestion, { type: T }>

export type PublicQuestionOptions = {
  /**
   * Shuffle the choices of single and multiple choice questions (the default);
   * false keeps them in authored order. Ordering items and matching rights are
   * always shuffled, because their authored order is the answer.
   */
  shuffleChoices?: boolean
}

/**
 * Strips the answer key and shuffles options with `seed` (an attempt's seed,
 * so the order is stable for that attempt and differs between attempts).
 * Lefts of a matching question keep their order; only the rights move.
 * @example toPublicQuestion(question, attempt.seed, { shuffleChoices: false }) // choices as authored
 */
export function toPublicQuestion(
  question: Question,
  seed: string,
  { shuffleChoices = true }: PublicQuestionOptions = {},
): PublicQuestion {
  const shuffleSeed = `${seed}:${question.id}`
  const options = (kind: 'choice' | 'item' | 'left' | 'right', texts: string[]): Option[] =>
    texts.map((text) => ({ id: optionId(question.id, kind, text), text }))
  const base = { id: question.id, prompt: question.prompt }
  switch (question.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        type: question.type,
        choices: shuffleChoices
          ? seededShuffle(shuffleSeed, options('choice', question.choices))
          : options('choice', question.choices),
      }
    case 'true_false':
      return { ...base, type: 'true_false' }
    case 'numeric':
      return { ...base, type: 'numeric', unit: question.unit ?? null }
    case 'ordering':
      return {
        ...base,
        type: 'ordering',
        items: shuffleAwayFromAnswer(shuffleSeed, options('item', question.items)),
      }
    case 'matching':
      return {
        ...base,
        type: 'matching',
        lefts: options(
          'left',
          question.pairs.map((pair) => pair.left),
        ),
        rights: shuffleAwayFromAnswer(
          shuffleSeed,
          options(
            'right',
            question.pairs.map((pair) => pair.right),
          ),
        ),
      }
    case 'text':
      return { ...base, type: 'text' }
  }
}

/**
 * Shuffles, but never returns the authored order: for ordering items and
 * matching rights, the authored order *is* the answer.
 */
function shuffleAwayFromAnswer(seed: string, options: Option[]): Option[] {
  for (let round = 0; round < 5; round++) {
    const shuffled = seededShuffle(`${seed}:${round}`, options)
    if (shuffled.some((option, index) => option.id !== options[index]?.id)) return shuffled
  }
  // Every seeded shuffle landed on the answer (only plausible for tiny lists): rotate by one.
  return [...options.slice(1), ...options.slice(0, 1)]
}
