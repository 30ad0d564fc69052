import { describe, expect, it } from 'vitest'
import { allQuestions, Browser, bank, expectPage, visibleText } from '../support/helpers'
import { sql } from '../support/studio-helpers'
import { addFromBank, draftIds, instructor, newSet } from '../support/studio-sets-helpers'

const bankIds = allQuestions.map((question) => question.id)

describe('the studio dashboard', () => {
  it('lists the instructor’s sets with status, visibility and question count, and offers a new one', async () => {
    const browser = await instructor()
    const empty = visibleText(await expectPage(await browser.get('/studio'), 200))
    expect(empty).toContain('You have no quiz sets yet.')
    expect(empty).toContain('New quiz set')

    const slug = await newSet(browser, 'Pipelines 101')
    await addFromBank(browser, slug, bankIds[0] ?? '')
    await addFromBank(browser, slug, bankIds[1] ?? '')
    const html = await expectPage(await browser.get('/studio'), 200)
    expect(html).toContain(`href="/studio/sets/${slug}"`)
    expect(visibleText(html)).toContain('Pipelines 101 draft Private 2')

    await browser.postForm(`/studio/sets/${slug}/publish`, {})
    expect(visibleText(await (await browser.get('/studio')).text())).toContain('Pipelines 101 published v1')
    await browser.postForm(`/studio/sets/${slug}/archive`, {})
    expect(visibleText(await (await browser.get('/studio')).text())).toContain('Pipelines 101 archived')
  })

  it('shows no one else’s sets', async () => {
    const owner = await instructor()
    await newSet(owner, 'Secret set of the owner')
    const other = await instructor()
    expect(await (await other.get('/studio')).text()).not.toContain('Secret set of the owner')
  })
})

describe('creating a set', () => {
  it('makes a private draft whose slug comes from the title when left empty', async () => {
    const browser = await instructor()
    const title = `Caspian Énergie ${crypto.randomUUID().slice(0, 6)}`
    const response = await browser.postForm('/studio/sets', { title, description: 'D', slug: '' })
    expect(response.status).toBe(303)
    const slug = `caspian-energie-${title.slice(-6).toLowerCase()}`
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}?done=created`)
    const row = await sql('select * from quiz_sets where slug = ?', slug).first<Record<string, unknown>>()
    expect(row).toMatchObject({ title, description: 'D', visibility: 'private', published_version: null })
    const page = visibleText(await expectPage(await browser.get(`/studio/sets/${slug}?done=created`), 200))
    expect(page).toContain('Quiz set created.')
    expect(page).toContain('No questions yet.')
  })

  it('refuses a taken slug (a bank set’s) with a 400 that keeps what was typed', async () => {
    const browser = await instructor()
    const taken = bank.sets[0]?.slug ?? ''
    const response = await browser.postForm('/studio/sets', {
      title: 'My title',
      description: 'My description',
      slug: taken,
    })
    const html = await expectPage(response, 400)
    expect(visibleText(html)).toContain(`The address "${taken}" is taken.`)
    expect(html).toContain('value="My title"')
    expect(html).toContain('My description</textarea>')
    expect(html).toContain(`value="${taken}"`)
    expect(html).toMatch(/id="field-slug"[^>]*aria-invalid="true"/)
  })

  it('refuses a missing title and a slug that is not kebab-case', async () => {
    const browser = await instructor()
    const html = await expectPage(
      await browser.postForm('/studio/sets', { title: '', description: 'kept', slug: 'Not A Slug' }),
      400,
    )
    const text = visibleText(html)
    expect(text).toContain('Give the set a title.')
    expect(text).toContain('kebab-case')
    expect(html).toContain('value="Not A Slug"')
    const reserved = await browser.postForm('/studio/sets', { title: 'New', slug: 'new' })
    expect(visibleText(await expectPage(reserved, 400))).toContain('This address is reserved.')
  })

  it('refuses a form posted from another site (CSRF) with a 403', async () => {
    const browser = await instructor()
    const response = await browser.fetch('/studio/sets', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=Forged&slug=forged-set',
    })
    await expectPage(response, 403)
    const cross = await browser.postForm(
      '/studio/sets',
      { title: 'Forged', slug: 'forged-set-2' },
      {
        origin: 'https://evil.example',
      },
    )
    await expectPage(cross, 403)
    expect(await sql("select slug from quiz_sets where slug like 'forged-set%'").first()).toBeNull()
  })

  it('sends a signed-out visitor to the sign-in page', async () => {
    const response = await new Browser().get('/studio/sets/new')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/studio/signin?next=%2Fstudio%2Fsets%2Fnew')
  })
})

describe('editing details', () => {
  it('changes title, description and slug, moving the draft’s questions with it', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    await addFromBank(browser, slug, bankIds[0] ?? '')
    const form = await expectPage(await browser.get(`/studio/sets/${slug}/details`), 200)
    expect(form).toContain(`value="${slug}"`)
    const renamed = `${slug}-renamed`
    const response = await browser.postForm(`/studio/sets/${slug}/details`, {
      title: 'New title',
      description: 'New description',
      slug: renamed,
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/studio/sets/${renamed}?done=saved`)
    expect(await draftIds(renamed)).toEqual([bankIds[0]])
    expect(await sql('select slug from quiz_sets where slug = ?', slug).first()).toBeNull()
    expect((await browser.get(`/studio/sets/${slug}`)).status).toBe(404)
    expect(visibleText(await (await browser.get(`/studio/sets/${renamed}`)).text())).toContain(
      'New description',
    )
  })

  it('keeps the slug once published (shared links keep working) and validates with a 400', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    await addFromBank(browser, slug, bankIds[0] ?? '')
    await browser.postForm(`/studio/sets/${slug}/publish`, {})
    const ok = await browser.postForm(`/studio/sets/${slug}/details`, {
      title: 'Renamed',
      description: '',
      slug: 'something-else',
    })
    expect(ok.headers.get('location')).toBe(`/studio/sets/${slug}?done=saved`)
    const bad = await browser.postForm(`/studio/sets/${slug}/details`, { title: '', description: 'Kept' })
    const html = await expectPage(bad, 400)
    expect(visibleText(html)).toContain('Give the set a title.')
    expect(html).toContain('Kept</textarea>')
  })
})

