import { TextArea, TextField } from '../fields'
import type { AnswerFieldsProps } from './answer-fields-props'

/** The answer of a short-text question: the answer and the other accepted answers. */
export function TextAnswerFields({ value, errors, focus }: AnswerFieldsProps) {
  return (
    <>
      <TextField
        name="answer"
        label="Answer"
        value={value('answer')}
        error={errors.answer}
        focus={focus('answer')}
        maxLength={200}
        required
      />
      <TextArea
        name="accept"
        label="Other accepted answers (one a line)"
        hint="Case, accents, punctuation and extra spaces are already ignored."
        value={value('accept')}
        error={errors.accept}
        focus={focus('accept')}
        rows={3}
      />
    </>
  )
}
