import { describe, expect, it } from 'vitest'
import { answerNamedById } from '../../src/bank/answer-named-by-id'
import type { Question } from '../../src/quiz/question'
import { decodeEntities, expectPage, islandProps, visibleText } from '../support/helpers'
import { sql } from '../support/studio-helpers'
import {
  bankQuote,
  bankSource,
  draftIds,
  instructor,
  newSet,
  ownQuestionIds,
  trueFalseForm,
} from '../support/studio-sets-helpers'

const common = {
  explanation: 'Because the source says so.',
  source: bankSource,
  // A real quote of the source: with the seed texts loaded, quotes are checked against it.
  quote: bankQuote,
  tags: 'oil, routes',
  difficulty: 'medium',
  intent: 'save',
}

/** A valid form for each type, and the question it must be stored as (id aside). */
const forms: Record<Question['type'], { fields: Record<string, string | string[]>; expected: object }> = {
  single: {
    fields: {
      prompt: 'Which sea?',
      choice_1: 'Black Sea',
      choice_2: 'Baltic Sea',
      choice_3: '',
      correct: '1',
    },
    expected: { type: 'single', choices: ['Black Sea', 'Baltic Sea'], answer: 'Black Sea' },
  },
  multiple: {
    fields: {
      prompt: 'Which are ports?',
      choice_1: 'Novorossiysk',
      choice_2: 'Astana',
      choice_4: 'Aktau',
      correct: ['1', '4'],
    },
    expected: {
      type: 'multiple',
      choices: ['Novorossiysk', 'Astana', 'Aktau'],
      answer: ['Novorossiysk', 'Aktau'],
    },
  },
  true_false: {
    fields: { prompt: 'The CPC ends in Russia.', answer: 'true' },
    expected: { type: 'true_false', answer: true },
  },
  numeric: {
    fields: { prompt: 'How many days?', answer: '30', tolerance: '1,5', unit: 'days' },
    expected: { type: 'numeric', answer: 30, tolerance: 1.5, unit: 'days' },
  },
  ordering: {
    fields: { prompt: 'Order these.', item_1: 'First', item_2: 'Second', item_3: 'Third' },
    expected: { type: 'ordering', items: ['First', 'Second', 'Third'] },
  },
  matching: {
    fields: {
      prompt: 'Match them.',
      left_1: 'Astana',
      right_1: 'Kazakhstan',
      left_2: 'Baku',
      right_2: 'Azerbaijan',
      left_3: 'Tbilisi',
      right_3: 'Georgia',
    },
    expected: {
      type: 'matching',
      pairs: [
        { left: 'Astana', right: 'Kazakhstan' },
        { left: 'Baku', right: 'Azerbaijan' },
        { left: 'Tbilisi', right: 'Georgia' },
      ],
    },
  },
  text: {
    fields: { prompt: 'Main export?', answer: 'Oil', accept: 'crude oil\npetroleum' },
    expected: { type: 'text', answer: 'Oil', accept: ['crude oil', 'petroleum'] },
  },
  cloze: {
    fields: {
      prompt: 'Fill in the gaps.',
      passage: 'Oil leaves through {{1}}, about {{2}} per cent, by {{3}}.',
      gap_type_1: 'text',
      gap_answer_1: 'Novorossiysk',
      gap_others_1: 'Novorossiisk',
      gap_type_2: 'numeric',
      gap_answer_2: '80',
      gap_tolerance_2: '2',
      gap_type_3: 'choice',
      gap_answer_3: 'pipeline',
      gap_others_3: 'rail\nship',
    },
    expected: {
      type: 'cloze',
      passage: 'Oil leaves through {{1}}, about {{2}} per cent, by {{3}}.',
      gaps: [
        { type: 'text', answer: 'Novorossiysk', accept: ['Novorossiisk'] },
        { type: 'numeric', answer: 80, tolerance: 2 },
        { type: 'choice', answer: 'pipeline', choices: ['pipeline', 'rail', 'ship'] },
      ],
    },
  },
}

async function storedQuestion(id: string): Promise<Question & { owner: string | null }> {
  const row = await sql('select body, owner_id from questions where id = ?', id).first<{
    body: string
    owner_id: string | null
  }>()
  if (!row) throw new Error(`no question ${id}`)
  return { ...(JSON.parse(row.body) as Question), owner: row.owner_id }
}

