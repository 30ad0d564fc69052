import { Hono } from 'hono'
import { updateSetConfiguration } from '../../db/owned-sets'
import type { StudioEnv } from '../../env'
import { readForm, STUDIO_FORM } from '../../http/form'
import { checkSettings, settingsFormOf } from '../../studio/set-settings-form'
import { renderPage } from '../../views/render'
import { SettingsPage } from '../../views/studio/settings-share-pages'
import { readTimeZone } from '../learner/time-zone'
import { noticeOf } from './notices'
import { ownedSet } from './owned-set'

/** `/studio/sets/:slug/settings`: feedback, shuffling, limits, visibility and embedding of a set. */
export const studioSetSettings = new Hono<StudioEnv>()
  .get('/:slug/settings', ownedSet, async (c) => {
    const set = c.get('set')
    return renderPage(
      c,
      <SettingsPage set={set} form={settingsFormOf(set, readTimeZone(c).zone)} notice={noticeOf(c)} />,
    )
  })
  .post('/:slug/settings', ownedSet, async (c) => {
    const db = c.get('db')
    const set = c.get('set')
    const { typed, errors, value } = checkSettings(await readForm(c, STUDIO_FORM))
    if (!value) return renderPage(c, <SettingsPage set={set} form={typed} errors={errors} />, 400)
    await updateSetConfiguration(db, set.slug, value)
    return c.redirect(`/studio/sets/${set.slug}/settings?done=saved`, 303)
  })
