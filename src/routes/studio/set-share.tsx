import { Hono } from 'hono'
import { renderSVG } from 'uqr'
import { embedSnippet } from '../../embed/snippet'
import { embedThemeSchema } from '../../embed/theme'
import type { StudioEnv } from '../../env'
import { fail } from '../../http/fail'
import { publicOrigin } from '../../http/public-origin'
import { renderPage } from '../../views/render'
import { SharePage } from '../../views/studio/settings-share-pages'
import { ownedSet } from './owned-set'

/** `/studio/sets/:slug/share` and its QR code: the link and embed snippet of a set. */
export const studioSetShare = new Hono<StudioEnv>()
  .get('/:slug/share', ownedSet, async (c) => {
    const set = c.get('set')
    const origin = publicOrigin(c)
    const link = `${origin}/quiz/${set.slug}`
    const framable = set.embedPolicy.anywhere || set.embedPolicy.origins.includes(origin)
    const parsed = embedThemeSchema.safeParse(c.req.query('theme') || undefined)
    if (!parsed.success) fail(400, 'bad_request', 'Choose a theme: light, dark or auto.')
    const theme = parsed.data
    const themeQuery = theme === 'light' ? '' : `?theme=${theme}`
    return renderPage(
      c,
      <SharePage
        set={set}
        link={link}
        snippet={embedSnippet(origin, set.slug, set.title, { theme })}
        theme={theme}
        livePreview={set.publishedVersion !== null && framable ? `/embed/${set.slug}${themeQuery}` : null}
      />,
    )
  })
  .get('/:slug/qr.svg', ownedSet, async (c) => {
    const set = c.get('set')
    const link = `${publicOrigin(c)}/quiz/${set.slug}`
    const svg = renderSVG(link, { border: 2, ecc: 'M' }).replace(
      '<svg ',
      `<svg role="img" aria-label="QR code for ${link.replace(/[<>&"]/g, '')}" `,
    )
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8' })
  })
