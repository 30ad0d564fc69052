import { describe, expect, it } from 'vitest'
import type { Question } from '../../src/quiz/question'
import { decodeEntities, expectPage, visibleText } from '../support/helpers'
import { sql } from '../support/studio-helpers'
import { bankQuote, bankSource, instructor, newSet, ownQuestionIds } from '../support/studio-sets-helpers'

const common = {
  explanation: 'Because the source says so.',
  source: bankSource,
  quote: bankQuote,
  tags: '',
  difficulty: 'medium',
  intent: 'save',
}

async function storedBody(id: string): Promise<Question> {
  const row = await sql('select body from questions where id = ?', id).first<{ body: string }>()
  if (!row) throw new Error(`no question ${id}`)
  return JSON.parse(row.body) as Question
}

describe('per-choice feedback in the question editor (no JavaScript)', () => {
  it('offers an optional feedback field beside each choice and stores what is written', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const form = await expectPage(await browser.get(`/studio/sets/${slug}/questions/new?type=single`), 200)
    expect(form).toContain('name="feedback_1"')
    expect(form).toContain('name="feedback_8"')
    expect(visibleText(form)).toContain('Feedback on choice 1 (optional)')
    const response = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      type: 'single',
      ...common,
      prompt: 'Which sea?',
      choice_1: 'Black Sea',
      feedback_1: 'Yes: Novorossiysk is on it.',
      choice_2: 'Baltic Sea',
      feedback_2: 'The Baltic is the northern route, through Ust-Luga.',
      choice_3: 'Caspian Sea',
      feedback_3: '',
      correct: '1',
    })
    expect(response.status).toBe(303)
    const [id = ''] = await ownQuestionIds(slug)
    expect(await storedBody(id)).toMatchObject({
      type: 'single',
      feedback: {
        'Black Sea': 'Yes: Novorossiysk is on it.',
        'Baltic Sea': 'The Baltic is the northern route, through Ust-Luga.',
      },
    })
    // The edit form shows it again beside its choice.
    const edit = decodeEntities(
      await expectPage(await browser.get(`/studio/sets/${slug}/questions/${id}/edit`), 200),
    )
    expect(edit).toMatch(/name="feedback_2"[^>]*value="The Baltic is the northern route, through Ust-Luga\."/)
  })

  it('stores feedback on True and on False for a true/false question', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const form = await expectPage(
      await browser.get(`/studio/sets/${slug}/questions/new?type=true_false`),
      200,
    )
    expect(form).toContain('name="feedback_true"')
    expect(form).toContain('name="feedback_false"')
    await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      type: 'true_false',
      ...common,
      prompt: 'Tokayev recognised the Donbas republics.',
      answer: 'false',
      feedback_true: 'He refused, on stage beside Putin.',
      feedback_false: '',
    })
    const [id = ''] = await ownQuestionIds(slug)
    expect(await storedBody(id)).toMatchObject({ feedback: { True: 'He refused, on stage beside Putin.' } })
  })

  it('refuses feedback over 500 characters with a 400, the error beside its field and the input kept', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const long = 'x'.repeat(501)
    const html = await expectPage(
      await browser.postForm(`/studio/sets/${slug}/questions/new`, {
        type: 'multiple',
        ...common,
        prompt: 'Which are ports?',
        choice_1: 'Novorossiysk',
        choice_2: 'Astana',
        feedback_2: long,
        choice_3: 'Aktau',
        correct: ['1', '3'],
      }),
      400,
    )
    expect(html).toContain('id="field-feedback_2-error"')
    expect(html).toContain(`value="${long}"`)
    expect(await ownQuestionIds(slug)).toEqual([])
  })
})
