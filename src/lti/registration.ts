import * as z from 'zod'
import { isAllowedEndpoint, type OutboundPolicy } from './outbound'

/**
 * An absolute https URL on a public host (localhost, over http too, only with
 * the development setting `LTI_ALLOW_HTTP_LOCALHOST`): Cited fetches these.
 */
const endpointUrl = (policy: OutboundPolicy) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((value) => isAllowedEndpoint(value, policy), 'Enter a full https:// address.')

const deploymentIds = z
  .string()
  .max(2000)
  .transform((value) => [
    ...new Set(
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(255, 'A deployment ID has at most 255 characters.'))
      .min(1, 'Enter at least one deployment ID.')
      .max(20, 'At most 20 deployment IDs.'),
  )

/**
 * The studio's "add a platform" form. The issuer is compared exactly with the
 * id_token's `iss`, so it is kept as typed (trimmed): Canvas' issuer is not a
 * URL of the school's site. The audience is optional (empty: the token URL).
 */
export const platformRegistration = (policy: OutboundPolicy) =>
  z.object({
    name: z.string().trim().min(1, 'Give the platform a name.').max(80, 'At most 80 characters.'),
    issuer: z.string().trim().min(1, 'Enter the issuer.').max(500),
    client_id: z.string().trim().min(1, 'Enter the client ID.').max(255),
    auth_login_url: endpointUrl(policy),
    auth_token_url: endpointUrl(policy),
    jwks_url: endpointUrl(policy),
    audience: z
      .string()
      .trim()
      .max(500, 'At most 500 characters.')
      .optional()
      .transform((value) => value || null),
    services_url: z
      .string()
      .trim()
      .max(500)
      .optional()
      .transform((value) => value || null)
      .refine(
        (value) => value === null || isAllowedEndpoint(value, policy),
        'Enter a full https:// address, or leave it empty.',
      ),
    deployment_ids: deploymentIds,
  })

/** One deployment ID typed into the "add a deployment" form. */
export const deploymentIdField = z.string().trim().min(1).max(255)