describe('duplicate, archive, restore', () => {
  it('duplicates into "<slug>-copy" with the draft’s questions and settings', async () => {
    const browser = await instructor()
    const slug = await newSet(browser, 'Original')
    await addFromBank(browser, slug, bankIds[2] ?? '')
    await addFromBank(browser, slug, bankIds[0] ?? '')
    await browser.postForm(`/studio/sets/${slug}/settings`, {
      feedback: 'end',
      passMark: '75',
      visibility: 'unlisted',
      embedOrigins: '',
    })
    const response = await browser.postForm(`/studio/sets/${slug}/duplicate`, {})
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}-copy?done=duplicated`)
    expect(await draftIds(`${slug}-copy`)).toEqual([bankIds[2], bankIds[0]])
    const copy = await sql('select * from quiz_sets where slug = ?', `${slug}-copy`).first<{
      title: string
      settings: string
      visibility: string
      owner_id: string
    }>()
    expect(copy?.title).toBe('Original (copy)')
    expect(copy?.visibility).toBe('private')
    expect(JSON.parse(copy?.settings ?? '{}')).toMatchObject({ feedback: 'end', passMark: 75 })
    // A second duplicate finds the next free slug.
    const again = await browser.postForm(`/studio/sets/${slug}/duplicate`, {})
    expect(again.headers.get('location')).toBe(`/studio/sets/${slug}-copy-2?done=duplicated`)
  })

  it('archives and restores', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const archived = await browser.postForm(`/studio/sets/${slug}/archive`, {})
    expect(archived.headers.get('location')).toBe(`/studio/sets/${slug}?done=archived`)
    const row = await sql('select archived_at from quiz_sets where slug = ?', slug).first<{
      archived_at: number
    }>()
    expect(row?.archived_at).toBeGreaterThan(0)
    const page = visibleText(await (await browser.get(`/studio/sets/${slug}`)).text())
    expect(page).toContain('Restore')
    await browser.postForm(`/studio/sets/${slug}/restore`, {})
    const restored = await sql('select archived_at from quiz_sets where slug = ?', slug).first<{
      archived_at: number | null
    }>()
    expect(restored?.archived_at).toBeNull()
  })
})

describe('the draft’s questions', () => {
  it('adds, reorders with up and down, and removes', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const [a = '', b = '', c = ''] = bankIds
    for (const id of [a, b, c]) await addFromBank(browser, slug, id)
    // Adding twice changes nothing.
    await addFromBank(browser, slug, a)
    expect(await draftIds(slug)).toEqual([a, b, c])

    const up = await browser.postForm(`/studio/sets/${slug}/questions/${c}/move`, { direction: 'up' })
    expect(up.headers.get('location')).toBe(`/studio/sets/${slug}?done=moved`)
    expect(await draftIds(slug)).toEqual([a, c, b])
    await browser.postForm(`/studio/sets/${slug}/questions/${a}/move`, { direction: 'down' })
    expect(await draftIds(slug)).toEqual([c, a, b])
    // At the top, up does nothing.
    await browser.postForm(`/studio/sets/${slug}/questions/${c}/move`, { direction: 'up' })
    expect(await draftIds(slug)).toEqual([c, a, b])
    const bad = await browser.postForm(`/studio/sets/${slug}/questions/${c}/move`, { direction: 'sideways' })
    await expectPage(bad, 400)

    const removed = await browser.postForm(`/studio/sets/${slug}/questions/${a}/remove`, {})
    expect(removed.headers.get('location')).toBe(`/studio/sets/${slug}?done=removed`)
    expect(await draftIds(slug)).toEqual([c, b])

    const html = await expectPage(await browser.get(`/studio/sets/${slug}`), 200)
    expect(html).toContain(`aria-label="Move question 2 up"`)
    expect(html).not.toContain(`aria-label="Move question 1 up"`)
    expect(html).not.toContain(`aria-label="Move question 2 down"`)
  })

  it('refuses to add a question that does not exist with a 404', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const response = await browser.postForm(`/studio/sets/${slug}/questions/add`, {
      question: 'no-such-question',
    })
    await expectPage(response, 404)
    expect(await draftIds(slug)).toEqual([])
  })
})

describe('the bank picker', () => {
  it('filters by type, source, tag and text with GET parameters, and pages the results', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const all = visibleText(await expectPage(await browser.get(`/studio/sets/${slug}/bank`), 200))
    expect(all).toContain(`${allQuestions.length} questions match`)

    const numeric = allQuestions.filter((question) => question.type === 'numeric')
    const byType = await (await browser.get(`/studio/sets/${slug}/bank?type=numeric`)).text()
    expect(visibleText(byType)).toContain(`${numeric.length} question`)
    for (const question of numeric) expect(byType).toContain(`value="${question.id}"`)
    expect(byType).not.toContain(`value="${allQuestions.find((q) => q.type !== 'numeric')?.id}"`)

    const source = allQuestions[0]?.evidence[0]?.source ?? ''
    const fromSource = allQuestions.filter((question) =>
      question.evidence.some((cited) => cited.source === source),
    )
    const bySource = await (await browser.get(`/studio/sets/${slug}/bank?source=${source}`)).text()
    expect(visibleText(bySource)).toContain(`${fromSource.length} question`)

    const tag = allQuestions.find((question) => question.tags.length)?.tags[0] ?? ''
    const tagged = allQuestions.filter((question) => question.tags.includes(tag))
    const byTag = await (await browser.get(`/studio/sets/${slug}/bank?tag=${encodeURIComponent(tag)}`)).text()
    expect(visibleText(byTag)).toContain(`${tagged.length} question`)
    for (const question of tagged) expect(byTag).toContain(`value="${question.id}"`)

    const matching = (word: string) =>
      allQuestions.filter((q) => q.prompt.toLowerCase().includes(word.toLowerCase())).length
    const word =
      allQuestions
        .flatMap((q) => q.prompt.split(/[^A-Za-z]+/))
        .find((part) => part.length > 6 && matching(part) <= 3) ?? ''
    const target = allQuestions.find((q) => q.prompt.includes(word))
    const byText = await (await browser.get(`/studio/sets/${slug}/bank?q=${encodeURIComponent(word)}`)).text()
    expect(byText).toContain(`value="${target?.id}"`)
    for (const question of allQuestions.filter((q) => !q.prompt.toLowerCase().includes(word.toLowerCase())))
      expect(byText).not.toContain(`value="${question.id}"`)

    const none = visibleText(await (await browser.get(`/studio/sets/${slug}/bank?q=zzzqqqxxx`)).text())
    expect(none).toContain('No questions match.')

    if (allQuestions.length > 20) {
      const first = await (await browser.get(`/studio/sets/${slug}/bank`)).text()
      expect((first.match(/name="question"/g) ?? []).length).toBe(20)
      expect(first).toContain(`href="/studio/sets/${slug}/bank?page=2"`)
      const second = await (await browser.get(`/studio/sets/${slug}/bank?page=2`)).text()
      expect((second.match(/name="question"/g) ?? []).length).toBe(Math.min(20, allQuestions.length - 20))
    }
  })

  it('marks questions already in the set and returns to the same filter after adding', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const id = allQuestions.find((question) => question.type === 'ordering')?.id ?? ''
    const response = await browser.postForm(`/studio/sets/${slug}/questions/add`, {
      question: id,
      back: `/studio/sets/${slug}/bank?type=ordering`,
    })
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}/bank?type=ordering&done=added`)
    const html = await (await browser.get(`/studio/sets/${slug}/bank?type=ordering`)).text()
    expect(html).not.toContain(`value="${id}"`)
    expect(visibleText(html)).toContain('In the set')
    // `back` never leaves the studio.
    const away = await browser.postForm(`/studio/sets/${slug}/questions/add`, {
      question: id,
      back: 'https://evil.example/',
    })
    expect(away.headers.get('location')).toBe(`/studio/sets/${slug}?done=added`)
  })
})

