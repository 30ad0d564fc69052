import { type Context, Hono } from 'hono'
import * as z from 'zod'
import { safeNextPath } from '../../auth/next-path'
import type { Submitted } from '../../components/question-fields'
import { getVisibleQuestion, questionIsFrozen } from '../../db/own-questions'
import type { QuizSetRow } from '../../db/schema'
import { listDraftQuestions, removeDraftQuestion } from '../../db/set-questions'
import { insertOwnSource, listVisibleSources } from '../../db/sources'
import type { OwnedSetEnv, StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, STUDIO_FORM } from '../../http/form'
import { instructorPreview, type PublicQuestion } from '../../quiz/public-question'
import { type QuestionType, questionTypes } from '../../quiz/question'
import { sourceKinds } from '../../quiz/source'
import {
  addQuestionToDraft,
  moveDraftQuestion,
  newQuestionId,
  saveOwnQuestion,
} from '../../services/studio-sets'
import { field } from '../../studio/form-fields'
import { decodeQuestionForm, questionToForm } from '../../studio/question-form'
import { renderPage } from '../../views/render'
import { QuestionFormPage, QuestionPreviewPage, QuestionTypePage } from '../../views/studio/question-pages'
import { SOURCE_FIELDS, type SourceForm, SourceFormPage } from '../../views/studio/source-form-page'
import { ownedSet } from './owned-set'

/**
 * A local path with one query parameter set (replacing any earlier value).
 * @example withParam('/studio/sets/a/bank?type=text&done=added', 'done', 'added') // '/studio/sets/a/bank?type=text&done=added'
 */
function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, 'http://local')
  url.searchParams.set(name, value)
  return `${url.pathname}${url.search}`
}

/** The id a not-yet-saved question has in its preview (never stored). */
const PREVIEW_ID = 'q-preview'

/** One of the instructor's own questions in this draft, or 404. */
async function ownQuestionInDraft(c: Context<OwnedSetEnv>, set: QuizSetRow, id: string) {
  const db = c.get('db')
  const [question, draft] = await Promise.all([
    getVisibleQuestion(db, c.get('instructor').id, id),
    listDraftQuestions(db, set.slug),
  ])
  if (!question || question.ownerId === null || !draft.some((item) => item.id === id))
    fail(404, 'not_found', 'There is no question of yours at this address in this set.')
  return question.body
}

/**
 * Renders the question form, or validates and saves it (`intent=save`), or
 * validates and previews it without saving (`intent=preview`).
 */
async function questionForm(
  c: Context<OwnedSetEnv>,
  set: QuizSetRow,
  type: QuestionType,
  editing: string | null,
  submitted: Submitted | null,
  initial: Submitted = {},
) {
  const db = c.get('db')
  const ownerId = c.get('instructor').id
  const [sources, frozen] = await Promise.all([
    listVisibleSources(db, ownerId),
    editing ? questionIsFrozen(db, editing) : Promise.resolve(false),
  ])
  const page = (
    form: Submitted,
    errors: Record<string, string>,
    preview: PublicQuestion | null,
    status: 200 | 400,
  ) =>
    renderPage(
      c,
      <QuestionFormPage
        set={set}
        type={type}
        editing={editing}
        form={form}
        errors={errors}
        sources={sources}
        preview={preview}
        frozen={frozen}
      />,
      status,
    )
  if (!submitted) return page(initial, {}, null, 200)

  if (field(submitted, 'intent') === 'add-source') {
    const { intent: _intent, ...draft } = submitted
    const back = editing
      ? `/studio/sets/${set.slug}/questions/${editing}/edit`
      : `/studio/sets/${set.slug}/questions/new?type=${type}`
    return renderPage(
      c,
      <SourceFormPage set={set} back={back} form={{}} errors={{}} draft={JSON.stringify(draft)} />,
    )
  }

  const decoded = decodeQuestionForm(submitted, type, editing ?? PREVIEW_ID)
  const errors = decoded.errors ?? {}
  const chosenSource = field(submitted, 'source')
  if (chosenSource && !sources.some((source) => source.id === chosenSource))
    errors.source = 'Choose one of the listed sources.'
  if (!decoded.question || Object.keys(errors).length) return page(submitted, errors, null, 400)

  if (field(submitted, 'intent') === 'preview')
    return page(submitted, {}, instructorPreview(decoded.question), 200)

  const { id: _placeholder, ...rest } = decoded.question
  const question = editing ? decoded.question : { ...decoded.question, id: await newQuestionId(db, rest) }
  const savedAs = await saveOwnQuestion(db, ownerId, set.slug, question, editing)
  const done = editing && savedAs !== editing ? 'question-copied' : 'question-saved'
  return c.redirect(`/studio/sets/${set.slug}?done=${done}`, 303)
}

const draftSchema = z.record(z.string(), z.array(z.string().max(2000)).max(10))

