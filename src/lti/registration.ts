import { z } from 'zod'

const isLocal = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)

/** An absolute https URL (http only for localhost, for an LMS under development). */
const endpointUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLocal(url))
    } catch {
      return false
    }
  }, 'Enter a full https:// address.')

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
 * URL of the school's site.
 */
export const platformRegistration = z.object({
  name: z.string().trim().min(1, 'Give the platform a name.').max(80, 'At most 80 characters.'),
  issuer: z.string().trim().min(1, 'Enter the issuer.').max(500),
  client_id: z.string().trim().min(1, 'Enter the client ID.').max(255),
  auth_login_url: endpointUrl,
  auth_token_url: endpointUrl,
  jwks_url: endpointUrl,
  deployment_ids: deploymentIds,
})

export type PlatformRegistration = z.output<typeof platformRegistration>

/** One deployment ID typed into the "add a deployment" form. */
export const deploymentIdField = z.string().trim().min(1).max(255)
