import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { decodeEntities, expectPage } from '../support/helpers'
import { TestPlatform } from '../support/lti-platform'
import { freshEmail, InstructorBrowser } from '../support/studio-helpers'
import { newSet } from '../support/studio-sets-helpers'

const CITED = 'https://cited.example'
const SLUG = 'alliances-trade-sanctions'

/** A request to the app deployed with PUBLIC_ORIGIN set, whose Host header an attacker chose. */
async function viaEvilHost(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return await app.request(`http://evil.example${path}`, { headers }, { ...env, PUBLIC_ORIGIN: CITED })
}

describe('PUBLIC_ORIGIN', () => {
  it('wins over the Host header in oEmbed', async () => {
    const url = encodeURIComponent(`${CITED}/quiz/${SLUG}`)
    const response = await viaEvilHost(`/oembed?url=${url}&format=json`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { provider_url: string; html: string }
    expect(body.provider_url).toBe(CITED)
    expect(body.html).toContain(`${CITED}/embed/${SLUG}`)
    expect(JSON.stringify(body)).not.toContain('evil.example')
    // A quiz URL on the forged host is not ours.
    const forged = await viaEvilHost(`/oembed?url=${encodeURIComponent(`http://evil.example/quiz/${SLUG}`)}`)
    expect(forged.status).toBe(404)
  })

  it("wins over the Host header in a quiz page's oEmbed link and embed code", async () => {
    const html = await expectPage(await viaEvilHost(`/quiz/${SLUG}`), 200)
    expect(html).toContain(`${CITED}/oembed?url=`)
    expect(decodeEntities(html)).toContain(`${CITED}/embed/${SLUG}`)
    expect(html).not.toContain('evil.example')
  })

  it("wins over the Host header in the studio's share link, QR code and LTI tool URLs", async () => {
    const instructor = new InstructorBrowser()
    await instructor.signUp(freshEmail('origin'))
    const slug = await newSet(instructor)
    const cookie = `cited_session=${instructor.sessionToken}`
    const share = await expectPage(await viaEvilHost(`/studio/sets/${slug}/share`, { cookie }), 200)
    expect(decodeEntities(share)).toContain(`${CITED}/quiz/${slug}`)
    expect(share).not.toContain('evil.example')
    const qr = await viaEvilHost(`/studio/sets/${slug}/qr.svg`, { cookie })
    expect(qr.status).toBe(200)
    expect(await qr.text()).toContain(`${CITED}/quiz/${slug}`)
    const tool = await expectPage(await viaEvilHost('/studio/lti', { cookie }), 200)
    for (const path of ['/lti/login', '/lti/launch', '/lti/jwks'])
      expect(decodeEntities(tool)).toContain(`${CITED}${path}`)
    expect(tool).not.toContain('evil.example')
  })

  it('wins over the Host header in the LTI login: launch URL on the public origin, targets elsewhere refused', async () => {
    const platform = await TestPlatform.create()
    await platform.register(new InstructorBrowser())
    const login = (target: string) =>
      viaEvilHost(
        `/lti/login?${new URLSearchParams({
          iss: platform.issuer,
          login_hint: 'u',
          target_link_uri: target,
          client_id: platform.clientId,
          lti_deployment_id: platform.deploymentId,
        })}`,
      )
    const accepted = await login(`${CITED}/embed/${SLUG}`)
    expect(accepted.status).toBe(302)
    const location = new URL(accepted.headers.get('location') ?? 'about:blank')
    expect(location.searchParams.get('redirect_uri')).toBe(`${CITED}/lti/launch`)
    const refused = await login(`http://evil.example/embed/${SLUG}`)
    expect(refused.status).toBe(400)
  })

  it("uses the request's own origin when unset, as under npm start", async () => {
    const html = await expectPage(await app.request(`http://localhost:8788/quiz/${SLUG}`, {}, env), 200)
    expect(html).toContain('http://localhost:8788/oembed?url=')
  })
})
