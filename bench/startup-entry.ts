/**
 * The Worker as `npm run bench` measures its start-up: esbuild bundles the app
 * behind this dynamic import as lazily initialised modules, so the app's
 * top-level code (every module's evaluation: zod schemas, Hono routes, the
 * built-in bank) runs inside the first request to /__bench/load, where the
 * CPU profiler attached through the inspector can see it, instead of before
 * the inspector can attach. Never deployed: wrangler.toml's `main` is src/index.ts.
 */
type App = { fetch(request: Request, env: unknown, context: ExecutionContext): Response | Promise<Response> }

let app: App | undefined

export default {
  async fetch(request: Request, env: unknown, context: ExecutionContext): Promise<Response> {
    const { pathname } = new URL(request.url)
    if (pathname === '/__bench/ready') return new Response('ready')
    app ??= (await import('../src/index')).default
    if (pathname === '/__bench/load') return new Response('loaded')
    return app.fetch(request, env, context)
  },
}

// wrangler refuses to start a Worker that does not export the Durable Objects wrangler.toml names.
// This static export evaluates the live room's module before the profiler attaches, so its
// start-up cost (a small module) is the one part of the app the start-up figure leaves out.
export { LiveRoom } from '../src/rooms/live-room'
