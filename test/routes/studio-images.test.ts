import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import worker from '../../src/index'
import type { Question } from '../../src/quiz/question'
import { deleteOrphanImages } from '../../src/services/images'
import { Browser, decodeEntities, expectPage, islandProps, ORIGIN, visibleText } from '../support/helpers'
import { gifBytes, pngBytes, svgBytes } from '../support/image-bytes'
import { postImage, sha256Hex, uploadImage } from '../support/image-helpers'
import { sql } from '../support/studio-helpers'
import { bankQuote, bankSource, instructor, newSet, ownQuestionIds } from '../support/studio-sets-helpers'

let seed = 0
/** A real PNG of its own (a new content hash) for each call. */
const freshPng = (width = 40, height = 30) => pngBytes(width, height, ++seed)

async function storedBody(id: string): Promise<Question> {
  const row = await sql('select body from questions where id = ?', id).first<{ body: string }>()
  if (!row) throw new Error(`no question ${id}`)
  return JSON.parse(row.body) as Question
}

/** A new set with one own single choice question (the right answer is "Black Sea"); its slug and question id. */
async function setWithQuestion() {
  const browser = await instructor('images')
  const slug = await newSet(browser)
  const response = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
    type: 'single',
    prompt: 'Which sea does the pipeline reach?',
    choice_1: 'Black Sea',
    choice_2: 'Baltic Sea',
    choice_3: 'Caspian Sea',
    correct: '1',
    explanation: 'Because the source says so.',
    source: bankSource,
    quote: bankQuote,
    tags: '',
    difficulty: 'medium',
    intent: 'save',
  })
  expect(response.status).toBe(303)
  const [id = ''] = await ownQuestionIds(slug)
  return { browser, slug, id }
}

