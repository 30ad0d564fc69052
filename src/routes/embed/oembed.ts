import { Hono } from 'hono'
import * as z from 'zod'
import { isEmbeddable } from '../../embed/policy'
import { DEFAULT_EMBED_HEIGHT, DEFAULT_EMBED_WIDTH, embedSnippet } from '../../embed/snippet'
import type { AppEnv } from '../../env'
import { publicOrigin } from '../../http/public-origin'
import { findEmbeddableSet } from '../../services/quiz-sets'

const query = z.object({
  url: z.string().min(1, 'The url parameter is required.').max(2000),
  format: z.enum(['json', 'xml']).default('json'),
  maxwidth: z.coerce.number().int().positive().optional(),
  maxheight: z.coerce.number().int().positive().optional(),
})

const quizPath = /^\/(?:quiz|embed)\/([a-z0-9-]{1,80})\/?$/

const error = (code: string, message: string) => ({ error: { code, message } })

/**
 * oEmbed 1.0 (https://oembed.com) for quiz links, so platforms that support
 * oEmbed discovery can turn a plain quiz URL into the embedded quiz.
 */
export const oembed = new Hono<AppEnv>().get('/', async (c) => {
  const parsed = query.safeParse(c.req.query())
  if (!parsed.success)
    return c.json(error('bad_request', parsed.error.issues[0]?.message ?? 'Bad query.'), 400)
  const { url, format, maxwidth, maxheight } = parsed.data
  if (format === 'xml') return c.json(error('not_implemented', 'Only format=json is supported.'), 501)
  const origin = publicOrigin(c)
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return c.json(error('not_found', 'That is not a Cited quiz URL.'), 404)
  }
  const slug = target.origin === origin ? quizPath.exec(target.pathname)?.[1] : undefined
  const set = slug ? await findEmbeddableSet(c.get('db'), slug) : null
  if (!set || !isEmbeddable(set.embedPolicy))
    return c.json(error('not_found', 'That is not the URL of an embeddable Cited quiz.'), 404)
  const width = Math.min(maxwidth ?? DEFAULT_EMBED_WIDTH, DEFAULT_EMBED_WIDTH)
  const height = Math.min(maxheight ?? DEFAULT_EMBED_HEIGHT, DEFAULT_EMBED_HEIGHT)
  return c.json({
    version: '1.0',
    type: 'rich',
    provider_name: 'Cited',
    provider_url: origin,
    title: set.title,
    width,
    height,
    html: embedSnippet(origin, set.slug, set.title, { width, height }),
    cache_age: 3600,
  })
})
