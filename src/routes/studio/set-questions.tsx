import { type Context, Hono } from 'hono'
import * as z from 'zod'
import { safeNextPath } from '../../auth/next-path'
import type { Submitted } from '../../components/question-fields'
import type { Db } from '../../db/client'
import { getVisibleQuestion, questionIsFrozen } from '../../db/own-questions'
import type { QuizSetRow } from '../../db/schema'
import { listDraftQuestions, removeDraftQuestion } from '../../db/set-questions'
import { getPassage, pageOfPassages } from '../../db/source-passages'
import { getVisibleSource, insertOwnSource, listVisibleSources } from '../../db/sources'
import type { OwnedSetEnv, StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, STUDIO_FORM } from '../../http/form'
import { instructorPreview, type PublicQuestion } from '../../quiz/public-question'
import { MAX_QUOTE_WORDS, type QuestionType, questionTypes } from '../../quiz/question'
import { carryImages } from '../../quiz/question-images'
import { draftAt } from '../../services/source-drafts'
import {
  answerKeyOf,
  answerWordsOf,
  checkCitations,
  newSourceId,
  sourcesWithText,
  suggestEvidence,
} from '../../services/source-library'
import {
  addQuestionToDraft,
  moveDraftQuestion,
  newQuestionId,
  saveOwnQuestion,
} from '../../services/studio-sets'
import type { AnswerKey } from '../../studio/answer-key'
import { buildClozeForm } from '../../studio/cloze-builder'
import { field } from '../../studio/form-fields'
import { readPassageRef } from '../../studio/passage-ref'
import {
  citationFields,
  citationRows,
  decodeQuestionForm,
  questionToForm,
  withCitation,
} from '../../studio/question-form'
import { decodeSourceFields } from '../../studio/source-form'
import { renderPage } from '../../views/render'
import type { PassagePicker } from '../../views/studio/evidence-fields'
import { QuestionFormPage, QuestionPreviewPage, QuestionTypePage } from '../../views/studio/question-pages'
import { SourceFormPage } from '../../views/studio/source-form-page'
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

/** How many sentences the passage picker shows at a time. */
const PICKER_PAGE_SIZE = 15

/**
 * Renders the question form, or validates and saves it (`intent=save`), or
 * validates and previews it without saving (`intent=preview`, shown with the
 * key and each cited passage in context). Without JavaScript, citing is form
 * posts too: a "Cite" button (`cite=<passage>`) or a sentence picked in the
 * paged list (`intent=cite-picked`) fills the next evidence row; `intent=browse`
 * pages or searches a source's sentences. A typed quote is saved only when it
 * occurs in its source's text.
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
  const withText = await sourcesWithText(
    db,
    sources.map((source) => source.id),
  )
  const page = async (
    form: Submitted,
    errors: Record<string, string>,
    preview: { question: PublicQuestion; key: AnswerKey } | null,
    status: 200 | 400,
    notice?: string,
  ) => {
    const uncited = citationRows(form).every((row) => !row.source && !row.quote)
    const suggestions = uncited ? await suggestEvidence(db, ownerId, evidenceQueryOf(form, type)) : []
    const picker = await pickerOf(db, form, withText)
    return renderPage(
      c,
      <QuestionFormPage
        set={set}
        type={type}
        editing={editing}
        form={form}
        errors={errors}
        sources={sources}
        sourcesWithText={[...withText]}
        preview={preview?.question ?? null}
        answerKey={preview?.key ?? null}
        frozen={frozen}
        suggestions={suggestions}
        picker={picker}
        notice={notice}
      />,
      status,
    )
  }
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

  // Citing a passage by tap: the "Cite" button's value, or the sentence picked in the list.
  const citing =
    field(submitted, 'cite') || (field(submitted, 'intent') === 'cite-picked' ? field(submitted, 'pick') : '')
  if (citing || field(submitted, 'intent') === 'cite-picked') {
    const ref = readPassageRef(citing)
    const visible = ref && sources.some((source) => source.id === ref.source)
    const passage = ref && visible ? await getPassage(db, ref.source, ref.paragraph, ref.sentence) : null
    if (!ref || !passage) return page(submitted, { pick: 'Choose a sentence to cite.' }, null, 400)
    const { form, trimmed } = withCitation(submitted, ref.source, passage.text)
    return page(
      form,
      {},
      null,
      200,
      trimmed
        ? `Cited. The sentence is longer than ${MAX_QUOTE_WORDS} words: its first ${MAX_QUOTE_WORDS} are quoted; shorten the quote to the words that prove the answer.`
        : 'Cited: the passage is in the evidence below.',
    )
  }
  if (field(submitted, 'intent') === 'browse' || field(submitted, 'browse_to'))
    return page(submitted, {}, null, 200)

  const decoded = decodeQuestionForm(submitted, type, editing ?? PREVIEW_ID)
  const errors = decoded.errors ?? {}
  const rows = citationRows(submitted)
  for (const row of rows)
    if (row.source && !sources.some((source) => source.id === row.source))
      errors[citationFields(row.row).source] = 'Choose one of the listed sources.'
  if (!decoded.question || Object.keys(errors).length) return page(submitted, errors, null, 400)

  // Every quote must occur in its source's text (when the source has one); positions are stored with it.
  const checked = await checkCitations(db, decoded.question.evidence)
  const filled = rows.filter((row) => row.source || row.quote)
  for (const [index, message] of checked.errors)
    errors[citationFields(filled[index]?.row ?? 1).quote] = message
  if (Object.keys(errors).length) return page(submitted, errors, null, 400)
  const checkedQuestion = { ...decoded.question, evidence: checked.evidence }
  // The form carries no images (they have their own page): an edit keeps the stored question's.
  const stored = editing ? await getVisibleQuestion(db, ownerId, editing) : null
  const valid = stored ? carryImages(stored.body, checkedQuestion) : checkedQuestion

  if (field(submitted, 'intent') === 'preview')
    return page(
      submitted,
      {},
      { question: instructorPreview(valid), key: await answerKeyOf(db, ownerId, valid) },
      200,
    )

  const { id: _placeholder, ...rest } = valid
  const question = editing ? valid : { ...valid, id: await newQuestionId(db, rest) }
  const savedAs = await saveOwnQuestion(db, ownerId, set.slug, question, editing)
  const done = editing && savedAs !== editing ? 'question-copied' : 'question-saved'
  return c.redirect(`/studio/sets/${set.slug}?done=${done}`, 303)
}

/** What the evidence finder searches with: the prompt, and the answer when the form already says it. */
function evidenceQueryOf(form: Submitted, type: QuestionType): { prompt: string; answer: string[] } {
  const decoded = decodeQuestionForm({ ...form, source: [''], quote: [''] }, type, PREVIEW_ID)
  if (decoded.question) return { prompt: decoded.question.prompt, answer: answerWordsOf(decoded.question) }
  const typed = Object.entries(form)
    .filter(([name]) => /^(answer|choice_\d+|item_\d+|left_\d+|right_\d+)$/.test(name))
    .flatMap(([, values]) => values)
  return { prompt: field(form, 'prompt'), answer: typed }
}

