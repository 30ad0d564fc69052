import { MAX_CHOICE_FEEDBACK } from '../../../quiz/question'
import { ROWS } from '../../../studio/question-form'
import type { AnswerFieldsProps } from './answer-fields-props'

/** The answer of a single or multiple choice question: rows of choices, each with its right-answer mark. */
export function ChoiceFields({ type, ...props }: AnswerFieldsProps & { type: 'single' | 'multiple' }) {
  const { value, errors, focus, correct } = props
  return (
    <fieldset class="rows" aria-describedby={errors.correct ? 'correct-error' : 'choices-hint'}>
      <legend>Choices</legend>
      <p class="hint" id="choices-hint">
        {type === 'single'
          ? 'At least 2; mark the one right answer.'
          : 'At least 3; tick every right answer.'}{' '}
        Leave unused rows empty. Feedback on a choice (optional) is shown to a learner who picked it, after
        they answer.
      </p>
      {errors.correct && (
        <p class="field-error" id="correct-error">
          {errors.correct}
        </p>
      )}
      {Array.from({ length: ROWS.choices }, (_, index) => {
        const row = String(index + 1)
        const name = `choice_${row}`
        return (
          <div class="row" key={name}>
            <label for={`field-${name}`}>Choice {row}</label>
            <input
              id={`field-${name}`}
              name={name}
              type="text"
              value={value(name)}
              maxLength={200}
              autofocus={focus(name)}
              aria-invalid={errors[name] ? 'true' : undefined}
              aria-describedby={errors[name] ? `field-${name}-error` : undefined}
            />
            <label class="row__correct">
              <input
                type={type === 'single' ? 'radio' : 'checkbox'}
                name="correct"
                value={row}
                checked={correct.has(row)}
                autofocus={focus('correct') && index === 0}
              />
              <span>Right answer</span>
              <span class="visually-hidden"> (choice {row})</span>
            </label>
            {errors[name] && (
              <p class="field-error" id={`field-${name}-error`}>
                {errors[name]}
              </p>
            )}
            <ChoiceFeedbackField name={`feedback_${row}`} label={`Feedback on choice ${row}`} {...props} />
          </div>
        )
      })}
    </fieldset>
  )
}

/**
 * The optional feedback on one choice: what a learner who picked it should
 * read (typically what that wrong answer misunderstands).
 */
export function ChoiceFeedbackField({
  name,
  label,
  value,
  errors,
  focus,
}: Pick<AnswerFieldsProps, 'value' | 'errors' | 'focus'> & { name: string; label: string }) {
  return (
    <div class="row__feedback">
      <label for={`field-${name}`}>
        {label} <span class="hint">(optional)</span>
      </label>
      <input
        id={`field-${name}`}
        name={name}
        type="text"
        value={value(name)}
        maxLength={MAX_CHOICE_FEEDBACK}
        autofocus={focus(name)}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={errors[name] ? `field-${name}-error` : undefined}
      />
      {errors[name] && (
        <p class="field-error" id={`field-${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  )
}
