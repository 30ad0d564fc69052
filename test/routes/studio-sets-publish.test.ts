import { describe, expect, it } from 'vitest'
import { allQuestions, expectPage, ORIGIN, visibleText } from '../support/helpers'
import { sql } from '../support/studio-helpers'
import { addFromBank, instructor, newSet } from '../support/studio-sets-helpers'

const [q1 = '', q2 = '', q3 = ''] = allQuestions.map((question) => question.id)

type VersionRow = {
  version: number
  title: string
  description: string
  settings: string
  question_ids: string
  published_at: number
}

async function versions(slug: string): Promise<VersionRow[]> {
  const { results } = await sql(
    'select * from quiz_set_versions where set_slug = ? order by version',
    slug,
  ).all<VersionRow>()
  return results
}

const settingsFields = {
  feedback: 'each',
  shuffleChoices: 'on',
  drawCount: '',
  timeLimitMinutes: '',
  attemptsAllowed: '',
  passMark: '60',
  visibility: 'private',
  embedOrigins: '',
}

describe('publishing', () => {
  it('refuses to publish an empty set with a 400', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const html = await expectPage(await browser.postForm(`/studio/sets/${slug}/publish`, {}), 400)
    expect(visibleText(html)).toContain('Add at least one question before publishing.')
    expect(await versions(slug)).toEqual([])
  })

  it('freezes v1; later edits change only the draft until "Publish changes" makes v2, v1 unchanged', async () => {
    const browser = await instructor()
    const slug = await newSet(browser, 'First title')
    await addFromBank(browser, slug, q1)
    await addFromBank(browser, slug, q2)
    const published = await browser.postForm(`/studio/sets/${slug}/publish`, {})
    expect(published.status).toBe(303)
    expect(published.headers.get('location')).toBe(`/studio/sets/${slug}?done=published`)
    const [v1] = await versions(slug)
    expect(v1).toMatchObject({ version: 1, title: 'First title', description: 'About oil.' })
    expect(JSON.parse(v1?.question_ids ?? '')).toEqual([q1, q2])
    expect(JSON.parse(v1?.settings ?? '')).toEqual({
      feedback: 'each',
      shuffleQuestions: false,
      shuffleChoices: true,
      drawCount: null,
      timeLimitMinutes: null,
      attemptsAllowed: null,
      passMark: 60,
      triesPerQuestion: 1,
      tryPenalty: 33,
      hintPenalty: 0,
      // Dates, not in this form post: none (open from publishing, never closing).
      opensAt: null,
      closesAt: null,
      graceMinutes: 0,
      dateTimeZone: null,
    })
    const set = await sql('select published_version from quiz_sets where slug = ?', slug).first<{
      published_version: number
    }>()
    expect(set?.published_version).toBe(1)
    const page = visibleText(await (await browser.get(`/studio/sets/${slug}`)).text())
    expect(page).toContain('published v1')
    expect(page).toContain('Version 1 is live and the draft has no changes.')

    // Edit the draft: questions, title and settings.
    await addFromBank(browser, slug, q3)
    await browser.postForm(`/studio/sets/${slug}/questions/${q1}/remove`, {})
    await browser.postForm(`/studio/sets/${slug}/details`, { title: 'Second title', description: 'New.' })
    await browser.postForm(`/studio/sets/${slug}/settings`, {
      ...settingsFields,
      passMark: '80',
      feedback: 'end',
    })
    expect(await versions(slug)).toHaveLength(1)
    const draft = visibleText(await (await browser.get(`/studio/sets/${slug}`)).text())
    expect(draft).toContain('The draft has changes. Publishing makes them version 2')
    expect(draft).toContain('Publish changes')

    await browser.postForm(`/studio/sets/${slug}/publish`, {})
    const [again1, v2] = await versions(slug)
    expect(again1).toEqual(v1)
    expect(v2).toMatchObject({ version: 2, title: 'Second title', description: 'New.' })
    expect(JSON.parse(v2?.question_ids ?? '')).toEqual([q2, q3])
    expect(JSON.parse(v2?.settings ?? '')).toMatchObject({ passMark: 80, feedback: 'end' })
    const after = await sql('select published_version from quiz_sets where slug = ?', slug).first<{
      published_version: number
    }>()
    expect(after?.published_version).toBe(2)
  })
})

