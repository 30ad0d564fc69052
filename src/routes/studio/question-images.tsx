import { type Context, Hono } from 'hono'
import { getVisibleQuestion } from '../../db/own-questions'
import type { QuizSetRow } from '../../db/schema'
import { listDraftQuestions } from '../../db/set-questions'
import type { OwnedSetEnv, StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { questionSchema } from '../../quiz/question'
import { storeImage } from '../../services/images'
import { saveOwnQuestion } from '../../services/studio-sets'
import { imageAt, readImageTarget, readImageText, withImageAt } from '../../studio/question-images'
import { renderPage } from '../../views/render'
import { type ImageFormState, QuestionImagesPage } from '../../views/studio/question-images-page'
import { noticeOf } from './notices'
import { ownedSet } from './owned-set'

/** One of the instructor's own questions in this draft, or 404 (as the question form's routes). */
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

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * A question's images page (`/studio/sets/:slug/questions/:id/images`):
 * upload, replace or remove the image of its prompt, of a choice, or a figure
 * with a cited passage. Each save goes through `saveOwnQuestion`, so a
 * question learners may have seen is copied, never changed under them.
 * Refusals (no alt text, not an image, SVG, over 2 MB) answer 400 or 413 with
 * the page and what was typed.
 */
export const studioQuestionImages = new Hono<StudioEnv>()
  .get('/:slug/questions/:id/images', ownedSet, async (c) => {
    const set = c.get('set')
    const question = await ownQuestionInDraft(c, set, c.req.param('id'))
    return renderPage(
      c,
      <QuestionImagesPage set={set} question={question} refused={null} notice={noticeOf(c)} />,
    )
  })
  .post('/:slug/questions/:id/images', ownedSet, async (c) => {
    const set = c.get('set')
    const db = c.get('db')
    const ownerId = c.get('instructor').id
    const question = await ownQuestionInDraft(c, set, c.req.param('id'))
    const body = await c.req.parseBody().catch(() => fail(400, 'bad_request', 'The form could not be read.'))
    const target = readImageTarget(text(body.target), question)
    if (!target) fail(400, 'bad_request', 'This question has no such place for an image.')
    const saved = async (next: typeof question) => {
      const savedAs = await saveOwnQuestion(db, ownerId, set.slug, questionSchema.parse(next), question.id)
      return c.redirect(`/studio/sets/${set.slug}/questions/${savedAs}/images?done=image-saved`, 303)
    }
    if (text(body.intent) === 'remove') return saved(withImageAt(question, target, null))

    const typed = readImageText({
      alt: text(body.alt),
      decorative: text(body.decorative) === 'yes',
      caption: text(body.caption),
    })
    const refuse = (errors: Record<string, string>, status: 400 | 413) => {
      const state: ImageFormState = { target, ...typed, errors }
      return renderPage(c, <QuestionImagesPage set={set} question={question} refused={state} />, status)
    }
    if (Object.keys(typed.errors).length) return refuse(typed.errors, 400)

    const file = body.image
    const current = imageAt(question, target).image
    let stored: { hash: string; width: number; height: number }
    if (file instanceof File && file.size > 0) {
      const result = await storeImage(
        db,
        c.env.IMAGES,
        ownerId,
        new Uint8Array(await file.arrayBuffer()),
        Date.now(),
      )
      if ('refused' in result) return refuse({ image: result.refused.message }, result.refused.status)
      stored = result
    } else if (current) stored = current
    else return refuse({ image: 'Choose an image file to upload.' }, 400)

    const image = {
      hash: stored.hash,
      alt: typed.alt,
      ...(typed.decorative ? { decorative: true } : {}),
      width: stored.width,
      height: stored.height,
    }
    return saved(withImageAt(question, target, image, typed.caption || undefined))
  })
