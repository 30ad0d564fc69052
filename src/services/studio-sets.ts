import { answerNamedById } from '../bank/answer-named-by-id'
import type { Db } from '../db/client'
import {
  getVisibleQuestion,
  insertOwnQuestion,
  questionIdTaken,
  questionIsFrozen,
  replaceOwnQuestion,
  updateOwnQuestion,
} from '../db/own-questions'
import { insertOwnedSet, slugTaken } from '../db/owned-sets'
import type { QuizSetRow } from '../db/schema'
import { appendDraftQuestion, listDraftQuestions, writeDraftOrder } from '../db/set-questions'
import { insertSetVersion, listSetVersions } from '../db/set-versions'
import { NOT_EMBEDDABLE } from '../embed/policy'
import { fail } from '../http/fail'
import type { Question } from '../quiz/question'
import { DEFAULT_SET_SETTINGS } from '../quiz/set-settings'
import { randomId } from '../studio/random-id'
import { draftSettings } from '../studio/set-settings-form'

export type CreateSet = { slug: string; title: string; description: string }

/** Creates a private draft with the default settings; a taken slug is a 400 the form shows. */
export async function createSet(db: Db, ownerId: string, input: CreateSet): Promise<void> {
  await insertOwnedSet(db, {
    ...input,
    ownerId,
    settings: DEFAULT_SET_SETTINGS,
    visibility: 'private',
    embedPolicy: NOT_EMBEDDABLE,
  })
}

/**
 * The first free slug of `base`, `base-2`, `base-3`... (for duplicates).
 * @example await freeSlug(db, 'oil-copy') // "oil-copy" or "oil-copy-2"
 */
export async function freeSlug(db: Db, base: string): Promise<string> {
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (!(await slugTaken(db, candidate))) return candidate
  }
  return `${base}-${crypto.randomUUID().slice(0, 8)}`
}

/**
 * A new draft with the set's title (marked as a copy), description, settings,
 * visibility (private) and the draft's questions by reference: a question is
 * never edited in place once learners may have seen it, so sharing is safe.
 */
export async function duplicateSet(db: Db, set: QuizSetRow): Promise<string> {
  const slug = await freeSlug(db, `${set.slug.slice(0, 55)}-copy`)
  const questionIds = (await listDraftQuestions(db, set.slug)).map((question) => question.id)
  await insertOwnedSet(
    db,
    {
      slug,
      title: `${set.title} (copy)`,
      description: set.description,
      ownerId: set.ownerId ?? '',
      settings: draftSettings(set),
      visibility: 'private',
      embedPolicy: set.embedPolicy,
    },
    questionIds,
  )
  return slug
}

/** Adds a bank question or one of the instructor's own; anyone else's answers 404. */
export async function addQuestionToDraft(db: Db, ownerId: string, slug: string, questionId: string) {
  const question = await getVisibleQuestion(db, ownerId, questionId)
  if (!question) fail(404, 'not_found', 'There is no such question among the ones you can use.')
  await appendDraftQuestion(db, slug, questionId)
}

/** Moves a draft question one place up or down; at either end it stays put. */
export async function moveDraftQuestion(db: Db, slug: string, questionId: string, direction: 'up' | 'down') {
  const order = (await listDraftQuestions(db, slug)).map((question) => question.id)
  const from = order.indexOf(questionId)
  if (from === -1) fail(404, 'not_found', 'That question is not in this set.')
  const to = direction === 'up' ? from - 1 : from + 1
  if (to < 0 || to >= order.length) return
  ;[order[from], order[to]] = [order[to] ?? questionId, order[from] ?? questionId]
  await writeDraftOrder(db, slug, order)
}

/**
 * Publishes the draft as the next version: title, description, questions in
 * order and settings, frozen. An empty draft cannot be published.
 */
export async function publishSet(db: Db, set: QuizSetRow): Promise<{ version: number; uncited: number }> {
  const draft = await listDraftQuestions(db, set.slug)
  const questionIds = draft.map((question) => question.id)
  if (questionIds.length === 0) fail(400, 'bad_request', 'Add at least one question before publishing.')
  const [latest] = await listSetVersions(db, set.slug)
  const version = (latest?.version ?? 0) + 1
  await insertSetVersion(db, {
    setSlug: set.slug,
    version,
    title: set.title,
    description: set.description,
    settings: draftSettings(set),
    questionIds,
    publishedAt: new Date(),
  }).catch(() => fail(409, 'conflict', 'The set was published from somewhere else at the same time. Reload.'))
  // Uncited questions (no evidence) do not block publishing; the caller warns about them.
  return { version, uncited: draft.filter((question) => question.sourceId === null).length }
}

/** Whether the draft differs from the published version (so "Publish changes" has something to do). */
export async function draftHasChanges(db: Db, set: QuizSetRow): Promise<boolean> {
  const [latest] = await listSetVersions(db, set.slug)
  if (!latest) return true
  const ids = (await listDraftQuestions(db, set.slug)).map((question) => question.id)
  return (
    latest.title !== set.title ||
    latest.description !== set.description ||
    JSON.stringify(latest.questionIds) !== JSON.stringify(ids) ||
    JSON.stringify(latest.settings) !== JSON.stringify(draftSettings(set))
  )
}

/**
 * A fresh question id: `q-` and 10 random base-36 characters, drawn again in
 * the (unlikely) case it is taken or spells the answer out.
 */
export async function newQuestionId(db: Db, question: Omit<Question, 'id'>): Promise<string> {
  for (;;) {
    const id = randomId('q')
    if (answerNamedById({ ...question, id } as Question)) continue
    if (!(await questionIdTaken(db, id))) return id
  }
}

/**
 * Saves an own question into the draft. New: a fresh id, appended. Edited:
 * in place while no learner can have seen it; otherwise copy on write (a new
 * id swapped into this draft; published versions keep the old question).
 * Returns the id it was saved under.
 */
export async function saveOwnQuestion(
  db: Db,
  ownerId: string,
  slug: string,
  question: Question,
  editing: string | null,
): Promise<string> {
  if (editing === null) {
    await insertOwnQuestion(db, ownerId, slug, question)
    return question.id
  }
  if (await questionIsFrozen(db, editing)) {
    const { id: _old, ...rest } = question
    const copy = { ...question, id: await newQuestionId(db, rest) }
    await replaceOwnQuestion(db, ownerId, slug, editing, copy)
    return copy.id
  }
  await updateOwnQuestion(db, ownerId, slug, { ...question, id: editing })
  return editing
}
