import { isImagePath, keepsPage, OFFLINE_CACHE, OFFLINE_PAGE, SHELL } from '../browser/offline-cache'

/**
 * The service worker (built to /sw.js, scope /). It only matters offline:
 * every request goes to the network first, and a copy of the app shell and
 * of the pages in `keepsPage` is kept for when the network fails. Nothing
 * under /api/ and no POST is ever cached; an answer given offline waits in
 * the page's queue (browser/answer-queue.ts), not here.
 */

// The DOM library has no service worker types, and mixing in the WebWorker
// library clashes with it; these few are all this file needs.
type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void }
type FetchEvent = ExtendableEvent & {
  request: Request
  respondWith(response: Response | Promise<Response>): void
}
type ServiceWorkerScope = {
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  location: Location
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
}
const worker = self as unknown as ServiceWorkerScope

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(OFFLINE_CACHE)
      // `reload`: the shell comes from the server, not from a possibly older HTTP cache entry.
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  )
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('cited-') && name !== OFFLINE_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  )
})

const isShellAsset = (path: string) =>
  SHELL.includes(path) || path.startsWith('/build/') || path.startsWith('/icons/')

/** The network's answer, kept in the cache when worth keeping; the cached copy when the network fails. */
async function networkFirst(request: Request, keep: boolean): Promise<Response> {
  try {
    const response = await fetch(request)
    if (keep && response.ok && response.type === 'basic') {
      const copy = response.clone()
      void caches.open(OFFLINE_CACHE).then((cache) => cache.put(request, copy))
    }
    return response
  } catch (error) {
    const cached = await caches.match(request, { ignoreVary: true })
    if (cached) return cached
    if (request.mode === 'navigate') {
      const offline = await caches.match(OFFLINE_PAGE)
      if (offline) return offline
    }
    throw error
  }
}

worker.addEventListener('fetch', (event) => {
  const { request } = event
  const url = new URL(request.url)
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return
  if (request.method !== 'GET') {
    // A form post without a connection (e.g. starting a quiz) gets the offline page, not the browser's error.
    if (request.mode === 'navigate')
      event.respondWith(
        fetch(request).catch(async (error: unknown) => {
          const offline = await caches.match(OFFLINE_PAGE)
          if (offline) return offline
          throw error
        }),
      )
    return
  }
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, keepsPage(url.pathname)))
  else if (isShellAsset(url.pathname)) event.respondWith(networkFirst(request, true))
  // An uploaded image never changes at its address: kept once seen, so question pages show it offline.
  else if (isImagePath(url.pathname)) event.respondWith(networkFirst(request, true))
})
