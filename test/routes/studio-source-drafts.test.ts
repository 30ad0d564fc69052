import { describe, expect, it } from 'vitest'
import type { Question } from '../../src/quiz/question'
import { expectPage, visibleText } from '../support/helpers'
import { addSource } from '../support/source-helpers'
import { sql } from '../support/studio-helpers'
import { draftIds, instructor, newSet, ownQuestionIds } from '../support/studio-sets-helpers'

const REPORT = [
  'The Velmora Port Authority closed the northern harbour for 12 days in March.',
  'On 4 April 2023, the town council approved a second ferry terminal in Kelvenport.',
  'Mayor Ilsa Brandt said the terminal would cost 48 million euros.',
  'The harbour handles grain, timber and fuel for the whole region.',
].join('\n\n')

async function setup() {
  const browser = await instructor()
  const sourceId = await addSource(browser, REPORT, { title: 'Harbour report', outlet: 'Velmora Gazette' })
  const slug = await newSet(browser)
  return { browser, sourceId, slug }
}

describe('drafting questions from a source', () => {
  it('offers "Draft questions" on a source with text, and shows the first draft with its key', async () => {
    const { browser, sourceId, slug } = await setup()
    const page = await expectPage(await browser.get(`/studio/sources/${sourceId}`), 200)
    expect(page).toContain(`href="/studio/sources/${sourceId}/drafts"`)
    const html = await expectPage(await browser.get(`/studio/sources/${sourceId}/drafts`), 200)
    const text = visibleText(html)
    expect(text).toMatch(/Draft 1 of \d+/)
    expect(text).toContain('The key (only you see this)')
    expect(html).toContain('class="cited-context"')
    expect(html).toContain(`<option value="${slug}" selected`)
    // Nothing is added by looking.
    expect(await draftIds(slug)).toEqual([])
  })

  it('adds an accepted draft to the chosen set as an own question citing the source, and moves on', async () => {
    const { browser, sourceId, slug } = await setup()
    const response = await browser.postForm(`/studio/sources/${sourceId}/drafts/1`, {
      set: slug,
      intent: 'accept',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(
      `/studio/sources/${sourceId}/drafts?at=2&set=${slug}&done=draft-accepted`,
    )
    const [id = ''] = await ownQuestionIds(slug)
    expect(id).toMatch(/^q-[a-z0-9]{10}$/)
    const row = await sql('select body from questions where id = ?', id).first<{ body: string }>()
    const question = JSON.parse(row?.body ?? '{}') as Question
    expect(question.evidence[0]?.source).toBe(sourceId)
    expect(REPORT.replace(/\s+/g, ' ')).toContain(question.evidence[0]?.quote)
    const next = visibleText(await expectPage(await browser.get(response.headers.get('location') ?? ''), 200))
    expect(next).toContain('Draft accepted')
    expect(next).toMatch(/Draft 2 of \d+/)
  })

  it('rejects a draft without adding anything, and opens one in the question form to edit', async () => {
    const { browser, sourceId, slug } = await setup()
    const rejected = await browser.postForm(`/studio/sources/${sourceId}/drafts/1`, {
      set: slug,
      intent: 'reject',
    })
    expect(rejected.headers.get('location')).toBe(
      `/studio/sources/${sourceId}/drafts?at=2&set=${slug}&done=draft-rejected`,
    )
    expect(await draftIds(slug)).toEqual([])
    const edit = await browser.postForm(`/studio/sources/${sourceId}/drafts/1`, { set: slug, intent: 'edit' })
    expect(edit.status).toBe(303)
    const location = edit.headers.get('location') ?? ''
    expect(location).toMatch(
      new RegExp(`^/studio/sets/${slug}/questions/new\\?type=\\w+&draft=${sourceId}%3A1$`),
    )
    const form = await expectPage(await browser.get(location), 200)
    expect(form).toContain('According to Velmora Gazette')
    expect(form).toMatch(new RegExp(`<option value="${sourceId}" selected`))
    expect(await draftIds(slug)).toEqual([])
  })

  it('refuses another instructor’s set, a missing draft and an unknown intent', async () => {
    const { browser, sourceId } = await setup()
    const other = await instructor('other')
    const theirs = await newSet(other)
    await expectPage(
      await browser.postForm(`/studio/sources/${sourceId}/drafts/1`, { set: theirs, intent: 'accept' }),
      404,
    )
    expect(await draftIds(theirs)).toEqual([])
    await expectPage(
      await browser.postForm(`/studio/sources/${sourceId}/drafts/999`, { set: theirs, intent: 'accept' }),
      404,
    )
    await expectPage(
      await browser.postForm(`/studio/sources/${sourceId}/drafts/1`, { set: theirs, intent: 'x' }),
      400,
    )
    await expectPage(await other.get(`/studio/sources/${sourceId}/drafts`), 404)
  })

  it('says when every draft was reviewed', async () => {
    const { browser, sourceId } = await setup()
    const text = visibleText(
      await expectPage(await browser.get(`/studio/sources/${sourceId}/drafts?at=999`), 200),
    )
    expect(text).toMatch(/You have reviewed all \d+ drafts\./)
  })
})
