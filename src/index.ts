import { app } from './app'

export default app
// Durable Object classes must be exported by the Worker's entry (wrangler.toml names them).
export { LiveRoom } from './rooms/live-room'
