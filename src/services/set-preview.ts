import { keyedHash } from '../auth/keyed-hash'
import type { Db } from '../db/client'
import { learnerQuestionId } from '../quiz/learner-question-id'
import { type PublicQuestion, toPublicQuestion } from '../quiz/public-question'
import { appKey } from './app-secret'
import { bankSetQuestions } from './quiz-sets'

/**
 * A bank set's questions read outside an attempt (the API's set preview): as
 * a learner would see them, under learner ids, shuffled with a seed derived
 * from the server's key. The seed is the same for every reader, so the
 * preview is stable, yet no reader can compute it and undo the shuffle of
 * ordering items or matching rights (authored in answer order). The questions
 * are built into the Worker; the key is D1's only part, read once per isolate.
 */
export async function previewSetQuestions(db: Db, slug: string): Promise<PublicQuestion[]> {
  const questions = bankSetQuestions(slug) ?? []
  const key = await appKey(db)
  const seed = await keyedHash(key, 'shuffle-seed', `preview\u0000${slug}`)
  return Promise.all(
    questions.map(async (question) =>
      toPublicQuestion(question, { publicId: await learnerQuestionId(key, question.id), seed }),
    ),
  )
}
