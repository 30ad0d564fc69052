import { TextField } from '../fields'
import type { AnswerFieldsProps } from './answer-fields-props'

/** The answer of a numeric question: the answer, its tolerance and an optional unit. */
export function NumericFields({ value, errors, focus }: AnswerFieldsProps) {
  return (
    <>
      <TextField
        name="answer"
        label="Answer"
        inputMode="decimal"
        value={value('answer')}
        error={errors.answer}
        focus={focus('answer')}
        required
      />
      <TextField
        name="tolerance"
        label="Tolerance (±)"
        hint="0 for exactly the answer."
        inputMode="decimal"
        value={value('tolerance')}
        error={errors.tolerance}
        focus={focus('tolerance')}
      />
      <TextField
        name="unit"
        label="Unit (optional)"
        value={value('unit')}
        error={errors.unit}
        focus={focus('unit')}
        maxLength={20}
      />
    </>
  )
}
