import { type Context, Hono } from 'hono'
import * as z from 'zod'
import type { Submitted } from '../../components/question-fields'
import { listOwnedSets } from '../../db/owned-sets'
import { getPassage, pageOfPassages } from '../../db/source-passages'
import {
  deleteOwnSource,
  getVisibleSource,
  type LibrarySource,
  listLibrary,
  updateOwnSource,
} from '../../db/sources'
import type { StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, STUDIO_FORM } from '../../http/form'
import { instructorPreview } from '../../quiz/public-question'
import { requireOwnedSet } from '../../services/owned-sets'
import { acceptDraft, draftAt, draftsOfSource } from '../../services/source-drafts'
import {
  addOwnSource,
  answerKeyOf,
  newSourceId,
  SOURCE_FILE_ACCEPT,
  sourceTextOf,
} from '../../services/source-library'
import { buildClozeForm } from '../../studio/cloze-builder'
import { field } from '../../studio/form-fields'
import { passageRef, readPassageRef } from '../../studio/passage-ref'
import { decodeSourceFields, SOURCE_FIELDS, type SourceFields } from '../../studio/source-form'
import { renderPage } from '../../views/render'
import { ClozeBuilderPage } from '../../views/studio/cloze-builder-page'
import { DraftReviewPage } from '../../views/studio/draft-review-page'
import { SourceEditPage, SourceLibraryPage, SourceNewPage, SourcePage } from '../../views/studio/source-pages'
import { noticeOf } from './notices'

/** How many sentences a page of a source's text shows. */
export const PASSAGES_PAGE_SIZE = 40

const sourceId = z.string().regex(/^[a-z0-9-]{1,80}$/)

/** The source named in the URL, if the instructor may read it (the bank's or their own); a 404 otherwise. */
async function visibleSource(c: Context<StudioEnv>): Promise<LibrarySource> {
  const id = sourceId.safeParse(c.req.param('id'))
  const source = id.success ? await getVisibleSource(c.get('db'), c.get('instructor').id, id.data) : null
  if (!source) fail(404, 'not_found', 'There is no such source among the ones you can use.')
  return source
}

/**
 * The sentence named by `at` (`<source>:<paragraph>:<sentence>`) of the source
 * in the URL, its first sentence when `at` is empty, or 404.
 */
async function sentenceOf(c: Context<StudioEnv>, at: string) {
  const source = await visibleSource(c)
  const named = at === '' ? { source: source.id, paragraph: 0, sentence: 0 } : readPassageRef(at)
  const passage =
    named && named.source === source.id
      ? await getPassage(c.get('db'), source.id, named.paragraph, named.sentence)
      : null
  if (!passage) fail(404, 'not_found', 'There is no such sentence in this source.')
  return { source, ref: passageRef(source.id, passage), text: passage.text }
}

/** The instructor's sets a question can go into (not archived). */
async function liveSets(c: Context<StudioEnv>) {
  const sets = await listOwnedSets(c.get('db'), c.get('instructor').id)
  return sets.filter((set) => set.archivedAt === null).map(({ slug, title }) => ({ slug, title }))
}

/** The same, when the instructor must own it (to edit or delete). */
async function ownSource(c: Context<StudioEnv>): Promise<LibrarySource> {
  const source = await visibleSource(c)
  if (source.ownerId === null) fail(403, 'forbidden', 'The bank’s sources cannot be changed.')
  return source
}

/**
 * Reads the add-a-source form (multipart): the metadata, the pasted text and
 * an optional file, which wins over the box when chosen. A file is read as
 * UTF-8 text whatever its name says; its content decides how it is read.
 */
