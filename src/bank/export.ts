import { describeCorrectAnswer } from '../quiz/grade'
import { hasChoiceFeedback, hintsOf, type Question } from '../quiz/question'
import type { Source } from '../quiz/source'

/** One question in the `questions:export` JSON format: readable texts, answers included. */
export type ExportedQuestion = {
  id: string
  set: string
  type: Question['type']
  prompt: string
  choices: string[] | null
  correct: string[]
  explanation: string
  tags: string[]
  difficulty: Question['difficulty']
  /** Every cited passage with its source's title and outlet; empty for an uncited question. */
  evidence: ExportedEvidence[]
  /** Per-choice feedback, `{ "<choice text>": "<text>" }`; present only when the author wrote some. */
  feedback?: Record<string, string>
  /** Hints in the order learners reveal them; present only when the author wrote some. */
  hints?: string[]
  question: Question
}

export type ExportedEvidence = {
  source: string
  quote: string
  paragraph?: number
  sentence?: number
  title: string | null
  outlet: string | null
}

/** The texts a learner chooses from, where the type has them (matching: the right-hand side). */
function choiceTexts(question: Question): string[] | null {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.choices
    case 'true_false':
      return ['True', 'False']
    case 'ordering':
      return question.items
    case 'matching':
      return question.pairs.map((pair) => pair.right)
    default:
      return null
  }
}

/**
 * Flattens a question for export; `question` keeps the full authored form so
 * an import can restore every field.
 */
export function exportQuestion(set: string, question: Question, sources: Source[]): ExportedQuestion {
  const evidence = question.evidence.map((cited): ExportedEvidence => {
    const source = sources.find((candidate) => candidate.id === cited.source)
    return { ...cited, title: source?.title ?? null, outlet: source?.outlet ?? null }
  })
  return {
    id: question.id,
    set,
    type: question.type,
    prompt: question.prompt,
    choices: choiceTexts(question),
    correct: question.type === 'numeric' ? [String(question.answer)] : describeCorrectAnswer(question),
    explanation: question.explanation,
    tags: question.tags,
    difficulty: question.difficulty,
    evidence,
    ...(hasChoiceFeedback(question) && question.feedback ? { feedback: question.feedback } : {}),
    ...(hintsOf(question).length ? { hints: hintsOf(question) } : {}),
    question,
  }
}
