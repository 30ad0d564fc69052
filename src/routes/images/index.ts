import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { cacheImmutably, namesTag } from '../../http/cache-control'
import { fail } from '../../http/fail'
import { shareAcrossOrigins } from '../../http/security-headers'
import { imageKey } from '../../services/images'

/**
 * `GET /images/:hash`: an uploaded image, named by the SHA-256 of its bytes.
 * Served with the content type sniffed at upload (kept on the R2 object),
 * `nosniff`, the hash as a strong ETag and a year of immutable caching. Any
 * page may show it, whoever asks: the hash is unguessable without the image
 * itself (docs/security.md#images). `Cross-Origin-Resource-Policy:
 * cross-origin` lets a Moodle page show an image a GIFT export links to.
 */
export const images = new Hono<AppEnv>().get('/:hash{[0-9a-f]{64}}', async (c) => {
  const hash = c.req.param('hash')
  const etag = `"${hash}"`
  const headers = { 'X-Content-Type-Options': 'nosniff', ETag: etag }
  cacheImmutably(c)
  shareAcrossOrigins(c)
  if (namesTag(c.req.header('if-none-match'), etag)) {
    const head = await c.env.IMAGES.head(imageKey(hash))
    if (head) return c.body(null, 304, headers)
  }
  const object = await c.env.IMAGES.get(imageKey(hash))
  if (!object) fail(404, 'not_found', 'There is no image at this address.')
  return c.body(object.body, 200, {
    ...headers,
    'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
    'Content-Length': String(object.size),
  })
})
