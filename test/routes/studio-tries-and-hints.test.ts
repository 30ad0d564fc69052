import { describe, expect, it } from 'vitest'
import type { Question } from '../../src/quiz/question'
import { decodeEntities, expectPage, visibleText } from '../support/helpers'
import { sql } from '../support/studio-helpers'
import { bankQuote, bankSource, instructor, newSet, ownQuestionIds } from '../support/studio-sets-helpers'

/** The studio side of hints and tries: the question form edits hints, the settings form tries and costs. */

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

const storedSettings = async (slug: string) =>
  JSON.parse(
    (await sql('select settings from quiz_sets where slug = ?', slug).first<{ settings: string }>())
      ?.settings ?? '{}',
  ) as Record<string, unknown>

describe('hints in the question editor (no JavaScript)', () => {
  it('offers three optional hint fields, stores the ones written in order, and shows them again', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const form = await expectPage(await browser.get(`/studio/sets/${slug}/questions/new?type=numeric`), 200)
    expect(visibleText(form)).toContain('Hints (optional)')
    for (const name of ['hint_1', 'hint_2', 'hint_3']) expect(form).toContain(`name="${name}"`)
    const response = await browser.postForm(`/studio/sets/${slug}/questions/new`, {
      type: 'numeric',
      prompt: 'How many kilometres long is the CPC pipeline?',
      answer: '1500',
      tolerance: '10',
      explanation: 'Because the source says so.',
      source: bankSource,
      quote: bankQuote,
      tags: '',
      difficulty: 'medium',
      hint_1: '',
      hint_2: 'More than a thousand.',
      hint_3: 'Less than two thousand.',
      intent: 'save',
    })
    expect(response.status).toBe(303)
    const [id = ''] = await ownQuestionIds(slug)
    const row = await sql('select body from questions where id = ?', id).first<{ body: string }>()
    expect((JSON.parse(row?.body ?? '{}') as Question).hints).toEqual([
      'More than a thousand.',
      'Less than two thousand.',
    ])
    const edit = decodeEntities(
      await expectPage(await browser.get(`/studio/sets/${slug}/questions/${id}/edit`), 200),
    )
    expect(edit).toMatch(/name="hint_1"[^>]*>More than a thousand\.<\/textarea>/)
    expect(edit).toMatch(/name="hint_2"[^>]*>Less than two thousand\.<\/textarea>/)
  })

  it('refuses a hint over 500 characters beside its field, keeping the input', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const long = 'h'.repeat(501)
    const html = await expectPage(
      await browser.postForm(`/studio/sets/${slug}/questions/new`, {
        type: 'true_false',
        prompt: 'Tokayev recognised the Donbas republics.',
        answer: 'false',
        explanation: 'He refused.',
        source: bankSource,
        quote: bankQuote,
        tags: '',
        difficulty: 'medium',
        hint_1: long,
        intent: 'save',
      }),
      400,
    )
    expect(html).toContain('id="field-hint_1-error"')
    expect(html).toContain(long)
    expect(await ownQuestionIds(slug)).toEqual([])
  })
})

describe('tries and hint cost in the set settings', () => {
  it('shows the defaults and saves tries, the try penalty and the hint cost', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const form = await expectPage(await browser.get(`/studio/sets/${slug}/settings`), 200)
    expect(form).toMatch(/name="triesPerQuestion"[^>]*value="1"/)
    expect(form).toMatch(/name="tryPenalty"[^>]*value="33"/)
    expect(form).toMatch(/name="hintPenalty"[^>]*value="0"/)
    expect(visibleText(form)).toContain('Several tries need feedback after each question')
    const response = await browser.postForm(`/studio/sets/${slug}/settings`, {
      ...settingsFields,
      triesPerQuestion: '2',
      tryPenalty: '50',
      hintPenalty: '10',
    })
    expect(response.status).toBe(303)
    expect(await storedSettings(slug)).toMatchObject({ triesPerQuestion: 2, tryPenalty: 50, hintPenalty: 10 })
  })

  it('refuses several tries with feedback at the end, saying why, and keeps the input', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const html = await expectPage(
      await browser.postForm(`/studio/sets/${slug}/settings`, {
        ...settingsFields,
        feedback: 'end',
        triesPerQuestion: '3',
        tryPenalty: '20',
        hintPenalty: '5',
      }),
      400,
    )
    expect(visibleText(html)).toContain(
      'Several tries need feedback after each question: with feedback at the end, a learner would never learn a try was wrong.',
    )
    expect(html).toMatch(/name="triesPerQuestion"[^>]*value="3"/)
    expect(html).toMatch(/name="tryPenalty"[^>]*value="20"/)
    expect(await storedSettings(slug)).toMatchObject({ feedback: 'each', triesPerQuestion: 1 })
  })

  it('refuses tries outside 1 to 5 and penalties outside 0 to 100', async () => {
    const browser = await instructor()
    const slug = await newSet(browser)
    const text = visibleText(
      await expectPage(
        await browser.postForm(`/studio/sets/${slug}/settings`, {
          ...settingsFields,
          triesPerQuestion: '6',
          tryPenalty: '101',
          hintPenalty: 'lots',
        }),
        400,
      ),
    )
    expect(text).toContain('A whole number from 1 to 5.')
    expect(text).toContain('A whole percent from 0 to 100.')
  })
})
