import type { RegradableQuestion, RegradeLogRow } from '../../db/regrades'
import type { QuizSetRow, RegradeRow } from '../../db/schema'
import { describeCorrectAnswer } from '../../quiz/grade'
import { questionPointsText, totalPointsText } from '../../quiz/points-text'
import type { Question } from '../../quiz/question'
import { type RegradeMode, regradeModes, regradeSentence } from '../../quiz/regrade'
import type { ChangedResponse, RegradePreview } from '../../services/regrades'
import {
  MAX_REGRADE_REASON,
  type RegradeErrors,
  type RegradeForm,
  regradeFormFields,
} from '../../studio/regrade-form'
import { Layout } from '../layout'
import { FormError, Notice, TextArea, TextField } from './fields'
import { ScrollTable } from './results-page'

/** The regrade pages of the studio (docs/studio.md#regrade): the set's regrades, the form, the preview, one regrade. */

const modeText: Record<RegradeMode, [string, string]> = {
  key: ['Change the key', 'another answer is the right one'],
  accept: ['Accept an additional answer', 'the key stays right too'],
  full_marks: ['Give everyone full marks', 'every answer, given or to come, earns its point'],
}

const dayTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
const when = (ms: number | Date) => `${dayTime.format(ms)} UTC`

const regradesPath = (set: QuizSetRow) => `/studio/sets/${set.slug}/regrades`
export const regradeFormPath = (set: QuizSetRow, questionId: string) =>
  `/studio/sets/${set.slug}/questions/${questionId}/regrade`

function Breadcrumbs({ set, here }: { set: QuizSetRow; here?: string }) {
  return (
    <p class="breadcrumbs">
      <a href="/studio">Studio</a> › <a href={`/studio/sets/${set.slug}`}>{set.title}</a> ›{' '}
      {here ? (
        <>
          <a href={regradesPath(set)}>Regrades</a> › {here}
        </>
      ) : (
        'Regrades'
      )}
    </p>
  )
}

/** The key as lines of text, or what full marks means. */
function KeyText({ question }: { question: Question }) {
  if (question.fullMarks) return <>Every answer earns full marks.</>
  return <>{describeCorrectAnswer(question).join('; ')}</>
}