describe('settings', () => {
  it('shows the defaults and saves every setting, visibility and embedding origins', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const form = await expectPage(await browser.get(`/studio/sets/${slug}/settings`), 200)
    expect(form).toMatch(/name="feedback" value="each" checked/)
    expect(form).toMatch(/name="shuffleChoices" value="on" checked/)
    expect(form).toMatch(/name="visibility" value="private" checked/)
    const response = await browser.postForm(`/studio/sets/${slug}/settings`, {
      feedback: 'end',
      shuffleQuestions: 'on',
      drawCount: '5',
      timeLimitMinutes: '20',
      attemptsAllowed: '2',
      passMark: '70',
      visibility: 'unlisted',
      embedOrigins: 'https://moodle.school.example\nhttp://localhost:3000/\n\nhttps://moodle.school.example',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}/settings?done=saved`)
    const row = await sql(
      'select settings, visibility, embed_policy from quiz_sets where slug = ?',
      slug,
    ).first<{
      settings: string
      visibility: string
      embed_policy: string
    }>()
    expect(JSON.parse(row?.settings ?? '')).toEqual({
      feedback: 'end',
      shuffleQuestions: true,
      shuffleChoices: false,
      drawCount: 5,
      timeLimitMinutes: 20,
      attemptsAllowed: 2,
      passMark: 70,
      // Tries and hints, not in this form post: their defaults.
      triesPerQuestion: 1,
      tryPenalty: 33,
      hintPenalty: 0,
      // Dates, not in this form post: none (open from publishing, never closing).
      opensAt: null,
      closesAt: null,
      graceMinutes: 0,
      dateTimeZone: null,
    })
    expect(row?.visibility).toBe('unlisted')
    expect(JSON.parse(row?.embed_policy ?? '')).toEqual({
      anywhere: false,
      origins: ['https://moodle.school.example', 'http://localhost:3000'],
    })
    const saved = await expectPage(await browser.get(`/studio/sets/${slug}/settings?done=saved`), 200)
    expect(saved).toContain('https://moodle.school.example\nhttp://localhost:3000</textarea>')
    expect(saved).toMatch(/name="drawCount"[^>]*value="5"/)
  })

  it('refuses bad numbers, a missing visibility and bad origins with a 400 keeping the input', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const response = await browser.postForm(`/studio/sets/${slug}/settings`, {
      feedback: 'each',
      drawCount: '0',
      timeLimitMinutes: 'soon',
      passMark: '150',
      embedOrigins: 'http://course.example\nhttps://lms.example/path',
    })
    const html = await expectPage(response, 400)
    const text = visibleText(html)
    expect(text).toContain('A whole number from 1 to 200')
    expect(text).toContain('A whole number of minutes')
    expect(text).toContain('A whole number from 0 to 100.')
    expect(text).toContain('Choose who can find the quiz.')
    expect(text).toContain('must use https')
    expect(text).toContain('without a path')
    expect(html).toMatch(/name="timeLimitMinutes"[^>]*value="soon"/)
    expect(html).toContain('https://lms.example/path</textarea>')
    const row = await sql('select settings from quiz_sets where slug = ?', slug).first<{ settings: string }>()
    expect(JSON.parse(row?.settings ?? '')).toMatchObject({ passMark: 60 })
  })

  it('stores "anywhere" embedding', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    await browser.postForm(`/studio/sets/${slug}/settings`, { ...settingsFields, embedAnywhere: 'on' })
    const row = await sql('select embed_policy from quiz_sets where slug = ?', slug).first<{
      embed_policy: string
    }>()
    expect(JSON.parse(row?.embed_policy ?? '')).toEqual({ anywhere: true, origins: [] })
  })
})

describe('the share panel', () => {
  it('gives the link, a QR code SVG and the embed snippet; no live preview before publishing', async () => {
    const browser = await instructor()
    const slug = await newSet(browser, 'Share me')
    const html = await expectPage(await browser.get(`/studio/sets/${slug}/share`), 200)
    const link = `${ORIGIN}/quiz/${slug}`
    expect(html).toContain(`href="${link}"`)
    expect(html).toContain(`src="/studio/sets/${slug}/qr.svg"`)
    expect(html).toContain(`alt="QR code for ${link}"`)
    expect(html).toContain(
      `&lt;iframe src=&quot;${ORIGIN}/embed/${slug}&quot; title=&quot;Quiz: Share me&quot;`,
    )
    expect(html).toContain(`${ORIGIN}/embed.js`)
    expect(html).not.toContain('<iframe')
    expect(visibleText(html)).toContain('Not published yet')

    const qr = await browser.get(`/studio/sets/${slug}/qr.svg`)
    expect(qr.status).toBe(200)
    expect(qr.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
    const svg = await qr.text()
    expect(
      svg.startsWith(`<svg role="img" aria-label="QR code for ${link}" xmlns="http://www.w3.org/2000/svg"`),
    ).toBe(true)
    expect(svg).toContain('<path')
  })

  it('shows a live preview iframe once published, when the policy lets this site frame it', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    await addFromBank(browser, slug, q1)
    await browser.postForm(`/studio/sets/${slug}/publish`, {})
    await browser.postForm(`/studio/sets/${slug}/settings`, {
      ...settingsFields,
      embedOrigins: 'https://lms.example',
    })
    const closed = await (await browser.get(`/studio/sets/${slug}/share`)).text()
    expect(closed).not.toContain('<iframe')
    expect(visibleText(closed)).toContain('do not allow this site to frame the quiz')

    await browser.postForm(`/studio/sets/${slug}/settings`, {
      ...settingsFields,
      embedOrigins: `https://lms.example\n${ORIGIN.replace('http:', 'https:')}`,
    })
    expect(await (await browser.get(`/studio/sets/${slug}/share`)).text()).not.toContain('<iframe')

    await browser.postForm(`/studio/sets/${slug}/settings`, { ...settingsFields, embedAnywhere: 'on' })
    const open = await (await browser.get(`/studio/sets/${slug}/share`)).text()
    expect(open).toContain(`<iframe src="/embed/${slug}"`)
  })
})
