import { answerNamedById } from '../bank/answer-named-by-id'
import { allValid, type ImportItem } from '../bank/import-item'
import { parseCitedJson } from '../bank/import-json'
import type { Db } from '../db/client'
import { insertImportedQuestions } from '../db/own-questions'
import { listVisibleSources } from '../db/sources'
import { parseGift, randomQuestionId } from '../gift/gift-parse'
import type { Question } from '../quiz/question'

export const importFormats = ['gift', 'json'] as const
export type ImportFormat = (typeof importFormats)[number]

/** The largest file (or pasted text) an import reads: a few hundred questions. */
export const MAX_IMPORT_BYTES = 256 * 1024
/** More questions than this in one file are refused: import in parts. */
export const MAX_IMPORT_QUESTIONS = 300

export type CitableSource = { id: string; title: string; outlet: string }

/** What the preview shows: every question read, and whether the whole file can be saved. */
export type ImportPreview = {
  format: ImportFormat
  items: ImportItem[]
  ready: boolean
  sources: CitableSource[]
}

/**
 * The format to read: the one chosen, else the file's extension, else JSON
 * when the text starts like a JSON array of objects, else GIFT.
 */
export function detectFormat(
  chosen: string | undefined,
  fileName: string | null,
  text: string,
): ImportFormat {
  if (chosen === 'gift' || chosen === 'json') return chosen
  if (fileName) {
    if (/\.json$/i.test(fileName)) return 'json'
    if (/\.(gift|txt)$/i.test(fileName)) return 'gift'
  }
  // `[html]` or `[markdown]` can open a GIFT question; a JSON array opens with `[{` or `[]`.
  return /^\s*(\[\s*[{\]]|\{)/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'gift'
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
  return { format, items, ready: allValid(items), sources }
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
 * and, only if every question is valid, saves them all as the instructor's
 * own under fresh ids, appended to the set's draft in one batch.
 * @returns the number saved, or the preview with its errors (nothing saved)
 */
export async function saveImport(
  db: Db,
  ownerId: string,
  slug: string,
  format: ImportFormat,
  text: string,
): Promise<{ saved: number } | { preview: ImportPreview }> {
  const preview = await previewImport(db, ownerId, format, text)
  if (!preview.ready) return { preview }
  const imported = preview.items.flatMap((item) => (item.question ? [freshId(item.question)] : []))
  await insertImportedQuestions(db, ownerId, slug, imported, new Date())
  return { saved: imported.length }
}
