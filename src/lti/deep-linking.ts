import type { JWTPayload } from 'jose'
import { CLAIM, type DeepLinkingLaunch, LTI_VERSION } from './claims'
import { refuse } from './refusal'

/** How long the instructor has to pick a quiz before the signed responses expire. */
export const DEEP_LINK_RESPONSE_TTL_S = 60 * 60

export type QuizChoice = { slug: string; title: string; description: string; questionCount: number }

/**
 * The content item for one quiz: a resource link back to Cited that names the
 * quiz twice (custom `quiz` and the target `/embed/<slug>`), so it opens even
 * where a platform drops custom parameters, with a gradebook column worth one
 * point per question.
 */
export function quizContentItem(origin: string, quiz: QuizChoice) {
  return {
    type: 'ltiResourceLink',
    title: quiz.title,
    text: quiz.description,
    url: `${origin}/embed/${encodeURIComponent(quiz.slug)}`,
    custom: { quiz: quiz.slug },
    lineItem: { scoreMaximum: quiz.questionCount, label: quiz.title, resourceId: quiz.slug },
  }
}

/** Refuses a deep linking request that cannot take a resource link. */
export function requireResourceLinks(request: DeepLinkingLaunch): void {
  if (!request.acceptTypes.includes('ltiResourceLink'))
    refuse(
      400,
      'unsupported_message',
      `The platform asked for ${request.acceptTypes.join(', ') || 'nothing'}; Cited offers quizzes as resource links (ltiResourceLink).`,
    )
}

/**
 * The claims of an LtiDeepLinkingResponse for one chosen quiz (the caller signs
 * them with the tool key): issued by the client id, for the platform, echoing
 * the deployment and the request's `data`.
 */
export function deepLinkingResponseClaims(
  request: DeepLinkingLaunch,
  platform: { issuer: string; clientId: string },
  origin: string,
  quiz: QuizChoice,
): JWTPayload {
  return {
    iss: platform.clientId,
    aud: platform.issuer,
    nonce: crypto.randomUUID(),
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: request.deploymentId,
    ...(request.data === null ? {} : { [CLAIM.deepLinkingData]: request.data }),
    [CLAIM.contentItems]: [quizContentItem(origin, quiz)],
  }
}
