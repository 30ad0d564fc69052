import type { AnswerFieldsProps } from './answer-fields-props'
import { ChoiceFeedbackField } from './choice-fields'

/** The answer of a true-or-false question: whether the statement is true. */
export function TrueFalseFields(props: AnswerFieldsProps) {
  const { value, errors, focus } = props
  return (
    <>
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
      <fieldset class="rows">
        <legend>Feedback on each answer (optional)</legend>
        <p class="hint">Shown to a learner who gave that answer, after they answer.</p>
        <ChoiceFeedbackField name="feedback_true" label="Feedback on True" {...props} />
        <ChoiceFeedbackField name="feedback_false" label="Feedback on False" {...props} />
      </fieldset>
    </>
  )
}
