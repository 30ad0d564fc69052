import type { Db } from '../db/client'
import { deleteImageRows, getImage, insertImage, listOrphanImages } from '../db/images'
import { type ImageRefusal, sniffImage } from '../images/image-format'

/** The largest image an instructor may upload. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024

/** An image's R2 key. */
export const imageKey = (hash: string) => `images/${hash}`

/** What a stored image is, as a question's reference needs it. */
export type StoredImage = { hash: string; contentType: string; width: number; height: number }

/** Why an upload was not stored, in the words the form shows beside the file field. */
export type UploadRefusal = { status: 400 | 413; message: string }

const refusalText: Record<ImageRefusal, string> = {
  svg: 'SVG images are not accepted: they can carry scripts. Export the drawing as PNG or WebP and upload that.',
  unknown: 'This file is not a PNG, JPEG, WebP or GIF image.',
  damaged:
    'This image could not be read: its header gives no usable size. Save it again and upload the new file.',
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Checks an upload by its bytes (format by magic number, size from its
 * header) and stores it once by the SHA-256 of its content: in R2 under
 * `images/<hash>` with the sniffed content type, and as an `images` row. The
 * same bytes uploaded again are the same image.
 * @example const stored = await storeImage(db, env.IMAGES, instructor.id, bytes, Date.now())
 */
export async function storeImage(
  db: Db,
  bucket: R2Bucket,
  ownerId: string | null,
  bytes: Uint8Array<ArrayBuffer>,
  now: number,
): Promise<StoredImage | { refused: UploadRefusal }> {
  if (bytes.byteLength === 0) return { refused: { status: 400, message: 'Choose an image file to upload.' } }
  if (bytes.byteLength > MAX_IMAGE_BYTES)
    return {
      refused: {
        status: 413,
        message: `This image is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB: upload one of at most 2 MB.`,
      },
    }
  const sniffed = sniffImage(bytes)
  if ('refused' in sniffed) return { refused: { status: 400, message: refusalText[sniffed.refused] } }
  const hash = await sha256Hex(bytes)
  const known = await getImage(db, hash)
  if (!known || !(await bucket.head(imageKey(hash))))
    await bucket.put(imageKey(hash), bytes, {
      httpMetadata: { contentType: sniffed.contentType },
      sha256: hash,
    })
  await insertImage(db, {
    hash,
    ownerId,
    contentType: sniffed.contentType,
    bytes: bytes.byteLength,
    width: sniffed.width,
    height: sniffed.height,
    createdAt: now,
  })
  return { hash, contentType: sniffed.contentType, width: sniffed.width, height: sniffed.height }
}

/** How long an image no question refers to is kept: long enough to finish the edit that uploaded it. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000

/**
 * Deletes images no question refers to and uploaded more than a day ago, from
 * R2 and D1, 100 at a time until none is left (the daily cron, src/index.ts).
 * Returns how many it deleted.
 * @example await deleteOrphanImages(db, env.IMAGES, Date.now())
 */
export async function deleteOrphanImages(db: Db, bucket: R2Bucket, now: number): Promise<number> {
  let deleted = 0
  for (;;) {
    const hashes = await listOrphanImages(db, now - ORPHAN_GRACE_MS, 100)
    if (hashes.length === 0) return deleted
    // R2 first: should the second step fail, the row is still there and the next run finds it again.
    await bucket.delete(hashes.map(imageKey))
    await deleteImageRows(db, hashes)
    deleted += hashes.length
  }
}
