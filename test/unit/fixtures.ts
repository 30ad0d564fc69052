import { optionId } from '../../src/quiz/option-id'
import { type QuestionOf, type QuestionType, questionSchema } from '../../src/quiz/question'

/**
 * One small, valid question per type, parsed through the real schema so that
 * defaults (tags, tolerance, accept) are filled in exactly as the bank does.
 */
const shared = {
  explanation: 'Written in our own words: why the answer is right.',
  difficulty: 'easy',
  evidence: { source: 'diplomatic-courier-mikovic', quote: 'The pipeline carries over 80% of exports' },
} as const

function parse<T extends QuestionType>(type: T, fields: Record<string, unknown>): QuestionOf<T> {
  return questionSchema.parse({ ...shared, ...fields, type }) as QuestionOf<T>
}

export const single = parse('single', {
  id: 'oil-destination-sea',
  prompt: 'To which sea does the pipeline carry Kazakh oil?',
  choices: ['Black Sea', 'Baltic Sea', 'Caspian Sea', 'Sea of Azov'],
  answer: 'Black Sea',
})

export const multiple = parse('multiple', {
  id: 'spief-unrecognised-entities',
  prompt: 'Which of these did Tokayev say Kazakhstan does not recognise?',
  choices: ['Taiwan', 'Kosovo', 'Crimea', 'South Ossetia', 'Abkhazia'],
  answer: ['Taiwan', 'Kosovo', 'South Ossetia', 'Abkhazia'],
})

export const trueFalse = parse('true_false', {
  id: 'spief-recognised-donbas',
  prompt: 'Tokayev recognised the Donbas republics at the forum.',
  answer: false,
})

export const numeric = parse('numeric', {
  id: 'oil-suspension-length',
  prompt: 'For how many days was the pipeline ordered to stop?',
  answer: 30,
  tolerance: 2,
  unit: 'days',
})

export const ordering = parse('ordering', {
  id: 'oil-timeline',
  prompt: 'Put these events in order, earliest first.',
  items: [
    'Tokayev refuses to recognise Donetsk and Luhansk',
    'Tokayev opens a railway in Tehran',
    'Tokayev pledges to help the EU',
    'A Russian court orders the pipeline to stop',
  ],
})

export const matching = parse('matching', {
  id: 'ties-people-roles',
  prompt: 'Match each person to their role.',
  pairs: [
    { left: 'Dosim Satpaev', right: 'Kazakh political scientist' },
    { left: 'Dmitry Peskov', right: "Putin's spokesman" },
    { left: 'Bruce Pannier', right: 'Podcast guest' },
    { left: 'Nikola Mikovic', right: 'Diplomatic Courier correspondent' },
  ],
})

export const text = parse('text', {
  id: 'oil-port-name',
  prompt: 'Which Russian port handles most of the exports?',
  answer: 'Novorossiysk',
  accept: ['Novorossiisk', 'port of Novorossiysk'],
})

export const cloze = parse('cloze', {
  id: 'oil-route-passage',
  prompt: 'Fill in the gaps in this passage.',
  passage: 'The pipeline carries over {{1}}% of exports to {{2}} on the {{3}} Sea.',
  gaps: [
    { type: 'numeric', answer: 80, tolerance: 1 },
    { type: 'text', answer: 'Novorossiysk', accept: ['Novorossiisk'] },
    { type: 'choice', choices: ['Black', 'Baltic', 'Caspian'], answer: 'Black' },
  ],
})

export const everyType = { single, multiple, trueFalse, numeric, ordering, matching, text, cloze }

/** Option id helpers that read like the learner's clicks. */
export const choiceId = (question: QuestionOf<'single' | 'multiple'>, choice: string) =>
  optionId(question.id, 'choice', choice)
export const itemId = (question: QuestionOf<'ordering'>, item: string) => optionId(question.id, 'item', item)
export const leftId = (question: QuestionOf<'matching'>, left: string) => optionId(question.id, 'left', left)
export const rightId = (question: QuestionOf<'matching'>, right: string) =>
  optionId(question.id, 'right', right)

/** The authored pairs as a matches record (left id -> right id): the fully correct answer. */
export function correctMatches(question: QuestionOf<'matching'>): Record<string, string> {
  return Object.fromEntries(
    question.pairs.map((pair) => [leftId(question, pair.left), rightId(question, pair.right)]),
  )
}
