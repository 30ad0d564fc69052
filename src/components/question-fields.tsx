import { Fragment } from 'preact'
import { type FormFields, fieldName } from '../quiz/answer-form'
import { gapLabel } from '../quiz/cloze'
import type { PublicImage } from '../quiz/image-ref'
import type { PublicQuestion, PublicQuestionOf } from '../quiz/public-question'
import { OrderList } from './order-list'
import { PairMatcher } from './pair-matcher'
import { ResponsiveImage } from './responsive-image'
import { useHydrated } from './use-hydrated'

/** Field values of a refused submission, so the learner's input comes back with the error. */
export type Submitted = FormFields

/** The hints of the tap-first widgets that replace the plain form once hydrated. */
const hydratedHints: Partial<Record<PublicQuestion['type'], string>> = {
  ordering: 'Put the items in order, the first at the top.',
  matching: 'Match each item with one of the matches.',
}

/** The letter that names a match in the plain matching form: A, B, C… (at most 6 pairs). */
const letter = (index: number) => String.fromCharCode(65 + index)

type Props = { question: PublicQuestion; submitted: Submitted | null; disabled?: boolean }

const hints: Record<PublicQuestion['type'], string> = {
  single: 'Choose one answer.',
  multiple: 'Choose all that apply.',
  true_false: 'Choose True or False.',
  numeric: 'Type a number.',
  ordering: 'Give each item a position, starting from 1 for the first.',
  matching: 'Choose a match for each item.',
  text: 'Type a short answer.',
  cloze: 'Fill in each gap of the passage.',
}

/**
 * The inputs for one question inside a fieldset whose legend is the prompt.
 * Plain form controls with stable names (see `fieldName`), so the form works
 * without JavaScript and the island can read it with the same rules. Once
 * hydrated, ordering and matching become tap-first widgets with hidden fields
 * of the same names. Inputs are uncontrolled (`defaultValue`, `defaultChecked`):
 * a re-render, such as the island's while it sends, never resets what the
 * learner typed.
 */
export function QuestionFields({ question, submitted, disabled = false }: Props) {
  const hydrated = useHydrated()
  const had = (name: string, value: string) => submitted?.[name]?.includes(value) ?? false
  const firstOf = (name: string) => submitted?.[name]?.[0] ?? ''
  const hintId = `hint-${question.id}`
  return (
    <fieldset class="question" disabled={disabled} aria-describedby={hintId}>
      <legend class="question__prompt">{question.prompt}</legend>
      {question.image && <ResponsiveImage image={question.image} class="question__image" />}
      <p class="question__hint" id={hintId}>
        {(hydrated && hydratedHints[question.type]) || hints[question.type]}
      </p>
      {(question.type === 'single' || question.type === 'multiple' || question.type === 'true_false') && (
        <div class="options">
          {(question.type === 'true_false'
            ? [
                { id: 'true', text: 'True' },
                { id: 'false', text: 'False' },
              ]
            : question.choices
          ).map((choice: { id: string; text: string; image?: PublicImage }) => (
            <label class="option" key={choice.id}>
              <input
                type={question.type === 'multiple' ? 'checkbox' : 'radio'}
                name={fieldName.choice}
                value={choice.id}
                required={question.type !== 'multiple'}
                defaultChecked={had(fieldName.choice, choice.id)}
              />
              <span>
                {choice.text}
                {choice.image && <ResponsiveImage image={choice.image} />}
              </span>
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
              defaultValue={firstOf(question.type === 'numeric' ? fieldName.value : fieldName.text)}
            />
            {question.type === 'numeric' && question.unit && <span class="unit">{question.unit}</span>}
          </span>
        </div>
      )}
      {question.type === 'cloze' && <ClozePassage question={question} firstOf={firstOf} />}
      {question.type === 'ordering' &&
        (hydrated ? (
          <OrderList
            questionId={question.id}
            items={question.items}
            submitted={submitted}
            disabled={disabled}
          />
        ) : (
          // Without JavaScript: the full texts, each with a short select of positions.
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
        ))}
      {question.type === 'matching' &&
        (hydrated ? (
          <PairMatcher
            questionId={question.id}
            lefts={question.lefts}
            rights={question.rights}
            submitted={submitted}
            disabled={disabled}
          />
        ) : (
          // Without JavaScript: the matches in full under letters, and a select of letters per item,
          // so no native dropdown ever cuts a long text.
          <>
            <p class="match-key__title" id={`matches-${question.id}`}>
              Matches
            </p>
            <ol class="match-key" aria-labelledby={`matches-${question.id}`}>
              {question.rights.map((right, index) => (
                <li key={right.id}>
                  <span class="match-key__letter" aria-hidden="true">
                    {letter(index)}
                  </span>
                  <span class="visually-hidden">{letter(index)}: </span>
                  <span class="match-key__text">{right.text}</span>
                </li>
              ))}
            </ol>
            <ul class="pick-list">
              {question.lefts.map((left) => (
                <li class="pick" key={left.id}>
                  <label for={`match-${left.id}`}>{left.text}</label>
                  <select
                    id={`match-${left.id}`}
                    name={fieldName.match(left.id)}
                    required
                    aria-describedby={`matches-${question.id}`}
                  >
                    <option value="">Match…</option>
                    {question.rights.map((right, index) => (
                      <option
                        key={right.id}
                        value={right.id}
                        selected={firstOf(fieldName.match(left.id)) === right.id}
                      >
                        {letter(index)}
                      </option>
                    ))}
                  </select>
                </li>
              ))}
            </ul>
          </>
        ))}
    </fieldset>
  )
}

/**
 * A cloze passage read inline: the words, and at each gap a small input or
 * select named `gap-n` and labelled "gap n of m" for screen readers (the
 * passage around it is its visible context). Inline blocks that wrap, so a
 * gap never pushes the passage past a phone's width.
 */
function ClozePassage({
  question,
  firstOf,
}: {
  question: PublicQuestionOf<'cloze'>
  firstOf: (name: string) => string
}) {
  const count = question.gaps.length
  return (
    <p class="cloze">
      {question.passage.map((words, index) => {
        const gap = question.gaps[index]
        const number = index + 1
        const name = fieldName.gap(number)
        const label = gapLabel(number, count)
        return (
          <Fragment key={index}>
            {words}
            {gap?.kind === 'choice' && (
              <select class="cloze__gap" name={name} aria-label={label} required>
                <option value="">Choose…</option>
                {gap.choices.map((choice) => (
                  <option key={choice.id} value={choice.id} selected={firstOf(name) === choice.id}>
                    {choice.text}
                  </option>
                ))}
              </select>
            )}
            {gap && gap.kind !== 'choice' && (
              <input
                class="cloze__gap"
                type="text"
                name={name}
                aria-label={label}
                inputMode={gap.kind === 'numeric' ? 'decimal' : 'text'}
                autoComplete="off"
                autoCapitalize="off"
                spellcheck={false}
                required
                maxLength={200}
                size={gap.kind === 'numeric' ? 6 : 12}
                defaultValue={firstOf(name)}
              />
            )}
          </Fragment>
        )
      })}
    </p>
  )
}