describe('ownership', () => {
  it('answers 404 on every route of another instructor’s set, and changes nothing', async () => {
    const owner = await instructor()
    const slug = await newSet(owner, 'Owner only')
    await addFromBank(owner, slug, bankIds[0] ?? '')
    const other = await instructor()
    for (const path of [
      '',
      '/details',
      '/bank',
      '/settings',
      '/share',
      '/qr.svg',
      '/questions/new',
      '/questions/new?type=single',
      `/questions/${bankIds[0]}/preview`,
      '/sources/new',
    ]) {
      const response = await other.get(`/studio/sets/${slug}${path}`)
      expect(response.status, path).toBe(404)
      expect(await response.text()).not.toContain('Owner only')
    }
    for (const [path, fields] of [
      ['/details', { title: 'Stolen', slug: `${slug}-stolen` }],
      ['/duplicate', {}],
      ['/archive', {}],
      ['/restore', {}],
      ['/publish', {}],
      ['/settings', { visibility: 'public', passMark: '50' }],
      ['/questions/add', { question: bankIds[1] ?? '' }],
      [`/questions/${bankIds[0]}/remove`, {}],
      [`/questions/${bankIds[0]}/move`, { direction: 'down' }],
      ['/questions/new', { type: 'true_false' }],
      ['/sources/new', { title: 'x' }],
    ] as const) {
      const response = await other.postForm(`/studio/sets/${slug}${path}`, fields)
      expect(response.status, path).toBe(404)
    }
    expect(await draftIds(slug)).toEqual([bankIds[0]])
    const row = await sql('select * from quiz_sets where slug = ?', slug).first<{
      title: string
      published_version: number | null
      archived_at: number | null
    }>()
    expect(row).toMatchObject({ title: 'Owner only', published_version: null, archived_at: null })
    // A bank set is nobody's studio set either.
    expect((await other.get(`/studio/sets/${bank.sets[0]?.slug}`)).status).toBe(404)
  })
})
