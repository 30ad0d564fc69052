import { describe, expect, it } from 'vitest'
import { answerFromForm, fieldName, fieldsOfAnswer } from '../../src/quiz/answer-form'
import { readAnswer } from '../../src/quiz/grade'
import { type PublicQuestionOf, toPublicQuestion } from '../../src/quiz/public-question'
import type { QuestionOf, QuestionType } from '../../src/quiz/question'
import { matching, multiple, numeric, ordering, single, text, trueFalse } from './fixtures'

/** A submitted form as `FormData.getAll` would give it: every value of a name, in order. */
function form(fields: Record<string, string | string[]>) {
  return (name: string): string[] => {
    const value = fields[name]
    return value === undefined ? [] : Array.isArray(value) ? value : [value]
  }
}

function shown<T extends QuestionType>(question: QuestionOf<T>) {
  return toPublicQuestion(question, { publicId: question.id, seed: 'attempt-1' }) as PublicQuestionOf<T>
}

const empty = form({})

describe('answerFromForm for a single-choice question', () => {
  const question = shown(single)

  it('reads the chosen option id', () => {
    const id = question.choices[2]?.id as string
    expect(answerFromForm(question, form({ choice: id }))).toEqual({ ok: true, answer: { choice: id } })
  })

  it('asks for an answer when nothing or only spaces were chosen', () => {
    for (const read of [empty, form({ choice: '' }), form({ choice: '   ' })])
      expect(answerFromForm(question, read)).toEqual({ ok: false, message: 'Choose an answer.' })
  })
})

describe('answerFromForm for a multiple-choice question', () => {
  const question = shown(multiple)

  it('reads every ticked option id', () => {
    const ids = question.choices.slice(0, 3).map((choice) => choice.id)
    expect(answerFromForm(question, form({ choice: ids }))).toEqual({ ok: true, answer: { choices: ids } })
  })

  it('ignores empty values', () => {
    const id = question.choices[0]?.id as string
    expect(answerFromForm(question, form({ choice: ['', id, ''] }))).toEqual({
      ok: true,
      answer: { choices: [id] },
    })
  })

  it('asks for at least one answer when no box is ticked', () => {
    for (const read of [empty, form({ choice: [''] })])
      expect(answerFromForm(question, read)).toEqual({ ok: false, message: 'Choose at least one answer.' })
  })
})

describe('answerFromForm for a true/false question', () => {
  const question = shown(trueFalse)

  it('reads "true" and "false" as booleans', () => {
    expect(answerFromForm(question, form({ choice: 'true' }))).toEqual({ ok: true, answer: { value: true } })
    expect(answerFromForm(question, form({ choice: 'false' }))).toEqual({
      ok: true,
      answer: { value: false },
    })
  })

  it('refuses anything else', () => {
    for (const read of [empty, form({ choice: '' }), form({ choice: 'yes' }), form({ choice: '1' })])
      expect(answerFromForm(question, read)).toEqual({ ok: false, message: 'Choose True or False.' })
  })
})

describe('answerFromForm for a numeric question', () => {
  const question = shown(numeric)

  it('reads a number written the way people write it, unit included', () => {
    expect(answerFromForm(question, form({ value: '30' }))).toEqual({ ok: true, answer: { value: 30 } })
    expect(answerFromForm(question, form({ value: ' 30 days ' }))).toEqual({
      ok: true,
      answer: { value: 30 },
    })
    expect(answerFromForm(question, form({ value: '29,5' }))).toEqual({ ok: true, answer: { value: 29.5 } })
    expect(answerFromForm(question, form({ value: '1,500' }))).toEqual({ ok: true, answer: { value: 1500 } })
  })

  it('asks for a number when the field is missing, blank or not a number', () => {
    for (const value of [undefined, '', '  ', 'thirty', '30 weeks', '9'.repeat(400)]) {
      const read = value === undefined ? empty : form({ value })
      expect(answerFromForm(question, read), String(value)).toEqual({
        ok: false,
        message: 'Enter a number, such as 42 or 3.5.',
      })
    }
  })
})

describe('answerFromForm for an ordering question', () => {
  const question = shown(ordering)
  const positions = (numbers: (string | undefined)[]) =>
    form(
      Object.fromEntries(
        question.items.flatMap((item, index) => {
          const position = numbers[index]
          return position === undefined ? [] : [[fieldName.position(item.id), position]]
        }),
      ),
    )
  const message = 'Give each item a different position from 1 to 4.'

  it('orders the items by the positions given', () => {
    const reading = answerFromForm(question, positions(['3', '1', '4', '2']))
    const [a, b, c, d] = question.items.map((item) => item.id)
    expect(reading).toEqual({ ok: true, answer: { order: [b, d, a, c] } })
  })

  it('produces an order that grades as correct when the positions are right', () => {
    const correct = question.items.map((item) => String(ordering.items.indexOf(item.text) + 1))
    const reading = answerFromForm(question, positions(correct))
    expect(reading.ok).toBe(true)
    if (reading.ok) expect(readAnswer(ordering, reading.answer, ordering.id).ok).toBe(true)
  })

  it('refuses missing, repeated, out-of-range and fractional positions', () => {
    for (const numbers of [
      [],
      ['1', '2', '3', undefined],
      ['1', '2', '3', ''],
      ['1', '1', '2', '3'],
      ['0', '1', '2', '3'],
      ['1', '2', '3', '5'],
      ['1', '2', '3', '3.5'],
      ['1', '2', '3', 'four'],
      ['-1', '2', '3', '4'],
    ])
      expect(answerFromForm(question, positions(numbers)), numbers.join()).toEqual({ ok: false, message })
  })
})

