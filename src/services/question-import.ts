import { answerNamedById } from '../bank/answer-named-by-id'
import type { ImportFormat } from '../bank/import-format'
import { goodQuestions, type ImportItem } from '../bank/import-item'
import { parseCitedJson } from '../bank/import-json'
import type { Db } from '../db/client'
import { getImages } from '../db/images'
import { insertImportedQuestions } from '../db/own-questions'
import { listVisibleSources } from '../db/sources'
import { parseGift, randomQuestionId } from '../gift/gift-parse'
import type { Question } from '../quiz/question'
import { imagesOf } from '../quiz/question-images'

export { detectFormat, type ImportFormat, importFormats } from '../bank/import-format'

/** The largest file (or pasted text) an import reads: a few hundred questions. */
export const MAX_IMPORT_BYTES = 256 * 1024
/** More questions than this in one file are refused: import in parts. */
export const MAX_IMPORT_QUESTIONS = 300

export type CitableSource = { id: string; title: string; outlet: string }

/** What the preview shows: every question read, and how many of them can be saved. */
export type ImportPreview = {
  format: ImportFormat
  items: ImportItem[]
  /** The questions without errors: what "Save" stores. */
  good: number
  /** The questions with errors, left out of a save. */
  bad: number
  sources: CitableSource[]
}

/**
 * Reads and checks an import without saving anything: the file's own rules
 * (GIFT syntax, the question schema) and the instructor's (evidence must cite
 * a bank source or one of their own).
 */
export async function previewImport(
  db: Db,
  ownerId: string,
  format: ImportFormat,
  text: string,
): Promise<ImportPreview> {
  const sources = await listVisibleSources(db, ownerId)
  let items = format === 'gift' ? parseGift(text) : parseCitedJson(text)
  if (items.length === 0)
    items = [{ where: 'file', title: null, question: null, errors: ['The file holds no questions.'] }]
  if (items.length > MAX_IMPORT_QUESTIONS)
    items = [
      {
        where: 'file',
        title: null,
        question: null,
        errors: [
          `The file holds ${items.length} questions; import at most ${MAX_IMPORT_QUESTIONS} at a time.`,
        ],
      },
    ]
  const citable = new Set(sources.map((source) => source.id))
  for (const item of items) {
    for (const { source } of item.question?.evidence ?? [])
      if (!citable.has(source))
        item.errors.push(
          `${item.where}: evidence: unknown source "${source}"; cite one of the sources listed on this page`,
        )
  }
  // An image must be stored here already: uploaded, or brought by a .zip export (services/image-archive.ts).
  const hashes = items
    .flatMap((item) => (item.question ? imagesOf(item.question) : []))
    .map((image) => image.hash)
  const stored = new Set((await getImages(db, [...new Set(hashes)])).map((row) => row.hash))
  for (const item of items)
    for (const image of item.question ? imagesOf(item.question) : [])
      if (!stored.has(image.hash))
        item.errors.push(
          `${item.where}: image ${image.hash.slice(0, 12)}… is not stored in this Cited; import the .zip export, which carries the images`,
        )
  const good = goodQuestions(items).length
  return { format, items, good, bad: items.length - good, sources }
}

/** A fresh `q-…` id for a question about to be saved, never one that spells its answer. */
function freshId(question: Question): Question {
  for (;;) {
    const renamed = { ...question, id: randomQuestionId() }
    if (!answerNamedById(renamed)) return renamed
  }
}

/**
 * Checks the import again from its text (never trusting an earlier preview)
 * and saves the questions without errors as the instructor's own under fresh
 * ids, appended to the set's draft in one batch; questions with errors are
 * left out. With no good question at all, nothing is saved.
 * @returns the numbers saved and left out, or the preview with its errors (nothing saved)
 */
export async function saveImport(
  db: Db,
  ownerId: string,
  slug: string,
  format: ImportFormat,
  text: string,
): Promise<{ saved: number; skipped: number } | { preview: ImportPreview }> {
  const preview = await previewImport(db, ownerId, format, text)
  if (preview.good === 0) return { preview }
  const imported = goodQuestions(preview.items).map(freshId)
  await insertImportedQuestions(db, ownerId, slug, imported, new Date())
  return { saved: imported.length, skipped: preview.bad }
}
