import { strFromU8, strToU8, type Unzipped, unzipSync, Zip, ZipPassThrough } from 'fflate'
import type { Db } from '../db/client'
import { getImages } from '../db/images'
import { extensionOf } from '../images/image-format'
import type { Question } from '../quiz/question'
import { imagesOf } from '../quiz/question-images'
import { imageKey, MAX_IMAGE_BYTES, storeImage } from './images'
import { MAX_IMPORT_BYTES } from './question-import'

/** The largest .zip export an import reads: the questions and up to a few dozen images. */
export const MAX_ZIP_BYTES = 10 * 1024 * 1024
/** More images than this in one archive are refused. */
export const MAX_ZIP_IMAGES = 200

/** The questions file inside an archive: the JSON export, as `export.json` writes it. */
export const QUESTIONS_FILE = 'questions.json'
const IMAGE_FILE = /^images\/([0-9a-f]{64})\.(png|jpg|webp|gif)$/

/**
 * Writes a zip of stored (uncompressed) entries. Images are compressed
 * already and the JSON is small; storing keeps fflate's deflate out of the
 * Worker bundle (about 2 KiB gzip), while reading still inflates any zip.
 */
function storedZip(files: [name: string, bytes: Uint8Array][]): Uint8Array {
  const chunks: Uint8Array[] = []
  const zip = new Zip((error, data) => {
    if (error) throw error
    chunks.push(data)
  })
  for (const [name, bytes] of files) {
    const entry = new ZipPassThrough(name)
    zip.add(entry)
    entry.push(bytes, true)
  }
  zip.end()
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

/**
 * The JSON export with its images: `questions.json` and `images/<hash>.<ext>`
 * for every image the questions show, read from R2.
 * @example const zip = await exportArchive(db, env.IMAGES, json, questions)
 */
export async function exportArchive(
  db: Db,
  bucket: R2Bucket,
  json: string,
  questions: Question[],
): Promise<Uint8Array> {
  const hashes = [...new Set(questions.flatMap(imagesOf).map((image) => image.hash))]
  const rows = await getImages(db, hashes)
  const files: [string, Uint8Array][] = [[QUESTIONS_FILE, strToU8(json)]]
  for (const row of rows) {
    const object = await bucket.get(imageKey(row.hash))
    if (object)
      files.push([
        `images/${row.hash}.${extensionOf(row.contentType)}`,
        new Uint8Array(await object.arrayBuffer()),
      ])
  }
  return storedZip(files)
}

/** True for the bytes of a zip archive (local file header "PK\3\4"). */
export const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04

/**
 * Reads an archive made by `exportArchive`: stores each image in it (checked
 * by its bytes like an upload, under the hash of its bytes) and returns the
 * questions file's text for the JSON import to read. Entries are size-checked
 * before they are inflated (a zip bomb stops at the declared sizes); other
 * files in the archive are ignored.
 * @returns the JSON text, or what is wrong with the archive
 */
export async function readImportArchive(
  db: Db,
  bucket: R2Bucket,
  ownerId: string,
  bytes: Uint8Array,
  now: number,
): Promise<{ text: string; images: number } | { error: string }> {
  let oversized = ''
  let files: Unzipped
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const limit =
          file.name === QUESTIONS_FILE ? MAX_IMPORT_BYTES : IMAGE_FILE.test(file.name) ? MAX_IMAGE_BYTES : -1
        if (limit < 0) return false
        if (file.originalSize > limit) oversized ||= file.name
        return file.originalSize <= limit
      },
    })
  } catch {
    return { error: 'This .zip file could not be read: export the set again and import the new file.' }
  }
  if (oversized) return { error: `${oversized} in the .zip file is too large.` }
  const questions = files[QUESTIONS_FILE]
  if (!questions)
    return { error: `The .zip file holds no ${QUESTIONS_FILE}: import a .zip that Cited exported.` }
  const images = Object.entries(files).filter(([name]) => IMAGE_FILE.test(name))
  if (images.length > MAX_ZIP_IMAGES)
    return {
      error: `The .zip file holds ${images.length} images; import at most ${MAX_ZIP_IMAGES} at a time.`,
    }
  for (const [name, content] of images) {
    const stored = await storeImage(db, bucket, ownerId, new Uint8Array(content), now)
    if ('refused' in stored) return { error: `${name}: ${stored.refused.message}` }
  }
  let text: string
  try {
    text = strFromU8(questions)
    new TextDecoder('utf-8', { fatal: true }).decode(questions)
  } catch {
    return { error: `${QUESTIONS_FILE} is not text (UTF-8).` }
  }
  return { text, images: images.length }
}
