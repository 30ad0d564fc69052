import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { axeViolations, useBrowser } from './browser'
import { signUpInstructor } from './instructor'

const chromium = useBrowser()

/**
 * WebAuthn refuses IP addresses as relying-party ids, so these pages are
 * opened on localhost (the same e2e server: Chromium resolves it to loopback).
 */
const localhostUrl = () => inject('baseUrl').replace('127.0.0.1', 'localhost')

const opened: BrowserContext[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((context) => context.close()))
})

async function phonePage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  // bypassCSP: the app's CSP (rightly) refuses the injected axe script.
  const context = await chromium.newContext({ baseURL: localhostUrl(), bypassCSP: true, ...options })
  opened.push(context)
  return context.newPage()
}

async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe found violations on ${where}:\n${violations}`).toBe('')
}

describe('passkeys in Chromium (virtual authenticator)', () => {
  it('registers a passkey on the account page, then signs in with it, with zero axe violations', async () => {
    const page = await phonePage()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    })

    const email = `e2e-passkey-${crypto.randomUUID().slice(0, 8)}@school.example`
    await signUpInstructor(page, email)
    await page.waitForURL('**/studio')
    await page.getByRole('link', { name: 'Sign-in and security' }).click()
    await page.waitForURL('**/studio/account')
    await expect.poll(() => page.getByRole('button', { name: 'Add a passkey' }).isVisible()).toBe(true)
    await expectNoViolations(page, 'the account page without passkeys')

    await page.getByLabel('Name of this passkey').fill('E2E laptop')
    await page.getByRole('button', { name: 'Add a passkey' }).click()
    await page.waitForURL('**/studio/account?done=passkey-added')
    await expect.poll(() => page.getByRole('rowheader', { name: 'E2E laptop' }).count()).toBe(1)
    await expectNoViolations(page, 'the account page with a passkey')
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
    expect(credentials).toHaveLength(1)
    expect(credentials[0]?.isResidentCredential).toBe(true)

    await page.goto('/studio')
    await page.locator('header').getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.waitForURL('**/studio/signin?signedout=1')
    const passkeyButton = page.getByRole('button', { name: 'Sign in with a passkey' })
    await expect.poll(() => passkeyButton.isVisible()).toBe(true)
    expect(await page.getByText('Signing in with a passkey needs JavaScript').isVisible()).toBe(false)
    await expectNoViolations(page, 'the sign-in page with a passkey button')

    await passkeyButton.click()
    await page.waitForURL('**/studio')
    expect(await page.locator('main').textContent()).toContain(email)
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId })
    expect(after.credentials[0]?.signCount).toBeGreaterThan(0)

    await page.goto('/studio/account')
    await expect.poll(() => page.getByRole('cell', { name: 'Never' }).count()).toBe(0)
  })

  it('shows an error, and keeps the password form, when no passkey is registered for the site', async () => {
    const page = await phonePage()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    })
    await page.goto('/studio/signin')
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/passkey/i)
    expect(await page.getByLabel('Password', { exact: true }).isVisible()).toBe(true)
  })

  it('says passkeys need JavaScript when it is off, and the password form still signs in', async () => {
    const page = await phonePage({ javaScriptEnabled: false })
    await page.goto('/studio/signin')
    expect(await page.getByText('Signing in with a passkey needs JavaScript').isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Sign in with a passkey' }).isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Sign in', exact: true }).isVisible()).toBe(true)
  })
})
