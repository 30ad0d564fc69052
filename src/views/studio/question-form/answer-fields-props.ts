import type { FieldErrors } from '../../../studio/question-form'

/** What each type's answer fields get from the question form page. */
export type AnswerFieldsProps = {
  /** The submitted value of a field, or '' for none. */
  value: (name: string) => string
  errors: FieldErrors
  /** Whether a field gets the focus (the first one with an error). */
  focus: (name: string) => boolean
  /** The rows marked as right answers (choices). */
  correct: Set<string>
}
