import { describe, expect, it } from 'vitest'
import { allValid } from '../../src/bank/import-item'
import { parseGift } from '../../src/gift/gift-parse'
import { escapeGift, unescapeGift } from '../../src/gift/gift-text'
import type { Question } from '../../src/quiz/question'

const EVIDENCE = '// cited-evidence: diplomatic-courier-mikovic | The pipeline carries over 80% of exports'

let counter = 0
const newId = () => `q-test-${++counter}`

/** Parses GIFT whose every question gets the same evidence line, and expects every item to be clean. */
function parseClean(gift: string): Question[] {
  const items = parseGift(gift, { newId })
  for (const item of items) expect(item.errors).toEqual([])
  return items.map((item) => item.question as Question)
}

/** One question with evidence, returned parsed. */
function one(question: string, extra = ''): Question {
  const [parsed] = parseClean(`${EVIDENCE}\n${extra}${question}`)
  if (!parsed) throw new Error('nothing parsed')
  return parsed
}

describe('parseGift: question types', () => {
  it('reads multiple choice with one = answer as single choice', () => {
    expect(
      one('::sea::Where does the pipeline end? {=Black Sea ~Baltic Sea ~Caspian Sea ####Novorossiysk.}'),
    ).toMatchObject({
      id: 'sea',
      type: 'single',
      prompt: 'Where does the pipeline end?',
      choices: ['Black Sea', 'Baltic Sea', 'Caspian Sea'],
      answer: 'Black Sea',
      explanation: 'Novorossiysk.',
      difficulty: 'medium',
      evidence: [{ source: 'diplomatic-courier-mikovic', quote: 'The pipeline carries over 80% of exports' }],
    })
  })

  it('reads weighted answers as multiple select: positive weights are right', () => {
    expect(
      one('Which are not recognised? {~%50%Taiwan ~%50%Kosovo ~%-50%Crimea ~Russia ####Both.}'),
    ).toMatchObject({
      type: 'multiple',
      choices: ['Taiwan', 'Kosovo', 'Crimea', 'Russia'],
      answer: ['Taiwan', 'Kosovo'],
    })
  })

  it('reads one 100% weight without penalties as single choice, with a penalty as multiple select', () => {
    expect(one('Pick one {~%100%A ~B ~C ####Why.}')).toMatchObject({ type: 'single', answer: 'A' })
    expect(one('Pick {~%100%A ~%-100%B ~%-100%C ####Why.}')).toMatchObject({
      type: 'multiple',
      answer: ['A'],
    })
  })

  it('reads true/false in all four spellings', () => {
    expect(one('It rained. {T ####Yes.}')).toMatchObject({ type: 'true_false', answer: true })
    expect(one('It rained. {TRUE ####Yes.}')).toMatchObject({ type: 'true_false', answer: true })
    expect(one('It rained. {F ####No.}')).toMatchObject({ type: 'true_false', answer: false })
    expect(one('It rained. {FALSE ####No.}')).toMatchObject({ type: 'true_false', answer: false })
  })

  it('reads short answer with accepted variants', () => {
    expect(
      one('Which port? {=Novorossiysk =Novorossiisk =Novorossijsk ####The CPC terminal.}'),
    ).toMatchObject({
      type: 'text',
      answer: 'Novorossiysk',
      accept: ['Novorossiisk', 'Novorossijsk'],
    })
  })

  it('reads numeric value:tolerance, ranges and a plain value', () => {
    expect(one('Days? {#30:2 ####A month.}')).toMatchObject({ type: 'numeric', answer: 30, tolerance: 2 })
    expect(one('Days? {#28..32 ####A month.}')).toMatchObject({ type: 'numeric', answer: 30, tolerance: 2 })
    expect(one('Days? {#30 ####A month.}')).toMatchObject({ type: 'numeric', answer: 30, tolerance: 0 })
    expect(one('Share? {#=80:5#Right =%50%70:5#Close ####Most.}')).toMatchObject({ answer: 80, tolerance: 5 })
    expect(one('Length? {#1500:10 ####Long.}', '// cited-unit: km\n')).toMatchObject({ unit: 'km' })
  })

  it('reads matching pairs', () => {
    expect(
      one('Match {=Astana -> Kazakhstan =Moscow -> Russia =Kyiv -> Ukraine ####Capitals.}'),
    ).toMatchObject({
      type: 'matching',
      pairs: [
        { left: 'Astana', right: 'Kazakhstan' },
        { left: 'Moscow', right: 'Russia' },
        { left: 'Kyiv', right: 'Ukraine' },
      ],
    })
  })

  it('reads ordering from cited-ordering comments on an empty answer block', () => {
    const gift =
      '// cited-ordering: First\n// cited-ordering: Second\n// cited-ordering: Third\nOrder them {####Dates.}'
    expect(one(gift)).toMatchObject({ type: 'ordering', items: ['First', 'Second', 'Third'] })
  })

  it("reads Moodle's missing-word form as a prompt with a blank", () => {
    expect(one('The pipeline ends at the {=Black ~Baltic ####Why.} Sea.')).toMatchObject({
      prompt: 'The pipeline ends at the _____ Sea.',
    })
  })
})