describe('uploading images in the studio', () => {
  it('stores a PNG for the prompt by its SHA-256, in R2 and D1, with its size read from the bytes', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const page = await expectPage(await browser.get(`/studio/sets/${slug}/questions/${id}/images`), 200)
    expect(visibleText(page)).toContain('With the question')
    expect(visibleText(page)).toContain('Choice 1: Black Sea')
    expect(visibleText(page)).toContain('Figure with passage 1')

    const bytes = freshPng(40, 30)
    const hash = await sha256Hex(bytes)
    expect(await uploadImage(browser, slug, id, 'prompt', bytes)).toBe(id)
    expect((await storedBody(id)).image).toEqual({
      hash,
      alt: 'A map of the pipeline',
      width: 40,
      height: 30,
    })
    const row = await sql('select * from images where hash = ?', hash).first<Record<string, unknown>>()
    expect(row).toMatchObject({ content_type: 'image/png', bytes: bytes.byteLength, width: 40, height: 30 })
    expect(row?.owner_id).toBeTruthy()
    const object = await env.IMAGES.get(`images/${hash}`)
    expect(object?.httpMetadata?.contentType).toBe('image/png')
    expect(new Uint8Array(await (object as R2ObjectBody).arrayBuffer())).toEqual(bytes)
  })

  it('refuses an image without alt text (400, what was typed kept) and accepts a decorative one', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const refused = await postImage(
      browser,
      slug,
      id,
      { target: 'choice:2', intent: 'save', alt: '  ' },
      { bytes: freshPng(), name: 'x.png', type: 'image/png' },
    )
    const html = decodeEntities(await expectPage(refused, 400))
    expect(html).toContain('Write alt text')
    expect(html).toMatch(/id="alt-choice-2"[^>]*aria-invalid="true"/)
    const unchanged = await storedBody(id)
    expect(unchanged.type === 'single' && unchanged.choiceImages).toBeFalsy()

    await uploadImage(browser, slug, id, 'choice:2', freshPng(), { alt: '', decorative: 'yes' })
    const body = await storedBody(id)
    expect(body.type === 'single' && body.choiceImages?.['Baltic Sea']).toMatchObject({
      alt: '',
      decorative: true,
    })
  })

  it('refuses SVG, and a text file dressed as a PNG, by their bytes (400 with the alt text kept)', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const svg = await postImage(
      browser,
      slug,
      id,
      { target: 'prompt', intent: 'save', alt: 'A chart' },
      { bytes: svgBytes, name: 'chart.png', type: 'image/png' },
    )
    const svgPage = decodeEntities(await expectPage(svg, 400))
    expect(svgPage).toContain('SVG images are not accepted')
    expect(svgPage).toContain('value="A chart"')
    const text = await postImage(
      browser,
      slug,
      id,
      { target: 'prompt', intent: 'save', alt: 'A chart' },
      { bytes: new TextEncoder().encode('hello, not an image'), name: 'photo.png', type: 'image/png' },
    )
    expect(decodeEntities(await expectPage(text, 400))).toContain('not a PNG, JPEG, WebP or GIF image')
    expect((await storedBody(id)).image).toBeUndefined()
    expect(
      await sql(
        'select count(*) as n from images where owner_id = (select owner_id from questions where id = ?)',
        id,
      ).first('n'),
    ).toBe(0)
  })

  it('refuses an image over 2 MB with a 413 page that keeps the form', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const big = new Uint8Array(2 * 1024 * 1024 + 10)
    big.set(gifBytes(10, 10))
    const response = await postImage(
      browser,
      slug,
      id,
      { target: 'evidence:1', intent: 'save', alt: 'Oil exports by month', caption: 'Exports, 2022' },
      { bytes: big, name: 'big.gif', type: 'image/gif' },
    )
    const html = decodeEntities(await expectPage(response, 413))
    expect(html).toContain('upload one of at most 2 MB')
    expect(html).toContain('value="Oil exports by month"')
    expect(html).toContain('value="Exports, 2022"')
  })

  it('asks for a file when there is no image to keep, and 404s for another instructor', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const none = await postImage(browser, slug, id, { target: 'prompt', intent: 'save', alt: 'A map' })
    expect(decodeEntities(await expectPage(none, 400))).toContain('Choose an image file to upload.')
    const other = await instructor('other')
    const stranger = await postImage(
      other,
      slug,
      id,
      { target: 'prompt', intent: 'save', alt: 'A map' },
      {
        bytes: freshPng(),
        name: 'a.png',
        type: 'image/png',
      },
    )
    expect(stranger.status).toBe(404)
    const crossSite = await browser.fetch(`/studio/sets/${slug}/questions/${id}/images`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new FormData(),
    })
    expect(crossSite.status).toBe(403)
  })

  it('keeps the images when the question is edited through the question form', async () => {
    const { browser, slug, id } = await setWithQuestion()
    await uploadImage(browser, slug, id, 'prompt', freshPng())
    await uploadImage(browser, slug, id, 'choice:1', freshPng())
    await uploadImage(browser, slug, id, 'choice:3', freshPng())
    const response = await browser.postForm(`/studio/sets/${slug}/questions/${id}/edit`, {
      type: 'single',
      prompt: 'Which sea does the pipeline reach first?',
      choice_1: 'Black Sea',
      choice_2: 'Baltic Sea',
      choice_3: 'Sea of Azov',
      correct: '1',
      explanation: 'Because the source says so.',
      source: bankSource,
      quote: bankQuote,
      tags: '',
      difficulty: 'medium',
      intent: 'save',
    })
    expect(response.status).toBe(303)
    const body = await storedBody(id)
    expect(body.prompt).toBe('Which sea does the pipeline reach first?')
    expect(body.image).toBeDefined()
    // The renamed choice's image went with its text; the kept choice keeps its own.
    expect(body.type === 'single' && Object.keys(body.choiceImages ?? {})).toEqual(['Black Sea'])
  })
})

