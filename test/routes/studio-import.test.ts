import { describe, expect, it } from 'vitest'
import { parseGift } from '../../src/gift/gift-parse'
import type { Question } from '../../src/quiz/question'
import { insertSet, insertSetQuestions } from '../support/fixtures'
import { allQuestions, bank, expectPage, ORIGIN, visibleText } from '../support/helpers'
import { freshEmail, InstructorBrowser, sql } from '../support/studio-helpers'

const SOURCE = bank.sources[0]?.id ?? ''
const EVIDENCE = `// cited-evidence: ${SOURCE} | The pipeline carries most of the oil`

const GOOD_GIFT = `// Two questions for the import tests.
${EVIDENCE}
// cited-tags: oil
::pipeline-sea::Where does the pipeline reach the sea? {=Novorossiysk ~Baku ~Aktau ####At the CPC terminal.}

${EVIDENCE}
The pipeline was stopped for 30 days. {TRUE ####A court ordered it.}
`

/** One bad question among good ones: it is left out, the good ones can be saved. */
const BAD_GIFT = `${GOOD_GIFT}
${EVIDENCE}
Which year? {#twenty ####It was 2022.}
`

/** A file such as Moodle writes: per-answer feedback, format markers, tags, no general feedback. */
const MOODLE_GIFT = `${EVIDENCE}
// [tag:ports] [id:Q7]
::Port::[html]<p>Which port ends the pipeline?</p>{
  =Novorossiysk#[html]<b>Yes</b>: the CPC terminal.
  ~Aktau#Aktau is on the Caspian, the start of another route.
  ~Baku
}

${EVIDENCE}
::Days::How many days did the court stop the pipeline? {#30:2 ~#No: it was a month.}
`

/** A signed-in instructor owning one empty set. */
async function instructorWithSet(label = 'importer') {
  const browser = new InstructorBrowser()
  const email = freshEmail(label)
  await browser.signUp(email)
  const row = await sql('select id from instructors where email = ?', email).first<{ id: string }>()
  const ownerId = row?.id ?? ''
  const slug = await newSet(ownerId)
  return { browser, ownerId, slug }
}

async function newSet(ownerId: string): Promise<string> {
  const slug = `import-${crypto.randomUUID().slice(0, 8)}`
  await insertSet({ slug, description: 'For import tests.', ownerId, visibility: 'private' })
  return slug
}

/** A same-origin multipart post, as the import form sends it. */
function postMultipart(
  browser: InstructorBrowser,
  path: string,
  fields: Record<string, string | File>,
  headers: Record<string, string> = { origin: ORIGIN },
) {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  return browser.fetch(path, { method: 'POST', headers, body })
}

async function count(query: string, ...params: string[]): Promise<number> {
  const row = await sql(query, ...params).first<{ n: number }>()
  return row?.n ?? 0
}

const countQuestions = () => count('select count(*) as n from questions')
const draftOf = async (slug: string) => {
  const { results } = await sql(
    `select q.id, q.owner_id, q.body, sq.position from set_questions sq join questions q on q.id = sq.question_id
     where sq.set_slug = ? order by sq.position`,
    slug,
  ).all<{ id: string; owner_id: string | null; body: string; position: number }>()
  return results.map((row) => ({ ...row, body: JSON.parse(row.body) as Question }))
}

const withoutId = ({ id: _id, ...rest }: Question) => rest

describe('import page', () => {
  it('offers paste and a text-only file upload, and the exports', async () => {
    const { browser, slug } = await instructorWithSet()
    const html = await expectPage(await browser.get(`/studio/sets/${slug}/import`), 200)
    expect(html).toContain('<textarea')
    expect(html).toContain('type="file"')
    expect(html).toContain('accept=".gift,.txt,.json"')
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).toContain(`href="/studio/sets/${slug}/export.gift"`)
    expect(html).toContain(`href="/studio/sets/${slug}/export.json"`)
    expect(visibleText(html)).toContain(SOURCE)
  })

  it('sends visitors who are not signed in to the sign-in page', async () => {
    const { slug } = await instructorWithSet()
    const response = await new InstructorBrowser().get(`/studio/sets/${slug}/import`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toMatch(/^\/studio\/signin/)
  })
})

