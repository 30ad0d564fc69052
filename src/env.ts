import type { Db } from './db/client'
import type { SignedInInstructor } from './services/instructor-auth'

/** The one environment type every router shares. */
export type AppEnv = {
  Bindings: Env
  Variables: { db: Db }
}

/** Studio routers, behind `requireInstructor`: the signed-in instructor is known. */
export type StudioEnv = {
  Bindings: Env
  Variables: AppEnv['Variables'] & { instructor: SignedInInstructor }
}
