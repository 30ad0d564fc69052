import { describe, expect, it } from 'vitest'
import type { Question } from '../../src/quiz/question'
import { decodeEntities, expectPage, visibleText } from '../support/helpers'
import { addSource, METADATA } from '../support/source-helpers'
import { sql } from '../support/studio-helpers'
import { instructor, newSet, ownQuestionIds } from '../support/studio-sets-helpers'

/** ARTICLE's first sentence: "Kazakhstan exports most of its oil through the Caspian Pipeline Consortium." */
const SENTENCE = 'Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.'

describe('making a passage question from a source', () => {
  it('blanks ticked words of a sentence (no JavaScript), then saves the question from the usual form', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const source = await addSource(browser)
    const at = `${source}:0:0`

    const sourcePage = await expectPage(await browser.get(`/studio/sources/${source}`), 200)
    const builderUrl = `/studio/sources/${source}/passage-question?${new URLSearchParams({ at })}`
    expect(decodeEntities(sourcePage)).toContain(`href="${builderUrl}"`)

    const builder = await expectPage(await browser.get(builderUrl), 200)
    expect(visibleText(builder)).toContain('Tick the words to blank out')
    expect(builder.match(/type="checkbox" name="blank"/g)).toHaveLength(SENTENCE.split(' ').length)

    const nothing = await expectPage(
      await browser.postForm(`/studio/sources/${source}/passage-question`, { at, set: slug }),
      400,
    )
    expect(visibleText(nothing)).toContain('Tick at least one word to blank out.')

    // "oil" alone, and "Caspian Pipeline Consortium." side by side: two gaps, the full stop kept in the passage.
    const response = await browser.postForm(`/studio/sources/${source}/passage-question`, {
      at,
      set: slug,
      blank: ['5', '8', '9', '10'],
    })
    expect(response.status).toBe(303)
    const location = response.headers.get('location') ?? ''
    expect(location).toBe(
      `/studio/sets/${slug}/questions/new?type=cloze&from=${encodeURIComponent(at)}&blank=5&blank=8&blank=9&blank=10`,
    )

    const form = decodeEntities(await expectPage(await browser.get(location), 200))
    const passage = 'Kazakhstan exports most of its {{1}} through the {{2}}.'
    expect(form).toContain(passage)
    expect(form).toMatch(/name="gap_answer_1"[^>]*value="oil"/)
    expect(form).toMatch(/name="gap_answer_2"[^>]*value="Caspian Pipeline Consortium"/)
    expect(form).toContain(`Fill in the gaps in this passage from ${METADATA.title}.`)
    expect(form).toContain(SENTENCE)

    const saved = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      type: 'cloze',
      prompt: `Fill in the gaps in this passage from ${METADATA.title}.`,
      passage,
      gap_type_1: 'text',
      gap_answer_1: 'oil',
      gap_others_1: 'crude oil',
      gap_type_2: 'text',
      gap_answer_2: 'Caspian Pipeline Consortium',
      gap_others_2: 'CPC',
      source,
      quote: SENTENCE,
      explanation: 'The article names the consortium as the route for most of the oil.',
      difficulty: 'easy',
      intent: 'save',
    })
    expect(saved.status).toBe(303)
    const [id = ''] = await ownQuestionIds(slug)
    const row = await sql('select body from questions where id = ?', id).first<{ body: string }>()
    expect(JSON.parse(row?.body ?? '{}') as Question).toMatchObject({
      type: 'cloze',
      passage,
      gaps: [
        { type: 'text', answer: 'oil', accept: ['crude oil'] },
        { type: 'text', answer: 'Caspian Pipeline Consortium', accept: ['CPC'] },
      ],
      evidence: [{ source, quote: SENTENCE }],
    })
  })

  it('is a 404 for a sentence the source does not have, and a 400 for a set that is not the instructor’s', async () => {
    const browser = await instructor()
    await newSet(browser)
    const source = await addSource(browser)
    await expectPage(await browser.get(`/studio/sources/${source}/passage-question?at=${source}:99:0`), 404)
    await expectPage(await browser.get(`/studio/sources/${source}/passage-question?at=other-source:0:0`), 404)
    const html = await expectPage(
      await browser.postForm(`/studio/sources/${source}/passage-question`, {
        at: `${source}:0:0`,
        set: 'not-my-set',
        blank: '5',
      }),
      400,
    )
    expect(visibleText(html)).toContain('Choose one of your sets.')
    // The ticked word stays ticked.
    expect(html).toMatch(/value="5" checked/)
  })

  it('refuses a passage whose markers and gaps disagree, next to the passage field', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const html = await expectPage(
      await browser.postForm(`/studio/sets/${slug}/questions/new`, {
        type: 'cloze',
        prompt: 'Fill in the gaps.',
        passage: 'Oil goes to {{1}} and {{3}}.',
        gap_answer_1: 'Novorossiysk',
        gap_answer_2: 'Europe',
        explanation: 'Because.',
        difficulty: 'easy',
        intent: 'save',
      }),
      400,
    )
    expect(visibleText(html)).toContain('Gap 2 has no {{2}} marker in the passage')
  })
})
