import type { Answer } from '../src/quiz/answer'
import type { PublicQuestion } from '../src/quiz/public-question'
import type { AttemptView } from '../src/services/attempts'

/**
 * A learner as the bench drives one: a cookie, attempts started through the
 * same forms and API a browser uses, and well-formed answers.
 */

export type Learner = { origin: string; cookie: string }

/** A quiz the bench practises on: the first set the home page links to. */
export async function findQuizSlug(origin: string): Promise<string> {
  const html = await (await fetch(`${origin}/`)).text()
  const slug = /href="\/quiz\/([a-z0-9-]+)"/.exec(html)?.[1]
  if (!slug) throw new Error('The quiz list links to no quiz; is the bank seeded?')
  return slug
}

/**
 * Starts an attempt with the learner's form (POST /quiz/:slug/start, Origin
 * header for the CSRF check) and follows the 303 to question 1. The response
 * sets the learner cookie that every later request carries.
 */
export async function startLearner(
  origin: string,
  slug: string,
): Promise<Learner & { questionPath: string }> {
  const response = await fetch(`${origin}/quiz/${slug}/start`, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: '',
    redirect: 'manual',
  })
  await response.arrayBuffer()
  const location = response.headers.get('location')
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('cited_learner='))
  if (response.status !== 303 || !location || !cookie)
    throw new Error(`Starting a quiz answered ${response.status} without a redirect and learner cookie.`)
  const learner = { origin, cookie: cookie.split(';')[0]! }
  const page = await fetch(new URL(location, origin), { headers: { Cookie: learner.cookie } })
  await page.arrayBuffer()
  if (page.status !== 200) throw new Error(`The question page ${location} answered ${page.status}.`)
  return { ...learner, questionPath: new URL(location, origin).pathname }
}

/** Starts an attempt through the JSON API and returns what the API describes. */
export async function createAttempt(learner: Learner, slug: string): Promise<AttemptView> {
  const response = await fetch(`${learner.origin}/api/attempts`, {
    method: 'POST',
    headers: { Cookie: learner.cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ quiz: slug }),
  })
  if (response.status !== 201)
    throw new Error(`POST /api/attempts answered ${response.status}: ${await response.text()}`)
  const { attempt } = (await response.json()) as { attempt: AttemptView }
  return attempt
}

/** Starts `count` attempts, `concurrency` at a time. */
export async function createAttempts(
  learner: Learner,
  slug: string,
  count: number,
  concurrency = 8,
): Promise<AttemptView[]> {
  const attempts: AttemptView[] = []
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      attempts.push(await createAttempt(learner, slug))
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return attempts
}

/**
 * A well-formed answer to `question` (right or wrong does not matter to the
 * bench): the first option, the shown order, the shown pairing.
 */
export function sampleAnswer(question: PublicQuestion): Answer {
  switch (question.type) {
    case 'single':
      return { choice: question.choices[0]!.id }
    case 'multiple':
      return { choices: [question.choices[0]!.id] }
    case 'true_false':
      return { value: true }
    case 'numeric':
      return { value: 1 }
    case 'ordering':
      return { order: question.items.map((item) => item.id) }
    case 'matching':
      return {
        matches: Object.fromEntries(
          question.lefts.map((left, index) => [left.id, question.rights[index]!.id]),
        ),
      }
    case 'text':
      return { text: 'bench' }
    case 'cloze':
      return { gaps: question.gaps.map((gap) => (gap.kind === 'choice' ? gap.choices[0]!.id : '1')) }
  }
}

/** The JSON body of POST /api/attempts/:id/answers. */
export const answerBody = (question: PublicQuestion) =>
  JSON.stringify({ questionId: question.id, answer: sampleAnswer(question) })
