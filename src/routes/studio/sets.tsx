import { type Context, Hono } from 'hono'
import { renderSVG } from 'uqr'
import type { Submitted } from '../../components/question-fields'
import type { QuizSetRow } from '../../db/schema'
import {
  listDraftQuestions,
  listSetVersions,
  listVisibleSources,
  listVisibleTags,
  searchQuestions,
  setArchived,
  slugTaken,
  updateSetConfiguration,
  updateSetDetails,
} from '../../db/studio-sets'
import { type EmbedPolicy, originSchema } from '../../embed/policy'
import { embedSnippet } from '../../embed/snippet'
import type { StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { publicOrigin } from '../../http/public-origin'
import { questionTypes } from '../../quiz/question'
import { type SetSettings, setSettingsSchema, type Visibility, visibilities } from '../../quiz/set-settings'
import {
  createSet,
  draftHasChanges,
  draftSettings,
  duplicateSet,
  publishSet,
  slugify,
  slugSchema,
} from '../../services/studio-sets'
import { field, readStudioForm } from '../../studio/form-fields'
import { renderPage } from '../../views/render'
import { BankPage } from '../../views/studio/bank-page'
import {
  type DetailsErrors,
  type DetailsForm,
  SetDetailsPage,
  SetEditorPage,
} from '../../views/studio/set-pages'
import {
  type SettingsErrors,
  type SettingsForm,
  SettingsPage,
  SharePage,
} from '../../views/studio/settings-share-pages'
import { ownedSet } from './owned-set'
import { studioSetQuestions } from './set-questions'

const notices: Record<string, string> = {
  created: 'Quiz set created. Add questions, then publish it.',
  saved: 'Saved.',
  duplicated: 'This is the copy: a private draft with the same questions and settings.',
  archived: 'Archived: learners can no longer find it.',
  restored: 'Restored.',
  published: 'Published. Learners now get this version.',
  added: 'Question added to the set.',
  removed: 'Question removed from the set.',
  moved: 'Order changed.',
  'question-saved': 'Question saved.',
  'question-copied': 'Saved as a new version of the question; published versions keep the old one.',
}

const noticeOf = (c: Context) => notices[c.req.query('done') ?? '']

/** Reads and checks title, description and slug; `current` is the set being edited (null: creating). */
async function checkDetails<E extends StudioEnv>(
  c: Context<E>,
  form: Submitted,
  current: QuizSetRow | null,
): Promise<{ details: DetailsForm; errors: DetailsErrors }> {
  const title = field(form, 'title')
  const description = field(form, 'description')
  const typedSlug = field(form, 'slug')
  const details = { title, description, slug: typedSlug }
  const errors: DetailsErrors = {}
  if (!title) errors.title = 'Give the set a title.'
  else if (title.length > 120) errors.title = 'Use at most 120 characters.'
  if (description.length > 1000) errors.description = 'Use at most 1,000 characters.'
  if (current?.publishedVersion != null) details.slug = current.slug
  else {
    const slug = typedSlug || (current ? '' : slugify(title))
    const parsed = slugSchema.safeParse(slug)
    if (!parsed.success)
      errors.slug = typedSlug
        ? (parsed.error.issues[0]?.message ?? 'Not a valid address.')
        : 'Give the set an address.'
    else if (parsed.data !== current?.slug && (await slugTaken(c.get('db'), parsed.data)))
      errors.slug = `The address "${parsed.data}" is taken. Choose another.`
    else details.slug = parsed.data
  }
  return { details, errors }
}

const hasErrors = (errors: object) => Object.keys(errors).length > 0

function settingsFormOf(set: QuizSetRow): SettingsForm {
  const settings = draftSettings(set)
  const text = (value: number | null) => (value === null ? '' : String(value))
  return {
    feedback: settings.feedback,
    shuffleQuestions: settings.shuffleQuestions,
    shuffleChoices: settings.shuffleChoices,
    drawCount: text(settings.drawCount),
    timeLimitMinutes: text(settings.timeLimitMinutes),
    attemptsAllowed: text(settings.attemptsAllowed),
    passMark: String(settings.passMark),
    visibility: set.visibility,
    embedAnywhere: set.embedPolicy.anywhere,
    embedOrigins: set.embedPolicy.origins.join('\n'),
  }
}

/** Decodes the settings form; numbers left empty mean "no limit". */
function checkSettings(form: Submitted): {
  typed: SettingsForm
  errors: SettingsErrors
  value: { settings: SetSettings; visibility: Visibility; embedPolicy: EmbedPolicy } | null
} {
  const typed: SettingsForm = {
    feedback: field(form, 'feedback'),
    shuffleQuestions: field(form, 'shuffleQuestions') === 'on',
    shuffleChoices: field(form, 'shuffleChoices') === 'on',
    drawCount: field(form, 'drawCount'),
    timeLimitMinutes: field(form, 'timeLimitMinutes'),
    attemptsAllowed: field(form, 'attemptsAllowed'),
    passMark: field(form, 'passMark'),
    visibility: field(form, 'visibility'),
    embedAnywhere: field(form, 'embedAnywhere') === 'on',
    embedOrigins: form.embedOrigins?.[0] ?? '',
  }
  const errors: SettingsErrors = {}
  const optional = (value: string) => (value === '' ? null : Number(value))
  const parsed = setSettingsSchema.safeParse({
    feedback: typed.feedback || 'each',
    shuffleQuestions: typed.shuffleQuestions,
    shuffleChoices: typed.shuffleChoices,
    drawCount: optional(typed.drawCount),
    timeLimitMinutes: optional(typed.timeLimitMinutes),
    attemptsAllowed: optional(typed.attemptsAllowed),
    passMark: typed.passMark === '' ? Number.NaN : Number(typed.passMark),
  })
  const limits: Partial<Record<keyof SettingsForm, string>> = {
    feedback: 'Choose when learners get feedback.',
    drawCount: 'A whole number from 1 to 200, or empty for all questions.',
    timeLimitMinutes: 'A whole number of minutes from 1 to 600, or empty for no limit.',
    attemptsAllowed: 'A whole number from 1 to 100, or empty for unlimited.',
    passMark: 'A whole number from 0 to 100.',
  }
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as keyof SettingsForm
      errors[name] ??= limits[name] ?? issue.message
    }
  const visibility = visibilities.find((candidate) => candidate === typed.visibility)
  if (!visibility) errors.visibility = 'Choose who can find the quiz.'
  const origins: string[] = []
  const problems: string[] = []
  for (const line of typed.embedOrigins
    .split(/\r?\n/)
    .map((item) => item.trim())
    .filter(Boolean)) {
    const origin = originSchema.safeParse(line)
    if (origin.success) origins.includes(origin.data) || origins.push(origin.data)
    else problems.push(origin.error.issues[0]?.message ?? `"${line}" is not an origin`)
  }
  if (origins.length > 20) problems.push('At most 20 sites.')
  if (problems.length) errors.embedOrigins = problems.join('; ')
  if (!parsed.success || !visibility || hasErrors(errors)) return { typed, errors, value: null }
  return {
    typed,
    errors,
    value: { settings: parsed.data, visibility, embedPolicy: { anywhere: typed.embedAnywhere, origins } },
  }
}

