import { type Context, Hono } from 'hono'
import { exportQuestion } from '../../bank/export'
import type { QuizSetRow } from '../../db/schema'
import { listSetQuestions } from '../../db/set-questions'
import { getSourcesByIds, listVisibleSources } from '../../db/sources'
import type { OwnedSetEnv, StudioEnv } from '../../env'
import { serialiseGift } from '../../gift/gift-serialise'
import { fail } from '../../http/fail'
import { publicOrigin } from '../../http/public-origin'
import { exportArchive, isZip, MAX_ZIP_BYTES, readImportArchive } from '../../services/image-archive'
import {
  detectFormat,
  type ImportFormat,
  MAX_IMPORT_BYTES,
  previewImport,
  saveImport,
} from '../../services/question-import'
import { renderPage } from '../../views/render'
import { StudioImportPage } from '../../views/studio/import-page'
import { ownedSet } from './owned-set'

const tooLarge = `The file is too large: import at most ${MAX_IMPORT_BYTES / 1024} KB at a time.`

type Upload =
  | { text: string; format: ImportFormat; chosen: ImportFormat | 'auto' }
  | { error: string; text: string }

/** The import page again, with what could not be read from the form said above the box. */
async function uploadErrorPage(
  c: Context<OwnedSetEnv>,
  set: QuizSetRow,
  upload: Extract<Upload, { error: string }>,
) {
  const sources = await listVisibleSources(c.get('db'), c.get('instructor').id)
  return renderPage(
    c,
    <StudioImportPage set={set} sources={sources} text={upload.text} uploadError={upload.error} />,
    400,
  )
}

/**
 * Reads the import form: the uploaded file if one was chosen, else the text
 * box. Only UTF-8 text is accepted: a file with NUL bytes or invalid UTF-8 is
 * refused as binary.
 */
async function readUpload(c: Context): Promise<Upload> {
  const body = await c.req.parseBody().catch(() => fail(400, 'bad_request', 'The form could not be read.'))
  const pasted = typeof body.text === 'string' ? body.text : ''
  const formatField = typeof body.format === 'string' ? body.format : 'auto'
  const chosen = formatField === 'gift' || formatField === 'json' ? formatField : 'auto'
  let text = pasted
  let fileName: string | null = null
  if (body.file instanceof File && body.file.size > 0) {
    if (body.file.size > MAX_IMPORT_BYTES) return { error: tooLarge, text: pasted }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await body.file.arrayBuffer())
    } catch {
      return { error: 'This file is not text (UTF-8): export GIFT or JSON as plain text.', text: pasted }
    }
    fileName = body.file.name
  }
  if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) return { error: tooLarge, text: '' }
  if (text.includes('\u0000'))
    return {
      error: 'This file is not text (it holds binary data): upload a .gift, .txt or .json file.',
      text: '',
    }
  if (!text.trim()) return { error: 'Paste questions into the box or choose a file to import.', text }
  return { text, format: detectFormat(chosen, fileName, text), chosen }
}

/** The set's draft in the JSON export format, and its questions. */
async function exportedJson(c: Context<OwnedSetEnv>, set: QuizSetRow) {
  const db = c.get('db')
  const questions = await listSetQuestions(db, set.slug)
  const sources = await getSourcesByIds(
    db,
    questions.flatMap((question) => question.evidence.map((cited) => cited.source)),
  )
  const exported = questions.map((question) => exportQuestion(set.slug, question, sources))
  return { json: `${JSON.stringify(exported, null, 2)}\n`, questions }
}

/**
 * Import into and export from an instructor's set: /studio/sets/:slug/import
 * (page, preview, save) and /studio/sets/:slug/export.gift|json. Mounted
 * under /studio/sets by the studio router (which checks the session); every
 * route checks the instructor owns the set (`ownedSet`).
 */
