import { describe, expect, it } from 'vitest'
import { buildFeedback } from '../../src/quiz/feedback'
import { describeCorrectAnswer, describeGivenAnswer, gradeAnswer, readAnswer } from '../../src/quiz/grade'
import { questionSchema } from '../../src/quiz/question'
import {
  choiceId,
  correctMatches,
  itemId,
  leftId,
  matching,
  multiple,
  numeric,
  ordering,
  rightId,
  single,
  text,
  trueFalse,
} from './fixtures'

const full = { correct: true, points: 1 }
const none = { correct: false, points: 0 }

describe('gradeAnswer for a single-choice question', () => {
  it('gives full marks for the correct choice', () => {
    expect(gradeAnswer(single, { choice: choiceId(single, 'Black Sea') })).toEqual(full)
  })

  it('gives nothing for any other choice', () => {
    for (const wrong of ['Baltic Sea', 'Caspian Sea', 'Sea of Azov'])
      expect(gradeAnswer(single, { choice: choiceId(single, wrong) })).toEqual(none)
  })

  it('does not accept the answer text in place of its option id', () => {
    expect(gradeAnswer(single, { choice: 'Black Sea' })).toEqual(none)
  })
})

describe('gradeAnswer for a multiple-choice question', () => {
  const pick = (...choices: string[]) => ({ choices: choices.map((choice) => choiceId(multiple, choice)) })

  it('gives full marks for exactly the right options, in any order', () => {
    expect(gradeAnswer(multiple, pick('Abkhazia', 'Taiwan', 'South Ossetia', 'Kosovo'))).toEqual(full)
  })

  it('gives a share of the right options when some are missing', () => {
    expect(gradeAnswer(multiple, pick('Taiwan', 'Kosovo'))).toEqual({ correct: false, points: 0.5 })
    expect(gradeAnswer(multiple, pick('Taiwan'))).toEqual({ correct: false, points: 0.25 })
  })

  it('takes one right pick away for every wrong pick', () => {
    // (4 hits − 1 wrong) / 4 right options
    expect(gradeAnswer(multiple, pick('Taiwan', 'Kosovo', 'South Ossetia', 'Abkhazia', 'Crimea'))).toEqual({
      correct: false,
      points: 0.75,
    })
    // (2 hits − 1 wrong) / 4
    expect(gradeAnswer(multiple, pick('Taiwan', 'Kosovo', 'Crimea'))).toEqual({
      correct: false,
      points: 0.25,
    })
  })

  it('never goes below zero', () => {
    expect(gradeAnswer(multiple, pick('Crimea'))).toEqual(none)
    expect(gradeAnswer(multiple, pick('Taiwan', 'Crimea'))).toEqual(none)
  })

  it('rounds thirds to two decimals and only calls full marks correct', () => {
    const three = questionSchema.parse({
      ...multiple,
      answer: ['Taiwan', 'Kosovo', 'Abkhazia'],
    })
    const grade = gradeAnswer(three, pick('Taiwan', 'Kosovo'))
    expect(grade).toEqual({ correct: false, points: 0.67 })
  })
})

describe('gradeAnswer for a true/false question', () => {
  it('gives full marks for the authored value and nothing for the other', () => {
    expect(gradeAnswer(trueFalse, { value: false })).toEqual(full)
    expect(gradeAnswer(trueFalse, { value: true })).toEqual(none)
  })
})

describe('gradeAnswer for a numeric question', () => {
  it('accepts the exact answer', () => {
    expect(gradeAnswer(numeric, { value: 30 })).toEqual(full)
  })

  it('accepts anything within the tolerance, inclusive at both ends', () => {
    expect(gradeAnswer(numeric, { value: 28 })).toEqual(full)
    expect(gradeAnswer(numeric, { value: 32 })).toEqual(full)
    expect(gradeAnswer(numeric, { value: 31.5 })).toEqual(full)
  })

  it('refuses anything just outside the tolerance', () => {
    expect(gradeAnswer(numeric, { value: 27.99 })).toEqual(none)
    expect(gradeAnswer(numeric, { value: 32.01 })).toEqual(none)
    expect(gradeAnswer(numeric, { value: -30 })).toEqual(none)
  })

  it('demands the exact value when the tolerance defaults to zero', () => {
    const exact = questionSchema.parse({ ...numeric, tolerance: undefined })
    expect(gradeAnswer(exact, { value: 30 })).toEqual(full)
    expect(gradeAnswer(exact, { value: 30.5 })).toEqual(none)
  })

  it('is not thrown by floating-point error at the edge of the tolerance', () => {
    const decimal = questionSchema.parse({ ...numeric, answer: 0.3, tolerance: 0.1 })
    // 0.1 + 0.2 = 0.30000000000000004, and 0.2 is exactly 0.1 away
    expect(gradeAnswer(decimal, { value: 0.1 + 0.2 })).toEqual(full)
    expect(gradeAnswer(decimal, { value: 0.2 })).toEqual(full)
    expect(gradeAnswer(decimal, { value: 0.19 })).toEqual(none)
  })
})

