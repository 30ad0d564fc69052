import { describe, expect, it } from 'vitest'
import { bank, expectPage, visibleText } from '../support/helpers'
import { ARTICLE, addSource, METADATA, postSource } from '../support/source-helpers'
import { sql } from '../support/studio-helpers'
import { instructor, newSet } from '../support/studio-sets-helpers'

async function passageRows(sourceId: string) {
  const { results } = await sql(
    'select paragraph, sentence, text from source_passages where source_id = ? order by paragraph, sentence',
    sourceId,
  ).all<{ paragraph: number; sentence: number; text: string }>()
  return results
}

describe('the source library', () => {
  it('lists the bank’s sources and the instructor’s own, and offers to add one', async () => {
    const browser = await instructor()
    const html = await expectPage(await browser.get('/studio/sources'), 200)
    for (const source of bank.sources) expect(html).toContain(`href="/studio/sources/${source.id}"`)
    expect(visibleText(html)).toContain('Your sources (0)')
    expect(html).toContain('href="/studio/sources/new"')
    expect(await (await browser.get('/studio')).text()).toContain('href="/studio/sources"')
  })

  it('adds a pasted article and stores its text as numbered passages', async () => {
    const browser = await instructor()
    const form = await expectPage(await browser.get('/studio/sources/new'), 200)
    expect(form).toContain('enctype="multipart/form-data"')
    const id = await addSource(browser)
    expect(await passageRows(id)).toEqual([
      {
        paragraph: 0,
        sentence: 0,
        text: 'Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.',
      },
      {
        paragraph: 1,
        sentence: 0,
        text: 'The pipeline ends at the Russian port of Novorossiysk on the Black Sea.',
      },
      { paragraph: 1, sentence: 1, text: 'It carries 80% of exports.' },
      {
        paragraph: 2,
        sentence: 0,
        text: 'In July a Russian court ordered the pipeline to stop for 30 days.',
      },
    ])
    const page = visibleText(
      await expectPage(await browser.get(`/studio/sources/${id}?done=source-added`), 200),
    )
    expect(page).toContain('Oil routes explained')
    expect(page).toContain('Text (4 sentences)')
    expect(page).toContain('Novorossiysk on the Black Sea.')
    expect(page).toContain('Source added with its text')
    expect(visibleText(await (await browser.get('/studio/sources')).text())).toContain('Your sources (1)')
  })

  it('reads an uploaded HTML page by its content, whatever the file is called, as readable paragraphs', async () => {
    const browser = await instructor()
    const html = `<!doctype html><html><head><style>p { color: red }</style><script>var secret = 1</script></head>
      <body><nav><a href="/">Home</a> · <a href="/world">World</a></nav>
      <article><h1>Pipeline news</h1><p>The CPC runs
      to Novorossiysk.</p><p>Oil &amp; gas matter.</p></article></body></html>`
    const file = new File([html], 'saved-page.txt', { type: 'text/plain' })
    const response = await postSource(browser, { ...METADATA, text: '', file })
    expect(response.status).toBe(303)
    const id = /sources\/(s-[a-z0-9]+)/.exec(response.headers.get('location') ?? '')?.[1] ?? ''
    expect((await passageRows(id)).map((row) => row.text)).toEqual([
      'Pipeline news',
      'The CPC runs to Novorossiysk.',
      'Oil & gas matter.',
    ])
  })

  it('reads Markdown without its markup', async () => {
    const browser = await instructor()
    const id = await addSource(
      browser,
      '# Heading\n\nA line that\nwraps, with a [link](https://example.org).',
    )
    expect((await passageRows(id)).map((row) => row.text)).toEqual([
      'Heading',
      'A line that wraps, with a link.',
    ])
  })

  it('refuses a binary file and an empty text with a 400, keeping the metadata typed', async () => {
    const browser = await instructor()
    const binary = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 0, 0xff, 0xfe])], 'paper.pdf')
    const html = await expectPage(await postSource(browser, { ...METADATA, text: '', file: binary }), 400)
    expect(visibleText(html)).toContain('This file is not text')
    expect(html).toContain('value="Oil routes explained"')
    const empty = await expectPage(await postSource(browser, { ...METADATA, text: '   ' }), 400)
    expect(visibleText(empty)).toContain('Paste the text of the source or choose a file.')
    expect(visibleText(await (await browser.get('/studio/sources')).text())).toContain('Your sources (0)')
  })

  it('refuses more than 1,000,000 characters of text with a 413 that keeps the form', async () => {
    const browser = await instructor()
    const long = `${'Oil flows west through the pipeline every day. '.repeat(22_000)}`
    expect(long.length).toBeGreaterThan(1_000_000)
    const html = await expectPage(await postSource(browser, { ...METADATA, text: long }), 413)
    expect(visibleText(html)).toContain('The text is too long')
    expect(html).toContain('value="Test Gazette"')
    expect(html).toMatch(/id="field-text"[^>]*aria-invalid="true"/)
  })

  it('refuses missing metadata with a 400 and keeps the pasted text', async () => {
    const browser = await instructor()
    const html = await expectPage(
      await postSource(browser, { ...METADATA, title: '', date: 'July', text: ARTICLE }),
      400,
    )
    const text = visibleText(html)
    expect(text).toContain('This is required.')
    expect(text).toContain('A date like 2022-03-14.')
    expect(html).toContain('Caspian Pipeline Consortium.')
  })

  it('searches and pages a source’s sentences', async () => {
    const browser = await instructor()
    const id = await addSource(browser)
    const html = visibleText(await expectPage(await browser.get(`/studio/sources/${id}?q=pipeline`), 200))
    expect(html).toContain('3 sentences match')
    expect(html).not.toContain('It carries 80% of exports.')
  })

  it('edits the metadata of an own source and refuses a bad date with a 400', async () => {
    const browser = await instructor()
    const id = await addSource(browser)
    const form = await expectPage(await browser.get(`/studio/sources/${id}/edit`), 200)
    expect(form).toContain('value="Oil routes explained"')
    const bad = await browser.postForm(`/studio/sources/${id}/edit`, { ...METADATA, date: 'soon' })
    expect(visibleText(await expectPage(bad, 400))).toContain('A date like 2022-03-14.')
    const saved = await browser.postForm(`/studio/sources/${id}/edit`, { ...METADATA, title: 'Renamed' })
    expect(saved.headers.get('location')).toBe(`/studio/sources/${id}?done=saved`)
    const row = await sql('select title from sources where id = ?', id).first<{ title: string }>()
    expect(row?.title).toBe('Renamed')
  })

  it('deletes an unused own source with its text, and refuses one a question cites with a 409', async () => {
    const browser = await instructor()
    const unused = await addSource(browser)
    const deleted = await browser.postForm(`/studio/sources/${unused}/delete`, {})
    expect(deleted.headers.get('location')).toBe('/studio/sources?done=source-deleted')
    expect(await passageRows(unused)).toEqual([])
    expect(await sql('select id from sources where id = ?', unused).first()).toBeNull()

    const cited = await addSource(browser)
    const slug = await newSet(browser)
    const saved = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      type: 'true_false',
      prompt: 'The pipeline ends at Novorossiysk.',
      answer: 'true',
      explanation: 'The article says so.',
      source: cited,
      quote: 'The pipeline ends at the Russian port of Novorossiysk',
      difficulty: 'easy',
      intent: 'save',
    })
    expect(saved.status).toBe(303)
    const page = visibleText(await (await browser.get(`/studio/sources/${cited}`)).text())
    expect(page).toContain('Questions cite this source, so it cannot be deleted.')
    await expectPage(await browser.postForm(`/studio/sources/${cited}/delete`, {}), 409)
    expect(await sql('select id from sources where id = ?', cited).first()).not.toBeNull()
  })

  it('shows the bank’s sources read-only, and other instructors’ sources not at all', async () => {
    const owner = await instructor()
    const id = await addSource(owner)
    const other = await instructor('other')
    await expectPage(await other.get(`/studio/sources/${id}`), 404)
    await expectPage(await other.postForm(`/studio/sources/${id}/delete`, {}), 404)
    await expectPage(await other.get(`/studio/sources/${id}/edit`), 404)
    const bankId = bank.sources[0]?.id ?? ''
    const bankPage = await expectPage(await other.get(`/studio/sources/${bankId}`), 200)
    expect(bankPage).not.toContain(`/studio/sources/${bankId}/delete`)
    await expectPage(await other.postForm(`/studio/sources/${bankId}/delete`, {}), 403)
    await expectPage(await other.postForm(`/studio/sources/${bankId}/edit`, METADATA), 403)
  })

  it('needs a session, and a same-origin post', async () => {
    const anonymous = await (await import('../support/helpers')).Browser.prototype.get.call(
      new (await import('../support/helpers')).Browser(),
      '/studio/sources',
    )
    expect(anonymous.status).toBe(303)
    const browser = await instructor()
    const body = new FormData()
    for (const [name, value] of Object.entries({ ...METADATA, text: ARTICLE })) body.append(name, value)
    const crossSite = await browser.fetch('/studio/sources/new', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body,
    })
    expect(crossSite.status).toBe(403)
  })
})
