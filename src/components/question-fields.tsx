import { fieldName } from '../quiz/answer-form'
import type { PublicQuestion } from '../quiz/public-question'

/** Field values of a refused submission, so the learner's input comes back with the error. */
export type Submitted = Record<string, string[]>

type Props = { question: PublicQuestion; submitted: Submitted | null; disabled?: boolean }

const hints: Record<PublicQuestion['type'], string> = {
  single: 'Choose one answer.',
  multiple: 'Choose all that apply.',
  true_false: 'Choose True or False.',
  numeric: 'Type a number.',
  ordering: 'Give each item a position, starting from 1 for the first.',
  matching: 'Choose a match for each item.',
  text: 'Type a short answer.',
}

/**
 * The inputs for one question inside a fieldset whose legend is the prompt.
 * Plain form controls with stable names (see `fieldName`), so the form works
 * without JavaScript and the island can read it with the same rules.
 */
export function QuestionFields({ question, submitted, disabled = false }: Props) {
  const had = (name: string, value: string) => submitted?.[name]?.includes(value) ?? false
  const firstOf = (name: string) => submitted?.[name]?.[0] ?? ''
  const hintId = `hint-${question.id}`
  return (
    <fieldset class="question" disabled={disabled} aria-describedby={hintId}>
      <legend class="question__prompt">{question.prompt}</legend>
      <p class="question__hint" id={hintId}>
        {hints[question.type]}
      </p>
      {(question.type === 'single' || question.type === 'multiple' || question.type === 'true_false') && (
        <div class="options">
          {(question.type === 'true_false'
            ? [
                { id: 'true', text: 'True' },
                { id: 'false', text: 'False' },
              ]
            : question.choices
          ).map((choice) => (
            <label class="option" key={choice.id}>
              <input
                type={question.type === 'multiple' ? 'checkbox' : 'radio'}
                name={fieldName.choice}
                value={choice.id}
                required={question.type !== 'multiple'}
                checked={had(fieldName.choice, choice.id)}
              />
              <span>{choice.text}</span>
            </label>
          ))}
        </div>
      )}
      {(question.type === 'numeric' || question.type === 'text') && (
        <div class="free-answer">
          <label for={`answer-${question.id}`}>Your answer</label>
          <span class="free-answer__row">
            <input
              id={`answer-${question.id}`}
              type="text"
              name={question.type === 'numeric' ? fieldName.value : fieldName.text}
              inputMode={question.type === 'numeric' ? 'decimal' : 'text'}
              autoComplete="off"
              autoCapitalize="off"
              spellcheck={false}
              required
              maxLength={200}
              value={firstOf(question.type === 'numeric' ? fieldName.value : fieldName.text)}
            />
            {question.type === 'numeric' && question.unit && <span class="unit">{question.unit}</span>}
          </span>
        </div>
      )}
      {question.type === 'ordering' && (
        <ol class="pick-list">
          {question.items.map((item) => (
            <li class="pick" key={item.id}>
              <label for={`pos-${item.id}`}>{item.text}</label>
              <select id={`pos-${item.id}`} name={fieldName.position(item.id)} required>
                <option value="">Position…</option>
                {question.items.map((_, index) => (
                  <option
                    key={index}
                    value={String(index + 1)}
                    selected={firstOf(fieldName.position(item.id)) === String(index + 1)}
                  >
                    {index + 1}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ol>
      )}
      {question.type === 'matching' && (
        <ul class="pick-list">
          {question.lefts.map((left) => (
            <li class="pick" key={left.id}>
              <label for={`match-${left.id}`}>{left.text}</label>
              <select id={`match-${left.id}`} name={fieldName.match(left.id)} required>
                <option value="">Choose…</option>
                {question.rights.map((right) => (
                  <option
                    key={right.id}
                    value={right.id}
                    selected={firstOf(fieldName.match(left.id)) === right.id}
                  >
                    {right.text}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  )
}
