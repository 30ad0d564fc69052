import type { JWTPayload } from 'jose'
import * as z from 'zod'
import { refuse } from './refusal'

/** The LTI 1.3 claim names (full URIs, as they appear in the id_token). */
export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
} as const

export const LTI_VERSION = '1.3.0'

/** The AGS scope that lets the tool post scores. */
export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score'

const text = z.string().min(1).max(2048)

const agsClaim = z.object({
  scope: z.array(z.string()).default([]),
  lineitem: z.url().optional(),
  lineitems: z.url().optional(),
})

const common = {
  [CLAIM.deploymentId]: z.string().min(1).max(255),
  [CLAIM.targetLinkUri]: text,
  [CLAIM.roles]: z.array(z.string()),
  sub: z.string().min(1).max(255).optional(),
  [CLAIM.context]: z.object({ id: z.string().min(1).max(255) }).optional(),
  // Custom values are strings by the spec; some platforms send numbers or booleans.
  [CLAIM.custom]: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
}

const resourceLinkClaims = z.object({
  ...common,
  [CLAIM.resourceLink]: z.object({ id: z.string().min(1).max(255), title: z.string().optional() }),
  [CLAIM.ags]: agsClaim.optional(),
})

const deepLinkingClaims = z.object({
  ...common,
  [CLAIM.deepLinkingSettings]: z.object({
    deep_link_return_url: z.url(),
    accept_types: z.array(z.string()),
    accept_multiple: z.boolean().optional(),
    data: z.string().max(4096).optional(),
  }),
})

type Common = {
  deploymentId: string
  /** The LMS user; absent for an anonymous launch. */
  sub: string | null
  roles: string[]
  targetLinkUri: string
  contextId: string | null
  custom: Record<string, string>
}

export type ResourceLinkLaunch = Common & {
  kind: 'resource_link'
  resourceLinkId: string
  /** Where to post scores, when the platform gave a line item and the score scope. */
  lineItemUrl: string | null
}

export type DeepLinkingLaunch = Common & {
  kind: 'deep_linking'
  returnUrl: string
  acceptTypes: string[]
  /** Opaque value the platform wants back in the response. */
  data: string | null
}

export type LaunchMessage = ResourceLinkLaunch | DeepLinkingLaunch

function readCommon(claims: z.infer<typeof resourceLinkClaims> | z.infer<typeof deepLinkingClaims>): Common {
  return {
    deploymentId: claims[CLAIM.deploymentId],
    sub: claims.sub ?? null,
    roles: claims[CLAIM.roles],
    targetLinkUri: claims[CLAIM.targetLinkUri],
    contextId: claims[CLAIM.context]?.id ?? null,
    custom: Object.fromEntries(
      Object.entries(claims[CLAIM.custom] ?? {}).map(([key, value]) => [key, String(value)]),
    ),
  }
}

function parse<S extends z.ZodType>(schema: S, payload: JWTPayload): z.output<S> {
  const result = schema.safeParse(payload)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue?.path.length ? issue.path.join(' › ') : 'the token'
  return refuse(400, 'invalid_claims', `The launch is missing or has an invalid claim: ${where}.`)
}

/**
 * Reads the LTI message from an id_token whose signature, issuer, audience,
 * expiry and nonce were already checked. Refuses other versions, message
 * types Cited does not handle, and malformed claims.
 *
 * @example readLaunchMessage(payload).kind // 'resource_link' | 'deep_linking'
 */
export function readLaunchMessage(payload: JWTPayload): LaunchMessage {
  const version = payload[CLAIM.version]
  if (version !== LTI_VERSION)
    refuse(
      400,
      'wrong_version',
      `Cited speaks LTI ${LTI_VERSION}; this launch says version ${JSON.stringify(version ?? null)}.`,
    )
  const type = payload[CLAIM.messageType]
  if (type === 'LtiResourceLinkRequest') {
    const claims = parse(resourceLinkClaims, payload)
    const ags = claims[CLAIM.ags]
    return {
      kind: 'resource_link',
      ...readCommon(claims),
      resourceLinkId: claims[CLAIM.resourceLink].id,
      lineItemUrl: ags?.lineitem && ags.scope.includes(SCORE_SCOPE) ? ags.lineitem : null,
    }
  }
  if (type === 'LtiDeepLinkingRequest') {
    const claims = parse(deepLinkingClaims, payload)
    const settings = claims[CLAIM.deepLinkingSettings]
    return {
      kind: 'deep_linking',
      ...readCommon(claims),
      returnUrl: settings.deep_link_return_url,
      acceptTypes: settings.accept_types,
      data: settings.data ?? null,
    }
  }
  return refuse(
    400,
    'unsupported_message',
    `Cited handles resource link and deep linking launches, not ${JSON.stringify(type ?? null)}.`,
  )
}

/**
 * Whether the LMS says this user teaches or builds content in the course
 * (full role URIs, or the short legacy names some platforms still send).
 */
export function isInstructor(roles: string[]): boolean {
  return roles.some((role) => /(^|[#/])(Instructor|ContentDeveloper|Administrator)(#|$)/.test(role))
}
