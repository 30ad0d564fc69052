import type { Page, Route } from 'playwright-core'

/** The password every e2e instructor signs up with (long enough for the studio's rules). */
const INSTRUCTOR_PASSWORD = 'maple river lantern 42'

/**
 * A random address of the benchmarking range 198.18.0.0/15 (RFC 2544) for
 * one sign-up. Under `wrangler dev` every browser reaches the Worker from
 * 127.0.0.1 (miniflare sets CF-Connecting-IP to it unless the request has
 * one), and the studio allows 20 sign-ups an hour per address
 * (auth/rate-limit.ts), so one run of all the e2e files would be refused
 * part-way as a mass sign-up. In production Cloudflare overwrites the
 * header, so a browser cannot choose it there.
 */
function signUpAddress(): string {
  const [a, b, c] = crypto.getRandomValues(new Uint8Array(3))
  return `198.${18 + ((a ?? 0) % 2)}.${b}.${c}`
}

/**
 * Fills and sends the studio's sign-up form from an address of its own, then
 * signs in on the page it lands on (sign-up starts no session, so it cannot
 * reveal a taken email); the caller waits for and checks where it lands.
 */
export async function signUpInstructor(page: Page, email: string): Promise<void> {
  await page.goto('/studio/signup')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(INSTRUCTOR_PASSWORD)
  await page.getByLabel('Password again').fill(INSTRUCTOR_PASSWORD)
  const address = signUpAddress()
  const fromOwnAddress = (route: Route) =>
    route.continue({ headers: { ...route.request().headers(), 'cf-connecting-ip': address } })
  await page.route('**/studio/signup', fromOwnAddress)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL('**/studio/signin?signedup=1')
  await page.unroute('**/studio/signup', fromOwnAddress)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(INSTRUCTOR_PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}
