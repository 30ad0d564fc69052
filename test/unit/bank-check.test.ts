import { describe, expect, it } from 'vitest'
import { type BankFile, checkBank } from '../../src/bank/bank'
import { formatBankError } from '../../src/bank/yaml-file'

const sourcesFile: BankFile = {
  path: 'questions/sources.yaml',
  text: `- id: courier
  title: Kazakhstan is slowly turning its back to Russia
  outlet: Diplomatic Courier
  author: Nikola Mikovic
  date: 2022-07-13
  kind: article
  reliability: Signed analysis.
  file: courier.txt

- id: blog
  title: A wedge between Russia and Kazakhstan
  outlet: Untitled personal blog
  author: Unknown blogger
  date: 2022-07
  kind: blog post
  reliability: An opinion blog.
`,
}

const courierText = `In July the pipeline, which takes oil from Kazakhstan to the Black Sea,
was ordered by a Russian court to suspend activity for 30 days. The pipeline carries
over 80% of Kazakhstan’s total oil exports — the “lifeline” of its economy.`

/** One question in the YAML an author would write, indented as a list entry under `questions:`. */
function question(
  id: string,
  extra = '',
  quote = 'was ordered by a Russian court to suspend activity for 30 days',
) {
  return `  - id: ${id}
    type: single
    prompt: To which sea does the pipeline carry Kazakh oil?
    choices: [Black Sea, Baltic Sea, Caspian Sea]
    answer: Black Sea
    explanation: It ends at the Black Sea.
    difficulty: easy
    evidence:
      source: courier
      quote: "${quote}"
${extra}`
}

function setFile(
  slug: string,
  questions: string[],
  { position = '', path = `questions/sets/${slug}.yaml` } = {},
) {
  return {
    path,
    text: `slug: ${slug}
title: The pipeline
description: Questions about the pipeline.
${position}questions:
${questions.join('\n')}`,
  }
}

/** 1-based line of the first line of `file` containing `needle`, for asserting where an error points. */
function lineWith(file: BankFile, needle: string, after = 0): number {
  const lines = file.text.split('\n')
  const index = lines.findIndex((line, at) => at >= after && line.includes(needle))
  if (index < 0) throw new Error(`"${needle}" is not in ${file.path}`)
  return index + 1
}