/**
 * `/studio/sets`: creating, editing, duplicating, archiving, publishing and
 * sharing an instructor's quiz sets (own questions: studio-sets-questions.tsx).
 * Mounted by the studio router, which checks the session. Every route on a
 * set goes through `ownedSet`: another instructor's set is the same 404 as a
 * missing one.
 */
export const studioSets = new Hono<StudioEnv>()
  .get('/new', (c) =>
    renderPage(c, <SetDetailsPage set={null} form={{ title: '', description: '', slug: '' }} />),
  )
  .post('/', async (c) => {
    const { details, errors } = await checkDetails(c, await readStudioForm(c), null)
    if (hasErrors(errors))
      return renderPage(c, <SetDetailsPage set={null} form={details} errors={errors} />, 400)
    await createSet(c.get('db'), c.get('instructor').id, details)
    return c.redirect(`/studio/sets/${details.slug}?done=created`, 303)
  })
  .get('/:slug', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const [questions, versions, hasChanges] = await Promise.all([
      listDraftQuestions(db, set.slug),
      listSetVersions(db, set.slug),
      draftHasChanges(db, set),
    ])
    return renderPage(
      c,
      <SetEditorPage
        set={set}
        questions={questions}
        versions={versions}
        hasChanges={hasChanges}
        notice={noticeOf(c)}
      />,
    )
  })
  .get('/:slug/details', ownedSet, async (c) => {
    const set = c.get('set')
    return renderPage(c, <SetDetailsPage set={set} form={set} />)
  })
  .post('/:slug/details', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const { details, errors } = await checkDetails(c, await readStudioForm(c), set)
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
    await publishSet(db, set)
    return c.redirect(`/studio/sets/${set.slug}?done=published`, 303)
  })
  .get('/:slug/bank', ownedSet, async (c) => {
    const db = c.get('db')
    const ownerId = c.get('instructor').id
    const set = c.get('set')
    const type = questionTypes.find((candidate) => candidate === c.req.query('type'))
    const page = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), 1000)
    const filter = {
      source: c.req.query('source')?.trim().slice(0, 100) || undefined,
      tag: c.req.query('tag')?.trim().slice(0, 100) || undefined,
      type,
      text: c.req.query('q')?.trim().slice(0, 100) || undefined,
      page,
    }
    const [{ hits, total }, draft, sources, tags] = await Promise.all([
      searchQuestions(db, ownerId, filter),
      listDraftQuestions(db, set.slug),
      listVisibleSources(db, ownerId),
      listVisibleTags(db, ownerId),
    ])
    return renderPage(
      c,
      <BankPage
        set={set}
        filter={filter}
        hits={hits}
        total={total}
        inDraft={new Set(draft.map((question) => question.id))}
        sources={sources}
        tags={tags}
        notice={noticeOf(c)}
      />,
    )
  })
  .get('/:slug/settings', ownedSet, async (c) => {
    const set = c.get('set')
    return renderPage(c, <SettingsPage set={set} form={settingsFormOf(set)} notice={noticeOf(c)} />)
  })
  .post('/:slug/settings', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const { typed, errors, value } = checkSettings(await readStudioForm(c))
    if (!value) return renderPage(c, <SettingsPage set={set} form={typed} errors={errors} />, 400)
    await updateSetConfiguration(db, set.slug, value)
    return c.redirect(`/studio/sets/${set.slug}/settings?done=saved`, 303)
  })
  .get('/:slug/share', ownedSet, async (c) => {
    const set = c.get('set')
    const origin = publicOrigin(c)
    const link = `${origin}/quiz/${set.slug}`
    const framable = set.embedPolicy.anywhere || set.embedPolicy.origins.includes(origin)
    return renderPage(
      c,
      <SharePage
        set={set}
        link={link}
        snippet={embedSnippet(origin, set.slug, set.title)}
        livePreview={set.publishedVersion !== null && framable ? `/embed/${set.slug}` : null}
      />,
    )
  })
  .get('/:slug/qr.svg', ownedSet, async (c) => {
    const set = c.get('set')
    const link = `${publicOrigin(c)}/quiz/${set.slug}`
    const svg = renderSVG(link, { border: 2, ecc: 'M' }).replace(
      '<svg ',
      `<svg role="img" aria-label="QR code for ${link.replace(/[<>&"]/g, '')}" `,
    )
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8' })
  })
  .route('/', studioSetQuestions)
