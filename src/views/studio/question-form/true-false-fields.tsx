import type { AnswerFieldsProps } from './answer-fields-props'

/** The answer of a true-or-false question: whether the statement is true. */
export function TrueFalseFields({ value, errors, focus }: AnswerFieldsProps) {
  return (
    <fieldset class="rows" aria-describedby={errors.answer ? 'answer-error' : undefined}>
      <legend>The statement is</legend>
      {errors.answer && (
        <p class="field-error" id="answer-error">
          {errors.answer}
        </p>
      )}
      {['true', 'false'].map((choice, index) => (
        <label class="option" key={choice}>
          <input
            type="radio"
            name="answer"
            value={choice}
            checked={value('answer') === choice}
            autofocus={focus('answer') && index === 0}
          />
          <span>{choice === 'true' ? 'True' : 'False'}</span>
        </label>
      ))}
    </fieldset>
  )
}
