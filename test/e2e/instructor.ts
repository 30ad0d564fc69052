import type { Page } from 'playwright-core'

/** The password every e2e instructor signs up with (long enough for the studio's rules). */
const INSTRUCTOR_PASSWORD = 'maple river lantern 42'

/**
 * Fills and sends the studio's sign-up form, then signs in on the page it
 * lands on (sign-up starts no session, so it cannot reveal a taken email);
 * the caller waits for and checks where it lands.
 */
export async function signUpInstructor(page: Page, email: string): Promise<void> {
  await page.goto('/studio/signup')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(INSTRUCTOR_PASSWORD)
  await page.getByLabel('Password again').fill(INSTRUCTOR_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL('**/studio/signin?signedup=1')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(INSTRUCTOR_PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}
