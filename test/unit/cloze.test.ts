import { describe, expect, it } from 'vitest'
import { parseGift } from '../../src/gift/gift-parse'
import { serialiseQuestion } from '../../src/gift/gift-serialise'
import { answerFromForm, fieldName, fieldsOfAnswer } from '../../src/quiz/answer-form'
import { gapKind, gapResults, passagePieces } from '../../src/quiz/cloze'
import { describeCorrectAnswer, describeGivenAnswer, gradeAnswer, readAnswer } from '../../src/quiz/grade'
import { optionId } from '../../src/quiz/option-id'
import { type PublicQuestionOf, toPublicQuestion } from '../../src/quiz/public-question'
import { type QuestionOf, questionSchema } from '../../src/quiz/question'
import { answerText, mostChosenWrongAnswer } from '../../src/stats/item-analysis'
import { cloze } from './fixtures'

const publicId = 'q-learner-view'
const shown = toPublicQuestion(cloze, { publicId, seed: 'seed' }) as PublicQuestionOf<'cloze'>
const learnerChoice = (text: string) => optionId(publicId, gapKind(3), text)
const storedChoice = (text: string) => optionId(cloze.id, gapKind(3), text)

function withPassage(passage: string, gaps = cloze.gaps) {
  return questionSchema.safeParse({ ...cloze, passage, gaps })
}

describe('the cloze schema', () => {
  it('accepts markers {{1}}…{{n}} in order, once each, one per gap', () => {
    expect(withPassage('A {{1}} b {{ 2 }} c {{3}}.').success).toBe(true)
  })

  it.each([
    ['a gap without its marker', 'A {{1}} b {{2}}.', 'gap 3 has no {{3}} marker in the passage'],
    ['a marker without a gap', 'A {{1}} b {{2}} c {{3}} d {{4}}.', 'marker {{4}} has no gap (there are 3)'],
    [
      'markers out of order',
      'A {{2}} b {{1}} c {{3}}.',
      'write each marker once, in order: {{1}} {{2}} {{3}}',
    ],
    [
      'a marker twice',
      'A {{1}} b {{1}} c {{2}} d {{3}}.',
      'write each marker once, in order: {{1}} {{2}} {{3}}',
    ],
  ])('refuses %s', (_case, passage, message) => {
    const result = withPassage(passage)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['passage', message],
    ])
  })

  it('refuses a choice gap whose answer is not a choice, and an empty text gap', () => {
    const result = withPassage('A {{1}} b {{2}}.', [
      { type: 'choice', choices: ['x', 'y'], answer: 'z' },
      { type: 'text', answer: '', accept: [] },
    ])
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'gaps.0.answer',
      'gaps.1.answer',
    ])
  })
})

describe('the public form of a cloze question', () => {
  it('holds the words around the gaps and what each gap takes, never the key', () => {
    expect(shown.passage).toEqual(['The pipeline carries over ', '% of exports to ', ' on the ', ' Sea.'])
    expect(shown.gaps.map((gap) => gap.kind)).toEqual(['numeric', 'text', 'choice'])
    const json = JSON.stringify(shown)
    for (const secret of ['80', 'Novorossiysk', 'Novorossiisk', 'tolerance', 'answer', 'accept'])
      expect(json).not.toContain(secret)
    expect(passagePieces(cloze.passage).join('')).toBe(shown.passage.join(''))
  })

  it('shuffles a choice gap per attempt, with option ids of its own', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, index) => {
        const view = toPublicQuestion(cloze, { publicId, seed: `s${index}` }) as PublicQuestionOf<'cloze'>
        const gap = view.gaps[2]
        return gap?.kind === 'choice' ? gap.choices.map((choice) => choice.text).join() : ''
      }),
    )
    expect(orders.size).toBeGreaterThan(1)
    const gap = shown.gaps[2]
    expect(gap?.kind === 'choice' && gap.choices.map((choice) => choice.id).sort()).toEqual(
      ['Black', 'Baltic', 'Caspian'].map(learnerChoice).sort(),
    )
  })
})

