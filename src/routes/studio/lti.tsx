import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Db } from '../../db/client'
import { findLaunchForPassback, listPassbacks } from '../../db/lti-passbacks'
import {
  addDeployment,
  deleteOwnedPlatform,
  findOwnedPlatform,
  insertPlatform,
  listOwnedPlatforms,
  type RegistrationConflict,
  removeDeployment,
} from '../../db/lti-platforms'
import type { StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, SHORT_STUDIO_FORM } from '../../http/form'
import { publicOrigin } from '../../http/public-origin'
import { toolUrls } from '../../lti/endpoints'
import { outboundPolicy } from '../../lti/outbound'
import { deploymentIdField, platformRegistration } from '../../lti/registration'
import { sendScore } from '../../services/lti-scores'
import { renderPage } from '../../views/render'
import { LtiStudioPage } from '../../views/studio/lti/page'
import { PLATFORM_FIELDS, type PlatformField, type PlatformForm } from '../../views/studio/lti/platform-form'

const notices: Record<string, string> = {
  added: "Platform added. Launches from it work as soon as the LMS has Cited's URLs.",
  removed: 'Platform removed.',
  deployments: 'Deployments updated.',
  sent: 'The score was sent.',
  failed: 'Sending the score failed again; the reason is shown below.',
}

async function studioPage(
  c: Context<StudioEnv>,
  extra: { form?: PlatformForm; fieldErrors?: PlatformForm; status?: 200 | 400 | 409 } = {},
) {
  const db = c.get('db')
  const ownerId = c.get('instructor').id
  const [platforms, passbacks] = await Promise.all([
    listOwnedPlatforms(db, ownerId),
    listPassbacks(db, ownerId),
  ])
  return renderPage(
    c,
    <LtiStudioPage
      urls={toolUrls(publicOrigin(c))}
      platforms={platforms}
      passbacks={passbacks}
      form={extra.form}
      fieldErrors={extra.fieldErrors}
      notice={notices[c.req.query('done') ?? '']}
    />,
    extra.status ?? 200,
  )
}

/** The owner's platform, or the same 404 as a missing one for anyone else. */
async function ownedPlatform(c: Context<StudioEnv>, db: Db) {
  const platform = await findOwnedPlatform(db, c.req.param('id') ?? '', c.get('instructor').id)
  if (!platform) fail(404, 'not_found', 'There is no such platform among yours.')
  return platform
}

const first = (form: Record<string, string[]>, name: string) => form[name]?.[0] ?? ''

/** Which field a conflicting registration is about, and what to tell the instructor. */
const conflictErrors: Record<RegistrationConflict, PlatformForm> = {
  same_client: { client_id: 'This issuer and client ID are already registered in Cited.' },
  issuer_of_another: {
    issuer:
      'Another Cited instructor has registered this issuer. One issuer belongs to one account: ask them to add your deployment to their platform, or ask your LMS administrator.',
  },
  client_at_token_endpoint: {
    client_id:
      'This client ID is already registered in Cited with the same access token URL, under another issuer. A client belongs to one registration.',
  },
}

/**
 * `/studio/lti`: an instructor's LMS registrations (platforms and their
 * deployment ids), the tool URLs to paste into the LMS, and score passbacks
 * with a retry. Only the owner sees or changes a platform. Signed-in
 * instructors only: the studio router checks the session.
 */
export const studioLti = new Hono<StudioEnv>()
  .get('/', (c) => studioPage(c))
  .post('/platforms', async (c) => {
    const form = await readForm(c, SHORT_STUDIO_FORM)
    const typed: PlatformForm = Object.fromEntries(PLATFORM_FIELDS.map((name) => [name, first(form, name)]))
    const parsed = platformRegistration(outboundPolicy(c.env)).safeParse(typed)
    if (!parsed.success) {
      const fieldErrors: PlatformForm = {}
      for (const issue of parsed.error.issues) {
        const name = issue.path[0] as PlatformField
        fieldErrors[name] ??= issue.message
      }
      return studioPage(c, { form: typed, fieldErrors, status: 400 })
    }
    const { deployment_ids, client_id, auth_login_url, auth_token_url, jwks_url, services_url, ...rest } =
      parsed.data
    const conflict = await insertPlatform(
      c.get('db'),
      {
        id: crypto.randomUUID(),
        ownerId: c.get('instructor').id,
        ...rest,
        clientId: client_id,
        authLoginUrl: auth_login_url,
        authTokenUrl: auth_token_url,
        jwksUrl: jwks_url,
        servicesUrl: services_url,
      },
      deployment_ids,
      new Date(),
    )
    if (conflict) return studioPage(c, { form: typed, fieldErrors: conflictErrors[conflict], status: 409 })
    return c.redirect('/studio/lti?done=added', 303)
  })
  .post('/platforms/:id/delete', async (c) => {
    const db = c.get('db')
    const platform = await ownedPlatform(c, db)
    await deleteOwnedPlatform(db, platform.id, platform.ownerId)
    return c.redirect('/studio/lti?done=removed', 303)
  })
  .post('/platforms/:id/deployments', async (c) => {
    const db = c.get('db')
    const platform = await ownedPlatform(c, db)
    const deploymentId = deploymentIdField.safeParse(
      first(await readForm(c, SHORT_STUDIO_FORM), 'deployment_id'),
    )
    if (!deploymentId.success) fail(400, 'bad_request', 'Enter a deployment ID (at most 255 characters).')
    await addDeployment(db, platform.id, deploymentId.data)
    return c.redirect('/studio/lti?done=deployments', 303)
  })
  .post('/platforms/:id/deployments/remove', async (c) => {
    const db = c.get('db')
    const platform = await ownedPlatform(c, db)
    await removeDeployment(db, platform.id, first(await readForm(c, SHORT_STUDIO_FORM), 'deployment_id'))
    return c.redirect('/studio/lti?done=deployments', 303)
  })
  .post('/passbacks/:launchId/retry', async (c) => {
    const db = c.get('db')
    const launchId = c.req.param('launchId')
    const found = await findLaunchForPassback(db, { launchId })
    if (!found || found.platform.ownerId !== c.get('instructor').id)
      fail(404, 'not_found', 'There is no such score among your platforms.')
    const result = await sendScore(db, { launchId }, { policy: outboundPolicy(c.env) })
    if (!result)
      fail(400, 'bad_request', 'This attempt has no score to send (not finished, or no gradebook column).')
    return c.redirect(`/studio/lti?done=${result.status === 'sent' ? 'sent' : 'failed'}`, 303)
  })
