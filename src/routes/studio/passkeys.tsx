import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type * as z from 'zod'
import { safeNextPath } from '../../auth/next-path'
import { registrationAnswerSchema, relyingPartyOf, signInAnswerSchema } from '../../auth/passkey'
import { clientAddress, retryAfterSeconds, whenToRetry } from '../../auth/rate-limit'
import { deletePasskey, listPasskeys } from '../../db/passkeys'
import type { AppEnv, StudioEnv } from '../../env'
import { type ErrorCode, fail } from '../../http/fail'
import { requireJsonBody } from '../../http/json-body'
import { publicOrigin } from '../../http/public-origin'
import { startSession } from '../../services/instructor-auth'
import {
  registerPasskey,
  registrationOptions,
  signInOptions,
  signInWithPasskey,
} from '../../services/passkeys'
import { renderPage } from '../../views/render'
import { AccountPage } from '../../views/studio/account-page'
import { noStore, setSessionCookie } from './instructor-session'

/** The site passkeys are bound to: the configured public origin, else the request's. */
const partyOf = <E extends { Bindings: Env }>(c: Context<E>) => relyingPartyOf(publicOrigin(c))

const clientIp = (c: Context) => clientAddress(c.req.header('cf-connecting-ip'))

const codeOf: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  409: 'conflict',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
}

/** A JSON error like the API's, from the signed-out sign-in endpoints (whose paths are not under /api). */
function jsonError(c: Context, status: ContentfulStatusCode, message: string, code?: ErrorCode) {
  return c.json({ error: { code: code ?? codeOf[status] ?? 'bad_request', message } }, status)
}

/** The body as JSON checked by `schema`, or the first problem in words. */
async function readJson<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
): Promise<{ ok: true; data: z.infer<Schema> } | { ok: false; message: string; status: 400 | 415 }> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
    return { ok: false, status: 415, message: 'Send the request body as application/json.' }
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' }
  }
  const parsed = schema.safeParse(body)
  if (parsed.success) return { ok: true, data: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
  return { ok: false, status: 400, message: `${issue?.message ?? 'The request is not well formed.'}${where}` }
}

/**
 * Signing in with a passkey, without a session (listed in SIGNED_OUT_PATHS):
 * POST /studio/signin/passkey/options hands out a challenge, POST
 * /studio/signin/passkey checks the browser's answer and starts the same
 * session (and cookie) as a password sign-in. JSON in and out; the page's
 * script (src/client/passkeys.ts) drives them.
 */
export const studioPasskeySignIn = new Hono<AppEnv>()
  .use(noStore)
  .post('/options', async (c) => {
    const now = Date.now()
    const result = await signInOptions(c.get('db'), partyOf(c), clientIp(c), now)
    if (!result.ok) {
      c.header('Retry-After', retryAfterSeconds(result.block, now))
      return jsonError(
        c,
        429,
        `Too many passkey sign-ins from your network. ${whenToRetry(result.block, now)}`,
      )
    }
    return c.json({ options: result.options })
  })
  .post('/', async (c) => {
    const body = await readJson(c, signInAnswerSchema)
    if (!body.ok) return jsonError(c, body.status, body.message)
    const db = c.get('db')
    const now = Date.now()
    const response = body.data.response as unknown as AuthenticationResponseJSON
    const result = await signInWithPasskey(db, response, partyOf(c), clientIp(c), now)
    if (result.outcome === 'blocked') {
      c.header('Retry-After', retryAfterSeconds(result.block, now))
      return jsonError(
        c,
        429,
        `Too many failed sign-ins from your network. ${whenToRetry(result.block, now)}`,
      )
    }
    if (result.outcome === 'refused') return jsonError(c, result.refusal.status, result.refusal.message)
    const { token, expiresAt } = await startSession(db, result.instructor.id, now)
    setSessionCookie(c, token, expiresAt, now)
    return c.json({ redirect: safeNextPath(body.data.next, '/studio', '/studio') })
  })

const notices: Record<string, string> = {
  'passkey-added': 'Passkey added. Next time, choose "Sign in with a passkey".',
  'passkey-removed': 'Passkey removed. It can no longer sign in to your account.',
}

/** /studio/account: the instructor's sign-in methods. Behind the studio's session check. */
export const studioAccount = new Hono<StudioEnv>()
  .get('/', async (c) => {
    const instructor = c.get('instructor')
    const passkeys = await listPasskeys(c.get('db'), instructor.id)
    return renderPage(
      c,
      <AccountPage
        email={instructor.email}
        passkeys={passkeys}
        notice={notices[c.req.query('done') ?? '']}
      />,
    )
  })
  .post('/passkeys/:passkeyId/delete', async (c) => {
    const removed = await deletePasskey(c.get('db'), c.get('instructor').id, c.req.param('passkeyId'))
    if (!removed) fail(404, 'not_found', 'You have no passkey by that id (it may already be removed).')
    return c.redirect('/studio/account?done=passkey-removed', 303)
  })

/**
 * Registering a passkey, for the signed-in instructor: JSON under
 * /api/studio/passkeys (401 JSON without a session, like the rest of the
 * studio API). `options` hands out a challenge bound to this instructor; the
 * POST checks the answer and keeps the passkey.
 */
export const studioPasskeysApi = new Hono<StudioEnv>()
  .use(requireJsonBody)
  .post('/options', async (c) => {
    const options = await registrationOptions(c.get('db'), c.get('instructor'), partyOf(c), Date.now())
    return c.json({ options })
  })
  .post('/', async (c) => {
    const parsed = registrationAnswerSchema.safeParse(await c.req.json())
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
      fail(400, 'bad_request', `${issue?.message ?? 'The request is not well formed.'}${where}`)
    }
    const { name } = parsed.data
    const response = parsed.data.response as unknown as RegistrationResponseJSON
    const result = await registerPasskey(
      c.get('db'),
      c.get('instructor').id,
      { name, response },
      partyOf(c),
      Date.now(),
    )
    if (!result.ok)
      fail(result.refusal.status, codeOf[result.refusal.status] ?? 'bad_request', result.refusal.message)
    const { id, createdAt } = result.passkey
    return c.json({ passkey: { id, name, createdAt } }, 201)
  })