describe('gradeAnswer for an ordering question', () => {
  const order = (...items: string[]) => ({ order: items.map((item) => itemId(ordering, item)) })

  it('gives full marks for the authored order', () => {
    expect(gradeAnswer(ordering, order(...ordering.items))).toEqual(full)
  })

  it('gives nothing for a near miss: ordering is all or nothing', () => {
    const [a, b, c, d] = ordering.items as [string, string, string, string]
    expect(gradeAnswer(ordering, order(a, b, d, c))).toEqual(none)
    expect(gradeAnswer(ordering, order(b, a, c, d))).toEqual(none)
  })

  it('gives nothing for the reversed order', () => {
    expect(gradeAnswer(ordering, order(...[...ordering.items].reverse()))).toEqual(none)
  })
})

describe('gradeAnswer for a matching question', () => {
  it('gives full marks when every left is paired with its right', () => {
    expect(gradeAnswer(matching, { matches: correctMatches(matching) })).toEqual(full)
  })

  it('gives the share of lefts paired correctly', () => {
    const matches = correctMatches(matching)
    // swap the rights of two lefts: two of four are still right
    matches[leftId(matching, 'Dosim Satpaev')] = rightId(matching, "Putin's spokesman")
    matches[leftId(matching, 'Dmitry Peskov')] = rightId(matching, 'Kazakh political scientist')
    expect(gradeAnswer(matching, { matches })).toEqual({ correct: false, points: 0.5 })
  })

  it('gives nothing when every pairing is wrong', () => {
    const rights = matching.pairs.map((pair) => pair.right)
    const matches = Object.fromEntries(
      matching.pairs.map((pair, index) => [
        leftId(matching, pair.left),
        rightId(matching, rights[(index + 1) % rights.length] as string),
      ]),
    )
    expect(gradeAnswer(matching, { matches })).toEqual(none)
  })

  it('credits only one left when every left points at the same right', () => {
    const everyoneIsPeskov = Object.fromEntries(
      matching.pairs.map((pair) => [leftId(matching, pair.left), rightId(matching, "Putin's spokesman")]),
    )
    expect(gradeAnswer(matching, { matches: everyoneIsPeskov })).toEqual({ correct: false, points: 0.25 })
  })
})

describe('gradeAnswer for a text question', () => {
  it('accepts the answer and every accepted variant', () => {
    for (const typed of ['Novorossiysk', 'Novorossiisk', 'port of Novorossiysk'])
      expect(gradeAnswer(text, { text: typed })).toEqual(full)
  })

  it('ignores case, accents, punctuation and extra spaces', () => {
    for (const typed of ['  novorossiysk! ', 'NOVOROSSIYSK', 'Novorossíysk', 'Port  of   NOVOROSSIYSK.'])
      expect(gradeAnswer(text, { text: typed })).toEqual(full)
  })

  it('refuses other spellings and partial answers', () => {
    for (const typed of ['Novorosiysk', 'Novo', 'Novorossiysk port', 'Odesa'])
      expect(gradeAnswer(text, { text: typed })).toEqual(none)
  })
})

