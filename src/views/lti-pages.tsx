import type { DeepLinkOffer } from '../services/lti-deep-linking'
import { Layout } from './layout'

type RefusalProps = { status: number; reason: string; message: string }

/**
 * A refused LTI login or launch, shown inside the LMS: what went wrong in
 * plain words, and the reason code for whoever set up the registration.
 */
export function LtiRefusalPage({ status, reason, message }: RefusalProps) {
  return (
    <Layout title="This course link could not be opened">
      <h1>This course link could not be opened</h1>
      <p class="lead" role="alert">
        {message}
      </p>
      <p class="hint">
        Reason: <code>{reason}</code> (HTTP {status}). If it keeps happening, tell your instructor: the LMS
        registration of Cited can be checked in the Cited studio under "LTI".
      </p>
    </Layout>
  )
}

type DeepLinkProps = {
  returnUrl: string
  offers: DeepLinkOffer[]
  platformName: string
}

/**
 * Deep Linking: the instructor picks the quiz the course activity opens. Each
 * quiz is its own plain form posting its signed response (JWT) straight back to
 * the LMS, so one click adds it and no script is needed.
 */
export function LtiDeepLinkPage({ returnUrl, offers, platformName }: DeepLinkProps) {
  return (
    <Layout title="Choose a quiz">
      <h1>Choose a quiz</h1>
      <p class="lead">
        Pick the quiz this activity in {platformName} opens. Learners' scores go to the course gradebook, one
        point per question.
      </p>
      {offers.length === 0 ? (
        <p class="empty-state">There are no quizzes that can be added to a course yet.</p>
      ) : (
        <ul class="card-list">
          {offers.map(({ quiz, jwt }) => (
            <li class="card" key={quiz.slug}>
              <h2>{quiz.title}</h2>
              <p>{quiz.description}</p>
              <p class="meta">
                {quiz.questionCount} {quiz.questionCount === 1 ? 'question' : 'questions'}
              </p>
              <form method="post" action={returnUrl}>
                <input type="hidden" name="JWT" value={jwt} />
                <button class="button button--primary" type="submit" data-quiz={quiz.slug}>
                  Add “{quiz.title}”
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}