/** The question form's fields carried through the source form, if they are well formed. */
function readDraft(value: string | undefined): Submitted | null {
  if (!value) return null
  try {
    const parsed = draftSchema.safeParse(JSON.parse(value))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

const typeOf = (value: string | undefined) => questionTypes.find((type) => type === value)

/** A `back` field or query: a page of this set (auth/next-path.ts), else `fallback`. */
const backTo = (set: QuizSetRow, value: string | undefined, fallback: string) =>
  safeNextPath(value, fallback, `/studio/sets/${set.slug}`)

/**
 * A set's own questions, sources and draft list (add, remove, move). Mounted
 * inside `studioSets`, behind the studio router's session check; every route
 * goes through `ownedSet`.
 */
export const studioSetQuestions = new Hono<StudioEnv>()
  .post('/:slug/questions/add', ownedSet, async (c) => {
    const set = c.get('set')
    const form = await readForm(c, STUDIO_FORM)
    await addQuestionToDraft(c.get('db'), c.get('instructor').id, set.slug, field(form, 'question'))
    const back = backTo(set, field(form, 'back'), `/studio/sets/${set.slug}`)
    return c.redirect(withParam(back, 'done', 'added'), 303)
  })
  .post('/:slug/questions/:id/remove', ownedSet, async (c) => {
    const set = c.get('set')
    await removeDraftQuestion(c.get('db'), set.slug, c.req.param('id'))
    return c.redirect(`/studio/sets/${set.slug}?done=removed`, 303)
  })
  .post('/:slug/questions/:id/move', ownedSet, async (c) => {
    const set = c.get('set')
    const direction = field(await readForm(c, STUDIO_FORM), 'direction')
    if (direction !== 'up' && direction !== 'down') fail(400, 'bad_request', 'Move a question up or down.')
    await moveDraftQuestion(c.get('db'), set.slug, c.req.param('id'), direction)
    return c.redirect(`/studio/sets/${set.slug}?done=moved`, 303)
  })
  .get('/:slug/questions/new', ownedSet, async (c) => {
    const set = c.get('set')
    const type = typeOf(c.req.query('type'))
    if (!type) return renderPage(c, <QuestionTypePage set={set} />)
    const source = c.req.query('source')
    return questionForm(c, set, type, null, null, source ? { source: [source] } : {})
  })
  .post('/:slug/questions/new', ownedSet, async (c) => {
    const set = c.get('set')
    const form = await readForm(c, STUDIO_FORM)
    const type = typeOf(field(form, 'type'))
    if (!type) fail(400, 'bad_request', 'Choose the kind of question.')
    return questionForm(c, set, type, null, form)
  })
  .get('/:slug/questions/:id/edit', ownedSet, async (c) => {
    const set = c.get('set')
    const question = await ownQuestionInDraft(c, set, c.req.param('id'))
    const form = questionToForm(question)
    const source = c.req.query('source')
    if (source) form.source = [source]
    return questionForm(c, set, question.type, question.id, null, form)
  })
  .post('/:slug/questions/:id/edit', ownedSet, async (c) => {
    const set = c.get('set')
    const question = await ownQuestionInDraft(c, set, c.req.param('id'))
    return questionForm(c, set, question.type, question.id, await readForm(c, STUDIO_FORM))
  })
  .get('/:slug/questions/:id/preview', ownedSet, async (c) => {
    const set = c.get('set')
    const question = await getVisibleQuestion(c.get('db'), c.get('instructor').id, c.req.param('id'))
    if (!question) fail(404, 'not_found', 'There is no such question among the ones you can use.')
    return renderPage(c, <QuestionPreviewPage set={set} question={instructorPreview(question.body)} />)
  })
  .get('/:slug/sources/new', ownedSet, async (c) => {
    const set = c.get('set')
    const back = backTo(set, c.req.query('back'), `/studio/sets/${set.slug}/questions/new`)
    return renderPage(c, <SourceFormPage set={set} back={back} form={{}} errors={{}} />)
  })
  .post('/:slug/sources/new', ownedSet, async (c) => {
    const set = c.get('set')
    const submitted = await readForm(c, STUDIO_FORM)
    const back = backTo(set, field(submitted, 'back'), `/studio/sets/${set.slug}/questions/new`)
    const draft = readDraft(submitted.draft?.[0])
    const carried = draft ? JSON.stringify(draft) : undefined
    const form: SourceForm = Object.fromEntries(SOURCE_FIELDS.map((name) => [name, field(submitted, name)]))
    const errors: SourceForm = {}
    const limits = { title: 200, outlet: 120, author: 120, date: 10, kind: 40, reliability: 500 }
    for (const name of SOURCE_FIELDS) {
      const value = form[name] ?? ''
      if (!value) errors[name] = 'This is required.'
      else if (value.length > limits[name]) errors[name] = `Use at most ${limits[name]} characters.`
    }
    if (form.date && !/^\d{4}-\d{2}-\d{2}$/.test(form.date)) errors.date = 'A date like 2022-03-14.'
    const kind = sourceKinds.find((candidate) => candidate === form.kind)
    if (form.kind && !kind) errors.kind = 'Choose one of the kinds.'
    if (Object.keys(errors).length || !kind)
      return renderPage(
        c,
        <SourceFormPage set={set} back={back} form={form} errors={errors} draft={carried} />,
        400,
      )
    const bytes = crypto.getRandomValues(new Uint8Array(10))
    const id = `s-${[...bytes].map((byte) => (byte % 36).toString(36)).join('')}`
    await insertOwnSource(c.get('db'), c.get('instructor').id, {
      id,
      title: form.title ?? '',
      outlet: form.outlet ?? '',
      author: form.author ?? '',
      date: form.date ?? '',
      kind,
      reliability: form.reliability ?? '',
    })
    if (!draft) return c.redirect(withParam(back, 'source', id), 303)
    // Back to the question form with everything typed there, and the new source chosen.
    const editing = /\/questions\/([^/?]+)\/edit$/.exec(back)?.[1]
    if (editing) {
      const question = await ownQuestionInDraft(c, set, editing)
      return questionForm(c, set, question.type, editing, null, { ...draft, source: [id] })
    }
    const type = typeOf(new URL(back, 'http://local').searchParams.get('type') ?? undefined) ?? 'single'
    return questionForm(c, set, type, null, null, { ...draft, source: [id] })
  })
