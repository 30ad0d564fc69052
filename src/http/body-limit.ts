import { createMiddleware } from 'hono/factory'
import { fail } from './fail'
import { readAtMost } from './read-at-most'

/** The largest JSON or form body a route of ours reads: far above any answer, question or settings form. */
export const MAX_BODY_BYTES = 64 * 1024

/**
 * The question import takes a file of up to 256 KB in a multipart body (with
 * the pasted text beside it), so its bodies may reach 768 KB; its route says
 * more precisely what is too large below that (routes/studio/import.tsx).
 */
export const MAX_IMPORT_BODY_BYTES = 768 * 1024
const isImport = (path: string) => /^\/studio\/sets\/[^/]+\/import(\/save)?$/.test(path)

/**
 * A new source carries its text: up to 1,000,000 characters once reduced to
 * plain text, which an HTML page or multi-byte script may need 3 MB to send.
 * The route says precisely what is too long below that (routes/studio/sources.tsx).
 */
export const MAX_SOURCE_BODY_BYTES = 3 * 1024 * 1024
const isSourceUpload = (path: string) => path === '/studio/sources/new'

/**
 * An image upload: a file of up to 2 MB (services/images.ts) and a few short
 * fields. Up to 3 MB is read, so a file a little over 2 MB gets the images
 * page's own 413 with the form kept rather than this bare one.
 */
export const MAX_IMAGE_BODY_BYTES = 3 * 1024 * 1024
const isImageUpload = (path: string) => /^\/studio\/sets\/[^/]+\/questions\/[^/]+\/images$/.test(path)

/** A .zip export (questions and images) to import: up to 10 MB (services/image-archive.ts), and the form around it. */
export const MAX_ARCHIVE_BODY_BYTES = 11 * 1024 * 1024
const isArchiveImport = (path: string) => /^\/studio\/sets\/[^/]+\/import\/zip$/.test(path)

const tooLarge = (max: number): never =>
  fail(413, 'payload_too_large', `The request is too large: send at most ${Math.round(max / 1024)} KB.`)

/**
 * Refuses, with a 413 and the usual error shape, any request body over
 * `MAX_BODY_BYTES` (`MAX_IMPORT_BODY_BYTES` for the import) before a route parses it. A Content-Length over the limit
 * is refused unread; otherwise the bytes are counted as they arrive, because
 * a chunked body has no Content-Length and a lying one is not enforced on
 * every path into the Worker (Hono's `bodyLimit` trusts it, hence this).
 * The route then reads the counted copy.
 */
export const limitBodies = createMiddleware(async (c, next) => {
  const body = c.req.raw.body
  if (!body) return next()
  const max = isImport(c.req.path)
    ? MAX_IMPORT_BODY_BYTES
    : isSourceUpload(c.req.path)
      ? MAX_SOURCE_BODY_BYTES
      : isImageUpload(c.req.path)
        ? MAX_IMAGE_BODY_BYTES
        : isArchiveImport(c.req.path)
          ? MAX_ARCHIVE_BODY_BYTES
          : MAX_BODY_BYTES
  if (Number(c.req.header('content-length')) > max) tooLarge(max)
  const bytes = (await readAtMost(body, max)) ?? tooLarge(max)
  c.req.raw = new Request(c.req.raw, { body: bytes })
  await next()
})
