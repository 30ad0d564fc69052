import { describe, expect, it } from 'vitest'
import type { Question } from '../../src/quiz/question'
import { decodeEntities, expectPage, visibleText } from '../support/helpers'
import { addSource } from '../support/source-helpers'
import { sql } from '../support/studio-helpers'
import { instructor, newSet, ownQuestionIds } from '../support/studio-sets-helpers'

/** A text question about the article in test/support/source-helpers.ts, without evidence. */
const textQuestion = {
  type: 'text',
  prompt: 'At which port does the pipeline end?',
  answer: 'Novorossiysk',
  explanation: 'The article names the port.',
  difficulty: 'easy',
}

async function stored(id: string): Promise<Question> {
  const row = await sql('select body from questions where id = ?', id).first<{ body: string }>()
  if (!row) throw new Error(`no question ${id}`)
  return JSON.parse(row.body) as Question
}

async function setWithSource() {
  const browser = await instructor()
  const sourceId = await addSource(browser)
  const slug = await newSet(browser)
  return { browser, sourceId, slug, action: `/studio/sets/${slug}/questions/new` }
}

const fieldValue = (html: string, name: string) =>
  decodeEntities(new RegExp(`name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ?? '')

describe('citing a passage in the question editor', () => {
  it('suggests the passages that support the answer, and cites one with one tap', async () => {
    const { browser, sourceId, action } = await setWithSource()
    const suggested = await expectPage(
      await browser.postForm(action, { ...textQuestion, intent: 'browse' }),
      200,
    )
    expect(visibleText(suggested)).toContain('Passages that may prove the answer')
    const ref = `${sourceId}:1:0`
    const firstCite = /name="cite" value="([^"]+)"/.exec(suggested)?.[1]
    expect(firstCite).toBe(ref)

    const cited = await expectPage(await browser.postForm(action, { ...textQuestion, cite: ref }), 200)
    expect(visibleText(cited)).toContain('Cited: the passage is in the evidence below.')
    expect(cited).toMatch(new RegExp(`<option value="${sourceId}" selected`))
    expect(fieldValue(cited, 'quote')).toBe(
      'The pipeline ends at the Russian port of Novorossiysk on the Black Sea.',
    )
    // The form keeps what was typed, and a second row is there for another passage.
    expect(cited).toContain('value="Novorossiysk"')
    expect(cited).toContain('name="quote_2"')

    const saved = await browser.postForm(action, {
      ...textQuestion,
      source: sourceId,
      quote: fieldValue(cited, 'quote'),
      intent: 'save',
    })
    expect(saved.status).toBe(303)
  })

  it('stores a typed quote with its position when it occurs in the text, quote marks and spaces aside', async () => {
    const { browser, sourceId, slug, action } = await setWithSource()
    const saved = await browser.postForm(action, {
      ...textQuestion,
      source: sourceId,
      quote: 'the Russian   port of Novorossiysk',
      intent: 'save',
    })
    expect(saved.status).toBe(303)
    const [id = ''] = await ownQuestionIds(slug)
    expect((await stored(id)).evidence).toEqual([
      { source: sourceId, quote: 'the Russian port of Novorossiysk', paragraph: 1, sentence: 0 },
    ])
  })

  it('refuses a typed quote that is not in the source with a 400, next to the quote, keeping the form', async () => {
    const { browser, sourceId, slug, action } = await setWithSource()
    const html = await expectPage(
      await browser.postForm(action, {
        ...textQuestion,
        source: sourceId,
        quote: 'the pipeline ends at Odessa',
        intent: 'save',
      }),
      400,
    )
    expect(visibleText(html)).toContain('This quote is not in the source’s text')
    expect(html).toMatch(/id="field-quote"[^>]*aria-invalid="true"/)
    expect(fieldValue(html, 'quote')).toBe('the pipeline ends at Odessa')
    expect(html).toContain('value="Novorossiysk"')
    expect(await ownQuestionIds(slug)).toEqual([])
  })

  it('cites several passages, each checked and stored in order', async () => {
    const { browser, sourceId, slug, action } = await setWithSource()
    const saved = await browser.postForm(action, {
      type: 'ordering',
      prompt: 'Put these in the article’s order.',
      item_1: 'Oil through the CPC',
      item_2: 'Port of Novorossiysk',
      item_3: 'A 30-day stop',
      explanation: 'In the order the article tells it.',
      difficulty: 'medium',
      source: sourceId,
      quote: 'Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.',
      source_2: sourceId,
      quote_2: 'ordered the pipeline to stop for 30 days',
      intent: 'save',
    })
    expect(saved.status).toBe(303)
    const [id = ''] = await ownQuestionIds(slug)
    expect((await stored(id)).evidence).toMatchObject([
      { source: sourceId, paragraph: 0, sentence: 0 },
      { source: sourceId, quote: 'ordered the pipeline to stop for 30 days', paragraph: 2, sentence: 0 },
    ])
    const bad = await browser.postForm(action, {
      ...textQuestion,
      source: sourceId,
      quote: 'Kazakhstan exports most of its oil',
      source_2: sourceId,
      quote_2: 'not in the article',
      intent: 'save',
    })
    const html = await expectPage(bad, 400)
    expect(html).toMatch(/id="field-quote_2"[^>]*aria-invalid="true"/)
    expect(html).not.toMatch(/id="field-quote"[^>]*aria-invalid="true"/)
  })

  it('pages and searches a source’s sentences as radio buttons, and cites the one picked', async () => {
    const { browser, sourceId, action } = await setWithSource()
    const listed = await expectPage(
      await browser.postForm(action, {
        ...textQuestion,
        intent: 'browse',
        browse_source: sourceId,
        browse_q: 'pipeline',
      }),
      200,
    )
    expect(visibleText(listed)).toContain('3 sentences of Oil routes explained; page 1 of 1.')
    expect(listed.match(/type="radio" id="pick-[^"]+" name="pick"/g)).toHaveLength(3)
    expect(listed).not.toContain(`value="${sourceId}:1:1"`)

    const none = await browser.postForm(action, {
      ...textQuestion,
      intent: 'cite-picked',
      browse_source: sourceId,
    })
    expect(visibleText(await expectPage(none, 400))).toContain('Choose a sentence to cite.')

    const picked = await expectPage(
      await browser.postForm(action, { ...textQuestion, intent: 'cite-picked', pick: `${sourceId}:2:0` }),
      200,
    )
    expect(fieldValue(picked, 'quote')).toBe(
      'In July a Russian court ordered the pipeline to stop for 30 days.',
    )
  })

  it('refuses to cite a passage of another instructor’s source', async () => {
    const { sourceId } = await setWithSource()
    const other = await instructor('other')
    const slug = await newSet(other)
    const response = await other.postForm(`/studio/sets/${slug}/questions/new`, {
      ...textQuestion,
      cite: `${sourceId}:1:0`,
    })
    const html = await expectPage(response, 400)
    expect(html).not.toContain('Novorossiysk on the Black Sea')
  })

  it('previews a saved question with its key and each cited passage in context', async () => {
    const { browser, sourceId, slug, action } = await setWithSource()
    await browser.postForm(action, {
      ...textQuestion,
      source: sourceId,
      quote: 'the Russian port of Novorossiysk',
      intent: 'save',
    })
    const [id = ''] = await ownQuestionIds(slug)
    const html = await expectPage(await browser.get(`/studio/sets/${slug}/questions/${id}/preview`), 200)
    const learnerPart = html.slice(html.indexOf('class="preview"'), html.indexOf('class="answer-key"'))
    expect(learnerPart).not.toContain('Novorossiysk')
    const key = visibleText(html.slice(html.indexOf('class="answer-key"')))
    expect(key).toContain('Correct answer Novorossiysk')
    expect(key).toContain('The article names the port.')
    // The sentence before, the cited one (marked) and the sentence after.
    expect(key).toContain('Kazakhstan exports most of its oil through the Caspian Pipeline Consortium.')
    expect(html).toContain(
      '<mark>The pipeline ends at the Russian port of Novorossiysk on the Black Sea.</mark>',
    )
    expect(key).toContain('It carries 80% of exports.')
    expect(key).toContain('paragraph 2, sentence 1')
  })

  it('previews a bank question with its key', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const { results } = await sql('select id from questions where owner_id is null limit 1').all<{
      id: string
    }>()
    const id = results[0]?.id ?? ''
    const html = await expectPage(await browser.get(`/studio/sets/${slug}/questions/${id}/preview`), 200)
    expect(visibleText(html)).toContain('The key (only you see this)')
    expect(html).toContain('class="cited-context"')
  })
})
