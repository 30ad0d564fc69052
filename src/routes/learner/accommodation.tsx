import { Hono } from 'hono'
import * as z from 'zod'
import { clientAddress, retryAfterSeconds, whenToRetry } from '../../auth/rate-limit'
import type { AppEnv } from '../../env'
import { readForm } from '../../http/form'
import { normaliseTransferCode } from '../../learning/transfer-code'
import { claimAccommodationCode } from '../../services/accommodations'
import { AccommodationPage } from '../../views/accommodation-page'
import { renderPage } from '../../views/render'
import { slugParam } from '../params'
import { ensureLearnerId } from './learner-id'

const codeForm = z.object({ code: z.tuple([z.string()]) })

/**
 * `/accommodation`: a learner claims the code an instructor made for them.
 * GET only shows the form (a link may carry the code); the POST binds it.
 */
export const accommodation = new Hono<AppEnv>()
  .get('/', (c) => {
    const done = slugParam.safeParse({ slug: c.req.query('done') ?? '' })
    return renderPage(
      c,
      <AccommodationPage
        code={(c.req.query('code') ?? '').slice(0, 40)}
        claimedSlug={done.success ? done.data.slug : undefined}
      />,
    )
  })
  .post('/', async (c) => {
    const db = c.get('db')
    const form = codeForm.safeParse(await readForm(c))
    const typed = form.success ? form.data.code[0].trim().slice(0, 40) : ''
    const refuse = (error: string, status: 400 | 409 | 429 = 400) =>
      renderPage(c, <AccommodationPage code={typed} error={error} />, status)
    const code = normaliseTransferCode(typed)
    if (!code) return refuse('A code has 8 letters and digits, like 7QK2-MZ4D.')
    const now = Date.now()
    const learnerId = ensureLearnerId(c)
    const claim = await claimAccommodationCode(db, {
      code,
      learnerId,
      ip: clientAddress(c.req.header('cf-connecting-ip')),
      now,
    })
    switch (claim.outcome) {
      case 'blocked':
        c.header('Retry-After', retryAfterSeconds(claim.block, now))
        return refuse(`Too many wrong codes. ${whenToRetry(claim.block, now)}`, 429)
      case 'unknown':
        return refuse('That code is unknown or was already used. Check it with your teacher.')
      case 'taken':
        return refuse(
          `This browser already has an accommodation for "${claim.title}". Ask your teacher to change it instead.`,
          409,
        )
      case 'claimed':
        return c.redirect(`/accommodation?done=${encodeURIComponent(claim.setSlug)}`, 303)
    }
  })
