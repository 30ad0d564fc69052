import { describe, expect, it } from 'vitest'
import { optionId } from '../../src/quiz/option-id'
import { type PublicQuestion, type PublicQuestionOf, toPublicQuestion } from '../../src/quiz/public-question'
import { type Question, type QuestionOf, questionSchema } from '../../src/quiz/question'
import { everyType, matching, multiple, numeric, ordering, single, text, trueFalse } from './fixtures'

const seeds = Array.from({ length: 200 }, (_, index) => `attempt-${index}`)

function publicOf<T extends Question['type']>(question: QuestionOf<T>, seed: string) {
  return toPublicQuestion(question, { publicId: question.id, seed: seed }) as PublicQuestionOf<T>
}

/** Every key anywhere in a JSON value. */
function keysIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysIn)
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysIn(inner)])
  return []
}

describe('toPublicQuestion', () => {
  it('carries only the prompt, the type and the options', () => {
    const keys: Record<string, string[]> = {}
    for (const [name, question] of Object.entries(everyType))
      keys[name] = Object.keys(toPublicQuestion(question, { publicId: question.id, seed: 'seed' })).sort()
    expect(keys).toEqual({
      single: ['choices', 'id', 'prompt', 'type'],
      multiple: ['choices', 'id', 'prompt', 'type'],
      trueFalse: ['id', 'prompt', 'type'],
      numeric: ['id', 'prompt', 'type', 'unit'],
      ordering: ['id', 'items', 'prompt', 'type'],
      matching: ['id', 'lefts', 'prompt', 'rights', 'type'],
      text: ['id', 'prompt', 'type'],
      cloze: ['gaps', 'id', 'passage', 'prompt', 'type'],
    })
  })

  it('gives every option just an opaque id and its text, with no correctness marker', () => {
    for (const question of Object.values(everyType)) {
      const json = JSON.stringify(toPublicQuestion(question, { publicId: question.id, seed: 'seed' }))
      const keys = new Set(keysIn(JSON.parse(json)))
      for (const leak of ['answer', 'correct', 'accept', 'tolerance', 'explanation', 'evidence', 'pairs'])
        expect(keys.has(leak), `${question.id} has ${leak}`).toBe(false)
      expect(json).not.toMatch(/"(correct|isCorrect|right|answer)"\s*:\s*true/)
      expect(keys.has('tags')).toBe(false)
      expect(keys.has('difficulty')).toBe(false)
    }
  })

  it('never contains the explanation or the evidence quote', () => {
    for (const question of Object.values(everyType)) {
      const json = JSON.stringify(toPublicQuestion(question, { publicId: question.id, seed: 'seed' }))
      expect(json).not.toContain(question.explanation)
      expect(question.evidence.length).toBeGreaterThan(0)
      for (const cited of question.evidence) {
        expect(json).not.toContain(cited.quote)
        expect(json).not.toContain(cited.source)
      }
    }
  })

  it('never contains a typed answer or its accepted variants', () => {
    const json = JSON.stringify(toPublicQuestion(text, { publicId: text.id, seed: 'seed' }))
    for (const accepted of [text.answer, ...text.accept]) expect(json).not.toContain(accepted)
  })

  it('never contains the value of a numeric or true/false answer', () => {
    expect(JSON.stringify(toPublicQuestion(numeric, { publicId: numeric.id, seed: 'seed' }))).not.toContain(
      '30',
    )
    expect(JSON.stringify(toPublicQuestion(trueFalse, { publicId: trueFalse.id, seed: 'seed' }))).not.toMatch(
      /:\s*(true|false)\b/,
    )
    expect(toPublicQuestion(trueFalse, { publicId: trueFalse.id, seed: 'seed' })).toEqual({
      id: trueFalse.id,
      prompt: trueFalse.prompt,
      type: 'true_false',
    })
  })

  it('keeps the unit of a numeric question, and null when it has none', () => {
    expect(publicOf(numeric, 'seed').unit).toBe('days')
    const bare = questionSchema.parse({ ...numeric, unit: undefined }) as QuestionOf<'numeric'>
    expect(publicOf(bare, 'seed').unit).toBeNull()
  })

  it('offers every choice once, with the id readAnswer expects', () => {
    for (const question of [single, multiple]) {
      const { choices } = publicOf(question, 'seed')
      expect(choices.map((choice) => choice.text).sort()).toEqual([...question.choices].sort())
      for (const choice of choices) expect(choice.id).toBe(optionId(question.id, 'choice', choice.text))
    }
  })

  it('derives option ids from the text, so moving a choice does not change its id', () => {
    const reordered = questionSchema.parse({
      ...single,
      choices: [...single.choices].reverse(),
    }) as QuestionOf<'single'>
    const idsByText = (question: QuestionOf<'single'>) =>
      Object.fromEntries(publicOf(question, 'seed').choices.map((choice) => [choice.text, choice.id]))
    expect(idsByText(reordered)).toEqual(idsByText(single))
  })

  it('gives the same choice text different ids in different questions and roles', () => {
    const ids = new Set([
      optionId('q-1', 'choice', 'Russia'),
      optionId('q-2', 'choice', 'Russia'),
      optionId('q-1', 'item', 'Russia'),
      optionId('q-1', 'left', 'Russia'),
      optionId('q-1', 'right', 'Russia'),
    ])
    expect(ids.size).toBe(5)
  })

  it('shuffles choices, with the correct answer landing in different places', () => {
    const places = new Set(
      seeds.map((seed) =>
        publicOf(single, seed).choices.findIndex((choice) => choice.text === single.answer),
      ),
    )
    expect(places.size).toBe(single.choices.length)
  })

  it('keeps choices in authored order with shuffleChoices: false', () => {
    for (const seed of seeds.slice(0, 20)) {
      for (const question of [single, multiple]) {
        const shown = toPublicQuestion(question, { publicId: question.id, seed: seed, shuffleChoices: false })
        if (shown.type !== 'single' && shown.type !== 'multiple') throw new Error('not a choice question')
        expect(shown.choices.map((choice) => choice.text)).toEqual(question.choices)
      }
    }
  })

  it('shuffles ordering items and matching rights even with shuffleChoices: false', () => {
    const orders = new Set<string>()
    const rights = new Set<string>()
    for (const seed of seeds) {
      const items = toPublicQuestion(ordering, { publicId: ordering.id, seed, shuffleChoices: false })
      if (items.type !== 'ordering') throw new Error('not an ordering question')
      orders.add(items.items.map((item) => item.text).join('|'))
      const pairs = toPublicQuestion(matching, { publicId: matching.id, seed, shuffleChoices: false })
      if (pairs.type !== 'matching') throw new Error('not a matching question')
      rights.add(pairs.rights.map((right) => right.text).join('|'))
    }
    expect(orders.size).toBeGreaterThan(5)
    expect(rights.size).toBeGreaterThan(1)
  })

  it('shows every order of a three-item ordering, the answer order no more often than the others', () => {
    // Never showing the answer order would give it away: with two items, the other order is the answer.
    const short = questionSchema.parse({
      ...ordering,
      items: ['First', 'Second', 'Third'],
    }) as QuestionOf<'ordering'>
    const counts = new Map<string, number>()
    const many = Array.from({ length: 600 }, (_, index) => `seed-${index}`)
    for (const seed of many) {
      const shown = publicOf(short, seed)
        .items.map((item) => item.text)
        .join('|')
      counts.set(shown, (counts.get(shown) ?? 0) + 1)
    }
    expect(counts.size).toBe(6)
    // 100 expected each; a fair shuffle stays well inside 60..140 for 600 draws.
    for (const count of counts.values()) expect(count).toBeGreaterThan(60)
    expect(counts.get(short.items.join('|'))).toBeLessThan(140)
  })

  it('keeps matching lefts in their authored order and shuffles only the rights', () => {
    for (const seed of seeds) {
      const shown = publicOf(matching, seed)
      expect(shown.lefts.map((left) => left.text)).toEqual(matching.pairs.map((pair) => pair.left))
      const rights = shown.rights.map((right) => right.text)
      expect([...rights].sort()).toEqual(matching.pairs.map((pair) => pair.right).sort())
    }
  })

  it('derives option ids from the learner id, so they reveal nothing of the author id', () => {
    const asAuthored = publicOf(single, 'seed')
    const asShown = toPublicQuestion(single, { publicId: 'qOpaque', seed: 'seed' })
    expect(asShown.id).toBe('qOpaque')
    if (asShown.type !== 'single' || asAuthored.type !== 'single')
      throw new Error('not a single choice question')
    const shownIds = new Set(asShown.choices.map((choice) => choice.id))
    for (const choice of asAuthored.choices) expect(shownIds.has(choice.id)).toBe(false)
    expect(JSON.stringify(asShown)).not.toContain(single.id)
  })

  it('does not let a left and its right share an id', () => {
    const shown = publicOf(matching, 'seed')
    const leftIds = new Set(shown.lefts.map((left) => left.id))
    for (const right of shown.rights) expect(leftIds.has(right.id)).toBe(false)
  })

  it('is stable for the same seed and question', () => {
    for (const question of Object.values(everyType))
      expect(toPublicQuestion(question, { publicId: question.id, seed: 'attempt-7' })).toEqual(
        toPublicQuestion(question, { publicId: question.id, seed: 'attempt-7' }),
      )
  })

  it('shuffles each question of an attempt independently', () => {
    const twin = questionSchema.parse({
      ...multiple,
      id: 'spief-unrecognised-entities-2',
    }) as QuestionOf<'multiple'>
    const orders = seeds.slice(0, 20).filter(
      (seed) =>
        publicOf(twin, seed)
          .choices.map((choice) => choice.text)
          .join() !==
        publicOf(multiple, seed)
          .choices.map((choice) => choice.text)
          .join(),
    )
    expect(orders.length).toBeGreaterThan(15)
  })

  it('does not modify the question it was given', () => {
    const before = JSON.stringify(everyType)
    for (const question of Object.values(everyType))
      toPublicQuestion(question, { publicId: question.id, seed: 'seed' })
    expect(JSON.stringify(everyType)).toBe(before)
  })

  it('returns plain JSON that survives a round trip unchanged', () => {
    for (const question of Object.values(everyType)) {
      const shown: PublicQuestion = toPublicQuestion(question, { publicId: question.id, seed: 'seed' })
      expect(JSON.parse(JSON.stringify(shown))).toEqual(shown)
    }
  })
})
