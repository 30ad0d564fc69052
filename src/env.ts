import type { Db } from './db/client'
import type { QuizSetRow } from './db/schema'
import type { SignedInInstructor } from './services/instructor-auth'

/** The one environment type every router shares. */
export type AppEnv = {
  Bindings: Env
  Variables: { db: Db }
}

/** Studio routers, behind the studio router's `requireInstructor`: the signed-in instructor is known. */
export type StudioEnv = {
  Bindings: Env
  Variables: AppEnv['Variables'] & { instructor: SignedInInstructor }
}

/** Routes on one of the instructor's sets, behind `ownedSet`: the set is loaded and theirs. */
export type OwnedSetEnv = {
  Bindings: Env
  Variables: StudioEnv['Variables'] & { set: QuizSetRow }
}
