import { describe, expect, it } from 'vitest'
import { parseGift } from '../../src/gift/gift-parse'
import { serialiseGift, serialiseQuestion } from '../../src/gift/gift-serialise'
import { questionSchema } from '../../src/quiz/question'
import { detectFormat } from '../../src/services/question-import'
import { everyType, multiple, numeric, ordering, single, trueFalse } from './fixtures'

const EVIDENCE = '// cited-evidence: diplomatic-courier-mikovic | The pipeline carries over 80% of exports'

describe('serialiseQuestion', () => {
  it('writes a single choice with = and ~, the id as title and the explanation as general feedback', () => {
    expect(serialiseQuestion(single)).toBe(
      [
        EVIDENCE,
        '// cited-tags:',
        '// cited-difficulty: easy',
        '::oil-destination-sea::To which sea does the pipeline carry Kazakh oil? { =Black Sea ~Baltic Sea ~Caspian Sea ~Sea of Azov ####Written in our own words\\: why the answer is right.}',
      ].join('\n'),
    )
  })

  it("writes multiple select with Moodle's weights: +100/n for right, -100/n for wrong", () => {
    expect(serialiseQuestion(multiple)).toContain(
      '{ ~%25%Taiwan ~%25%Kosovo ~%-25%Crimea ~%25%South Ossetia ~%25%Abkhazia ####',
    )
    const three = questionSchema.parse({ ...multiple, answer: ['Taiwan', 'Kosovo', 'Crimea'] })
    expect(serialiseQuestion(three)).toContain('~%33.33333%Taiwan')
  })

  it('writes true/false, numeric with its unit, and ordering as an essay with its items in comments', () => {
    expect(serialiseQuestion(trueFalse)).toContain('{FALSE ####')
    expect(serialiseQuestion(numeric)).toContain('// cited-unit: days\n')
    expect(serialiseQuestion(numeric)).toContain('{#30:2 ####')
    const gift = serialiseQuestion(ordering)
    expect(gift).toContain('// cited-ordering: Tokayev refuses to recognise Donetsk and Luhansk\n')
    expect(gift).toContain('Put these events in order, earliest first. {####')
  })

  it('escapes GIFT syntax in texts and writes newlines as \\n', () => {
    const tricky = questionSchema.parse({
      ...single,
      prompt: 'Is {x} = y: yes ~ no #1?\nSecond line',
      choices: ['a = b', 'c ~ d'],
      answer: 'a = b',
    })
    const gift = serialiseQuestion(tricky)
    expect(gift).toContain('Is \\{x\\} \\= y\\: yes \\~ no \\#1?\\nSecond line { =a \\= b ~c \\~ d')
    expect(parseGift(gift)[0]?.question).toEqual(tricky)
  })

  it('writes a whole set with its category, every type readable back', () => {
    const gift = serialiseGift({ slug: 'fixtures', title: 'Fixtures' }, Object.values(everyType))
    expect(gift.startsWith('// Fixtures: exported from Cited.\n')).toBe(true)
    expect(gift).toContain('$CATEGORY: $course$/fixtures\n')
    const items = parseGift(gift)
    expect(items.flatMap((item) => item.errors)).toEqual([])
    expect(items.map((item) => item.question?.type)).toEqual(Object.values(everyType).map((q) => q.type))
  })
})

describe('detectFormat', () => {
  it('takes the chosen format, else the extension, else the opening of the text', () => {
    expect(detectFormat('gift', 'x.json', '[]')).toBe('gift')
    expect(detectFormat('auto', 'x.json', '::a::')).toBe('json')
    expect(detectFormat('auto', 'x.txt', '[{')).toBe('gift')
    expect(detectFormat('auto', null, '\uFEFF [\n  {"question": {}}]')).toBe('json')
    expect(detectFormat('auto', null, '[html]<p>Q?</p>{T}')).toBe('gift')
    expect(detectFormat(undefined, null, '::title::Q {T}')).toBe('gift')
  })
})