describe('answerFromForm for a matching question', () => {
  const question = shown(matching)

  it('reads the right chosen for every left', () => {
    const fields = Object.fromEntries(
      question.lefts.map((left, index) => [fieldName.match(left.id), question.rights[index]?.id as string]),
    )
    const reading = answerFromForm(question, form(fields))
    expect(reading).toEqual({
      ok: true,
      answer: {
        matches: Object.fromEntries(
          question.lefts.map((left, index) => [left.id, question.rights[index]?.id as string]),
        ),
      },
    })
  })

  it('asks for a match for every item when one is missing or blank', () => {
    const [first, ...others] = question.lefts
    const someFields = Object.fromEntries(
      others.map((left) => [fieldName.match(left.id), question.rights[0]?.id as string]),
    )
    for (const read of [
      empty,
      form(someFields),
      form({ ...someFields, [fieldName.match(first?.id as string)]: ' ' }),
    ])
      expect(answerFromForm(question, read)).toEqual({ ok: false, message: 'Choose a match for every item.' })
  })
})

describe('answerFromForm for a matching question, one match per item', () => {
  const question = shown(matching)

  it('refuses a match chosen for two items (a slip the plain form allows)', () => {
    const fields = Object.fromEntries(
      question.lefts.map((left, index) => [
        fieldName.match(left.id),
        question.rights[Math.min(index, 1)]?.id as string,
      ]),
    )
    expect(answerFromForm(question, form(fields))).toEqual({
      ok: false,
      message: 'Use each match once: two items have the same one.',
    })
  })
})

describe('fieldsOfAnswer', () => {
  const answers = {
    single: { choice: shown(single).choices[1]?.id },
    multiple: {
      choices: shown(multiple)
        .choices.slice(0, 2)
        .map((choice) => choice.id),
    },
    true_false: { value: false },
    numeric: { value: 1500.5 },
    text: { text: 'Novorossiysk' },
    ordering: { order: [...shown(ordering).items].reverse().map((item) => item.id) },
    matching: {
      matches: Object.fromEntries(
        shown(matching).lefts.map((left, index) => [left.id, shown(matching).rights[index]?.id]),
      ),
    },
  }

  it('gives back the fields that read as the same answer, for every type', () => {
    for (const question of [single, multiple, trueFalse, numeric, text, ordering, matching]) {
      const publicQuestion = shown(question)
      const answer = answers[question.type]
      const fields = fieldsOfAnswer(publicQuestion, answer)
      expect(answerFromForm(publicQuestion, form(fields)), question.type).toEqual({ ok: true, answer })
    }
  })

  it('gives no fields for an answer of the wrong shape', () => {
    expect(fieldsOfAnswer(shown(numeric), 'thirty')).toEqual({})
    expect(fieldsOfAnswer(shown(numeric), { value: 'thirty' })).toEqual({})
    expect(fieldsOfAnswer(shown(matching), { matches: null })).toEqual({})
  })
})

describe('answerFromForm for a text question', () => {
  const question = shown(text)

  it('reads the typed text, trimmed', () => {
    expect(answerFromForm(question, form({ text: '  Novorossiysk ' }))).toEqual({
      ok: true,
      answer: { text: 'Novorossiysk' },
    })
  })

  it('asks for an answer when the field is missing or blank', () => {
    for (const read of [empty, form({ text: '' }), form({ text: ' \n ' })])
      expect(answerFromForm(question, read)).toEqual({ ok: false, message: 'Type an answer.' })
  })
})

describe('answerFromForm', () => {
  it('never throws on an empty form, whatever the question type', () => {
    for (const question of [single, multiple, trueFalse, numeric, ordering, matching, text]) {
      const reading = answerFromForm(
        toPublicQuestion(question, { publicId: question.id, seed: 'seed' }),
        empty,
      )
      expect(reading.ok, question.type).toBe(false)
    }
  })

  it('reads only the first value of a single-valued field', () => {
    expect(answerFromForm(shown(text), form({ text: ['first', 'second'] }))).toEqual({
      ok: true,
      answer: { text: 'first' },
    })
  })
})
