import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { Browser } from './helpers'

/** A password the policy accepts. */
export const PASSWORD = 'maple river lantern 42'

let ipCount = 0
/** A fresh client address per browser, so the per-IP sign-in limit never leaks between tests. */
export const freshIp = () => `198.51.100.${++ipCount}`

/** Where sign-up sends everyone, whether the email was free or taken. */
export const SIGNED_UP = '/studio/signin?signedup=1'

/** A unique email per test (storage is shared within a file). */
export const freshEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@school.example`

/** A browser of one instructor: a fixed client IP (as Cloudflare's CF-Connecting-IP) on every form post. */
export class InstructorBrowser extends Browser {
  constructor(readonly ip = freshIp()) {
    super()
  }

  get sessionToken(): string | undefined {
    return this.cookies.get('cited_session')
  }

  override postForm(
    path: string,
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) {
    return super.postForm(path, fields, { 'cf-connecting-ip': this.ip, ...headers })
  }

  /**
   * Creates an account through the sign-up form, then signs in with it (sign-up
   * starts no session, so it cannot tell a taken email from a free one), and
   * asserts it lands on the studio.
   */
  async signUp(email: string, password = PASSWORD): Promise<void> {
    const response = await this.postForm('/studio/signup', { email, password, confirm: password })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(SIGNED_UP)
    const signedIn = await this.signIn(email, password)
    expect(signedIn.status).toBe(303)
    expect(signedIn.headers.get('location')).toBe('/studio')
  }

  signIn(email: string, password = PASSWORD, next?: string): Promise<Response> {
    return this.postForm('/studio/signin', { email, password, ...(next === undefined ? {} : { next }) })
  }
}

/** Runs a SQL statement against the test D1 (to move time or inspect rows). */
export function sql(query: string, ...params: (string | number)[]) {
  return env.DB.prepare(query).bind(...params)
}
