import type { QuestionType } from '../../quiz/question'

/** How the studio names each question type. */
export const typeLabels: Record<QuestionType, string> = {
  single: 'Single choice',
  multiple: 'Multiple select',
  true_false: 'True / false',
  numeric: 'Numeric',
  ordering: 'Ordering',
  matching: 'Matching',
  text: 'Short text',
  cloze: 'Passage with gaps',
}

/** How the studio names each visibility of a set. */
export const visibilityLabels = {
  public: 'Public (listed)',
  unlisted: 'Unlisted (link only)',
  private: 'Private',
}
