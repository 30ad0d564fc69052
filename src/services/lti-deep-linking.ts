import type { Db } from '../db/client'
import type { LtiPlatformRow } from '../db/schema'
import { isEmbeddable } from '../embed/policy'
import { type DeepLinkingLaunch, isInstructor } from '../lti/claims'
import {
  DEEP_LINK_RESPONSE_TTL_S,
  deepLinkingResponseClaims,
  type QuizChoice,
  requireResourceLinks,
} from '../lti/deep-linking'
import { isAllowedEndpoint, type OutboundPolicy } from '../lti/outbound'
import { refuse } from '../lti/refusal'
import { signToolJwt } from '../lti/tool-keys'
import { toolSigningKey } from './lti-tool-keys'
import { listQuizSets } from './quiz-sets'

export type DeepLinkOffer = { quiz: QuizChoice; jwt: string }

/**
 * The quizzes an instructor can add from a Deep Linking request, each with
 * its signed LtiDeepLinkingResponse ready to post back: choosing one is a
 * single click on a plain form (no script, no second round trip).
 */
export async function deepLinkOffers(
  db: Db,
  platform: LtiPlatformRow,
  request: DeepLinkingLaunch,
  origin: string,
  policy: OutboundPolicy,
  now = new Date(),
): Promise<DeepLinkOffer[]> {
  if (!isInstructor(request.roles))
    refuse(403, 'not_instructor', 'Only instructors can choose which Cited quiz a course links to.')
  requireResourceLinks(request)
  // The return URL becomes a form action: a javascript: or plain-http URL must never get there.
  if (!isAllowedEndpoint(request.returnUrl, policy))
    refuse(
      400,
      'invalid_claims',
      'The Deep Linking return URL (deep_link_return_url) must be an https address.',
    )
  const signing = await toolSigningKey(db, now.getTime())
  const sets = (await listQuizSets(db, { anonymous: false })).sets.filter(
    (set) => isEmbeddable(set.embedPolicy) && set.questionCount > 0,
  )
  return Promise.all(
    sets.map(async ({ slug, title, description, questionCount }) => {
      const quiz = { slug, title, description, questionCount }
      const claims = deepLinkingResponseClaims(request, platform, origin, quiz)
      return { quiz, jwt: await signToolJwt(signing, claims, DEEP_LINK_RESPONSE_TTL_S, now) }
    }),
  )
}
