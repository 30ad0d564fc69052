import { describe, expect, it } from 'vitest'
import { exportQuestion } from '../../src/bank/export'
import { parseCitedJson } from '../../src/bank/import-json'
import { parseGift } from '../../src/gift/gift-parse'
import { serialiseQuestion } from '../../src/gift/gift-serialise'
import { questionSchema } from '../../src/quiz/question'
import { everyType, single } from './fixtures'

/** Hints travel through every format a question is written in: YAML/JSON (the schema), GIFT, the JSON export. */

const hints = ['Think of the Black Sea.', 'A Russian port | with a bar, and a #, ~ and = in it.']
const withHints = questionSchema.parse({ ...single, hints })

describe('hints in the question schema', () => {
  it('are optional, at most 3, each non-empty and at most 500 characters', () => {
    expect(questionSchema.parse(single).hints).toBeUndefined()
    expect(questionSchema.safeParse({ ...single, hints: ['a', 'b', 'c', 'd'] }).success).toBe(false)
    expect(questionSchema.safeParse({ ...single, hints: [' '] }).success).toBe(false)
    expect(questionSchema.safeParse({ ...single, hints: ['x'.repeat(501)] }).success).toBe(false)
  })
})

describe('hints in GIFT', () => {
  it('are written as // cited-hint: lines, one per hint in order', () => {
    const gift = serialiseQuestion(withHints)
    expect(gift).toContain(`// cited-hint: ${hints[0]}\n// cited-hint: ${hints[1]}\n`)
  })

  it('round-trip for every question type', () => {
    for (const question of Object.values(everyType)) {
      const hinted = questionSchema.parse({ ...question, hints })
      const [item] = parseGift(serialiseQuestion(hinted))
      expect(item?.errors).toEqual([])
      expect(item?.question).toEqual(hinted)
    }
  })

  it('leave a question without cited-hint lines without hints', () => {
    const [item] = parseGift(serialiseQuestion(single))
    expect(item?.question?.hints).toBeUndefined()
  })

  it('refuses a fourth hint with a line number', () => {
    const gift = `// cited-hint: a\n// cited-hint: b\n// cited-hint: c\n// cited-hint: d\n${serialiseQuestion(single)}`
    const [item] = parseGift(gift)
    expect(item?.question).toBeNull()
    expect(item?.errors.join(' ')).toMatch(/^line \d+: hints: /)
  })
})

describe('hints in the JSON export', () => {
  it('are listed beside the question and come back through the JSON import', () => {
    const exported = exportQuestion('set', withHints, [])
    expect(exported.hints).toEqual(hints)
    expect(exportQuestion('set', single, []).hints).toBeUndefined()
    const [item] = parseCitedJson(JSON.stringify([exported]))
    expect(item?.question).toEqual(withHints)
  })
})