/** /studio/sets/:slug/regrades: the questions that can be regraded and the log of regrades. */
export function RegradesPage({
  set,
  questions,
  log,
}: {
  set: QuizSetRow
  questions: RegradableQuestion[]
  log: RegradeLogRow[]
}) {
  return (
    <Layout title={`Regrades: ${set.title}`} studio={{ setSlug: set.slug }}>
      <Breadcrumbs set={set} />
      <h1>Regrades</h1>
      <p class="hint">A wrong key, fixed for the answers already given. You see what changes first.</p>
      <section aria-labelledby="regradable">
        <h2 id="regradable">Your questions in this set</h2>
        {questions.length === 0 ? (
          <p>None: the set holds no question of your own.</p>
        ) : (
          <ul class="plain-list">
            {questions.map((question) => (
              <li key={question.id}>
                <a href={regradeFormPath(set, question.id)}>
                  Regrade<span class="visually-hidden">: {question.body.prompt}</span>
                </a>{' '}
                {question.body.prompt}{' '}
                <span class="hint">
                  ({question.responses} answer{question.responses === 1 ? '' : 's'})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="log">
        <h2 id="log">Done so far</h2>
        {log.length === 0 ? (
          <p>No regrades yet.</p>
        ) : (
          <ul class="plain-list">
            {log.map((row) => (
              <li key={row.id}>
                <a href={`${regradesPath(set)}/${row.id}`}>{when(row.createdAt)}</a>: {row.prompt} (
                {modeText[row.mode][0]}; {regradeSentence(row, true).slice(0, -1)}
                {row.status === 'running' ? ', not finished' : ''})
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  )
}

/** Radio buttons or checkboxes over a question's choices, valued by position. */
function ChoiceInputs({
  name,
  type,
  choices,
  checked,
  error,
}: {
  name: string
  type: 'radio' | 'checkbox'
  choices: { text: string; value: string }[]
  checked: (value: string) => boolean
  error?: string
}) {
  return (
    <>
      {choices.map((choice) => (
        <label class="option" key={choice.value}>
          <input
            type={type}
            name={name}
            value={choice.value}
            checked={checked(choice.value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${name}-error` : undefined}
          />
          <span>{choice.text}</span>
        </label>
      ))}
      {error && (
        <p class="field-error" id={`${name}-error`}>
          {error}
        </p>
      )}
    </>
  )
}

/** The new key's fields for the question's type (shown whichever mode is picked: no JavaScript needed). */
function KeyFields({
  question,
  form,
  errors,
}: {
  question: Question
  form: RegradeForm
  errors: RegradeErrors
}) {
  const choices =
    'choices' in question ? question.choices.map((text, index) => ({ text, value: String(index) })) : []
  switch (question.type) {
    case 'single':
      return (
        <ChoiceInputs
          name="answer"
          type="radio"
          choices={choices}
          checked={(value) => form.answer === value}
          error={errors.answer}
        />
      )
    case 'multiple':
      return (
        <ChoiceInputs
          name="answers"
          type="checkbox"
          choices={choices}
          checked={(value) => form.answers.includes(value)}
          error={errors.answers}
        />
      )
    case 'true_false':
      return (
        <ChoiceInputs
          name="answer"
          type="radio"
          choices={[
            { text: 'True', value: 'true' },
            { text: 'False', value: 'false' },
          ]}
          checked={(value) => form.answer === value}
          error={errors.answer}
        />
      )
    case 'numeric':
      return (
        <>
          <TextField
            name="answer"
            label={`Right number${question.unit ? ` (${question.unit})` : ''}`}
            inputMode="decimal"
            value={form.answer}
            error={errors.answer}
          />
          <TextField
            name="tolerance"
            label="Tolerance (±)"
            inputMode="decimal"
            value={form.tolerance}
            error={errors.tolerance}
          />
        </>
      )
    case 'text':
      return (
        <>
          <TextField
            name="answer"
            label="Right answer"
            value={form.answer}
            error={errors.answer}
            maxLength={200}
          />
          <TextArea name="accept" label="Also accepted, one per line" value={form.accept} />
        </>
      )
    default:
      return null
  }
}

function AcceptFields({
  question,
  form,
  errors,
}: {
  question: Question
  form: RegradeForm
  errors: RegradeErrors
}) {
  if (question.type === 'single') {
    const others = question.choices
      .map((text, index) => ({ text, value: String(index) }))
      .filter(({ text }) => text !== question.answer && !question.accept?.includes(text))
    return (
      <ChoiceInputs
        name="also"
        type="radio"
        choices={others}
        checked={(value) => form.also === value}
        error={errors.also}
      />
    )
  }
  if (question.type === 'text')
    return (
      <TextField
        name="also"
        label="Answer to accept as well"
        value={form.also}
        error={errors.also}
        maxLength={200}
      />
    )
  return null
}

/** /studio/sets/:slug/questions/:id/regrade: what to change and why. */
export function RegradeFormPage({
  set,
  question,
  form,
  errors = {},
  error,
}: {
  set: QuizSetRow
  question: Question
  form: RegradeForm
  errors?: RegradeErrors
  error?: string
}) {
  const modes = regradeModes(question.type)
  const hasErrors = Boolean(error) || Object.keys(errors).length > 0
  return (
    <Layout
      title={hasErrors ? 'Error: Regrade a question' : 'Regrade a question'}
      studio={{ setSlug: set.slug }}
    >
      <Breadcrumbs set={set} here="Regrade a question" />
      <h1>Regrade a question</h1>
      <p class="regrade__prompt">{question.prompt}</p>
      <dl class="answers">
        <dt>Current key</dt>
        <dd>
          <KeyText question={question} />
        </dd>
      </dl>
      <form
        method="post"
        action={`${regradeFormPath(set, question.id)}/preview`}
        class="studio-form"
        noValidate
      >
        <FormError
          message={error ?? (hasErrors ? 'Please fix the fields marked below.' : undefined)}
          focus={hasErrors}
        />
        <fieldset aria-describedby={errors.mode ? 'mode-error' : undefined}>
          <legend>How to regrade</legend>
          {modes.map((mode) => (
            <label class="option" key={mode}>
              <input type="radio" name="mode" value={mode} checked={form.mode === mode} />
              <span>
                {modeText[mode][0]}: <span class="hint">{modeText[mode][1]}</span>
              </span>
            </label>
          ))}
          {errors.mode && (
            <p class="field-error" id="mode-error">
              {errors.mode}
            </p>
          )}
        </fieldset>
        {modes.includes('key') && (
          <fieldset>
            <legend>New key (with "Change the key")</legend>
            <KeyFields question={question} form={form} errors={errors} />
          </fieldset>
        )}
        {modes.includes('accept') && (
          <fieldset>
            <legend>Additional answer (with "Accept an additional answer")</legend>
            <AcceptFields question={question} form={form} errors={errors} />
          </fieldset>
        )}
        <TextArea
          name="reason"
          label="Reason"
          hint="Learners read it with their new result."
          value={form.reason}
          error={errors.reason}
          maxLength={MAX_REGRADE_REASON}
        />
        <button class="button button--primary" type="submit">
          Preview the regrade
        </button>
      </form>
    </Layout>
  )
}

const passText = (passed: boolean | null) => (passed === null ? 'in progress' : passed ? 'pass' : 'fail')
const change = (before: string, after: string) => (before === after ? after : `${before} → ${after}`)

/** Who changed: one row per attempt, with what changed in the named columns. */
function ChangeTable({
  title,
  columns,
  rows,
}: {
  title: string
  columns: string[]
  rows: { attemptId: string; learner: string; startedAt: Date; cells: string[] }[]
}) {
  return (
    <section aria-labelledby="changes">
      <h2 id="changes">{title}</h2>
      <ScrollTable label={title}>
        <table class="results-table card-table">
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Started</th>
              {columns.map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.attemptId}>
                <th scope="row">{row.learner}</th>
                <td data-label="Started">{when(row.startedAt)}</td>
                {row.cells.map((cell, index) => (
                  <td data-label={columns[index]} key={columns[index]}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  )
}

/** The preview: what changes, and the confirm button (a POST carrying the same form). */
export function RegradePreviewPage({
  set,
  preview,
  form,
}: {
  set: QuizSetRow
  preview: RegradePreview
  form: RegradeForm
}) {
  const { summary } = preview
  const action = regradeFormPath(set, preview.before.id)
  const hidden = regradeFormFields(form)
  return (
    <Layout title="Preview the regrade" studio={{ setSlug: set.slug }}>
      <Breadcrumbs set={set} here="Preview" />
      <h1>Preview the regrade</h1>
      <p class="notice notice--info" role="status">
        {regradeSentence(summary)} Nothing is saved until you confirm.
      </p>
      <dl class="answers">
        <dt>Question</dt>
        <dd>{preview.before.prompt}</dd>
        <dt>Key now</dt>
        <dd>
          <KeyText question={preview.before} />
        </dd>
        <dt>Key after the regrade</dt>
        <dd>
          <KeyText question={preview.after} />
        </dd>
        <dt>Reason learners will read</dt>
        <dd>{form.reason}</dd>
      </dl>
      {preview.rows.length > 0 && (
        <ChangeTable
          title="Attempts that change"
          columns={['Score', 'Result']}
          rows={preview.rows.map((row) => ({
            ...row,
            cells: [
              `${change(totalPointsText(row.scoreBefore), totalPointsText(row.scoreAfter))} of ${row.total}`,
              change(passText(row.passedBefore), passText(row.passedAfter)),
            ],
          }))}
        />
      )}
      <form method="post" action={action} class="studio-form">
        <input type="hidden" name="regrade_id" value={preview.regradeId} />
        <input type="hidden" name="basis" value={preview.basis} />
        {hidden.map(([name, value], index) => (
          <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
        ))}
        <button class="button button--primary" type="submit">
          Confirm the regrade
        </button>{' '}
        <button class="button" type="submit" formAction={`${action}/preview`} name="intent" value="edit">
          Change it
        </button>
      </form>
    </Layout>
  )
}

/** /studio/sets/:slug/regrades/:id: one regrade as logged, and "Continue" while it is not finished. */
export function RegradePage({
  set,
  regrade,
  rows,
  notice,
}: {
  set: QuizSetRow
  regrade: RegradeRow
  rows: ChangedResponse[]
  notice?: string
}) {
  return (
    <Layout title={`Regrade of ${when(regrade.createdAt)}`} studio={{ setSlug: set.slug }}>
      <Breadcrumbs set={set} here={when(regrade.createdAt)} />
      <h1>Regrade of {when(regrade.createdAt)}</h1>
      <Notice message={notice} />
      {regrade.status === 'running' && (
        <form method="post" action={`${regradesPath(set)}/${regrade.id}/continue`} class="studio-form">
          <p class="notice notice--info">Not finished: some answers still have their old points.</p>
          <button class="button button--primary" type="submit">
            Continue the regrade
          </button>
        </form>
      )}
      <p>{regradeSentence(regrade, true)}</p>
      <dl class="answers">
        <dt>Question</dt>
        <dd>{regrade.oldBody.prompt}</dd>
        <dt>How</dt>
        <dd>{modeText[regrade.mode][0]}</dd>
        <dt>Key before</dt>
        <dd>
          <KeyText question={regrade.oldBody} />
        </dd>
        <dt>Key after</dt>
        <dd>
          <KeyText question={regrade.newBody} />
        </dd>
        <dt>Reason</dt>
        <dd>{regrade.reason}</dd>
        <dt>Finished</dt>
        <dd>{regrade.finishedAt === null ? 'Not yet' : when(regrade.finishedAt)}</dd>
      </dl>
      <p>
        <a href={regradeFormPath(set, regrade.questionId)}>Regrade this question again</a> ·{' '}
        <a href={`/studio/sets/${set.slug}/results`}>Results</a>
      </p>
      {rows.length > 0 && (
        <ChangeTable
          title="Answers that changed"
          columns={['Points on this question']}
          rows={rows.map((row) => ({
            ...row,
            cells: [change(questionPointsText(row.pointsBefore), questionPointsText(row.pointsAfter))],
          }))}
        />
      )}
    </Layout>
  )
}
