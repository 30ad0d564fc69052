import { type Context, Hono } from 'hono'
import type { Submitted } from '../../components/question-fields'
import { setArchived, slugTaken, updateSetDetails } from '../../db/owned-sets'
import { countOpenReports } from '../../db/question-reports'
import type { QuizSetRow } from '../../db/schema'
import { listDraftQuestions } from '../../db/set-questions'
import { listSetVersions } from '../../db/set-versions'
import type { OwnedSetEnv, StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, STUDIO_FORM } from '../../http/form'
import { createSet, draftHasChanges, duplicateSet, publishSet } from '../../services/studio-sets'
import { type DetailsErrors, type DetailsForm, readDetails } from '../../studio/set-details'
import { renderPage } from '../../views/render'
import { SetDetailsPage } from '../../views/studio/set-details-page'
import { SetEditorPage } from '../../views/studio/set-editor-page'
import { noticeOf } from './notices'
import { ownedSet } from './owned-set'
import { studioSetAccommodations } from './set-accommodations'
import { studioSetBank } from './set-bank'
import { studioSetQuestions } from './set-questions'
import { studioSetSettings } from './set-settings'
import { studioSetShare } from './set-share'

/** The details form, with the database's say on whether a new slug is free. */
async function checkDetails<E extends StudioEnv>(
  c: Context<E>,
  form: Submitted,
  current: QuizSetRow | null,
): Promise<{ details: DetailsForm; errors: DetailsErrors }> {
  const { details, errors, claim } = readDetails(form, current)
  if (claim !== null) {
    if (await slugTaken(c.get('db'), claim)) errors.slug = `The address "${claim}" is taken. Choose another.`
    else details.slug = claim
  }
  return { details, errors }
}

const hasErrors = (errors: object) => Object.keys(errors).length > 0

/**
 * `/studio/sets`: creating, editing, duplicating, archiving and publishing
 * an instructor's quiz sets; the bank, settings, sharing and own questions of
 * a set are the routers mounted at the end (set-*.tsx).
 * Mounted by the studio router, which checks the session. Every route on a
 * set goes through `ownedSet`: another instructor's set is the same 404 as a
 * missing one.
 */
/** The set's editor page, with a notice after an action or an error (shown first and focused). */
async function setEditor(
  c: Context<OwnedSetEnv>,
  message: { notice?: string; error?: string },
  status: 200 | 400 = 200,
) {
  const db = c.get('db')
  const set = c.get('set')
  const [questions, versions, hasChanges, openReports] = await Promise.all([
    listDraftQuestions(db, set.slug),
    listSetVersions(db, set.slug),
    draftHasChanges(db, set),
    countOpenReports(db, set.slug),
  ])
  return renderPage(
    c,
    <SetEditorPage
      set={set}
      questions={questions}
      versions={versions}
      hasChanges={hasChanges}
      openReports={openReports}
      {...message}
    />,
    status,
  )
}

export const studioSets = new Hono<StudioEnv>()
  .get('/new', (c) =>
    renderPage(c, <SetDetailsPage set={null} form={{ title: '', description: '', slug: '' }} />),
  )
  .post('/', async (c) => {
    const { details, errors } = await checkDetails(c, await readForm(c, STUDIO_FORM), null)
    if (hasErrors(errors))
      return renderPage(c, <SetDetailsPage set={null} form={details} errors={errors} />, 400)
    await createSet(c.get('db'), c.get('instructor').id, details)
    return c.redirect(`/studio/sets/${details.slug}?done=created`, 303)
  })
  .get('/:slug', ownedSet, (c) => setEditor(c, { notice: noticeOf(c) }))
  .get('/:slug/details', ownedSet, async (c) => {
    const set = c.get('set')
    return renderPage(c, <SetDetailsPage set={set} form={set} />)
  })
  .post('/:slug/details', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const { details, errors } = await checkDetails(c, await readForm(c, STUDIO_FORM), set)
    if (hasErrors(errors))
      return renderPage(c, <SetDetailsPage set={set} form={details} errors={errors} />, 400)
    await updateSetDetails(db, set, details).catch(() =>
      fail(
        409,
        'conflict',
        'The address could not be changed: something already refers to it. Keep the old one.',
      ),
    )
    return c.redirect(`/studio/sets/${details.slug}?done=saved`, 303)
  })
  .post('/:slug/duplicate', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const slug = await duplicateSet(db, set)
    return c.redirect(`/studio/sets/${slug}?done=duplicated`, 303)
  })
  .post('/:slug/archive', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    await setArchived(db, set.slug, new Date())
    return c.redirect(`/studio/sets/${set.slug}?done=archived`, 303)
  })
  .post('/:slug/restore', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    await setArchived(db, set.slug, null)
    return c.redirect(`/studio/sets/${set.slug}?done=restored`, 303)
  })
  .post('/:slug/publish', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const draft = await listDraftQuestions(db, set.slug)
    // Nothing to publish: say so on the set's own page, where questions are added.
    if (draft.length === 0)
      return setEditor(c, { error: 'Add at least one question before publishing.' }, 400)
    const { uncited } = await publishSet(db, set)
    // Uncited questions do not block publishing; the notice says they went out without a source.
    return c.redirect(`/studio/sets/${set.slug}?done=${uncited > 0 ? 'published-uncited' : 'published'}`, 303)
  })
  .route('/', studioSetBank)
  .route('/', studioSetSettings)
  .route('/', studioSetAccommodations)
  .route('/', studioSetShare)
  .route('/', studioSetQuestions)
