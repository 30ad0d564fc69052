import { HTTPException } from 'hono/http-exception'
import type { Submitted } from '../../components/question-fields'
import type { Answer } from '../../quiz/answer'
import { answerFromForm } from '../../quiz/answer-form'
import type { PublicQuestion } from '../../quiz/public-question'

/**
 * The no-JavaScript answer path shared by quiz, embed and practice pages:
 * decodes the posted form for `question` and hands the answer to `store`
 * (which grades and saves it). Returns null once stored, or the message to
 * show beside the learner's kept input when the answer was not understood.
 */
export async function postAnswerForm(
  form: Submitted,
  question: PublicQuestion,
  store: (answer: Answer) => Promise<unknown>,
): Promise<string | null> {
  const reading = answerFromForm(question, (name) => form[name] ?? [])
  if (!reading.ok) return reading.message
  try {
    await store(reading.answer)
    return null
  } catch (error) {
    if (error instanceof HTTPException && error.status === 400) return error.message
    throw error
  }
}