describe('reading and grading a cloze answer', () => {
  const read = (gaps: unknown[]) => readAnswer(cloze, { gaps }, publicId)

  it('gives full marks for every gap right, variants and typed numbers included', () => {
    const answer = read(['80,4', 'novorossiisk', learnerChoice('Black')])
    expect(answer).toEqual({ ok: true, answer: { gaps: [80.4, 'novorossiisk', storedChoice('Black')] } })
    if (answer.ok) expect(gradeAnswer(cloze, answer.answer)).toEqual({ correct: true, points: 1 })
  })

  it('gives a share of a point per gap right', () => {
    const two = read([80, 'Moscow', learnerChoice('Black')])
    const one = read([70, 'Moscow', learnerChoice('Black')])
    const none = read([70, 'Moscow', learnerChoice('Baltic')])
    if (!two.ok || !one.ok || !none.ok) throw new Error('expected valid answers')
    expect(gradeAnswer(cloze, two.answer)).toEqual({ correct: false, points: 0.67 })
    expect(gradeAnswer(cloze, one.answer)).toEqual({ correct: false, points: 0.33 })
    expect(gradeAnswer(cloze, none.answer)).toEqual({ correct: false, points: 0 })
    expect(gapResults(cloze, one.answer)).toEqual([false, false, true])
  })

  it.each([
    [[80, 'x'], 'This passage has 3 gaps: give one answer per gap (2 given).'],
    [
      [80, 'x', learnerChoice('Black'), 'extra'],
      'This passage has 3 gaps: give one answer per gap (4 given).',
    ],
    [['eighty', 'x', learnerChoice('Black')], 'Type a number in gap 1 of 3, like 42 or 3.5.'],
    [[80, '  ', learnerChoice('Black')], 'Fill in gap 2 of 3.'],
    [[80, 'x', storedChoice('Black')], 'Choose one of the options in gap 3 of 3.'],
    [[80, 'x', optionId(publicId, gapKind(2), 'Black')], 'Choose one of the options in gap 3 of 3.'],
  ])('refuses %j with a message naming the gap', (gaps, message) => {
    expect(read(gaps)).toEqual({ ok: false, message })
  })

  it('refuses an answer that is not a list of gaps', () => {
    expect(readAnswer(cloze, { text: 'x' }, publicId).ok).toBe(false)
    expect(readAnswer(cloze, { gaps: [] }, publicId).ok).toBe(false)
  })

  it('describes the key and the given answer gap by gap, with right or wrong', () => {
    expect(describeCorrectAnswer(cloze)).toEqual([
      'Gap 1: 80 (± 1 accepted)',
      'Gap 2: Novorossiysk',
      'Gap 3: Black',
    ])
    const answer = read([70, 'Novorossiisk', learnerChoice('Baltic')])
    if (!answer.ok) throw new Error('expected a valid answer')
    expect(describeGivenAnswer(cloze, answer.answer)).toEqual([
      'Gap 1: 70 (wrong)',
      'Gap 2: Novorossiisk (right)',
      'Gap 3: Baltic (wrong)',
    ])
  })
})

describe('a cloze question in the results', () => {
  it('reads answers gap by gap and finds the most chosen wrong one', () => {
    const given = (gaps: (string | number)[]) => ({ gaps })
    const wrongGap3 = given([80, 'Novorossiysk', storedChoice('Baltic')])
    expect(answerText(cloze, wrongGap3)).toBe(
      'Gap 1: 80 (right); Gap 2: Novorossiysk (right); Gap 3: Baltic (wrong)',
    )
    expect(
      mostChosenWrongAnswer(cloze, [
        { answer: wrongGap3, count: 3 },
        { answer: given([70, 'Novorossiysk', storedChoice('Black')]), count: 1 },
      ]),
    ).toEqual({ text: 'Gap 1: 80 (right); Gap 2: Novorossiysk (right); Gap 3: Baltic (wrong)', count: 3 })
  })
})

describe('the cloze answer form', () => {
  const fields = (values: string[]) => (name: string) => {
    const index = Number(name.replace('gap-', '')) - 1
    return values[index] === undefined ? [] : [values[index] ?? '']
  }

  it('reads one field per gap, numbers as typed', () => {
    expect(answerFromForm(shown, fields(['1 500', 'Novorossiysk', learnerChoice('Black')]))).toEqual({
      ok: true,
      answer: { gaps: [1500, 'Novorossiysk', learnerChoice('Black')] },
    })
    expect(fieldName.gap(2)).toBe('gap-2')
  })

  it.each([
    [['', 'x', 'y'], 'Type a number in gap 1 of 3, like 42 or 3.5.'],
    [['80', '', 'y'], 'Fill in gap 2 of 3.'],
    [['80', 'x', ''], 'Choose an option in gap 3 of 3.'],
  ])('refuses %j naming the gap', (values, message) => {
    expect(answerFromForm(shown, fields(values))).toEqual({ ok: false, message })
  })

  it('gives back the fields of a kept answer', () => {
    expect(fieldsOfAnswer(shown, { gaps: [80, 'x', 'id'] })).toEqual({
      'gap-1': ['80'],
      'gap-2': ['x'],
      'gap-3': ['id'],
    })
  })
})

describe('cloze questions in GIFT', () => {
  const oneGap = questionSchema.parse({
    ...cloze,
    passage: 'Most exports go to {{1}} on the Black Sea.',
    gaps: [{ type: 'text', answer: 'Novorossiysk', accept: ['Novorossiisk'] }],
  }) as QuestionOf<'cloze'>

  it('writes one gap as Moodle’s missing word form and reads it back whole', () => {
    const gift = serialiseQuestion(oneGap)
    expect(gift).toContain(
      '::oil-route-passage::Most exports go to { =Novorossiysk =Novorossiisk ####Written in our own words\\: why the answer is right.} on the Black Sea.',
    )
    expect(parseGift(gift)[0]?.question).toEqual(oneGap)
  })

  it('writes several gaps as an essay showing the passage, read back whole from its cited-cloze line', () => {
    const gift = serialiseQuestion(cloze)
    expect(gift).toContain('// cited-cloze: {"prompt":"Fill in the gaps in this passage."')
    expect(gift).toContain('The pipeline carries over _____% of exports to _____ on the _____ Sea. {####')
    const [item] = parseGift(gift)
    expect(item?.errors).toEqual([])
    expect(item?.question).toEqual(cloze)
  })
})