describe('readAnswer', () => {
  it('accepts a well-formed answer for each type', () => {
    expect(readAnswer(single, { choice: choiceId(single, 'Baltic Sea') }, single.id)).toEqual({
      ok: true,
      answer: { choice: choiceId(single, 'Baltic Sea') },
    })
    expect(readAnswer(multiple, { choices: [choiceId(multiple, 'Crimea')] }, multiple.id).ok).toBe(true)
    expect(readAnswer(trueFalse, { value: true }, trueFalse.id).ok).toBe(true)
    expect(readAnswer(numeric, { value: -1.5 }, numeric.id).ok).toBe(true)
    expect(
      readAnswer(ordering, { order: ordering.items.map((item) => itemId(ordering, item)) }, ordering.id).ok,
    ).toBe(true)
    expect(readAnswer(matching, { matches: correctMatches(matching) }, matching.id).ok).toBe(true)
    expect(readAnswer(text, { text: 'Odesa' }, text.id).ok).toBe(true)
  })

  it('trims a typed text answer', () => {
    expect(readAnswer(text, { text: '  Odesa ' }, text.id)).toEqual({ ok: true, answer: { text: 'Odesa' } })
  })

  it('rejects answers of the wrong shape with a message naming the question type', () => {
    const cases: [Parameters<typeof readAnswer>[0], unknown][] = [
      [single, { choices: [choiceId(single, 'Black Sea')] }],
      [single, 'Black Sea'],
      [multiple, { choices: choiceId(multiple, 'Taiwan') }],
      [multiple, { choices: [] }],
      [trueFalse, { value: 'false' }],
      [numeric, { value: 'thirty' }],
      [numeric, { value: Number.POSITIVE_INFINITY }],
      [numeric, { value: Number.NaN }],
      [ordering, { order: 'a,b,c' }],
      [matching, { matches: [] }],
      [text, { text: '   ' }],
      [text, { text: 42 }],
      [text, null],
      [text, undefined],
    ]
    for (const [question, raw] of cases) {
      const result = readAnswer(question, raw, question.id)
      expect(result.ok, JSON.stringify(raw)).toBe(false)
      if (!result.ok) expect(result.message).toContain(question.type.replace('_', '/'))
    }
  })

  it('rejects extra fields, such as a client-supplied type', () => {
    expect(readAnswer(trueFalse, { value: true, type: 'true_false' }, trueFalse.id).ok).toBe(false)
    expect(readAnswer(single, { choice: choiceId(single, 'Black Sea'), correct: true }, single.id).ok).toBe(
      false,
    )
  })

  it('rejects an option id that belongs to no choice of the question', () => {
    expect(readAnswer(single, { choice: 'zzzzzz' }, single.id)).toEqual({
      ok: false,
      message: 'That option is not part of this question.',
    })
    expect(readAnswer(multiple, { choices: [choiceId(multiple, 'Taiwan'), 'zzzzzz'] }, multiple.id).ok).toBe(
      false,
    )
  })

  it('rejects an option id taken from another question', () => {
    const foreign = choiceId(multiple, 'Taiwan')
    expect(readAnswer(single, { choice: foreign }, single.id).ok).toBe(false)
  })

  it('rejects an ordering item id used as a choice, and vice versa', () => {
    const { items, ...rest } = ordering
    const sameText = questionSchema.parse({ ...rest, type: 'single', choices: items, answer: items[0] })
    expect(readAnswer(sameText, { choice: itemId(ordering, items[0] as string) }, sameText.id).ok).toBe(false)
  })

  it('rejects the same option picked twice in a multiple-choice answer', () => {
    const taiwan = choiceId(multiple, 'Taiwan')
    expect(readAnswer(multiple, { choices: [taiwan, taiwan] }, multiple.id)).toEqual({
      ok: false,
      message: 'Each option can be chosen only once.',
    })
  })

  it('rejects an ordering that leaves out, repeats or invents an item', () => {
    const ids = ordering.items.map((item) => itemId(ordering, item))
    const [a, b, c] = ids as [string, string, string]
    for (const order of [
      [a, b, c],
      [a, b, c, c],
      [...ids, 'zzzzzz'],
      [a, b, c, 'zzzzzz'],
    ]) {
      expect(readAnswer(ordering, { order }, ordering.id)).toEqual({
        ok: false,
        message: 'Put every item in a different position, each exactly once.',
      })
    }
  })

  it('rejects a matching that leaves a left unmatched or names an unknown left', () => {
    const matches = correctMatches(matching)
    const missing = { ...matches }
    delete missing[leftId(matching, 'Dosim Satpaev')]
    expect(readAnswer(matching, { matches: missing }, matching.id)).toEqual({
      ok: false,
      message: 'Choose a match for every item.',
    })
    const renamed = { ...missing, zzzzzz: rightId(matching, 'Kazakh political scientist') }
    expect(readAnswer(matching, { matches: renamed }, matching.id)).toEqual({
      ok: false,
      message: 'Choose a match for every item.',
    })
    expect(readAnswer(matching, { matches: {} }, matching.id).ok).toBe(false)
  })

  it('rejects a matching that pairs a left with an unknown right', () => {
    const matches = { ...correctMatches(matching), [leftId(matching, 'Dosim Satpaev')]: 'zzzzzz' }
    expect(readAnswer(matching, { matches }, matching.id)).toEqual({
      ok: false,
      message: 'That option is not part of this question.',
    })
  })

  it('rejects a matching whose right is a left id', () => {
    const matches = {
      ...correctMatches(matching),
      [leftId(matching, 'Dosim Satpaev')]: leftId(matching, 'Dmitry Peskov'),
    }
    expect(readAnswer(matching, { matches }, matching.id).ok).toBe(false)
  })
})

