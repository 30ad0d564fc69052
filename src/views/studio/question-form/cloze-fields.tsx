import { GAP_TYPES, gapFields, ROWS } from '../../../studio/question-form'
import { SelectField, TextArea, TextField } from '../fields'
import type { AnswerFieldsProps } from './answer-fields-props'

const gapTypeLabels: Record<(typeof GAP_TYPES)[number], string> = {
  text: 'Typed word(s)',
  numeric: 'Number',
  choice: 'Choice from a list',
}

/**
 * A passage question: the passage with `{{1}}`, `{{2}}`… where the gaps are,
 * and one row per gap (its kind, its answer, the other accepted answers or
 * the wrong choices, a tolerance for numbers). Rows left empty after the last
 * gap are ignored.
 */
export function ClozeFields({ value, errors, focus }: AnswerFieldsProps) {
  return (
    <>
      <TextArea
        name="passage"
        label="Passage"
        hint="Write {{1}}, {{2}}… where the gaps are, in order, each once. Row 1 below is the key of {{1}}."
        value={value('passage')}
        error={errors.passage}
        focus={focus('passage')}
        rows={5}
        required
      />
      <fieldset class="rows">
        <legend>Gaps</legend>
        <p class="hint">
          Typed answers ignore case, accents and punctuation. A choice gap lists its answer and the wrong
          choices, shuffled for learners.
        </p>
        {Array.from({ length: ROWS.gaps }, (_, index) => {
          const names = gapFields(index + 1)
          return (
            <div class="gap-row" key={names.answer}>
              <SelectField
                name={names.type}
                label={`Gap ${index + 1}: kind`}
                value={value(names.type) || 'text'}
                options={GAP_TYPES.map((type) => ({ value: type, label: gapTypeLabels[type] }))}
                error={errors[names.type]}
                focus={focus(names.type)}
              />
              <TextField
                name={names.answer}
                label={`Gap ${index + 1}: answer`}
                value={value(names.answer)}
                error={errors[names.answer]}
                focus={focus(names.answer)}
                maxLength={100}
              />
              <TextArea
                name={names.others}
                label={`Gap ${index + 1}: other accepted answers, or the wrong choices (one a line)`}
                value={value(names.others)}
                error={errors[names.others]}
                focus={focus(names.others)}
                rows={2}
              />
              <TextField
                name={names.tolerance}
                label={`Gap ${index + 1}: tolerance ± (numbers only)`}
                value={value(names.tolerance)}
                error={errors[names.tolerance]}
                focus={focus(names.tolerance)}
                inputMode="decimal"
                maxLength={20}
              />
            </div>
          )
        })}
      </fieldset>
    </>
  )
}