describe('checkBank', () => {
  it('accepts a valid minimal bank with no errors', () => {
    const { bank, errors } = checkBank(sourcesFile, [setFile('pipeline', [question('oil-sea')])])
    expect(errors).toEqual([])
    expect(bank.sources.map((source) => source.id)).toEqual(['courier', 'blog'])
    expect(bank.sets).toHaveLength(1)
    expect(bank.sets[0]?.questions[0]).toMatchObject({
      id: 'oil-sea',
      type: 'single',
      answer: 'Black Sea',
      tags: [],
    })
  })

  it('reads optional per-choice feedback, and reports a key that is no choice at its line', () => {
    const good = setFile('pipeline', [
      question('oil-sea', '    feedback:\n      Baltic Sea: The northern route.\n'),
    ])
    const { bank, errors } = checkBank(sourcesFile, [good])
    expect(errors).toEqual([])
    expect(bank.sets[0]?.questions[0]).toMatchObject({ feedback: { 'Baltic Sea': 'The northern route.' } })
    const bad = setFile('pipeline', [question('oil-sea', '    feedback:\n      Red Sea: Not a choice.\n')])
    const checked = checkBank(sourcesFile, [bad])
    expect(checked.errors.map(formatBankError)).toEqual([
      `questions/sets/pipeline.yaml:${lineWith(bad, 'Red Sea')}: questions.0.feedback.Red Sea: feedback for "Red Sea", which is not a choice`,
    ])
  })

  it('reads YAML dates of sources as ISO date strings', () => {
    const { bank } = checkBank(sourcesFile, [])
    expect(bank.sources.map((source) => source.date)).toEqual(['2022-07-13', '2022-07'])
  })

  it('sorts sets by position, then by slug, with 100 as the default position', () => {
    const { bank, errors } = checkBank(sourcesFile, [
      setFile('zeta', [question('q-zeta')]),
      setFile('later', [question('q-later')], { position: 'position: 3\n' }),
      setFile('alpha', [question('q-alpha')]),
      setFile('first', [question('q-first')], { position: 'position: 1\n' }),
      setFile('also-later', [question('q-also-later')], { position: 'position: 3\n' }),
    ])
    expect(errors).toEqual([])
    expect(bank.sets.map((set) => [set.slug, set.position])).toEqual([
      ['first', 1],
      ['also-later', 3],
      ['later', 3],
      ['alpha', 100],
      ['zeta', 100],
    ])
  })

  it('reports an id that spells out the answer, at the id line', () => {
    const file = setFile('pipeline', [question('oil-black-sea-end')])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      file: file.path,
      line: lineWith(file, 'id: oil-black-sea-end'),
      message: expect.stringContaining('contains the answer "Black Sea"'),
    })
  })

  it('reports an unknown field with its file and line', () => {
    const file = setFile('pipeline', [question('oil-sea', '    hint: think of the colour\n')])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      file: file.path,
      message: expect.stringContaining('unknown field hint'),
    })
    // the entry that holds the field, which starts at its id
    expect(errors[0]?.line).toBe(lineWith(file, 'id: oil-sea'))
  })

  it('reports an unknown field at the top of a set file', () => {
    const file = setFile('pipeline', [question('oil-sea')])
    file.text = `colour: blue\n${file.text}`
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([{ file: file.path, line: 1, message: 'unknown field colour' }])
  })

  it('reports a question id used in two files, at the second, naming the first', () => {
    const first = setFile('pipeline', [question('oil-sea')])
    const second = setFile('routes', [question('routes-rail'), question('oil-sea')])
    const { errors } = checkBank(sourcesFile, [first, second])
    expect(errors).toEqual([
      {
        file: second.path,
        line: lineWith(second, 'id: oil-sea'),
        message: `duplicate question id "oil-sea" (also in ${first.path})`,
      },
    ])
  })

  it('reports a question id used twice in one file', () => {
    const file = setFile('pipeline', [question('oil-sea'), question('oil-sea')])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, 'id: oil-sea', lineWith(file, 'id: oil-sea')),
        message: `duplicate question id "oil-sea" (also in ${file.path})`,
      },
    ])
  })

  it('reports a single-choice answer that is not among the choices, at the answer', () => {
    const file = setFile('pipeline', [question('oil-sea').replace('answer: Black Sea', 'answer: Red Sea')])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, 'answer: Red Sea'),
        message: 'questions.0.answer: answer "Red Sea" is not one of the choices',
      },
    ])
  })

  it('reports each multiple-choice answer that is not among the choices, on its own line', () => {
    const multiple = `  - id: spief-entities
    type: multiple
    prompt: Which does Kazakhstan not recognise?
    choices: [Taiwan, Kosovo, Crimea]
    answer:
      - Taiwan
      - Abkhazia
    explanation: Our own words.
    difficulty: easy
    evidence:
      source: courier
      quote: "over 80%"
`
    const file = setFile('spief', [multiple])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, '- Abkhazia'),
        message: 'questions.0.answer.1: answer "Abkhazia" is not one of the choices',
      },
    ])
  })

  it('reports an ordering with a repeated item, at the repeat', () => {
    const ordering = `  - id: oil-timeline
    type: ordering
    prompt: Put these in order.
    items:
      - The forum
      - The court order
      - The forum
    explanation: Our own words.
    difficulty: medium
    evidence:
      source: courier
      quote: "over 80%"
`
    const file = setFile('pipeline', [ordering])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, '- The forum', lineWith(file, '- The court order')),
        message: 'questions.0.items.2: duplicate item "The forum"',
      },
    ])
  })

  it('reports a matching with a repeated right, at the repeated pair', () => {
    const matching = `  - id: people
    type: matching
    prompt: Match each person to their role.
    pairs:
      - { left: Satpaev, right: Political scientist }
      - { left: Peskov, right: Spokesman }
      - { left: Pannier, right: Spokesman }
    explanation: Our own words.
    difficulty: medium
    evidence:
      source: courier
      quote: "over 80%"
`
    const file = setFile('people', [matching])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, 'left: Pannier'),
        message: 'questions.0.pairs.2: duplicate right "Spokesman"',
      },
    ])
  })

  it('reports a duplicate choice', () => {
    const file = setFile('pipeline', [
      question('oil-sea').replace(
        '[Black Sea, Baltic Sea, Caspian Sea]',
        '[Black Sea, Baltic Sea, Black Sea]',
      ),
    ])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors.map((error) => error.message)).toEqual([
      'questions.0.choices.2: duplicate choice "Black Sea"',
    ])
    expect(errors[0]?.line).toBe(lineWith(file, 'choices:'))
  })

  it('reports an evidence source that sources.yaml does not list, at the source', () => {
    const file = setFile('pipeline', [question('oil-sea').replace('source: courier', 'source: bloomberg')])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      { file: file.path, line: lineWith(file, 'source: bloomberg'), message: 'unknown source "bloomberg"' },
    ])
  })

  it('reports a quote longer than 25 words, at the quote', () => {
    const long = Array.from({ length: 26 }, (_, index) => `word${index}`).join(' ')
    const file = setFile('pipeline', [question('oil-sea', '', long)])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, 'quote:'),
        message: 'questions.0.evidence.quote: quote is longer than 25 words',
      },
    ])
  })

  it('accepts a quote of exactly 25 words', () => {
    const exact = Array.from({ length: 25 }, (_, index) => `word${index}`).join(' ')
    expect(checkBank(sourcesFile, [setFile('pipeline', [question('oil-sea', '', exact)])]).errors).toEqual([])
  })

  it('reports a slug that does not match the file name, at the slug', () => {
    const file = setFile('pipeline', [question('oil-sea')], { path: 'questions/sets/oil.yaml' })
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      { file: file.path, line: 1, message: 'slug "pipeline" must match the file name "oil"' },
    ])
  })

  it('accepts the .yml extension for the file name', () => {
    const file = setFile('pipeline', [question('oil-sea')], { path: 'questions/sets/pipeline.yml' })
    expect(checkBank(sourcesFile, [file]).errors).toEqual([])
  })

  it('reports a question id that is not kebab-case', () => {
    const file = setFile('pipeline', [question('Oil_Sea')])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, 'id: Oil_Sea'),
        message: 'questions.0.id: id must be kebab-case (a-z, 0-9 and single hyphens)',
      },
    ])
  })

  it('reports a missing required field on the question that lacks it', () => {
    const file = setFile('pipeline', [
      question('oil-sea').replace('    explanation: It ends at the Black Sea.\n', ''),
    ])
    const { errors } = checkBank(sourcesFile, [file])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ file: file.path, line: lineWith(file, 'id: oil-sea') })
    expect(errors[0]?.message).toMatch(/^questions\.0\.explanation: /)
  })

  it('reports a YAML syntax error with its line and skips the file', () => {
    const file = setFile('pipeline', [question('oil-sea')])
    file.text = file.text.replace('title: The pipeline', 'title: The pipeline\ntitle: Again')
    const { bank, errors } = checkBank(sourcesFile, [file])
    expect(bank.sets).toEqual([])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ file: file.path, line: lineWith(file, 'title: Again') })
  })

  it('reports problems in sources.yaml against that file', () => {
    const broken: BankFile = {
      path: 'questions/sources.yaml',
      text: `${sourcesFile.text}
- id: courier
  title: Again
  outlet: Diplomatic Courier
  author: Nikola Mikovic
  date: 2022-07-13
  kind: newspaper
  reliability: Signed analysis.
`,
    }
    const { errors } = checkBank(broken, [])
    expect(errors).toEqual([
      {
        file: broken.path,
        line: lineWith(broken, 'kind: newspaper'),
        message: expect.stringMatching(/^2\.kind: /),
      },
    ])
  })

  it('reports a source id listed twice', () => {
    const twice: BankFile = {
      path: 'questions/sources.yaml',
      text: `${sourcesFile.text}
- id: blog
  title: Again
  outlet: Another blog
  author: Someone
  date: 2022-08
  kind: blog post
  reliability: Another opinion blog.
`,
    }
    const { errors } = checkBank(twice, [])
    expect(errors).toEqual([
      { file: twice.path, line: lineWith(twice, 'id: blog', 12), message: 'duplicate source id "blog"' },
    ])
  })

  it('reports a set slug used by two files', () => {
    const first = setFile('pipeline', [question('oil-sea')])
    const second = setFile('pipeline', [question('oil-port')], { path: 'elsewhere/pipeline.yaml' })
    const { errors } = checkBank(sourcesFile, [first, second])
    expect(errors).toEqual([{ file: second.path, line: 1, message: 'duplicate set slug "pipeline"' }])
  })

  it('collects errors from every file rather than stopping at the first', () => {
    const first = setFile('pipeline', [question('oil-sea').replace('source: courier', 'source: nowhere')])
    const second = setFile('routes', [question('oil-sea')], { path: 'questions/sets/wrong.yaml' })
    const { errors } = checkBank(sourcesFile, [first, second])
    expect(errors.map((error) => error.file)).toEqual([first.path, second.path, second.path])
  })

  it('formats errors as file:line: message', () => {
    expect(formatBankError({ file: 'questions/sets/x.yaml', line: 12, message: 'unknown field hint' })).toBe(
      'questions/sets/x.yaml:12: unknown field hint',
    )
  })
})