describe('GIFT import', () => {
  it('previews each question as a learner sees it and saves nothing', async () => {
    const { browser, slug } = await instructorWithSet()
    const before = await countQuestions()
    const html = await expectPage(
      await postMultipart(browser, `/studio/sets/${slug}/import`, { text: GOOD_GIFT, format: 'auto' }),
      200,
    )
    const text = visibleText(html)
    expect(text).toContain('Where does the pipeline reach the sea?')
    expect(text).toContain('Choose one answer.')
    expect(text).toContain('Choose True or False.')
    expect(text).toContain('Save 2 questions')
    expect(html).toContain(`action="/studio/sets/${slug}/import/save"`)
    // The preview the post produced takes the focus (and so comes into view).
    expect(html).toMatch(/<h2 id="preview-heading" tabindex="-1" autofocus/)
    expect(await countQuestions()).toBe(before)
    expect(await draftOf(slug)).toEqual([])
  })

  it('saves the questions as the instructor own, appended to the draft in order, under fresh ids', async () => {
    const { browser, ownerId, slug } = await instructorWithSet()
    const before = await countQuestions()
    const response = await postMultipart(browser, `/studio/sets/${slug}/import/save`, {
      text: GOOD_GIFT,
      format: 'gift',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}/import?saved=2`)
    expect(await countQuestions()).toBe(before + 2)
    const draft = await draftOf(slug)
    const expected = parseGift(GOOD_GIFT).map((item) => withoutId(item.question as Question))
    expect(draft.map((row) => withoutId(row.body))).toEqual(expected)
    expect(draft.map((row) => row.owner_id)).toEqual([ownerId, ownerId])
    expect(draft.map((row) => row.position)).toEqual([1, 2])
    for (const row of draft) {
      expect(row.id).toMatch(/^q-[a-z0-9]{10}$/)
      expect(row.body.id).toBe(row.id)
    }
    const page = visibleText(await expectPage(await browser.get(response.headers.get('location') ?? ''), 200))
    expect(page).toContain('2 questions were added to the end of the draft.')

    // A second import goes after the first.
    await postMultipart(browser, `/studio/sets/${slug}/import/save`, { text: GOOD_GIFT })
    expect((await draftOf(slug)).map((row) => row.position)).toEqual([1, 2, 3, 4])
  })

  it('reads an uploaded .gift file', async () => {
    const { browser, slug } = await instructorWithSet()
    const file = new File([GOOD_GIFT], 'questions.gift', { type: 'application/octet-stream' })
    const html = await expectPage(
      await postMultipart(browser, `/studio/sets/${slug}/import`, { text: '', file, format: 'auto' }),
      200,
    )
    expect(visibleText(html)).toContain('Save 2 questions')
  })

  it('previews the good questions and the bad one with its line, and saves only the good ones', async () => {
    const { browser, ownerId, slug } = await instructorWithSet()
    const before = await countQuestions()
    const preview = await expectPage(
      await postMultipart(browser, `/studio/sets/${slug}/import`, { text: BAD_GIFT }),
      200,
    )
    const text = visibleText(preview)
    expect(text).toContain('line 10: "twenty" is not a number')
    expect(text).toContain(
      '1 question has errors (listed below with their lines) and will be left out of the save.',
    )
    expect(text).toContain('Save 2 questions, leave out 1 with errors')
    expect(text).toContain('Where does the pipeline reach the sea?')
    expect(preview).toContain('Which year?')
    expect(await countQuestions()).toBe(before)

    // The save reads the text again and stores the good questions only.
    const saved = await postMultipart(browser, `/studio/sets/${slug}/import/save`, { text: BAD_GIFT })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`/studio/sets/${slug}/import?saved=2&skipped=1`)
    expect(await countQuestions()).toBe(before + 2)
    const draft = await draftOf(slug)
    expect(draft.map((row) => row.body.prompt)).toEqual([
      'Where does the pipeline reach the sea?',
      'The pipeline was stopped for 30 days.',
    ])
    expect(draft.map((row) => row.owner_id)).toEqual([ownerId, ownerId])
    const page = visibleText(await expectPage(await browser.get(saved.headers.get('location') ?? ''), 200))
    expect(page).toContain(
      '2 questions were added to the end of the draft. 1 question with errors was left out.',
    )
  })

  it('refuses a file whose every question is bad with a 400, and saves nothing', async () => {
    const { browser, slug } = await instructorWithSet()
    const before = await countQuestions()
    const bad = `${EVIDENCE}\nWhich year? {#twenty ####x}`
    for (const path of ['import', 'import/save']) {
      const html = await expectPage(
        await postMultipart(browser, `/studio/sets/${slug}/${path}`, { text: bad }),
        400,
      )
      expect(visibleText(html)).toContain(
        '1 question has errors (listed below with their lines), so nothing can be saved.',
      )
      expect(visibleText(html)).not.toContain('Save ')
    }
    expect(await countQuestions()).toBe(before)
    expect(await draftOf(slug)).toEqual([])
  })

  it('imports a Moodle file: per-answer feedback per choice, format markers, tags, numeric shorthand', async () => {
    const { browser, slug } = await instructorWithSet()
    const preview = await expectPage(
      await postMultipart(browser, `/studio/sets/${slug}/import`, { text: MOODLE_GIFT }),
      200,
    )
    const text = visibleText(preview)
    expect(text).toContain('Feedback per choice')
    expect(text).toMatch(/Aktau ?: Aktau is on the Caspian, the start of another route./)
    expect(text).toContain('Save 2 questions')
    await postMultipart(browser, `/studio/sets/${slug}/import/save`, { text: MOODLE_GIFT })
    const [port, days] = (await draftOf(slug)).map((row) => row.body)
    expect(port).toMatchObject({
      type: 'single',
      prompt: 'Which port ends the pipeline?',
      answer: 'Novorossiysk',
      tags: ['ports', 'id:Q7'],
      feedback: {
        Novorossiysk: 'Yes: the CPC terminal.',
        Aktau: 'Aktau is on the Caspian, the start of another route.',
      },
      explanation: 'The answer is: Novorossiysk.',
    })
    expect(days).toMatchObject({
      type: 'numeric',
      answer: 30,
      tolerance: 2,
      explanation: 'No: it was a month.',
    })
  })

  it('refuses evidence that cites a source the instructor cannot use', async () => {
    const { browser, slug } = await instructorWithSet()
    const gift = `// cited-evidence: someone-elses-source | A quote\nQ? {T ####Why.}`
    const html = await expectPage(
      await postMultipart(browser, `/studio/sets/${slug}/import`, { text: gift }),
      400,
    )
    expect(visibleText(html)).toContain('line 2: evidence: unknown source "someone-elses-source"')
  })
})

describe('Cited JSON import', () => {
  it('previews entries, the same question twice included, with unique element ids', async () => {
    const { browser, slug } = await instructorWithSet()
    const [question] = allQuestions
    const json = JSON.stringify([{ question }, { question }])
    const html = await expectPage(
      await postMultipart(browser, `/studio/sets/${slug}/import`, { text: json }),
      200,
    )
    expect(visibleText(html)).toContain('Save 2 questions')
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('names an invalid entry by its item and saves the valid ones', async () => {
    const { browser, slug } = await instructorWithSet()
    const before = await countQuestions()
    const [first, second] = allQuestions
    const json = JSON.stringify([{ question: first }, { question: { ...second, difficulty: 'trivial' } }])
    const html = await expectPage(
      await postMultipart(browser, `/studio/sets/${slug}/import`, { text: json, format: 'json' }),
      200,
    )
    expect(visibleText(html)).toContain('item 2: difficulty:')
    expect(visibleText(html)).toContain('Save 1 question, leave out 1 with errors')
    const saved = await postMultipart(browser, `/studio/sets/${slug}/import/save`, {
      text: json,
      format: 'json',
    })
    expect(saved.headers.get('location')).toBe(`/studio/sets/${slug}/import?saved=1&skipped=1`)
    expect(await countQuestions()).toBe(before + 1)
    expect((await draftOf(slug)).map((row) => row.body.prompt)).toEqual([first?.prompt])
  })
})

describe('upload limits', () => {
  it('refuses an oversized file with a 400 and saves nothing', async () => {
    const { browser, slug } = await instructorWithSet()
    const before = await countQuestions()
    const big = new File(['a'.repeat(300 * 1024)], 'big.gift')
    const response = await postMultipart(browser, `/studio/sets/${slug}/import/save`, { file: big })
    const html = await expectPage(response, 400)
    expect(visibleText(html)).toContain('too large')
    expect(await countQuestions()).toBe(before)
  })

  it('refuses a body far over the limit before reading it', async () => {
    const { browser, slug } = await instructorWithSet()
    const huge = new File(['a'.repeat(1024 * 1024)], 'huge.gift')
    const response = await postMultipart(browser, `/studio/sets/${slug}/import`, { file: huge })
    // The body limit of every route answers first: 413 with the import's own 768 KB.
    expect(visibleText(await expectPage(response, 413))).toContain('768 KB')
  })

  it('refuses a binary file with a 400', async () => {
    const { browser, slug } = await instructorWithSet()
    const before = await countQuestions()
    for (const bytes of [
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]),
      new Uint8Array([0x61, 0, 0x62]),
    ]) {
      const file = new File([bytes], 'picture.gift')
      const html = await expectPage(
        await postMultipart(browser, `/studio/sets/${slug}/import/save`, { file }),
        400,
      )
      expect(visibleText(html)).toContain('not text')
    }
    expect(await countQuestions()).toBe(before)
  })
})

describe('export and round trip through the routes', () => {
  /** An owned set holding one bank question of each type. */
  async function setWithBankQuestions(ownerId: string): Promise<{ slug: string; questions: Question[] }> {
    const slug = await newSet(ownerId)
    const questions: Question[] = []
    for (const type of new Set(allQuestions.map((question) => question.type))) {
      const question = allQuestions.find((candidate) => candidate.type === type)
      if (question) questions.push(question)
    }
    const [first, ...rest] = questions.map((question) => question.id)
    if (first) await insertSetQuestions(slug, [first, ...rest])
    return { slug, questions }
  }

  it('exports GIFT and JSON as UTF-8 attachments', async () => {
    const { browser, ownerId } = await instructorWithSet()
    const { slug, questions } = await setWithBankQuestions(ownerId)
    const gift = await browser.get(`/studio/sets/${slug}/export.gift`)
    expect(gift.status).toBe(200)
    expect(gift.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(gift.headers.get('content-disposition')).toBe(`attachment; filename="${slug}.gift"`)
    const giftText = await gift.text()
    expect(giftText).toContain(`::${questions[0]?.id}::`)

    const json = await browser.get(`/studio/sets/${slug}/export.json`)
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="${slug}.json"`)
    const exported = (await json.json()) as {
      set: string
      question: Question
      evidence: { title: string }[]
    }[]
    expect(exported.map((entry) => entry.question)).toEqual(questions)
    expect(
      exported.every(
        (entry) =>
          entry.set === slug && entry.evidence.length > 0 && entry.evidence.every((cited) => cited.title),
      ),
    ).toBe(true)
  })

  for (const format of ['gift', 'json'] as const)
    it(`keeps every question (but its id) through export.${format} and import into another set`, async () => {
      const { browser, ownerId, slug: target } = await instructorWithSet()
      const { slug, questions } = await setWithBankQuestions(ownerId)
      const file = await (await browser.get(`/studio/sets/${slug}/export.${format}`)).text()
      const upload = new File([file], `${slug}.${format}`)
      const preview = await postMultipart(browser, `/studio/sets/${target}/import`, { file: upload })
      expect(visibleText(await expectPage(preview, 200))).toContain(`Save ${questions.length} questions`)
      const save = await postMultipart(browser, `/studio/sets/${target}/import/save`, { text: file, format })
      expect(save.status).toBe(303)
      const sortAnswers = (question: Question) =>
        withoutId(
          question.type === 'multiple' ? { ...question, answer: [...question.answer].sort() } : question,
        )
      expect((await draftOf(target)).map((row) => sortAnswers(row.body))).toEqual(questions.map(sortAnswers))
    })
})

describe('ownership and CSRF', () => {
  it("answers 404 for another instructor's set, on every route, and saves nothing", async () => {
    const { slug } = await instructorWithSet('owner')
    const { browser: other } = await instructorWithSet('other')
    const before = await countQuestions()
    for (const path of ['import', 'export.gift', 'export.json'])
      await expectPage(await other.get(`/studio/sets/${slug}/${path}`), 404)
    await expectPage(await postMultipart(other, `/studio/sets/${slug}/import`, { text: GOOD_GIFT }), 404)
    await expectPage(await postMultipart(other, `/studio/sets/${slug}/import/save`, { text: GOOD_GIFT }), 404)
    // A bank set has no owner: not importable either.
    await expectPage(await other.get(`/studio/sets/${bank.sets[0]?.slug}/import`), 404)
    expect(await countQuestions()).toBe(before)
    expect(await draftOf(slug)).toEqual([])
  })

  it('refuses a form post without an Origin with a 403, and saves nothing', async () => {
    const { browser, slug } = await instructorWithSet()
    const before = await countQuestions()
    for (const headers of [{}, { origin: 'https://evil.example' }] as Record<string, string>[]) {
      const response = await postMultipart(
        browser,
        `/studio/sets/${slug}/import/save`,
        { text: GOOD_GIFT },
        headers,
      )
      await expectPage(response, 403)
    }
    expect(await countQuestions()).toBe(before)
  })
})