async function readSourceForm(
  c: Context<StudioEnv>,
): Promise<{ form: Submitted; content: string; fileProblem?: string }> {
  const body = await c.req.parseBody().catch(() => fail(400, 'bad_request', 'The form could not be read.'))
  const form: Submitted = {}
  for (const name of SOURCE_FIELDS) {
    const value = body[name]
    if (typeof value === 'string') form[name] = [value.slice(0, 1000)]
  }
  const pasted = typeof body.text === 'string' ? body.text : ''
  if (body.file instanceof File && body.file.size > 0) {
    try {
      const content = new TextDecoder('utf-8', { fatal: true }).decode(await body.file.arrayBuffer())
      return { form, content }
    } catch {
      return {
        form,
        content: pasted,
        fileProblem: 'This file is not text (UTF-8): upload a .txt, .md or .html file.',
      }
    }
  }
  return { form, content: pasted }
}

const keptText = (content: string) => (content.length <= 200_000 ? content : '')

/**
 * /studio/sources: the instructor's source library. Sources are added with
 * their text (pasted or uploaded), which is stored as passages for citing.
 */
export const studioSources = new Hono<StudioEnv>()
  .get('/', async (c) => {
    const sources = await listLibrary(c.get('db'), c.get('instructor').id)
    return renderPage(c, <SourceLibraryPage sources={sources} notice={noticeOf(c)} />)
  })
  .get('/new', (c) =>
    renderPage(c, <SourceNewPage form={{}} errors={{}} text="" accept={SOURCE_FILE_ACCEPT} />),
  )
  .post('/new', async (c) => {
    const { form, content, fileProblem } = await readSourceForm(c)
    const id = newSourceId()
    const { typed, source, errors } = decodeSourceFields(form, id)
    const reading = fileProblem ? null : sourceTextOf(content)
    const problem = fileProblem ? { status: 400 as const, message: fileProblem } : reading?.problem
    if (!source || problem || !reading?.text)
      return renderPage(
        c,
        <SourceNewPage
          form={typed}
          errors={errors}
          // A huge text is not sent back into the page: the instructor pastes a shorter part.
          text={keptText(content)}
          textError={problem?.message}
          accept={SOURCE_FILE_ACCEPT}
        />,
        problem?.status ?? 400,
      )
    await addOwnSource(c.get('db'), c.get('instructor').id, source, reading.text)
    return c.redirect(`/studio/sources/${id}?done=source-added`, 303)
  })
  .get('/:id', async (c) => {
    const source = await visibleSource(c)
    const search = (c.req.query('q') ?? '').trim().slice(0, 200)
    const requested = Number.parseInt(c.req.query('page') ?? '1', 10)
    const page = Number.isFinite(requested) && requested > 0 ? requested : 1
    const { passages, total } = await pageOfPassages(c.get('db'), source.id, {
      search,
      page,
      pageSize: PASSAGES_PAGE_SIZE,
    })
    const pages = Math.max(1, Math.ceil(total / PASSAGES_PAGE_SIZE))
    return renderPage(
      c,
      <SourcePage
        source={source}
        passages={passages}
        total={total}
        page={Math.min(page, pages)}
        pages={pages}
        search={search}
        notice={noticeOf(c)}
        draftAction={source.sentences > 0 ? `/studio/sources/${source.id}/drafts` : undefined}
      />,
    )
  })
  .get('/:id/passage-question', async (c) => {
    const { source, ref, text } = await sentenceOf(c, c.req.query('at') ?? '')
    const sets = await liveSets(c)
    return renderPage(
      c,
      <ClozeBuilderPage
        source={source}
        at={ref}
        text={text}
        sets={sets}
        chosenSet={c.req.query('set') ?? sets[0]?.slug ?? ''}
        ticked={[]}
      />,
    )
  })
  .post('/:id/passage-question', async (c) => {
    const form = await readForm(c, STUDIO_FORM)
    const { source, ref, text } = await sentenceOf(c, field(form, 'at'))
    const blanks = (form.blank ?? []).map(Number).filter(Number.isInteger)
    const slug = field(form, 'set')
    const sets = await liveSets(c)
    const built = buildClozeForm({ source: source.id, title: source.title, text, blanks })
    const error = !sets.some((set) => set.slug === slug)
      ? 'Choose one of your sets.'
      : built.ok
        ? undefined
        : built.message
    if (error)
      return renderPage(
        c,
        <ClozeBuilderPage
          source={source}
          at={ref}
          text={text}
          sets={sets}
          chosenSet={slug}
          ticked={blanks}
          error={error}
        />,
        400,
      )
    const query = new URLSearchParams({ type: 'cloze', from: ref })
    for (const blank of blanks) query.append('blank', String(blank))
    return c.redirect(`/studio/sets/${slug}/questions/new?${query}`, 303)
  })
  .get('/:id/edit', async (c) => {
    const source = await ownSource(c)
    const form: SourceFields = Object.fromEntries(SOURCE_FIELDS.map((name) => [name, source[name]]))
    return renderPage(c, <SourceEditPage id={source.id} form={form} errors={{}} />)
  })
  .post('/:id/edit', async (c) => {
    const existing = await ownSource(c)
    const { typed, source, errors } = decodeSourceFields(await readForm(c, STUDIO_FORM), existing.id)
    if (!source) return renderPage(c, <SourceEditPage id={existing.id} form={typed} errors={errors} />, 400)
    await updateOwnSource(c.get('db'), c.get('instructor').id, source)
    return c.redirect(`/studio/sources/${existing.id}?done=saved`, 303)
  })
  .get('/:id/drafts', async (c) => {
    const db = c.get('db')
    const ownerId = c.get('instructor').id
    const source = await visibleSource(c)
    const requested = Number.parseInt(c.req.query('at') ?? '1', 10)
    const index = Number.isFinite(requested) && requested > 0 ? requested - 1 : 0
    const [drafts, sets] = await Promise.all([
      draftsOfSource(db, ownerId, source.id),
      listOwnedSets(db, ownerId),
    ])
    const draft = drafts[index]
    const live = sets.filter((set) => set.archivedAt === null)
    const chosen = c.req.query('set') ?? live[0]?.slug ?? ''
    return renderPage(
      c,
      <DraftReviewPage
        source={source}
        index={index}
        total={drafts.length}
        type={draft?.question.type ?? 'single'}
        question={draft ? instructorPreview(draft.question) : null}
        answerKey={draft ? await answerKeyOf(db, ownerId, draft.question) : null}
        sets={live}
        chosenSet={chosen}
        notice={noticeOf(c)}
      />,
    )
  })
  .post('/:id/drafts/:n', async (c) => {
    const db = c.get('db')
    const ownerId = c.get('instructor').id
    const source = await visibleSource(c)
    const position = Number.parseInt(c.req.param('n'), 10)
    if (!Number.isFinite(position) || position < 1) fail(404, 'not_found', 'There is no such draft.')
    const form = await readForm(c, STUDIO_FORM)
    const slug = field(form, 'set')
    const intent = field(form, 'intent')
    const next = (done?: string) =>
      `/studio/sources/${source.id}/drafts?${new URLSearchParams({ at: String(position + 1), set: slug, ...(done ? { done } : {}) })}`
    if (intent === 'reject') return c.redirect(next('draft-rejected'), 303)
    if (intent !== 'accept' && intent !== 'edit')
      fail(400, 'bad_request', 'Accept, edit or reject the draft.')
    const draft = await draftAt(db, ownerId, source.id, position - 1)
    if (intent === 'edit') {
      await requireOwnedSet(db, ownerId, slug)
      return c.redirect(
        `/studio/sets/${slug}/questions/new?${new URLSearchParams({ type: draft.question.type, draft: `${source.id}:${position}` })}`,
        303,
      )
    }
    await acceptDraft(db, ownerId, slug, draft)
    return c.redirect(next('draft-accepted'), 303)
  })
  .post('/:id/delete', async (c) => {
    const source = await ownSource(c)
    if (source.citedBy > 0)
      fail(409, 'conflict', `Questions cite this source (${source.citedBy}), so it cannot be deleted.`)
    await deleteOwnSource(c.get('db'), c.get('instructor').id, source.id)
    return c.redirect('/studio/sources?done=source-deleted', 303)
  })
