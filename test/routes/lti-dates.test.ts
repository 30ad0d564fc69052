import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Browser, expectPage, visibleText } from '../support/helpers'
import { TestPlatform } from '../support/lti-platform'
import { createSet, idsOfType } from '../support/set-settings-helpers'
import { InstructorBrowser } from '../support/studio-helpers'

/** An LMS launch starts an attempt like any other start: the set's dates apply. */

let platform: TestPlatform

beforeAll(async () => {
  platform = await TestPlatform.create()
  platform.install()
  await platform.register(new InstructorBrowser())
})
afterAll(() => {
  vi.unstubAllGlobals()
})

const questionIds = idsOfType('single').slice(0, 2)

describe('an LTI launch of a dated set', () => {
  it('is refused with a page that says the quiz closed, not a 500', async () => {
    const slug = await createSet({
      questionIds,
      settings: { closesAt: Date.now() - 60_000 },
      embedAnywhere: true,
    })
    const launched = await platform.loginAndLaunch(new Browser(), (nonce) =>
      platform.resourceLink(nonce, slug),
    )
    expect(visibleText(await expectPage(launched, 403))).toContain('no new attempts can be started')
  })

  it('is refused before the opening, then starts the attempt once open', async () => {
    const early = await createSet({
      questionIds,
      settings: { opensAt: Date.now() + 3_600_000 },
      embedAnywhere: true,
    })
    const refused = await platform.loginAndLaunch(new Browser(), (nonce) =>
      platform.resourceLink(nonce, early),
    )
    expect(visibleText(await expectPage(refused, 403))).toContain('This quiz opens on')
    const open = await createSet({
      questionIds,
      settings: { opensAt: Date.now() - 60_000 },
      embedAnywhere: true,
    })
    const launched = await platform.loginAndLaunch(new Browser(), (nonce) =>
      platform.resourceLink(nonce, open),
    )
    expect(launched.status).toBe(303)
    expect(launched.headers.get('location')).toMatch(/^\/embed\/a\/[A-Za-z0-9_-]{32}\/q\/1$/)
  })
})
