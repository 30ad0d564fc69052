import { app } from './app'
import { createDb } from './db/client'
import { deleteOrphanImages } from './services/images'

export default {
  fetch: app.fetch,
  /** The daily cron (wrangler.toml `[triggers]`): uploaded images no question refers to any more go. */
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(deleteOrphanImages(createDb(env.DB), env.IMAGES, Date.now()).then(() => undefined))
  },
} satisfies ExportedHandler<Env>

// Durable Object classes must be exported by the Worker's entry (wrangler.toml names them).
export { LiveRoom } from './rooms/live-room'
