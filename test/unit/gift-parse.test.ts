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

const errorsOf = (gift: string) => parseGift(gift, { newId }).flatMap((item) => item.errors)

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

  it('keeps per-answer feedback of choice questions per choice, not in the explanation', () => {
    expect(one('Q? {=A#Right because. ~B#Wrong because. ~C ####Why.}')).toMatchObject({
      type: 'single',
      feedback: { A: 'Right because.', B: 'Wrong because.' },
      explanation: 'Why.',
    })
    expect(one('Q? {~%50%A#Yes A ~%50%B ~%-50%C#Not C ####Why.}')).toMatchObject({
      type: 'multiple',
      feedback: { A: 'Yes A', C: 'Not C' },
    })
    expect(one('Q? {=A ~B ####Why.}')).not.toHaveProperty('feedback')
  })

  it('keeps true/false feedback on the answer Moodle shows it for: #wrong answer#right answer', () => {
    expect(one('It rained. {T#No, it did.#Yes, it did. ####Why.}')).toHaveProperty('feedback', {
      True: 'Yes, it did.',
      False: 'No, it did.',
    })
    expect(one('It rained. {FALSE#It did not.#Right, it did not. ####Why.}')).toHaveProperty('feedback', {
      False: 'Right, it did not.',
      True: 'It did not.',
    })
  })

  it('writes an explanation naming the answer when the file has no general feedback', () => {
    expect(one('Q? {=A#Right because. ~B#Wrong because.}').explanation).toBe('The answer is: A.')
    expect(one('It rained. {T}').explanation).toBe('The answer is: True.')
    // Numeric and short answers have no choices: their per-answer feedback is the explanation, as before.
    expect(one('Q? {=Paris#The capital.}').explanation).toBe('The capital.')
  })

  it('reads format markers on answers and feedback as on the question text', () => {
    const question = one(
      'Q? {=[html]<b>Black</b> Sea#[html]Right, <i>Black</i>. ~[plain]<b>Baltic</b>#[markdown]*No* ~Caspian ####[html]<p>Why &amp; how.</p>}',
    )
    expect(question).toMatchObject({
      choices: ['Black Sea', '<b>Baltic</b>', 'Caspian'],
      answer: 'Black Sea',
      feedback: { 'Black Sea': 'Right, Black.', '<b>Baltic</b>': '*No*' },
      explanation: 'Why & how.',
    })
    // Answers without a marker take the question text's.
    expect(one('[html]<p>Q?</p>{=<b>A</b>#<i>yes</i> ~B ####x}')).toMatchObject({
      prompt: 'Q?',
      choices: ['A', 'B'],
      feedback: { A: 'yes' },
    })
  })

  it("reads Moodle's numeric shorthand {#3:2 ~#Completely wrong} as Moodle does", () => {
    expect(one('Pick a number from 1 to 5. {#3:2 ~#Completely wrong}')).toMatchObject({
      type: 'numeric',
      answer: 3,
      tolerance: 2,
      explanation: 'Completely wrong',
    })
    expect(one('Born? {#=1822:0#Full credit. =%50%1822:2#Close. ~#No. ####Grant.}')).toMatchObject({
      answer: 1822,
      tolerance: 0,
      explanation: 'Grant.',
    })
  })

  it("turns Moodle's [tag:] and [id:] comments into tags, beside the category", () => {
    const [question] = parseClean(
      `$CATEGORY: $course$/Energy

${EVIDENCE}
// [id:Q12] [tag:oil] [tag:pipeline]
Q {T ####a}`,
    )
    expect(question?.tags).toEqual(['Energy', 'id:Q12', 'oil', 'pipeline'])
    const [tagged] = parseClean(`${EVIDENCE}
// [tag:oil]
// cited-tags: mine
Q {T ####a}`)
    expect(tagged?.tags).toEqual(['mine'])
  })

  it("refuses Moodle's * wildcard in a short answer, and reads \\* as an asterisk", () => {
    expect(
      errorsOf(`${EVIDENCE}
Q? {=colo*r ####x}`),
    ).toEqual([
      expect.stringMatching(
        /^line 2: short answer "colo\*r" uses Moodle's \* wildcard, which Cited does not support/,
      ),
    ])
    expect(one('Q? {=5 \\* 3 ####x}')).toMatchObject({ type: 'text', answer: '5 * 3' })
  })

  it('reads what Moodle reads: a bare short answer, a %…% after = in a multiple choice as text', () => {
    expect(one('Q? {a -> b ####x}')).toMatchObject({ type: 'text', answer: 'a -> b' })
    expect(one('Q? {=%80% of exports ~%0%%20% of exports ####x}')).toMatchObject({
      type: 'single',
      choices: ['%80% of exports', '%20% of exports'],
      answer: '%80% of exports',
    })
    // Moodle's true/false spellings are upper case; {true} is a short answer.
    expect(one('Q? {true ####x}')).toMatchObject({ type: 'text', answer: 'true' })
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
  it('reads a question without evidence as uncited, and one cited-evidence line per passage', () => {
    const items = parseGift(
      `// a comment\nQ1 {T ####x}\n\n${EVIDENCE}\n// cited-evidence: other-source | A second passage\nQ2 {T ####x}`,
      { newId },
    )
    expect(items.flatMap((item) => item.errors)).toEqual([])
    expect(items[0]?.question?.evidence).toEqual([])
    expect(items[1]?.question?.evidence).toEqual([
      { source: 'diplomatic-courier-mikovic', quote: 'The pipeline carries over 80% of exports' },
      { source: 'other-source', quote: 'A second passage' },
    ])
    expect(allValid(items)).toBe(true)
  })

  it('reads an ordinary Moodle file: no evidence, no general feedback, per-answer feedback', () => {
    const items = parseGift(
      "::Q1:: What's between orange and green in the spectrum?\n{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }\n\n::Q7:: When was Ulysses S. Grant born? {#\n  =1822:0 # Correct! Full credit.\n  =%50%1822:2 # He was born in 1822. Half credit for being close.\n}\n\nGrant is buried in Grant's tomb.{FALSE}\n",
      { newId },
    )
    expect(items.flatMap((item) => item.errors)).toEqual([])
    expect(items.map((item) => item.question?.type)).toEqual(['single', 'numeric', 'true_false'])
    expect(items[0]?.question).toMatchObject({
      answer: 'yellow',
      feedback: { yellow: 'right; good!', red: "wrong, it's yellow", blue: "wrong, it's yellow" },
      evidence: [],
    })
  })

  it('reports per-choice feedback the schema refuses, at the line', () => {
    expect(errorsOf(`${EVIDENCE}\nQ {=A#${'x'.repeat(501)} ~B ####x}`)).toEqual([
      expect.stringMatching(/^line 2: feedback\.A: /),
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
      `${EVIDENCE}\nGood {T ####x}\n\nBad one {#one ####x}\n\n${EVIDENCE}\nBad two {~A ####x}`,
    )
    expect(errors).toEqual([
      expect.stringMatching(/^line 4: "one" is not a number/),
      expect.stringMatching(/^line 7: no right answer/),
    ])
  })
})
