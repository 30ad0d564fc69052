import type { Context } from 'hono'
import { Hono } from 'hono'
import { emailSchema, newPasswordProblem } from '../../auth/credentials'
import { safeNextPath } from '../../auth/next-path'
import { type Block, clientAddress, retryAfterSeconds, whenToRetry } from '../../auth/rate-limit'
import { deleteInstructorSessions } from '../../db/sessions'
import type { AppEnv } from '../../env'
import { fail } from '../../http/fail'
import { readForm, SHORT_STUDIO_FORM } from '../../http/form'
import { endSession, signIn, signUp, startSession } from '../../services/instructor-auth'
import { renderPage } from '../../views/render'
import { type FieldErrors, SignInPage, SignUpPage } from '../../views/studio/auth-pages'
import {
  clearSessionCookie,
  currentInstructor,
  noStore,
  readSessionToken,
  setSessionCookie,
} from './instructor-session'

/** Sign-up is open only when the `SIGNUP_OPEN` var (wrangler.toml) is exactly "true". */
export const isSignupOpen = (env: { SIGNUP_OPEN?: string }) => env.SIGNUP_OPEN === 'true'

const requireSignupOpen = (c: Context<AppEnv>) => {
  if (!isSignupOpen(c.env))
    fail(
      403,
      'forbidden',
      'New instructor accounts cannot be made here. Ask whoever runs this site to add you.',
    )
}

/**
 * The client's address from CF-Connecting-IP, which Cloudflare sets on every
 * request it forwards (never X-Forwarded-For, which the client controls);
 * null locally (wrangler dev), where limits fall back to other buckets.
 */
const clientIp = (c: Context) => clientAddress(c.req.header('cf-connecting-ip'))

const first = (form: Record<string, string[]>, name: string) => form[name]?.[0] ?? ''

function tooManyTries(block: Block, now: number): string {
  const whose = block.kind === 'account' ? 'for this account' : 'from your network'
  return `Too many failed sign-ins ${whose}. ${whenToRetry(block, now)}`
}

function tooManySignUps(block: Block, now: number): string {
  const whose = block.kind === 'ip' ? 'from your network' : 'on this site'
  return `Too many new accounts ${whose} in the last hour. ${whenToRetry(block, now)}`
}

/** Notices the sign-in page shows when it is reached from a redirect (`?signedout=`, `?signedup=`). */
const signedOutNotices: Record<string, string> = {
  '1': 'You are signed out.',
  everywhere: 'You are signed out on every device.',
}

/**
 * After sign-up, the same words whether the email was free or already had an
 * account (see the sign-up route): no email is sent to tell the two apart.
 */
const SIGNED_UP_NOTICE =
  'If this email had no account yet, it has one now: sign in with the password you just chose. If it already had one, nothing was changed: sign in with its own password.'

/**
 * Instructor accounts: sign up, sign in, sign out (here or everywhere).
 * Mounted at /studio before the signed-in studio pages, so these stay
 * reachable without a session.
 */
export const studioAuth = new Hono<AppEnv>()
  .use(noStore)
  .get('/signup', (c) => {
    requireSignupOpen(c)
    return renderPage(c, <SignUpPage />)
  })
  .post('/signup', async (c) => {
    requireSignupOpen(c)
    const form = await readForm(c, SHORT_STUDIO_FORM)
    const typed = first(form, 'email')
    const password = first(form, 'password')
    const email = emailSchema.safeParse(typed)
    const errors: FieldErrors = {}
    if (!email.success) errors.email = email.error.issues[0]?.message ?? 'Enter your email address.'
    const weakness = newPasswordProblem(password, email.success ? email.data : typed)
    if (weakness) errors.password = weakness
    else if (first(form, 'confirm') !== password) errors.confirm = 'The two passwords are not the same.'
    const refuse = (fieldErrors: FieldErrors) =>
      renderPage(c, <SignUpPage email={typed} fieldErrors={fieldErrors} />, 400)
    if (!email.success || Object.keys(errors).length) return refuse(errors)

    // The same answer whether the email was free or taken, so the form cannot
    // tell anyone who has an account: no session is started here, and the
    // new instructor signs in like everyone else. Without email we cannot
    // warn an existing owner, but we never touch their account either.
    const now = Date.now()
    const result = await signUp(c.get('db'), { email: email.data, password, ip: clientIp(c), now })
    if (result.outcome === 'blocked') {
      c.header('Retry-After', retryAfterSeconds(result.block, now))
      return renderPage(c, <SignUpPage email={typed} error={tooManySignUps(result.block, now)} />, 429)
    }
    return c.redirect('/studio/signin?signedup=1', 303)
  })
  .get('/signin', async (c) => {
    const next = safeNextPath(c.req.query('next'), '/studio', '/studio')
    if (await currentInstructor(c, c.get('db'))) return c.redirect(next, 303)
    const notice =
      c.req.query('signedup') === '1' ? SIGNED_UP_NOTICE : signedOutNotices[c.req.query('signedout') ?? '']
    return renderPage(c, <SignInPage next={next} notice={notice} signupOpen={isSignupOpen(c.env)} />)
  })
  .post('/signin', async (c) => {
    const form = await readForm(c, SHORT_STUDIO_FORM)
    const next = safeNextPath(first(form, 'next'), '/studio', '/studio')
    const typed = first(form, 'email')
    const password = first(form, 'password')
    const page = (status: 400 | 401 | 429, error?: string, fieldErrors?: FieldErrors) =>
      renderPage(
        c,
        <SignInPage
          email={typed}
          next={next}
          error={error}
          fieldErrors={fieldErrors}
          signupOpen={isSignupOpen(c.env)}
        />,
        status,
      )
    const email = emailSchema.safeParse(typed)
    if (!email.success || !password)
      return page(400, undefined, {
        email: email.success ? undefined : (email.error.issues[0]?.message ?? 'Enter your email address.'),
        password: password ? undefined : 'Enter your password.',
      })

    const db = c.get('db')
    const now = Date.now()
    const result = await signIn(db, { email: email.data, password, ip: clientIp(c), now })
    if (result.outcome === 'blocked') {
      c.header('Retry-After', retryAfterSeconds(result.block, now))
      return page(429, tooManyTries(result.block, now))
    }
    if (result.outcome === 'wrong')
      return page(
        401,
        result.block
          ? `The email or password is wrong, and that was the last try for now. ${whenToRetry(result.block, now)}`
          : 'The email or password is wrong.',
      )
    const { token, expiresAt } = await startSession(db, result.instructor.id, now)
    setSessionCookie(c, token, expiresAt, now)
    return c.redirect(next, 303)
  })
  .post('/signout', async (c) => {
    const token = readSessionToken(c)
    if (token) await endSession(c.get('db'), token)
    clearSessionCookie(c)
    return c.redirect('/studio/signin?signedout=1', 303)
  })
  .post('/signout-everywhere', async (c) => {
    const instructor = await currentInstructor(c, c.get('db'))
    if (instructor) await deleteInstructorSessions(c.get('db'), instructor.id)
    clearSessionCookie(c)
    return c.redirect(`/studio/signin?signedout=${instructor ? 'everywhere' : '1'}`, 303)
  })