describe('serving images', () => {
  it('serves the bytes with the sniffed type, nosniff, an ETag and a year of immutable caching', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const bytes = freshPng()
    const hash = await sha256Hex(bytes)
    await uploadImage(browser, slug, id, 'prompt', bytes)
    // A learner with a cookie gets the same public answer: the address names the bytes.
    const learner = new Browser()
    learner.cookies.set('cited_learner', 'someone')
    const response = await learner.get(`/images/${hash}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(response.headers.get('etag')).toBe(`"${hash}"`)
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)

    const again = await learner.fetch(`/images/${hash}`, { headers: { 'if-none-match': `"${hash}"` } })
    expect(again.status).toBe(304)
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('answers 404 for an unknown hash and for anything that is not one', async () => {
    expect((await new Browser().get(`/images/${'0'.repeat(64)}`)).status).toBe(404)
    expect((await new Browser().get('/images/not-a-hash')).status).toBe(404)
    expect((await new Browser().get(`/images/${'A'.repeat(64)}`)).status).toBe(404)
  })
})

describe('images on learner pages', () => {
  /** Publishes the set publicly and returns a learner on question 1 of a new attempt. */
  async function learnerOn(slug: string, browser: Awaited<ReturnType<typeof instructor>>) {
    expect((await browser.postForm(`/studio/sets/${slug}/publish`, {})).status).toBe(303)
    await sql(`update quiz_sets set visibility = 'public' where slug = ?`, slug).run()
    const learner = new Browser()
    const attempt = await learner.start(slug)
    return { learner, attempt, page: await expectPage(await learner.get(`/attempts/${attempt}/q/1`), 200) }
  }

  it('shows the prompt and choice images with width, height and alt, and nothing that tells the key', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const prompt = freshPng(320, 200)
    const right = freshPng(50, 50)
    const wrong = freshPng(50, 50)
    let current = await uploadImage(browser, slug, id, 'prompt', prompt, { alt: 'A map of the pipelines' })
    current = await uploadImage(browser, slug, current, 'choice:1', right, { alt: 'The Black Sea coast' })
    current = await uploadImage(browser, slug, current, 'choice:2', wrong, { alt: 'The Baltic coast' })
    const { page } = await learnerOn(slug, browser)
    const html = decodeEntities(page)
    expect(html).toMatch(
      new RegExp(
        `<img class="responsive-image question__image" src="/images/${await sha256Hex(prompt)}" alt="A map of the pipelines" width="320" height="200"`,
      ),
    )
    expect(html).toMatch(
      new RegExp(`src="/images/${await sha256Hex(right)}" alt="The Black Sea coast" width="50" height="50"`),
    )
    expect(html).toMatch(
      new RegExp(`src="/images/${await sha256Hex(wrong)}" alt="The Baltic coast" width="50" height="50"`),
    )

    // In the island's props the choices with images have the same shape whether right or wrong.
    const props = JSON.stringify(islandProps(page))
    expect(props).not.toContain('"answer"')
    expect(props).not.toContain('correct')
    const choices = (islandProps(page, 'answer-form')[0] as { question: { choices: { image?: object }[] } })
      .question.choices
    const shapes = choices
      .filter((choice) => choice.image)
      .map((choice) => Object.keys(choice.image ?? {}).sort())
    expect(shapes).toEqual([
      ['alt', 'height', 'src', 'width'],
      ['alt', 'height', 'src', 'width'],
    ])
  })

  it('shows an evidence figure with its caption in the feedback and the results review', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const figure = freshPng(64, 48)
    await uploadImage(browser, slug, id, 'evidence:1', figure, {
      alt: 'Oil exports by month',
      caption: 'Exports in 2022',
    })
    const { learner, attempt, page } = await learnerOn(slug, browser)
    expect(page).not.toContain(await sha256Hex(figure))
    const choice = /name="choice" value="([^"]+)"/.exec(page)?.[1] ?? ''
    const answered = await learner.postForm(`/attempts/${attempt}/q/1`, { choice })
    expect([200, 303]).toContain(answered.status)
    const feedback = decodeEntities(await expectPage(await learner.get(`/attempts/${attempt}/q/1`), 200))
    expect(feedback).toMatch(
      new RegExp(
        `src="/images/${await sha256Hex(figure)}" alt="Oil exports by month" width="64" height="48"`,
      ),
    )
    expect(visibleText(feedback)).toContain('Exports in 2022')
    const results = decodeEntities(await expectPage(await learner.get(`/attempts/${attempt}/results`), 200))
    expect(results).toMatch(new RegExp(`src="/images/${await sha256Hex(figure)}" alt="Oil exports by month"`))
  })
})

describe('cleaning up images no question refers to', () => {
  it('deletes an orphan older than a day from R2 and D1, and keeps referenced and recent ones', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const kept = freshPng()
    const replaced = freshPng()
    await uploadImage(browser, slug, id, 'choice:1', replaced)
    await uploadImage(browser, slug, id, 'choice:1', kept)
    const [keptHash, replacedHash] = [await sha256Hex(kept), await sha256Hex(replaced)]
    const twoDaysAgo = Date.now() - 2 * 24 * 60 * 60 * 1000
    await sql(
      'update images set created_at = ? where hash in (?, ?)',
      twoDaysAgo,
      keptHash,
      replacedHash,
    ).run()
    // Removed just now and uploaded just now: within the day of grace.
    const recent = freshPng()
    await uploadImage(browser, slug, id, 'prompt', recent)
    await postImage(browser, slug, id, { target: 'prompt', intent: 'remove' })

    const deleted = await deleteOrphanImages(createDb(env.DB), env.IMAGES, Date.now())
    expect(deleted).toBeGreaterThanOrEqual(1)
    expect(await env.IMAGES.head(`images/${replacedHash}`)).toBeNull()
    expect(await sql('select hash from images where hash = ?', replacedHash).first()).toBeNull()
    expect(await env.IMAGES.head(`images/${keptHash}`)).not.toBeNull()
    expect(await env.IMAGES.head(`images/${await sha256Hex(recent)}`)).not.toBeNull()
    expect((await new Browser().get(`/images/${replacedHash}`)).status).toBe(404)
  })

  it('runs from the Worker’s scheduled handler (the daily cron)', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const orphan = freshPng()
    await uploadImage(browser, slug, id, 'prompt', orphan)
    await postImage(browser, slug, id, { target: 'prompt', intent: 'remove' })
    const hash = await sha256Hex(orphan)
    await sql('update images set created_at = ? where hash = ?', Date.now() - 25 * 60 * 60 * 1000, hash).run()
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '17 3 * * *' }), env, ctx)
    await waitOnExecutionContext(ctx)
    expect(await env.IMAGES.head(`images/${hash}`)).toBeNull()
  })
})

describe('images in export and import', () => {
  it('exports a .zip with questions.json and images/<hash>.png, and importing it elsewhere restores them', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const bytes = freshPng(33, 22)
    const hash = await sha256Hex(bytes)
    await uploadImage(browser, slug, id, 'choice:2', bytes, { alt: 'The Baltic coast' })
    const response = await browser.get(`/studio/sets/${slug}/export.zip`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/zip')
    const zip = new Uint8Array(await response.arrayBuffer())
    const files = unzipSync(zip)
    expect(Object.keys(files).sort()).toEqual([`images/${hash}.png`, 'questions.json'])
    expect(files[`images/${hash}.png`]).toEqual(bytes)

    // Another Cited (here: the image gone from this one), another instructor: the zip brings it back.
    await env.IMAGES.delete(`images/${hash}`)
    await sql('delete from images where hash = ?', hash).run()
    const other = await instructor('importer')
    const otherSlug = await newSet(other)
    const jsonOnly = await other.postForm(`/studio/sets/${otherSlug}/import`, {
      format: 'json',
      text: strFromU8(files['questions.json'] ?? new Uint8Array()),
    })
    expect(decodeEntities(await expectPage(jsonOnly, 400))).toContain(
      'import the .zip export, which carries the images',
    )

    const form = new FormData()
    form.append('archive', new File([zip], `${slug}.zip`, { type: 'application/zip' }))
    const preview = await other.fetch(`/studio/sets/${otherSlug}/import/zip`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'cf-connecting-ip': other.ip },
      body: form,
    })
    const raw = await expectPage(preview, 200)
    expect(decodeEntities(raw)).toContain('is ready')
    expect(await env.IMAGES.head(`images/${hash}`)).not.toBeNull()
    const text = /<input type="hidden" name="text" value="([^"]*)"/.exec(raw)?.[1] ?? ''
    const saved = await other.postForm(`/studio/sets/${otherSlug}/import/save`, {
      format: 'json',
      text: decodeEntities(text),
    })
    expect(saved.status).toBe(303)
    const [importedId = ''] = await ownQuestionIds(otherSlug)
    const imported = await storedBody(importedId)
    expect(imported.type === 'single' && imported.choiceImages?.['Baltic Sea']).toEqual({
      hash,
      alt: 'The Baltic coast',
      width: 33,
      height: 22,
    })
  })

  it('refuses a .zip whose image is not one, and a file that is not a zip', async () => {
    const { browser, slug } = await setWithQuestion()
    const post = (bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData()
      form.append('archive', new File([bytes], 'x.zip', { type: 'application/zip' }))
      return browser.fetch(`/studio/sets/${slug}/import/zip`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'cf-connecting-ip': browser.ip },
        body: form,
      })
    }
    const svgZip = zipSync({ 'questions.json': strToU8('[]'), [`images/${'d'.repeat(64)}.png`]: svgBytes })
    expect(decodeEntities(await expectPage(await post(svgZip), 400))).toContain('SVG images are not accepted')
    expect(decodeEntities(await expectPage(await post(freshPng()), 400))).toContain('not a .zip archive')
  })

  it('writes image links into the GIFT export', async () => {
    const { browser, slug, id } = await setWithQuestion()
    const bytes = freshPng()
    await uploadImage(browser, slug, id, 'prompt', bytes)
    const gift = await (await browser.get(`/studio/sets/${slug}/export.gift`)).text()
    expect(gift).toContain(
      `// cited-image: prompt | ${ORIGIN}/images/${await sha256Hex(bytes)} | 40x30 | A map of the pipeline`,
    )
    expect(gift).toContain('<img src\\="http\\://example.com/images/')
  })
})