describe('parseGift: feedback, comments, titles, categories, escapes', () => {
  it('takes general feedback as the explanation over per-answer feedback', () => {
    expect(one('Q? {=A#Right. ~B#Wrong. ####General.}').explanation).toBe('General.')
  })

  it('joins per-answer feedback when there is no general feedback', () => {
    expect(one('Q? {=A#Right because. ~B#Wrong because.}').explanation).toBe('Right because. Wrong because.')
    expect(one('It rained. {T#Wrong, it did.#Yes, it did.}').explanation).toBe('Yes, it did. Wrong, it did.')
  })

  it('ignores ordinary comments and reads difficulty and tags from cited comments', () => {
    const question = one(
      '// a note for colleagues\n// cited-difficulty: hard\n// cited-tags: oil | pipeline\nQ? {T ####Why.}',
    )
    expect(question).toMatchObject({ difficulty: 'hard', tags: ['oil', 'pipeline'] })
  })

  it('turns $CATEGORY into tags for the questions after it, unless cited-tags says otherwise', () => {
    const [first, second] = parseClean(
      `$CATEGORY: $course$/top/Energy/Pipeline\n\n${EVIDENCE}\nQ1 {T ####a}\n\n${EVIDENCE}\n// cited-tags:\nQ2 {F ####b}`,
    )
    expect(first?.tags).toEqual(['Energy', 'Pipeline'])
    expect(second?.tags).toEqual([])
  })

  it('keeps escaped syntax characters as text', () => {
    const question = one(
      '::esc::Is 2 \\= 1 \\+ 1 \\{really\\} \\#1 \\~ok\\: yes? {=a \\= b ~c \\~ d ####x \\# y}',
    )
    expect(question).toMatchObject({
      id: 'esc',
      prompt: 'Is 2 = 1 \\+ 1 {really} #1 ~ok: yes?',
      choices: ['a = b', 'c ~ d'],
      answer: 'a = b',
      explanation: 'x # y',
    })
  })

  it('reads questions spread over several lines, separated by blank lines', () => {
    const [first, second] = parseClean(
      `${EVIDENCE}\n::first::First line\nsecond line {\n=A\n~B\n####Why.\n}\n\n\n${EVIDENCE}\n::next::Next {T ####x}`,
    )
    expect(first).toMatchObject({ id: 'first', prompt: 'First line\nsecond line', choices: ['A', 'B'] })
    expect(second).toMatchObject({ id: 'next', type: 'true_false' })
  })

  it('uses a usable title as the id, and makes one when the title is not kebab-case or gives the answer away', () => {
    expect(one('::Capital Question::Q? {T ####x}').id).toMatch(/^q-test-\d+$/)
    expect(one('::port-novorossiysk::Which port? {=Novorossiysk ####x}').id).toMatch(/^q-test-\d+$/)
    expect(one('::which-port::Which port? {=Novorossiysk ####x}').id).toBe('which-port')
  })

  it('makes random q- ids by default', () => {
    const [item] = parseGift(`${EVIDENCE}\nQ? {T ####x}`)
    expect(item?.question?.id).toMatch(/^q-[a-z0-9]{10}$/)
  })

  it('escapes and unescapes every syntax character', () => {
    const text = 'a ~ b = c # d { e } f : g \\ h\nnext line'
    expect(escapeGift(text)).toBe('a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h\\nnext line')
    expect(unescapeGift(escapeGift(text))).toBe(text)
  })
})

describe('parseGift: a file as Moodle exports it', () => {
  it('reads [html] texts, tab-indented answers, numeric answer lists and Moodle comments', () => {
    const moodle = `// question: 0  name: Switch category to $course$/top/Energy
$CATEGORY: $course$/top/Energy

// question: 12  name: Pipeline end
${EVIDENCE}
::Pipeline end::[html]<p>Where does the <b>CPC</b> pipeline end &amp; load?</p>{
\t=Novorossiysk#<p>Right.</p>
\t~Baku#<p>No.</p>
\t####<p>At the CPC terminal.</p>
}

// question: 13  name: Days
${EVIDENCE}
::Days::[html]How many days?{#
\t=30:0#Exactly.
\t=%50%30:2#Close.
}
`
    const [first, second] = parseClean(moodle)
    expect(first).toMatchObject({
      type: 'single',
      prompt: 'Where does the CPC pipeline end & load?',
      choices: ['Novorossiysk', 'Baku'],
      explanation: 'At the CPC terminal.',
      tags: ['Energy'],
    })
    expect(first?.id).toMatch(/^q-test-/)
    expect(second).toMatchObject({
      type: 'numeric',
      answer: 30,
      tolerance: 0,
      explanation: 'Exactly. Close.',
    })
  })
})