describe('checkBank with source texts', () => {
  const texts = new Map([['courier.txt', courierText]])

  it('accepts quotes that occur in their source, whatever the quote marks, dashes and line breaks', () => {
    const quotes = [
      'was ordered by a Russian court to suspend activity for 30 days',
      'over 80% of Kazakhstan\'s total oil exports - the "lifeline" of its economy',
      'which takes oil from Kazakhstan to the Black Sea, was ordered',
    ]
    const file = setFile(
      'pipeline',
      quotes.map((quote, index) => question(`q-${index}`, '', quote.replaceAll('"', '\\"'))),
    )
    expect(checkBank(sourcesFile, [file], texts).errors).toEqual([])
  })

  it('reports a quote that is not in the source text, at the quote', () => {
    const file = setFile('pipeline', [
      question('oil-sea', '', 'was ordered by a Russian court to suspend activity for 60 days'),
    ])
    const { errors } = checkBank(sourcesFile, [file], texts)
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, 'quote:'),
        message: 'quote not found in the text of "courier"',
      },
    ])
  })

  it('reports a quote whose source has no text to check against', () => {
    const file = setFile('pipeline', [question('oil-sea').replace('source: courier', 'source: blog')])
    const { errors } = checkBank(sourcesFile, [file], texts)
    expect(errors).toEqual([
      {
        file: file.path,
        line: lineWith(file, 'source: blog'),
        message: 'no source text to check the quote against',
      },
    ])
  })

  it('does not check quotes at all without source texts', () => {
    const file = setFile('pipeline', [question('oil-sea', '', 'words nobody ever wrote')])
    expect(checkBank(sourcesFile, [file]).errors).toEqual([])
  })
})