describe('describeCorrectAnswer', () => {
  it('lists the answer texts of choice and text questions', () => {
    expect(describeCorrectAnswer(single)).toEqual(['Black Sea'])
    expect(describeCorrectAnswer(multiple)).toEqual(['Taiwan', 'Kosovo', 'South Ossetia', 'Abkhazia'])
    expect(describeCorrectAnswer(text)).toEqual(['Novorossiysk'])
  })

  it('spells out true/false', () => {
    expect(describeCorrectAnswer(trueFalse)).toEqual(['False'])
    expect(describeCorrectAnswer({ ...trueFalse, answer: true })).toEqual(['True'])
  })

  it('writes numbers with their unit and the tolerance', () => {
    expect(describeCorrectAnswer(numeric)).toEqual(['30 days (± 2 accepted)'])
    expect(describeCorrectAnswer({ ...numeric, tolerance: 0 })).toEqual(['30 days'])
    expect(describeCorrectAnswer({ ...numeric, answer: 80, unit: '%', tolerance: 0 })).toEqual(['80%'])
    expect(describeCorrectAnswer({ ...numeric, answer: 4253, unit: undefined, tolerance: 0 })).toEqual([
      '4,253',
    ])
  })

  it('lists ordering items in the correct order', () => {
    expect(describeCorrectAnswer(ordering)).toEqual(ordering.items)
  })

  it('writes each matching pair as left → right', () => {
    expect(describeCorrectAnswer(matching)).toEqual([
      'Dosim Satpaev → Kazakh political scientist',
      "Dmitry Peskov → Putin's spokesman",
      'Bruce Pannier → Podcast guest',
      'Nikola Mikovic → Diplomatic Courier correspondent',
    ])
  })
})

describe('describeGivenAnswer', () => {
  it('turns option ids back into their texts', () => {
    expect(describeGivenAnswer(single, { choice: choiceId(single, 'Sea of Azov') })).toEqual(['Sea of Azov'])
    expect(
      describeGivenAnswer(multiple, {
        choices: [choiceId(multiple, 'Crimea'), choiceId(multiple, 'Taiwan')],
      }),
    ).toEqual(['Crimea', 'Taiwan'])
  })

  it('keeps the learner’s order for an ordering answer', () => {
    const reversed = [...ordering.items].reverse()
    expect(describeGivenAnswer(ordering, { order: reversed.map((item) => itemId(ordering, item)) })).toEqual(
      reversed,
    )
  })

  it('writes each chosen pairing as left → right', () => {
    const matches = {
      [leftId(matching, 'Dmitry Peskov')]: rightId(matching, 'Podcast guest'),
      [leftId(matching, 'Dosim Satpaev')]: rightId(matching, 'Kazakh political scientist'),
    }
    expect(describeGivenAnswer(matching, { matches })).toEqual([
      'Dmitry Peskov → Podcast guest',
      'Dosim Satpaev → Kazakh political scientist',
    ])
  })

  it('writes true/false, numbers with their unit, and typed text as given', () => {
    expect(describeGivenAnswer(trueFalse, { value: true })).toEqual(['True'])
    expect(describeGivenAnswer(numeric, { value: 1700.5 })).toEqual(['1,700.5 days'])
    expect(describeGivenAnswer(text, { text: 'novorossiisk' })).toEqual(['novorossiisk'])
  })

  it('marks an id it does not know rather than throwing', () => {
    expect(describeGivenAnswer(single, { choice: 'zzzzzz' })).toEqual(['(unknown option)'])
  })
})

describe('buildFeedback', () => {
  it('reveals the answer, the explanation and the evidence once a question is answered', () => {
    const answer = { order: [...ordering.items].reverse().map((item) => itemId(ordering, item)) }
    const source = {
      id: 'diplomatic-courier-mikovic',
      title: 'Kazakhstan is slowly turning its back to Russia',
      outlet: 'Diplomatic Courier',
      author: 'Nikola Mikovic',
      date: '2022-07-13',
      kind: 'article' as const,
      reliability: 'Signed analysis.',
    }
    const feedback = buildFeedback(
      ordering,
      ordering.id,
      answer,
      gradeAnswer(ordering, answer),
      ordering.evidence.map((cited) => ({ quote: cited.quote, source })),
    )
    expect(feedback).toEqual({
      questionId: ordering.id,
      correct: false,
      points: 0,
      yourAnswer: [...ordering.items].reverse(),
      correctAnswer: ordering.items,
      ordered: true,
      explanation: ordering.explanation,
      // An ordering answer picks no choice: no per-choice feedback.
      choiceFeedback: [],
      evidence: [{ quote: ordering.evidence[0]?.quote, source }],
    })
  })
})