describe('parseGift: evidence', () => {
  it('reads one cited passage per cited-evidence line, in order', () => {
    expect(
      one('Q {T ####Because.}', '// cited-evidence: eastern-express-podcast | A second passage\n').evidence,
    ).toEqual([
      { source: 'diplomatic-courier-mikovic', quote: 'The pipeline carries over 80% of exports' },
      { source: 'eastern-express-podcast', quote: 'A second passage' },
    ])
  })
})

describe('parseGift: errors with line numbers', () => {
  const errorsOf = (gift: string) => parseGift(gift, { newId }).flatMap((item) => item.errors)

  it('reports a question without evidence at its first line', () => {
    const items = parseGift(`${EVIDENCE}\nQ1 {T ####x}\n\n// a comment\nQ2 {T ####x}`, { newId })
    expect(items[0]?.errors).toEqual([])
    expect(items[1]?.errors).toEqual([
      'line 5: no evidence: add a line "// cited-evidence: <source id> | <quote>" above the question',
    ])
    expect(allValid(items)).toBe(false)
  })

  it('reports a missing explanation', () => {
    expect(errorsOf(`${EVIDENCE}\nQ {=A ~B}`)).toEqual([
      'line 2: no explanation: add general feedback at the end of the answer block, e.g. {=A ~B ####Why A.}',
    ])
  })

  it('reports syntax errors at the line they are on', () => {
    expect(errorsOf(`${EVIDENCE}\nJust a description`)).toEqual([
      expect.stringMatching(/^line 2: no answer block/),
    ])
    expect(errorsOf(`${EVIDENCE}\nQ\n{=A\n~B ####x`)).toEqual([
      expect.stringMatching(/^line 3: the answer block .* never closed/),
    ])
    expect(errorsOf(`${EVIDENCE}\n::open title\nQ {T}`)).toEqual([
      expect.stringMatching(/^line 2: the title is not closed/),
    ])
    expect(errorsOf(`${EVIDENCE}\nQ {T ####x}\nmore {F}`)).toEqual([
      'line 3: a question has one answer block only',
    ])
  })

  it('reports unsupported or contradictory answers', () => {
    expect(errorsOf(`${EVIDENCE}\nQ {}`)).toEqual([
      expect.stringMatching(/^line 2: an empty answer block \{\} is a Moodle essay/),
    ])
    expect(errorsOf(`${EVIDENCE}\nQ {=A =%50%B ~C ####x}`)).toEqual([
      expect.stringMatching(/^line 2: more than one answer marked with =/),
    ])
    expect(errorsOf(`${EVIDENCE}\nQ {=A ~%50%B ~C ####x}`)).toEqual([expect.stringMatching(/partial credit/)])
    expect(errorsOf(`${EVIDENCE}\nQ {~A ~B ####x}`)).toEqual([
      expect.stringMatching(/^line 2: no right answer/),
    ])
    expect(errorsOf(`${EVIDENCE}\nQ {#abc ####x}`)).toEqual([
      expect.stringMatching(/^line 2: "abc" is not a number/),
    ])
    expect(errorsOf(`${EVIDENCE}\nQ {=a -> 1 = -> 2 ####x}`)).toEqual([
      expect.stringMatching(/no left-hand side/),
    ])
  })

  it('reports schema errors (too few choices, a long quote, a bad difficulty) with the line', () => {
    const longQuote = Array.from({ length: 30 }, () => 'word').join(' ')
    expect(errorsOf(`// cited-evidence: src | ${longQuote}\nQ {=A ~B ####x}`)).toEqual([
      'line 2: evidence.0.quote: quote is longer than 25 words',
    ])
    expect(errorsOf(`${EVIDENCE}\nQ {=a -> 1 =b -> 2 ####x}`)).toEqual([
      expect.stringMatching(/^line 2: pairs: /),
    ])
    expect(errorsOf(`${EVIDENCE}\n// cited-difficulty: tough\nQ {T ####x}`)).toEqual([
      'line 3: cited-difficulty must be one of easy, medium, hard',
    ])
    expect(errorsOf('// cited-evidence: no bar here\nQ {T ####x}')).toEqual([
      'line 2: cited-evidence must read "<source id> | <quote>"',
    ])
  })

  it('reports every bad question of a file, each at its own line', () => {
    const errors = errorsOf(
      `${EVIDENCE}\nGood {T ####x}\n\nBad one {T ####x}\n\n${EVIDENCE}\nBad two {~A ####x}`,
    )
    expect(errors).toEqual([
      expect.stringMatching(/^line 4: no evidence/),
      expect.stringMatching(/^line 7: no right answer/),
    ])
  })
})
