import type { Db } from './db/client'

/** The one environment type every router shares. */
export type AppEnv = {
  Bindings: Env
  Variables: { db: Db }
}
