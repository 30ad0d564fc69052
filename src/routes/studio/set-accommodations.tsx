import { Hono } from 'hono'
import type { QuizSetRow } from '../../db/schema'
import type { StudioEnv } from '../../env'
import { readForm, STUDIO_FORM } from '../../http/form'
import { accommodationsView, grantAccommodation, withdrawAccommodation } from '../../services/accommodations'
import { checkAccommodation, emptyAccommodationForm } from '../../studio/accommodation-form'
import { draftSettings } from '../../studio/set-settings-form'
import { renderPage } from '../../views/render'
import { AccommodationsPage } from '../../views/studio/accommodations-page'
import { readTimeZone } from '../learner/time-zone'
import { noticeOf } from './notices'
import { ownedSet } from './owned-set'

/** The zone the page's dates are in: the set's dates' zone, else the instructor's browser's. */
const zoneFor = (set: QuizSetRow, browserZone: string) => draftSettings(set).dateTimeZone ?? browserZone

/**
 * `/studio/sets/:slug/accommodations`: extra time, extra attempts or a later
 * closing date for one learner, found among those who attempted the set or
 * given a code to claim.
 */
export const studioSetAccommodations = new Hono<StudioEnv>()
  .get('/:slug/accommodations', ownedSet, async (c) => {
    const set = c.get('set')
    const search = (c.req.query('q') ?? '').slice(0, 80)
    const zone = zoneFor(set, readTimeZone(c).zone)
    const view = await accommodationsView(c.get('db'), set, search)
    const made = c.req.query('code')
    return renderPage(
      c,
      <AccommodationsPage
        set={set}
        view={view}
        search={search}
        zone={zone}
        form={emptyAccommodationForm(zone, c.req.query('who') ?? '')}
        notice={noticeOf(c)}
        madeCode={made && /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(made) ? made : undefined}
      />,
    )
  })
  .post('/:slug/accommodations', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const search = (c.req.query('q') ?? '').slice(0, 80)
    const { typed, errors, value } = checkAccommodation(await readForm(c, STUDIO_FORM))
    if (!value) {
      const view = await accommodationsView(db, set, search)
      return renderPage(
        c,
        <AccommodationsPage
          set={set}
          view={view}
          search={search}
          zone={typed.dateTimeZone}
          form={typed}
          errors={errors}
        />,
        400,
      )
    }
    const { code } = await grantAccommodation(db, set, c.get('instructor').id, value)
    const made = code ? `&code=${code}` : ''
    return c.redirect(`/studio/sets/${set.slug}/accommodations?done=saved${made}`, 303)
  })
  .post('/:slug/accommodations/:id/delete', ownedSet, async (c) => {
    const set = c.get('set')
    await withdrawAccommodation(c.get('db'), set, c.req.param('id').slice(0, 64))
    return c.redirect(`/studio/sets/${set.slug}/accommodations?done=withdrawn`, 303)
  })
