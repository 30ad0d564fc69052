import { describe, expect, it } from 'vitest'
import { parseGift } from '../../src/gift/gift-parse'
import { serialiseGift, serialiseQuestion } from '../../src/gift/gift-serialise'
import { type Question, questionSchema } from '../../src/quiz/question'
import { detectFormat } from '../../src/services/question-import'
import { everyType, matching, multiple, numeric, ordering, single, text, trueFalse } from './fixtures'

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

/** Export then import: the question must come back field for field. */
function roundTrip(question: Question): Question | null {
  const [item] = parseGift(serialiseQuestion(question))
  expect(item?.errors).toEqual([])
  return item?.question ?? null
}

/**
 * How Moodle's importer (qformat_gift::readquestion) picks a question type
 * from the answer block, with escaped characters already set aside: enough to
 * check the exporter never writes a block Moodle would read as another type.
 */
function moodleType(gift: string): string {
  const line = gift.split('\n').find((each) => !each.startsWith('//')) ?? ''
  const hidden = line.replace(/\\\\|\\[:#={}~n]/g, '_')
  const open = hidden.indexOf('{')
  const answers =
    hidden
      .slice(open + 1, hidden.indexOf('}'))
      .split('####')[0]
      ?.trim() ?? ''
  if (answers === '') return 'essay'
  if (answers.startsWith('#')) return 'numerical'
  if (answers.includes('~')) return 'multichoice'
  if (answers.includes('=') && answers.includes('->')) return 'match'
  const head = answers.includes('#') ? answers.slice(0, answers.indexOf('#')).trim() : answers
  return ['T', 'TRUE', 'F', 'FALSE'].includes(head) ? 'truefalse' : 'shortanswer'
}

describe('serialiseQuestion protects what it writes, so Moodle and Cited read it back unchanged', () => {
  const tricky = [
    'a -> b',
    '%80% of exports',
    '%-50% less',
    '<b>bold</b> & co',
    'x ~ y = z # w { v } : u',
    '[html] is a marker',
    'back\\slash and a\nnew line',
    '// not a comment',
    '5 * 3',
    '####',
  ]

  it('round-trips tricky texts in prompts, choices, feedback and explanations', () => {
    for (const value of tricky) {
      const choices = [value, `${value} (no)`, 'Other']
      const question = questionSchema.parse({
        ...single,
        prompt: value,
        explanation: value,
        choices,
        answer: value,
        feedback: { [value]: value, [`${value} (no)`]: value },
      })
      expect(roundTrip(question)).toEqual(question)
      expect(moodleType(serialiseQuestion(question))).toBe('multichoice')
      const wrongFirst = questionSchema.parse({ ...question, answer: 'Other' })
      expect(roundTrip(wrongFirst)).toEqual(wrongFirst)
      const several = questionSchema.parse({
        ...multiple,
        choices,
        answer: [value, 'Other'],
        feedback: { Other: value },
      })
      expect(roundTrip(several)).toEqual(several)
    }
  })

  it('round-trips tricky short answers, matching pairs and true/false feedback', () => {
    for (const value of tricky) {
      const alone = questionSchema.parse({ ...text, answer: value, accept: [] })
      expect(roundTrip(alone)).toEqual(alone)
      expect(moodleType(serialiseQuestion(alone))).toBe('shortanswer')
      if (!value.includes('->')) {
        const variants = questionSchema.parse({ ...text, answer: value, accept: [`${value}!`] })
        expect(roundTrip(variants)).toEqual(variants)
        expect(moodleType(serialiseQuestion(variants))).toBe('shortanswer')
      }
      const pairs = questionSchema.parse({
        ...matching,
        pairs: [
          { left: value.replace('->', '→'), right: value },
          { left: 'L2', right: 'R2' },
          { left: 'L3', right: 'R3' },
        ],
      })
      expect(roundTrip(pairs)).toEqual(pairs)
      expect(moodleType(serialiseQuestion(pairs))).toBe('match')
      const truth = questionSchema.parse({ ...trueFalse, feedback: { True: value, False: `${value}.` } })
      expect(roundTrip(truth)).toEqual(truth)
      expect(moodleType(serialiseQuestion(truth))).toBe('truefalse')
    }
  })

  it("keeps where a passage is in its source's text (paragraph, sentence)", () => {
    const positioned = questionSchema.parse({
      ...single,
      evidence: [
        { source: 'diplomatic-courier-mikovic', quote: 'A quote', paragraph: 3, sentence: 2 },
        { source: 'blog', quote: 'Another | with a bar', paragraph: 0 },
        { source: 'blog', quote: 'Unplaced' },
      ],
    })
    const gift = serialiseQuestion(positioned)
    expect(gift).toContain('// cited-evidence: diplomatic-courier-mikovic @p3s2 | A quote\n')
    expect(roundTrip(positioned)).toEqual(positioned)
  })

  it('writes the protections Moodle needs', () => {
    const percent = questionSchema.parse({
      ...single,
      choices: ['%80% of it', '%20% of it'],
      answer: '%80% of it',
    })
    expect(serialiseQuestion(percent)).toContain('{ =%80% of it ~%0%%20% of it ####')
    const markup = questionSchema.parse({ ...single, prompt: 'Is 1 < 2 & 3?' })
    expect(serialiseQuestion(markup)).toContain('::oil-destination-sea::[plain]Is 1 < 2 & 3? {')
    const arrow = questionSchema.parse({ ...text, answer: 'a -> b', accept: [] })
    expect(serialiseQuestion(arrow)).toContain('{ a -> b ####')
    const star = questionSchema.parse({ ...text, answer: '5 * 3', accept: ['%5'] })
    expect(serialiseQuestion(star)).toContain('{ =5 \\* 3 =%100%%5 ####')
    const onlyWrong = questionSchema.parse({ ...trueFalse, feedback: { True: 'No: he refused.' } })
    expect(serialiseQuestion(onlyWrong)).toContain('{FALSE#No\\: he refused. ####')
  })
})