/** The no-JS passage picker's state: the source chosen, the search, and one page of its sentences. */
async function pickerOf(db: Db, form: Submitted, withText: Set<string>): Promise<PassagePicker | null> {
  const first = citationRows(form).find((row) => withText.has(row.source))?.source
  const source = field(form, 'browse_source') || first || ''
  if (!withText.has(source)) return { source: '', search: '', page: 1, pages: 0, total: 0, passages: [] }
  const search = field(form, 'browse_q').slice(0, 200)
  const requested = Number.parseInt(field(form, 'browse_to') || '1', 10)
  const pageNumber = Number.isFinite(requested) && requested > 0 ? requested : 1
  const { passages, total } = await pageOfPassages(db, source, {
    search,
    page: pageNumber,
    pageSize: PICKER_PAGE_SIZE,
  })
  return {
    source,
    search,
    page: pageNumber,
    pages: Math.max(1, Math.ceil(total / PICKER_PAGE_SIZE)),
    total,
    passages,
  }
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
    // "Edit" on a draft (/studio/sources/:id/drafts): the form starts from the draft.
    const draftRef = /^([a-z0-9-]{1,80}):(\d{1,4})$/.exec(c.req.query('draft') ?? '')
    if (draftRef?.[1]) {
      const draft = await draftAt(c.get('db'), c.get('instructor').id, draftRef[1], Number(draftRef[2]) - 1)
      return questionForm(c, set, draft.question.type, null, null, questionToForm(draft.question))
    }
    // "Make a passage question" on a source (/studio/sources/:id/passage-question): ticked words become gaps.
    const from = readPassageRef(c.req.query('from') ?? '')
    if (type === 'cloze' && from) {
      const db = c.get('db')
      const [source, passage] = await Promise.all([
        getVisibleSource(db, c.get('instructor').id, from.source),
        getPassage(db, from.source, from.paragraph, from.sentence),
      ])
      if (!source || !passage) fail(404, 'not_found', 'There is no such sentence among your sources.')
      const built = buildClozeForm({
        source: source.id,
        title: source.title,
        text: passage.text,
        blanks: c.req.queries('blank')?.map(Number) ?? [],
      })
      if (!built.ok) fail(400, 'bad_request', built.message)
      return questionForm(c, set, 'cloze', null, null, built.form)
    }
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
    return renderPage(
      c,
      <QuestionPreviewPage
        set={set}
        question={instructorPreview(question.body)}
        answerKey={await answerKeyOf(c.get('db'), c.get('instructor').id, question.body)}
      />,
    )
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
    const id = newSourceId()
    const { typed, source, errors } = decodeSourceFields(submitted, id)
    if (!source)
      return renderPage(
        c,
        <SourceFormPage set={set} back={back} form={typed} errors={errors} draft={carried} />,
        400,
      )
    await insertOwnSource(c.get('db'), c.get('instructor').id, source)
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
