import { QuestionFields, type Submitted } from '../../components/question-fields'
import type { QuizSetRow } from '../../db/schema'
import type { PublicQuestion } from '../../quiz/public-question'
import {
  difficulties,
  MAX_CITATIONS,
  MAX_HINT_LENGTH,
  type QuestionType,
  questionTypes,
} from '../../quiz/question'
import type { SourceSummary } from '../../quiz/source'
import type { SourcedPassage } from '../../services/source-library'
import type { AnswerKey } from '../../studio/answer-key'
import { citationFields, type FieldErrors, hintFieldNames, ROWS } from '../../studio/question-form'
import { Layout } from '../layout'
import { AnswerKeyPanel } from './answer-key'
import { EvidenceFields, type PassagePicker } from './evidence-fields'
import { FormError, Notice, SelectField, TextArea, TextField } from './fields'
import { typeLabels } from './labels'
import { AnswerFields } from './question-form/answer-fields'

const typeHints: Record<QuestionType, string> = {
  single: 'Several choices, one right answer.',
  multiple: 'Several choices, one or more right answers (partial credit).',
  true_false: 'A statement that is true or false.',
  numeric: 'A number, with a tolerance and an optional unit.',
  ordering: 'Items the learner puts in order (you write them in the right order).',
  matching: 'Pairs the learner matches up.',
  text: 'A short typed answer, with accepted variants.',
  cloze:
    'A passage with gaps to fill in: typed, numbers or choices (partial credit per gap). From a source: “Make a passage question” on its page.',
}

/** Choose the type of a new question (links, no JavaScript). */
export function QuestionTypePage({ set }: { set: QuizSetRow }) {
  const base = `/studio/sets/${set.slug}`
  return (
    <Layout title="Write a question" studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › New question
      </p>
      <h1>Write a question</h1>
      <p>Which kind of question?</p>
      <ul class="type-list">
        {questionTypes.map((type) => (
          <li key={type}>
            <a href={`${base}/questions/new?type=${type}`}>{typeLabels[type]}</a>
            <span class="hint"> {typeHints[type]}</span>
          </li>
        ))}
      </ul>
    </Layout>
  )
}

type FormProps = {
  set: QuizSetRow
  type: QuestionType
  /** The id of the question being edited; null for a new one. */
  editing: string | null
  form: Submitted
  errors: FieldErrors
  sources: (SourceSummary & { ownerId: string | null })[]
  preview: PublicQuestion | null
  /** The key shown beside the preview. */
  answerKey: AnswerKey | null
  /** Set when saving will make a new version of the question (copy on write). */
  frozen: boolean
  notice?: string
  sourcesWithText: string[]
  suggestions: SourcedPassage[]
  picker: PassagePicker | null
}

const FIELD_ORDER = [
  'prompt',
  ...Array.from({ length: ROWS.choices }, (_, index) => `choice_${index + 1}`),
  'correct',
  'answer',
  'tolerance',
  'unit',
  ...Array.from({ length: ROWS.items }, (_, index) => `item_${index + 1}`),
  ...Array.from({ length: ROWS.pairs }, (_, index) => [`left_${index + 1}`, `right_${index + 1}`]).flat(),
  'accept',
  'explanation',
  ...Array.from({ length: MAX_CITATIONS }, (_, index) => Object.values(citationFields(index + 1))).flat(),
  'pick',
  ...hintFieldNames,
  'tags',
  'difficulty',
]

