import { ROWS } from '../../../studio/question-form'
import { TextField } from '../fields'
import type { AnswerFieldsProps } from './answer-fields-props'

/** The answer of an ordering question: the items, written in the right order. */
export function OrderingFields({ value, errors, focus }: AnswerFieldsProps) {
  return (
    <fieldset class="rows">
      <legend>Items, in the right order</legend>
      <p class="hint">At least 3. Learners get them shuffled.</p>
      {Array.from({ length: ROWS.items }, (_, index) => (
        <TextField
          key={`item_${index + 1}`}
          name={`item_${index + 1}`}
          label={`Item ${index + 1}`}
          value={value(`item_${index + 1}`)}
          error={errors[`item_${index + 1}`]}
          focus={focus(`item_${index + 1}`)}
          maxLength={200}
        />
      ))}
    </fieldset>
  )
}