describe('own questions', () => {
  it.each(Object.keys(forms) as Question['type'][])('saves a %s question from its form', async (type) => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const form = await expectPage(await browser.get(`/studio/sets/${slug}/questions/new?type=${type}`), 200)
    expect(form).toContain(`name="type" value="${type}"`)
    const response = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      type,
      ...common,
      ...forms[type].fields,
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}?done=question-saved`)
    const [id = ''] = await ownQuestionIds(slug)
    expect(id).toMatch(/^q-[a-z0-9]{10}$/)
    const stored = await storedQuestion(id)
    expect(stored).toMatchObject({
      ...forms[type].expected,
      prompt: forms[type].fields.prompt,
      explanation: common.explanation,
      tags: ['oil', 'routes'],
      difficulty: 'medium',
      evidence: [{ source: bankSource, quote: common.quote }],
    })
    expect(stored.owner).not.toBeNull()
    expect(answerNamedById(stored)).toBeNull()
    const editor = visibleText(await (await browser.get(`/studio/sets/${slug}`)).text())
    expect(editor).toContain(`${forms[type].fields.prompt}`)
    expect(editor).toContain('your question')
  })

  it('lists the eight types to choose from', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const html = await expectPage(await browser.get(`/studio/sets/${slug}/questions/new`), 200)
    for (const type of Object.keys(forms)) expect(html).toContain(`questions/new?type=${type}"`)
  })

  it('refuses an invalid question with a 400, errors next to the fields and the input kept', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const response = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      type: 'single',
      ...common,
      prompt: 'Kept prompt',
      choice_1: 'Only one choice',
      quote: Array.from({ length: 30 }, (_, index) => `word${index}`).join(' '),
      source: '',
    })
    const html = await expectPage(response, 400)
    const text = visibleText(html)
    expect(text).toContain('Please fix the fields marked below.')
    expect(text).toContain('Quote is longer than 25 words')
    expect(text).toContain('Fill in at least 2 rows.')
    expect(text).toContain('Choose the source that proves the answer.')
    expect(html).toMatch(
      /id="field-quote"[^>]*aria-invalid="true"[^>]*aria-describedby="field-quote-hint field-quote-error"/,
    )
    expect(html).toContain('Kept prompt</textarea>')
    expect(html).toContain('value="Only one choice"')
    expect(await draftIds(slug)).toEqual([])
  })

  it('refuses a source the instructor may not use', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const html = await expectPage(
      await browser.postForm(`/studio/sets/${slug}/questions/new`, {
        ...trueFalseForm(),
        source: 'not-a-source',
      }),
      400,
    )
    expect(visibleText(html)).toContain('Choose one of the listed sources.')
  })

  it('previews a question exactly as learners see it, without saving and without the answer', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const response = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      type: 'single',
      ...common,
      ...forms.single.fields,
      intent: 'preview',
    })
    const html = await expectPage(response, 200)
    expect(visibleText(html)).toContain('Preview: what learners see')
    // The learner's part of the preview; the key beside it is the instructor's.
    const preview = html.slice(html.indexOf('class="preview"'), html.indexOf('class="answer-key"'))
    expect(preview).toContain('<legend class="question__prompt">Which sea?</legend>')
    expect(preview).toContain('Choose one answer.')
    expect(preview).toContain('Black Sea')
    expect(preview).not.toContain(common.explanation)
    expect(preview).not.toContain(common.quote)
    const key = visibleText(html.slice(html.indexOf('class="answer-key"')))
    expect(key).toContain('Correct answer Black Sea')
    expect(key).toContain(common.explanation)
    expect(key).toContain(common.quote)
    // The form keeps everything for the next step.
    expect(html).toContain('value="Black Sea"')
    expect(await draftIds(slug)).toEqual([])
    expect(islandProps(html)).toEqual([])
  })

  it('previews a saved question on its own page', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      ...common,
      type: 'ordering',
      ...forms.ordering.fields,
    })
    const [id = ''] = await ownQuestionIds(slug)
    const html = await expectPage(await browser.get(`/studio/sets/${slug}/questions/${id}/preview`), 200)
    expect(html).toContain('Give each item a position')
  })

  it('edits a question in place while no learner can have seen it', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    await browser.postForm(`/studio/sets/${slug}/questions/new`, trueFalseForm('Before'))
    const [id = ''] = await ownQuestionIds(slug)
    const form = await expectPage(await browser.get(`/studio/sets/${slug}/questions/${id}/edit`), 200)
    expect(form).toContain('Before</textarea>')
    expect(form).toMatch(/name="answer" value="true" checked/)
    const response = await browser.postForm(
      `/studio/sets/${slug}/questions/${id}/edit`,
      trueFalseForm('After'),
    )
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}?done=question-saved`)
    expect(await ownQuestionIds(slug)).toEqual([id])
    expect((await storedQuestion(id)).prompt).toBe('After')
  })

  it('copies on write: editing a published question saves a new id in the draft, v1 keeps the old one', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    await browser.postForm(`/studio/sets/${slug}/questions/new`, trueFalseForm('Original wording'))
    const [oldId = ''] = await ownQuestionIds(slug)
    expect((await browser.postForm(`/studio/sets/${slug}/publish`, {})).status).toBe(303)

    const form = await expectPage(await browser.get(`/studio/sets/${slug}/questions/${oldId}/edit`), 200)
    expect(visibleText(form)).toContain('Learners may have seen this question')
    const response = await browser.postForm(
      `/studio/sets/${slug}/questions/${oldId}/edit`,
      trueFalseForm('Better wording'),
    )
    expect(response.headers.get('location')).toBe(`/studio/sets/${slug}?done=question-copied`)
    const [newId = ''] = await ownQuestionIds(slug)
    expect(newId).not.toBe(oldId)
    expect(newId).toMatch(/^q-/)
    expect((await storedQuestion(newId)).prompt).toBe('Better wording')
    expect((await storedQuestion(oldId)).prompt).toBe('Original wording')
    const v1 = await sql(
      'select question_ids from quiz_set_versions where set_slug = ? and version = 1',
      slug,
    ).first<{
      question_ids: string
    }>()
    expect(JSON.parse(v1?.question_ids ?? '[]')).toEqual([oldId])
    // The old id is no longer in the draft, so it cannot be edited from here.
    expect((await browser.get(`/studio/sets/${slug}/questions/${oldId}/edit`)).status).toBe(404)
  })

  it('does not let anyone edit a bank question or another instructor’s question', async () => {
    const owner = await instructor()
    const slug = await newSet(owner)
    await owner.postForm(`/studio/sets/${slug}/questions/new`, trueFalseForm())
    const [id = ''] = await ownQuestionIds(slug)
    const other = await instructor()
    const otherSlug = await newSet(other)
    expect((await other.get(`/studio/sets/${otherSlug}/questions/${id}/edit`)).status).toBe(404)
    expect((await other.get(`/studio/sets/${otherSlug}/questions/${id}/preview`)).status).toBe(404)
    const add = await other.postForm(`/studio/sets/${otherSlug}/questions/add`, { question: id })
    expect(add.status).toBe(404)
    const post = await other.postForm(
      `/studio/sets/${otherSlug}/questions/${id}/edit`,
      trueFalseForm('Hijack'),
    )
    expect(post.status).toBe(404)
    expect((await storedQuestion(id)).prompt).not.toBe('Hijack')
  })
})

describe('own sources', () => {
  it('adds a source and comes back to the question form with it chosen', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const back = `/studio/sets/${slug}/questions/new?type=text`
    const page = await expectPage(
      await browser.get(`/studio/sets/${slug}/sources/new?back=${encodeURIComponent(back)}`),
      200,
    )
    expect(page).toContain(`value="${back}"`)
    const response = await browser.postForm(`/studio/sets/${slug}/sources/new`, {
      back,
      title: 'Class notes',
      outlet: 'Our school',
      author: 'Me',
      date: '2024-01-15',
      kind: 'article',
      reliability: 'Written by the teacher.',
    })
    expect(response.status).toBe(303)
    const location = response.headers.get('location') ?? ''
    const id = /source=(s-[a-z0-9]{10})$/.exec(location)?.[1] ?? ''
    expect(location).toBe(`${back}&source=${id}`)
    const form = await expectPage(await browser.get(location), 200)
    expect(form).toMatch(new RegExp(`<option value="${id}" selected>Yours: Class notes`))
    const row = await sql('select owner_id from sources where id = ?', id).first<{ owner_id: string }>()
    expect(row?.owner_id).toBeTruthy()

    // Another instructor neither sees nor may cite it.
    const other = await instructor()
    const otherSlug = await newSet(other)
    const otherForm = await (await other.get(`/studio/sets/${otherSlug}/questions/new?type=text`)).text()
    expect(otherForm).not.toContain('Class notes')
    const refused = await other.postForm(`/studio/sets/${otherSlug}/questions/new`, {
      ...trueFalseForm(),
      source: id,
    })
    expect(refused.status).toBe(400)
  })

  it('adds a source from the question form, keeping everything typed there', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const typed = { type: 'text', prompt: 'Typed before the source', answer: 'Oil', explanation: 'Kept too.' }
    const sourcePage = await expectPage(
      await browser.postForm(`/studio/sets/${slug}/questions/new`, { ...typed, intent: 'add-source' }),
      200,
    )
    expect(visibleText(sourcePage)).toContain('Add a source')
    const draft = /name="draft" value="([^"]*)"/.exec(sourcePage)?.[1] ?? ''
    expect(draft).not.toBe('')
    const back = /name="back" value="([^"]*)"/.exec(sourcePage)?.[1] ?? ''
    const form = await expectPage(
      await browser.postForm(`/studio/sets/${slug}/sources/new`, {
        back: decodeEntities(back),
        draft: decodeEntities(draft),
        title: 'Handout',
        outlet: 'Class',
        author: 'Me',
        date: '2024-02-01',
        kind: 'article',
        reliability: 'Mine.',
      }),
      200,
    )
    expect(form).toContain('Typed before the source</textarea>')
    expect(form).toContain('value="Oil"')
    expect(form).toContain('Kept too.</textarea>')
    expect(form).toMatch(/<option value="s-[a-z0-9]{10}" selected>Yours: Handout/)
    expect(await draftIds(slug)).toEqual([])
  })

  it('refuses an incomplete source with a 400 keeping the input', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const html = await expectPage(
      await browser.postForm(`/studio/sets/${slug}/sources/new`, {
        title: 'Kept',
        date: 'yesterday',
        kind: 'rumour',
      }),
      400,
    )
    const text = visibleText(html)
    expect(text).toContain('A date like 2022-03-14.')
    expect(text).toContain('Choose one of the kinds.')
    expect(html).toContain('value="Kept"')
  })
})
