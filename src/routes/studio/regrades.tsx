import { type Context, Hono } from 'hono'
import { listRegradableQuestions, listRegrades } from '../../db/regrades'
import type { OwnedSetEnv, StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, STUDIO_FORM } from '../../http/form'
import type { Question } from '../../quiz/question'
import {
  confirmRegrade,
  continueRegrade,
  findRegrade,
  listChangedResponses,
  previewRegrade,
  type RegradeOutcome,
  requireRegradableQuestion,
  requireRegrade,
} from '../../services/regrades'
import { field } from '../../studio/form-fields'
import {
  decodeRegradeForm,
  type RegradeErrors,
  type RegradeForm,
  readRegradeForm,
  regradeFormFor,
} from '../../studio/regrade-form'
import { renderPage } from '../../views/render'
import {
  RegradeFormPage,
  RegradePage,
  RegradePreviewPage,
  RegradesPage,
} from '../../views/studio/regrade-pages'
import { passBackRegraded } from '../lti/passback'
import { uuid } from '../params'
import { ownedSet } from './owned-set'

/** What `?done=` says on a regrade's page. */
const notices: Record<string, string> = {
  regraded: 'Regraded: scores, results and CSVs now use the new key.',
  partly: 'Partly regraded: continue for the rest.',
}

/** The preview's fingerprint of the question (services/regrades.ts `questionFingerprint`). */
const BASIS = /^[0-9a-f]{16}$/

function formPage(
  c: Context<OwnedSetEnv>,
  question: Question,
  form: RegradeForm,
  errors: RegradeErrors,
  error?: string,
) {
  return renderPage(
    c,
    <RegradeFormPage set={c.get('set')} question={question} form={form} errors={errors} error={error} />,
    Object.keys(errors).length > 0 || error ? 400 : 200,
  )
}

/** Loads the route's question for the signed-in owner (404 otherwise). */
const questionOf = (c: Context<OwnedSetEnv>) =>
  requireRegradableQuestion(c.get('db'), c.get('instructor').id, c.get('set'), c.req.param('id') ?? '')

/** The regrade named by the route, if it is this set's (a malformed id cannot exist: 404). */
function regradeIdOf(c: Context<OwnedSetEnv>): string {
  const id = c.req.param('regradeId') ?? ''
  if (!uuid.safeParse(id).success) fail(404, 'not_found', 'There is no regrade at this address in this set.')
  return id
}

/**
 * Regrading a question of a published set (docs/studio.md#regrade), mounted
 * under /studio/sets behind the studio's session check; `ownedSet` on every
 * route. Preview and confirm are form posts: no JavaScript needed.
 */
export const studioRegrades = new Hono<StudioEnv>()
  .get('/:slug/regrades', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const [questions, log] = await Promise.all([
      listRegradableQuestions(db, c.get('instructor').id, set.slug),
      listRegrades(db, set.slug),
    ])
    return renderPage(c, <RegradesPage set={set} questions={questions} log={log} />)
  })
  .get('/:slug/regrades/:regradeId', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const regrade = await requireRegrade(db, set, regradeIdOf(c))
    const rows = await listChangedResponses(db, set, regrade.id)
    return renderPage(
      c,
      <RegradePage set={set} regrade={regrade} rows={rows} notice={notices[c.req.query('done') ?? '']} />,
    )
  })
  .post('/:slug/regrades/:regradeId/continue', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const outcome = await continueRegrade(db, await requireRegrade(db, set, regradeIdOf(c)))
    passBackRegraded(c, db, outcome.resend)
    const done = outcome.running ? 'partly' : 'regraded'
    return c.redirect(`/studio/sets/${set.slug}/regrades/${outcome.regrade.id}?done=${done}`, 303)
  })
  .get('/:slug/questions/:id/regrade', ownedSet, async (c) => {
    const question = await questionOf(c)
    return formPage(c, question, regradeFormFor(question), {})
  })
  .post('/:slug/questions/:id/regrade/preview', ownedSet, async (c) => {
    const question = await questionOf(c)
    const submitted = await readForm(c, STUDIO_FORM)
    const form = readRegradeForm(submitted)
    // "Change it" on the preview: back to the form as it was filled in.
    if (field(submitted, 'intent') === 'edit') return formPage(c, question, form, {})
    const decoded = decodeRegradeForm(question, form)
    if (!decoded.ok) return formPage(c, question, form, decoded.errors)
    const previewed = await previewRegrade(c.get('db'), c.get('set'), question, decoded.change)
    if (!previewed.ok) return formPage(c, question, form, {}, previewed.error)
    return renderPage(c, <RegradePreviewPage set={c.get('set')} preview={previewed.preview} form={form} />)
  })
  .post('/:slug/questions/:id/regrade', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const submitted = await readForm(c, STUDIO_FORM)
    const regradeId = field(submitted, 'regrade_id')
    const basis = field(submitted, 'basis')
    if (!uuid.safeParse(regradeId).success || !BASIS.test(basis))
      fail(400, 'bad_request', 'Confirm a regrade from its preview.')
    // The same form posted again (a double click, a retry) finds its regrade and only carries it on.
    const existing = await findRegrade(db, set, regradeId)
    let outcome: RegradeOutcome
    if (existing) outcome = await continueRegrade(db, existing)
    else {
      const question = await questionOf(c)
      const form = readRegradeForm(submitted)
      const decoded = decodeRegradeForm(question, form)
      if (!decoded.ok) return formPage(c, question, form, decoded.errors)
      outcome = await confirmRegrade(db, {
        set,
        ownerId: c.get('instructor').id,
        questionId: question.id,
        regradeId,
        basis,
        change: decoded.change,
        reason: decoded.reason,
      })
    }
    passBackRegraded(c, db, outcome.resend)
    const done = outcome.running ? 'partly' : 'regraded'
    return c.redirect(`/studio/sets/${set.slug}/regrades/${outcome.regrade.id}?done=${done}`, 303)
  })