/** The own-question form for one type, with errors next to the fields and an optional learner's-eye preview. */
export function QuestionFormPage({
  set,
  type,
  editing,
  form,
  errors,
  sources,
  preview,
  answerKey,
  frozen,
  notice,
  sourcesWithText,
  suggestions,
  picker,
}: FormProps) {
  const base = `/studio/sets/${set.slug}`
  const action = editing ? `${base}/questions/${editing}/edit` : `${base}/questions/new?type=${type}`
  const value = (name: string) => form[name]?.[0] ?? ''
  const firstError = FIELD_ORDER.find((name) => errors[name]) ?? Object.keys(errors)[0]
  const focus = (name: string) => name === firstError
  const has = Object.keys(errors).length > 0
  const heading = `${editing ? 'Edit' : 'New'} question: ${typeLabels[type].toLowerCase()}`
  const correct = new Set(form.correct ?? [])
  return (
    <Layout title={has ? `Error: ${heading}` : heading} studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › {editing ? 'Edit' : 'New'} question
      </p>
      <h1>{heading}</h1>
      <Notice message={notice} />
      {editing && (
        <p>
          <a href={`${base}/questions/${editing}/images`}>Images</a> of this question: with the prompt, the
          choices or the cited passages.
        </p>
      )}
      {frozen && (
        <p class="notice notice--info">
          Learners may have seen this question, so saving keeps the old one for published versions and puts
          the new wording into this draft.
        </p>
      )}
      <form method="post" action={action} class="studio-form question-form" novalidate>
        <FormError message={has ? 'Please fix the fields marked below.' : undefined} />
        <input type="hidden" name="type" value={type} />
        <TextArea
          name="prompt"
          label="Question"
          value={value('prompt')}
          error={errors.prompt}
          focus={focus('prompt')}
          maxLength={500}
          required
        />
        <AnswerFields type={type} value={value} errors={errors} focus={focus} correct={correct} />
        <TextArea
          name="explanation"
          label="Explanation"
          hint="Shown with the feedback: why the answer is right."
          value={value('explanation')}
          error={errors.explanation}
          focus={focus('explanation')}
          maxLength={1500}
          rows={4}
          required
        />
        <EvidenceFields
          form={form}
          errors={errors}
          focus={focus}
          sources={sources}
          sourcesWithText={sourcesWithText}
          suggestions={suggestions}
          picker={picker}
        />
        <fieldset>
          <legend>Hints (optional)</legend>
          <p class="hint">
            Learners may reveal them one at a time, in this order, before they answer. The set's settings say
            what a hint costs.
          </p>
          {hintFieldNames.map((name, index) => (
            <TextArea
              key={name}
              name={name}
              label={`Hint ${index + 1}`}
              value={value(name)}
              error={errors[name]}
              focus={focus(name)}
              maxLength={MAX_HINT_LENGTH}
              rows={2}
            />
          ))}
        </fieldset>
        <TextField
          name="tags"
          label="Tags (optional)"
          hint="Separated by commas."
          value={value('tags')}
          error={errors.tags}
          focus={focus('tags')}
          maxLength={300}
        />
        <SelectField
          name="difficulty"
          label="Difficulty"
          value={value('difficulty') || 'medium'}
          options={difficulties.map((difficulty) => ({ value: difficulty, label: difficulty }))}
          error={errors.difficulty}
          focus={focus('difficulty')}
          required
        />
        <div class="actions">
          <button class="button button--primary" type="submit" name="intent" value="save">
            Save question
          </button>
          <button class="button" type="submit" name="intent" value="preview">
            Preview
          </button>
          <a href={base}>Cancel</a>
        </div>
      </form>
      {preview && <PreviewWithKey question={preview} answerKey={answerKey} />}
    </Layout>
  )
}

/** The question exactly as a learner's form shows it (not a form here: nothing is sent). */
export function PreviewPanel({ question }: { question: PublicQuestion }) {
  return (
    <section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview: what learners see</h2>
      <div class="preview__frame answer-form">
        <QuestionFields question={question} submitted={null} />
      </div>
    </section>
  )
}

/** The learner's view and, beside it (below on a phone), the key with each cited passage in context. */
export function PreviewWithKey({
  question,
  answerKey,
}: {
  question: PublicQuestion
  answerKey: AnswerKey | null
}) {
  return (
    <div class="preview-pair">
      <PreviewPanel question={question} />
      {answerKey && <AnswerKeyPanel answerKey={answerKey} />}
    </div>
  )
}

/** A saved question's preview on a page of its own, with its key. */
export function QuestionPreviewPage({
  set,
  question,
  answerKey,
}: {
  set: QuizSetRow
  question: PublicQuestion
  answerKey: AnswerKey
}) {
  const base = `/studio/sets/${set.slug}`
  return (
    <Layout title="Question preview" studio={{ setSlug: set.slug }}>
      <p class="breadcrumbs">
        <a href="/studio">Studio</a> › <a href={base}>{set.title}</a> › Preview
      </p>
      <h1>Question preview</h1>
      <PreviewWithKey question={question} answerKey={answerKey} />
      <p>
        <a href={base}>Back to the set</a>
      </p>
    </Layout>
  )
}
