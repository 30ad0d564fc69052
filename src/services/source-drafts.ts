import type { Db } from '../db/client'
import { listPassagesOf } from '../db/source-passages'
import { listVisibleSources } from '../db/sources'
import { fail } from '../http/fail'
import type { Question } from '../quiz/question'
import { type Draft, draftQuestions } from '../sources/drafts'
import { requireOwnedSet } from './owned-sets'
import { newQuestionId, saveOwnQuestion } from './studio-sets'

/**
 * The drafts of one source the instructor may read, made from its stored
 * passages by the rule-based generator (src/sources/drafts.ts), with the
 * instructor's other sources and the bank's as companions (distractors, false
 * variants). Deterministic, so a draft is named by its position in the list.
 */
export async function draftsOfSource(db: Db, ownerId: string, sourceId: string): Promise<Draft[]> {
  const sources = await listVisibleSources(db, ownerId)
  if (!sources.some((source) => source.id === sourceId))
    fail(404, 'not_found', 'There is no such source among the ones you can use.')
  const passages = await listPassagesOf(
    db,
    sources.map((source) => source.id),
  )
  const drafting = sources.map((source) => ({
    name: source.id,
    title: source.title,
    outlet: source.outlet,
    passages: passages.filter((passage) => passage.sourceId === source.id),
  }))
  const [own] = drafting.filter((source) => source.name === sourceId)
  if (!own || own.passages.length === 0) return []
  return draftQuestions(
    own,
    drafting.filter((source) => source !== own && source.passages.length > 0),
  )
}

/** The draft at `index`, or a 404 that says how many there are. */
export async function draftAt(db: Db, ownerId: string, sourceId: string, index: number): Promise<Draft> {
  const drafts = await draftsOfSource(db, ownerId, sourceId)
  const draft = drafts[index]
  if (!draft)
    fail(404, 'not_found', `This source has ${drafts.length} drafts; there is none at ${index + 1}.`)
  return draft
}

/** A draft as the question it becomes: a fresh id, its evidence already citing the source's passage. */
export async function questionOfDraft(db: Db, draft: Draft): Promise<Question> {
  const { id: _draftId, ...rest } = draft.question
  return { ...rest, id: await newQuestionId(db, rest) }
}

/** Accepts a reviewed draft into one of the instructor's sets as an own question; returns its id. */
export async function acceptDraft(db: Db, ownerId: string, slug: string, draft: Draft): Promise<string> {
  const set = await requireOwnedSet(db, ownerId, slug)
  const question = await questionOfDraft(db, draft)
  return saveOwnQuestion(db, ownerId, set.slug, question, null)
}
