import { describe, expect, it } from 'vitest'
import { optionId } from '../../src/quiz/option-id'
import { type PublicQuestion, type PublicQuestionOf, toPublicQuestion } from '../../src/quiz/public-question'
import { type Question, type QuestionOf, questionSchema } from '../../src/quiz/question'
import { everyType, matching, multiple, numeric, ordering, single, text, trueFalse } from './fixtures'

const seeds = Array.from({ length: 200 }, (_, index) => `attempt-${index}`)

function publicOf<T extends Question['type']>(question: QuestionOf<T>, seed: string) {
  return toPublicQuestion(question, seed) as PublicQuestionOf<T>
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
      keys[name] = Object.keys(toPublicQuestion(question, 'seed')).sort()
    expect(keys).toEqual({
      single: ['choices', 'id', 'prompt', 'type'],
      multiple: ['choices', 'id', 'prompt', 'type'],
      trueFalse: ['id', 'prompt', 'type'],
      numeric: ['id', 'prompt', 'type', 'unit'],
      ordering: ['id', 'items', 'prompt', 'type'],
      matching: ['id', 'lefts', 'prompt', 'rights', 'type'],
      text: ['id', 'prompt', 'type'],
    })
  })

  it('gives every option just an opaque id and its text, with no correctness marker', () => {
    for (const question of Object.values(everyType)) {
      const json = JSON.stringify(toPublicQuestion(question, 'seed'))
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
      const json = JSON.stringify(toPublicQuestion(question, 'seed'))
      expect(json).not.toContain(question.explanation)
      expect(json).not.toContain(question.evidence.quote)
      expect(json).not.toContain(question.evidence.source)
    }
  })

  it('never contains a typed answer or its accepted variants', () => {
    const json = JSON.stringify(toPublicQuestion(text, 'seed'))
    for (const accepted of [text.answer, ...text.accept]) expect(json).not.toContain(accepted)
  })

  it('never contains the value of a numeric or true/false answer', () => {
    expect(JSON.stringify(toPublicQuestion(numeric, 'seed'))).not.toContain('30')
    expect(JSON.stringify(toPublicQuestion(trueFalse, 'seed'))).not.toMatch(/:\s*(true|false)\b/)
    expect(toPublicQuestion(trueFalse, 'seed')).toEqual({
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
        const shown = toPublicQuestion(question, seed, { shuffleChoices: false })
        if (shown.type !== 'single' && shown.type !== 'multiple') throw new Error('not a choice question')
        expect(shown.choices.map((choice) => choice.text)).toEqual(question.choices)
      }
    }
  })

  it('still never shows ordering items or matching rights in the answer order with shuffleChoices: false', () => {
    for (const seed of seeds) {
      const items = toPublicQuestion(ordering, seed, { shuffleChoices: false })
      if (items.type !== 'ordering') throw new Error('not an ordering question')
      expect(items.items.map((item) => item.text)).not.toEqual(ordering.items)
      const pairs = toPublicQuestion(matching, seed, { shuffleChoices: false })
      if (pairs.type !== 'matching') throw new Error('not a matching question')
      expect(pairs.rights.map((right) => right.text)).not.toEqual(matching.pairs.map((pair) => pair.right))
    }
  })

  it('never shows ordering items in their authored (correct) order', () => {
    for (const seed of seeds) {
      const shown = publicOf(ordering, seed).items.map((item) => item.text)
      expect(shown, seed).not.toEqual(ordering.items)
      expect([...shown].sort()).toEqual([...ordering.items].sort())
    }
  })

  it('never shows a three-item ordering in its correct order either', () => {
    const short = questionSchema.parse({
      ...ordering,
      items: ['First', 'Second', 'Third'],
    }) as QuestionOf<'ordering'>
    const seen = new Set<string>()
    for (const seed of seeds) {
      const shown = publicOf(short, seed).items.map((item) => item.text)
      expect(shown).not.toEqual(short.items)
      seen.add(shown.join('|'))
    }
    // all five wrong orders turn up
    expect(seen.size).toBe(5)
  })

  it('keeps matching lefts in their authored order and shuffles the rights away from them', () => {
    for (const seed of seeds) {
      const shown = publicOf(matching, seed)
      expect(shown.lefts.map((left) => left.text)).toEqual(matching.pairs.map((pair) => pair.left))
      const rights = shown.rights.map((right) => right.text)
      expect(rights, seed).not.toEqual(matching.pairs.map((pair) => pair.right))
      expect([...rights].sort()).toEqual(matching.pairs.map((pair) => pair.right).sort())
    }
  })

  it('does not let a left and its right share an id', () => {
    const shown = publicOf(matching, 'seed')
    const leftIds = new Set(shown.lefts.map((left) => left.id))
    for (const right of shown.rights) expect(leftIds.has(right.id)).toBe(false)
  })

  it('is stable for the same seed and question', () => {
    for (const question of Object.values(everyType))
      expect(toPublicQuestion(question, 'attempt-7')).toEqual(toPublicQuestion(question, 'attempt-7'))
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
    for (const question of Object.values(everyType)) toPublicQuestion(question, 'seed')
    expect(JSON.stringify(everyType)).toBe(before)
  })

  it('returns plain JSON that survives a round trip unchanged', () => {
    for (const question of Object.values(everyType)) {
      const shown: PublicQuestion = toPublicQuestion(question, 'seed')
      expect(JSON.parse(JSON.stringify(shown))).toEqual(shown)
    }
  })
})
