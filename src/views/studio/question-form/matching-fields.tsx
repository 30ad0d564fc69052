import { ROWS } from '../../../studio/question-form'
import { TextField } from '../fields'
import type { AnswerFieldsProps } from './answer-fields-props'

/** The answer of a matching question: the pairs, each item with its match. */
export function MatchingFields({ value, errors, focus }: AnswerFieldsProps) {
  return (
    <fieldset class="rows">
      <legend>Pairs</legend>
      <p class="hint">At least 3. Learners get the right-hand side shuffled.</p>
      {Array.from({ length: ROWS.pairs }, (_, index) => (
        <div class="pair" key={`pair_${index + 1}`}>
          <TextField
            name={`left_${index + 1}`}
            label={`Item ${index + 1}`}
            value={value(`left_${index + 1}`)}
            error={errors[`left_${index + 1}`]}
            focus={focus(`left_${index + 1}`)}
            maxLength={200}
          />
          <TextField
            name={`right_${index + 1}`}
            label={`Its match ${index + 1}`}
            value={value(`right_${index + 1}`)}
            error={errors[`right_${index + 1}`]}
            focus={focus(`right_${index + 1}`)}
            maxLength={200}
          />
        </div>
      ))}
    </fieldset>
  )
}
