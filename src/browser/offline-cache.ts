/**
 * The one cache the service worker (sw.ts) and the pages share: the app shell
 * and the question pages of quizzes opened on this device. Question pages
 * hold no answer keys (the server only sends a key with the feedback), so
 * keeping them is safe.
 */
export const OFFLINE_CACHE = 'cited-offline-v1'

/** Shown for any page that is not kept on the device (built from the layout by scripts/build-client.ts). */
export const OFFLINE_PAGE = '/offline'

/** The app shell, cached when the service worker installs. */
export const SHELL = [
  '/',
  OFFLINE_PAGE,
  '/app.css',
  '/build/islands.js',
  '/favicon.svg',
  '/manifest.webmanifest',
  '/icons/icon-192.png',
]

/** Pages worth keeping as they are fetched: the home page, set pages and a quiz's question pages. */
export function keepsPage(path: string): boolean {
  return path === '/' || /^\/quiz\/[^/]+$/.test(path) || /^\/attempts\/[^/]+\/q\/\d+$/.test(path)
}

/** Uploaded images are served at /images/<SHA-256 of their bytes>: the same URL never changes content. */
export const isImagePath = (path: string) => /^\/images\/[0-9a-f]{64}$/.test(path)

/**
 * The uploaded images a page shows (their paths, once each), so they can be kept with it.
 * @example imagesIn('<img src="/images/ab…">') // ['/images/ab…']
 */
export function imagesIn(html: string): string[] {
  return [...new Set(html.match(/\/images\/[0-9a-f]{64}(?![0-9a-f])/g) ?? [])]
}

const cacheAvailable = () => typeof caches !== 'undefined'

/** How many quizzes (attempts) besides the current one keep their pages on the device. */
const otherAttemptsKept = 3
const attemptOf = (url: string) => /\/attempts\/([^/]+)\/q\//.exec(new URL(url, location.href).pathname)?.[1]

/**
 * Drops the pages of older attempts, so the cache stays the size of a few
 * quizzes. The cache lists entries oldest first (a page stored again moves to
 * the end), so the attempts seen last are the ones kept.
 */
async function dropOldAttempts(cache: Cache, current: string | undefined) {
  const requests = await cache.keys()
  const seen = [...new Set(requests.map((request) => attemptOf(request.url)))].filter(
    (attempt): attempt is string => attempt !== undefined && attempt !== current,
  )
  const kept = new Set(seen.slice(-otherAttemptsKept))
  for (const request of requests) {
    const attempt = attemptOf(request.url)
    if (attempt !== undefined && attempt !== current && !kept.has(attempt)) await cache.delete(request)
  }
}

/**
 * Fetches into the cache the pages not in it yet (e.g. every question of the
 * quiz on screen), so the learner can go on without a connection. Failures
 * are ignored: this is a convenience, never a reason to show an error.
 *
 * @example await keepOffline(['/attempts/abc/q/1', '/attempts/abc/q/2'])
 */
export async function keepOffline(paths: string[]): Promise<void> {
  if (!cacheAvailable()) return
  try {
    const cache = await caches.open(OFFLINE_CACHE)
    for (const path of paths) {
      if (await cache.match(path)) continue
      await cache.add(path)
      // The page's images too (immutable, named by their hash), so a question with a picture works offline.
      const page = await cache.match(path)
      for (const image of imagesIn(page ? await page.text() : ''))
        if (!(await cache.match(image))) await cache.add(image)
    }
    await dropOldAttempts(cache, paths[0] === undefined ? undefined : attemptOf(paths[0]))
  } catch {
    // Offline, storage full or a page gone: the quiz still works online.
  }
}

/** Replaces a kept page with its current version (after its answer was graded, it shows the feedback). */
export async function refreshOffline(path: string): Promise<void> {
  if (!cacheAvailable()) return
  try {
    const cache = await caches.open(OFFLINE_CACHE)
    if (await cache.match(path)) await cache.add(path)
  } catch {
    // The old copy stays; the next visit online replaces it.
  }
}