export const studioImport = new Hono<StudioEnv>()
  .get('/:slug/import', ownedSet, async (c) => {
    const db = c.get('db')
    const ownerId = c.get('instructor').id
    const set = c.get('set')
    const saved = Number.parseInt(c.req.query('saved') ?? '', 10)
    const skipped = Number.parseInt(c.req.query('skipped') ?? '', 10)
    return renderPage(
      c,
      <StudioImportPage
        set={set}
        sources={await listVisibleSources(db, ownerId)}
        saved={Number.isFinite(saved) && saved >= 0 ? saved : undefined}
        skipped={Number.isFinite(skipped) && skipped > 0 ? skipped : undefined}
      />,
    )
  })
  .post('/:slug/import', ownedSet, async (c) => {
    const db = c.get('db')
    const ownerId = c.get('instructor').id
    const set = c.get('set')
    const upload = await readUpload(c)
    if ('error' in upload) return uploadErrorPage(c, set, upload)
    const preview = await previewImport(db, ownerId, upload.format, upload.text)
    return renderPage(
      c,
      <StudioImportPage
        set={set}
        sources={preview.sources}
        text={upload.text}
        format={upload.chosen}
        preview={preview}
      />,
      // A preview with something to save is a success even when some questions are left out.
      preview.good > 0 ? 200 : 400,
    )
  })
  .post('/:slug/import/save', ownedSet, async (c) => {
    const db = c.get('db')
    const ownerId = c.get('instructor').id
    const set = c.get('set')
    const upload = await readUpload(c)
    if ('error' in upload) return uploadErrorPage(c, set, upload)
    const result = await saveImport(db, ownerId, set.slug, upload.format, upload.text)
    if ('preview' in result)
      return renderPage(
        c,
        <StudioImportPage
          set={set}
          sources={result.preview.sources}
          text={upload.text}
          format={upload.chosen}
          preview={result.preview}
        />,
        400,
      )
    const skipped = result.skipped > 0 ? `&skipped=${result.skipped}` : ''
    return c.redirect(`/studio/sets/${set.slug}/import?saved=${result.saved}${skipped}`, 303)
  })
  .get('/:slug/export.gift', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const questions = await listSetQuestions(db, set.slug)
    c.header('Content-Disposition', `attachment; filename="${set.slug}.gift"`)
    return c.body(serialiseGift(set, questions, publicOrigin(c)), 200, {
      'Content-Type': 'text/plain; charset=utf-8',
    })
  })
  .get('/:slug/export.json', ownedSet, async (c) => {
    const { json } = await exportedJson(c, c.get('set'))
    c.header('Content-Disposition', `attachment; filename="${c.get('set').slug}.json"`)
    return c.body(json, 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })
  // The JSON export and its images in one .zip (services/image-archive.ts).
  .get('/:slug/export.zip', ownedSet, async (c) => {
    const set = c.get('set')
    const { json, questions } = await exportedJson(c, set)
    const zip = await exportArchive(c.get('db'), c.env.IMAGES, json, questions)
    c.header('Content-Disposition', `attachment; filename="${set.slug}.zip"`)
    return c.body(zip.slice().buffer, 200, { 'Content-Type': 'application/zip' })
  })
  // A .zip export: its images are stored, then its questions.json previewed like a JSON import.
  .post('/:slug/import/zip', ownedSet, async (c) => {
    const db = c.get('db')
    const ownerId = c.get('instructor').id
    const set = c.get('set')
    const body = await c.req.parseBody().catch(() => fail(400, 'bad_request', 'The form could not be read.'))
    const file = body.archive
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
    const refuse = (error: string) => uploadErrorPage(c, set, { error, text: '' })
    if (bytes.byteLength === 0) return refuse('Choose a .zip file that Cited exported.')
    if (bytes.byteLength > MAX_ZIP_BYTES)
      return refuse(`The .zip file is too large: import at most ${MAX_ZIP_BYTES / 1024 / 1024} MB at a time.`)
    if (!isZip(bytes)) return refuse('This file is not a .zip archive.')
    const archive = await readImportArchive(db, c.env.IMAGES, ownerId, bytes, Date.now())
    if ('error' in archive) return refuse(archive.error)
    const preview = await previewImport(db, ownerId, 'json', archive.text)
    return renderPage(
      c,
      <StudioImportPage
        set={set}
        sources={preview.sources}
        text={archive.text}
        format="json"
        preview={preview}
      />,
      preview.good > 0 ? 200 : 400,
    )
  })
